"""Lists of names as people type them: `Ann, Bo,Cas ,, Dirk`."""

from __future__ import annotations


def names(text: str) -> tuple[str, ...]:
    """Comma-separated names, trimmed, empty ones dropped, each once, in order."""
    seen: dict[str, None] = {}
    for part in text.replace(";", ",").split(","):
        name = part.strip()
        if name:
            seen.setdefault(name, None)
    return tuple(seen)
