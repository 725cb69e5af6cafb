"""The step list widget: one line per step, the title cut to fit and the times right-aligned.

Owns drawing the rows that `session_view.step_rows` computes. It is a plain text widget rather than a Rich
table because it is redrawn every second while the clock runs, and a table costs several times more to draw.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from .session_view import StepRow


class StepList(Widget):
    """Rows of (label, style, times, style), fitted to the widget's width."""

    DEFAULT_CSS = "StepList { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[StepRow] = []

    def show(self, rows: list[StepRow]) -> None:
        """Redraw when the rows changed; lay out again only when their number did."""
        if rows == self.rows:
            return
        relayout = len(rows) != len(self.rows)
        self.rows = rows
        self.refresh(layout=relayout)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.rows)

    def render(self) -> Text:
        width = self.content_size.width
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (label, label_style, times, times_style) in enumerate(self.rows):
            room = max(width - cell_len(times), 1)
            line = Text(label, style=label_style)
            line.truncate(room, overflow="ellipsis", pad=True)
            if number:
                text.append("\n")
            text.append_text(line)
            text.append(times, style=times_style)
        return text
