"""The text area used for notes and fields.

Owns one guard: Textual 8.2's TextArea divides by its content width when it draws a placeholder, which is
zero for a moment while a small terminal lays out; then it draws a blank line instead of crashing.
"""

from __future__ import annotations

from textual.strip import Strip
from textual.widgets import TextArea


class NotesArea(TextArea):
    """A soft-wrapping TextArea that survives a zero width."""

    def render_line(self, y: int) -> Strip:
        if self.content_size.width <= 0:
            return Strip.blank(self.size.width)
        return super().render_line(y)
