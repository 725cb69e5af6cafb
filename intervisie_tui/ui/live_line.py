"""Lines of the session screen that the clock changes: the status, the turns, the session figures, and the
clock's label, step title and speaker.

Owns repainting them only when their text changes. Each holds its text as reactive state (as Textual's
stopwatch example does): the screen sets the text on every tick, and an unchanged text costs nothing. A
line whose length changed is laid out again, since it may now wrap to another height. The text is shown
literally, never as markup.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from .literal import literal


class LiveLine(Static):
    """A line of text that repaints only when `text` changes; hidden (class `-empty`) while empty."""

    text: reactive[str] = reactive("", init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="-empty")

    def watch_text(self, old: str, text: str) -> None:
        self.update(literal(text), layout=len(old) != len(text))
        self.set_class(not text, "-empty")


class StatusLine(LiveLine):
    """Whether the clock runs, and whether saving fails."""


class TurnsLine(LiveLine):
    """Who speaks with their time against their share, who is next, who has not spoken."""


class FiguresLine(LiveLine):
    """The session's elapsed minutes, planned and projected end, and how far ahead or behind."""
