"""The step list widget: one line per step, the title cut to fit and the times right-aligned.

Owns drawing the rows that `session_view.step_rows` computes, held as reactive state: the screen sets them on
every tick and the list repaints only when they differ (once a minute while the clock runs). It is a plain
text widget rather than a Rich table, which costs several times more to draw.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from .session_view import StepRow


class StepList(Widget):
    """Rows of (label, style, times, style), fitted to the widget's width."""

    DEFAULT_CSS = "StepList { height: auto; }"

    rows: reactive[tuple[StepRow, ...]] = reactive((), init=False)

    def watch_rows(self, old: tuple[StepRow, ...], rows: tuple[StepRow, ...]) -> None:
        """Lay out again only when the number of rows changed (a repaint follows any change)."""
        if len(rows) != len(old):
            self.refresh(layout=True)

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
