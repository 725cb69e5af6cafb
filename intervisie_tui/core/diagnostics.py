"""Where a problem in a hand-written file is: positions, paths and the parsed document that holds them.

Owns the small types the YAML reader produces and the protocol validator consumes, kept apart from the
YAML library so that code which only needs these (or rebuilds a protocol from saved data) never loads it.
A problem prints as one line with every control character made visible, whatever file name or text it quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .safe_text import visible

MAX_PROTOCOL_BYTES = 256 * 1024
PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return visible(f"{self.file}:{self.line}:{self.col}: {self.message}")


@dataclass
class Document:
    """Parsed YAML data with the position of every value and every mapping key."""

    data: Any
    value_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey, *, of_key: bool = False) -> tuple[int, int]:
        """The best-known position for a path: its own, else its nearest ancestor's."""
        table = self.key_at if of_key else self.value_at
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_at:
                return self.value_at[probe]
            probe = probe[:-1]
        return self.value_at.get((), (1, 1))


def format_path(path: PathKey) -> str:
    """Render a path as `phases[2].minutes`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
