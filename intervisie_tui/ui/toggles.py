"""Checkboxes and ticked lists whose state shows in the glyph, not only in colour.

Owns the on and off glyphs of every box a person ticks: the start screen's check-in and check-out, the case
screen's "share with the group", and the open actions carried from the last session. Textual draws an X in
the box both when on and when off and tells them apart by shade alone, which is lost without colour
(NO_COLOR, a 16-colour terminal, a shared screen in a video call); here an empty box is off.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList

ON, OFF = "X", " "

SelectionType = TypeVar("SelectionType")


class OnOffBox(Checkbox):
    """A checkbox whose box is empty when off."""

    def render(self) -> Content:
        self.BUTTON_INNER = ON if self.value else OFF
        return super().render()


class TickList(SelectionList[SelectionType]):
    """A list of choices to tick, each box empty until ticked."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except LookupError:
            return line
        if len(segments) < 2:
            return line
        box = segments[1]
        segments[1] = Segment(ON if selection.value in self._selected else OFF, box.style, box.control)
        return Strip(segments, line.cell_length)
