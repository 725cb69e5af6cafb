"""Room for the notulist: the notes keep at least five lines, and the prompt pane gives way.

Owns the prompt pane's height limit. The main column stacks the prompt pane, the turns line, the notes and
the step's fields, and the notes get what is left: with a long prompt, turns and an action plan that was one
line at 80×24. Whenever a step opens or its fields arrive, the column changes size, or its content overflows it,
the prompt pane
may take only what is left once the others and five lines of notes have their room (where that is
more than its stylesheet cap, the stylesheet's cap holds); it scrolls beyond that, and folds away when less
than two lines are left.
"""

from __future__ import annotations

from textual import events, on
from textual.containers import Vertical
from textual.widget import Widget

from .fields_pane import FieldsPane

NOTES_LINES = 5
"""The fewest lines of text the notes pane shows, whatever the step shows above and below it."""
PROMPT_LINES = 2
"""Fewer lines than this and the prompt pane folds away (F2 still copies its messages)."""


def prompt_room(column: Widget, prompt: Widget, notes: Widget) -> int:
    """Lines the prompt pane may take in `column` (its margin excluded) so the notes keep NOTES_LINES."""
    taken = sum(
        child.outer_size.height + child.styles.margin.height
        for child in column.children
        if child.display and child is not prompt and child is not notes
    )
    notes_room = notes.styles.gutter.height + notes.styles.margin.height + NOTES_LINES
    return column.size.height - taken - notes_room - prompt.styles.margin.height


def fit_prompt(column: Widget) -> None:
    """Limit the prompt pane in `column` to the room the notes leave it (no-op until the column is laid out)."""
    prompt = column.query_one("#prompt-scroll")
    notes = column.query_one("#notes")
    if column.size.height <= 0:
        return
    room = prompt_room(column, prompt, notes)
    cap = prompt.styles.base.max_height
    within_cap = cap is not None and room >= cap.resolve(column.size, column.app.size)
    prompt.set_class(room < PROMPT_LINES, "-folded")
    prompt.styles.max_height = None if within_cap else max(room, 0)


class NotesColumn(Vertical):
    """The main column (prompt, turns, notes, fields): fits its prompt pane whenever its size changes or its
    content overflows it (then the notes were squeezed to their minimum by something growing below them)."""

    def on_resize(self, event: events.Resize) -> None:
        fit_prompt(self)

    @on(FieldsPane.Shown)
    def _fields_shown(self) -> None:
        """A step's fields arrive after the step opened (once the old ones are gone): fit again with them."""
        self.call_after_refresh(fit_prompt, self)
