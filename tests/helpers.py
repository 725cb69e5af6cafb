"""Helpers shared by the tests."""

from __future__ import annotations

from intervisie_tui.core.catalog import bundled_dir
from intervisie_tui.core.protocol import Protocol
from intervisie_tui.core.protocol_loader import load_protocol


def bundled(protocol_id: str) -> Protocol:
    """A bundled protocol by id, loaded from its file."""
    return load_protocol(bundled_dir() / f"{protocol_id}.yaml")
