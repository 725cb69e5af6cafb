"""The phases the app adds to a session itself: a check-in first, a check-out last, and a break on request.

Owns where their texts live (`data/added-steps.yaml`, in the protocol format and read by the same validating
loader, so they are data like any protocol's words) and which of them a session gets: a check-in or check-out
is added only when the protocol has none of its own (a phase of that kind, or with that id).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from .protocol import Minutes, Phase, Protocol, StepKind
from .protocol_loader import load_protocol

FILE_NAME = "added-steps.yaml"
MAX_BREAK_MINUTES = 60


@cache
def _phases() -> dict[StepKind, Phase]:
    protocol = load_protocol(Path(__file__).resolve().parent.parent / "data" / FILE_NAME)
    return {phase.kind: phase for phase in protocol.phases}


def check_in_phase() -> Phase:
    return _phases()[StepKind.CHECK_IN]


def check_out_phase() -> Phase:
    return _phases()[StepKind.CHECK_OUT]


def break_phase(minutes: float) -> Phase:
    """The break phase, planned for this many minutes (between 0 and MAX_BREAK_MINUTES)."""
    if not 0 < minutes <= MAX_BREAK_MINUTES:
        raise ValueError(f"a break lasts more than 0 and at most {MAX_BREAK_MINUTES} minutes")
    return replace(_phases()[StepKind.BREAK], minutes=Minutes.fixed(minutes))


def has_own(protocol: Protocol, added: Phase) -> bool:
    """Whether the protocol already has a phase of the added phase's kind (or with its id)."""
    return any(phase.kind is added.kind or phase.id == added.id for phase in protocol.all_phases())


def added_phases(protocol: Protocol, *, check_in: bool, check_out: bool) -> tuple[Phase | None, Phase | None]:
    """The check-in to add before the protocol's phases and the check-out to add after them (None: not added)."""
    opening = check_in_phase() if check_in else None
    closing = check_out_phase() if check_out else None
    return (
        None if opening is None or has_own(protocol, opening) else opening,
        None if closing is None or has_own(protocol, closing) else closing,
    )


def default_added(protocol: Protocol) -> list[Phase]:
    """The check-in and check-out a session of this protocol gets unless the moderator turns them off."""
    return [p for p in added_phases(protocol, check_in=protocol.check_in, check_out=protocol.check_out) if p]


def planned_total(protocol: Protocol) -> float:
    """The planned minutes of a session with one case-bringer, with the check-in and check-out it gets by default:
    what `protocols list` shows and what an invitation plans for."""
    return protocol.planned_minutes(1) + sum((p.minutes.default or 0) for p in default_added(protocol))
