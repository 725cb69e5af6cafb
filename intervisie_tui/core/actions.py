"""Action items: who does what, and whether it is done; what minutes list as `- [ ]` tasks.

A NamedTuple rather than a dataclass: the archive commands import this, and `dataclasses` brings `inspect`
with it, a tenth of the time a `minutes search` may take.
"""

from __future__ import annotations

from typing import NamedTuple


class ActionItem(NamedTuple):
    """One task from an action plan: who does what, and whether it is done."""

    owner: str
    text: str
    done: bool = False

    def line(self) -> str:
        """`Owner: text`, or just the text when nobody owns it."""
        return f"{self.owner}: {self.text}" if self.owner else self.text

    def markdown(self) -> str:
        return f"- [{'x' if self.done else ' '}] {self.line()}"
