"""The structured fields under the notes: captured questions, the action plan, last time's open actions.

Owns the inputs a step's protocol asks for (`capture`), the tick-off list of carried-over actions on the
first step, and writing what is typed there into the session. It tells its screen with an `Edited` message,
so the screen can schedule a save.
"""

from __future__ import annotations

from textual import on
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, SelectionList, Static, TextArea

from ..core.protocol import Capture
from ..core.session import Session
from .notes_area import NotesArea
from .strings import Texts


class FieldsPane(Vertical):
    """The fields of the current step, rebuilt when the step changes."""

    class Edited(Message):
        """Something in the fields changed the session."""

    def __init__(self, session: Session, texts: Texts, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session, self.texts = session, texts
        self._step = -1

    def show_step(self) -> None:
        """Build the current step's fields (nothing to do when it is the step already shown)."""
        session = self.session
        if self._step == session.current:
            return
        self._step = session.current
        self.remove_children()
        state = session.states[session.current]
        widgets: list[Input | TextArea | Static | SelectionList[int]] = []
        if session.current == 0 and session.setup.open_actions:
            widgets.append(Static(self.texts("review.label"), classes="field-label"))
            choices = [
                (line, index, index in session.actions_done) for index, line in enumerate(session.setup.open_actions)
            ]
            widgets.append(SelectionList[int](*choices, id="review-actions"))
        for capture in session.step.phase.capture:
            value = state.fields.get(capture, "")
            widgets.append(Static(self.texts(capture), classes="field-label"))
            if capture is Capture.ACTION_PLAN:
                area = NotesArea(value, id=f"field-{capture}", soft_wrap=True, classes="field-area")
                area.placeholder = self.texts("field.actions_placeholder")
                widgets.append(area)
            else:
                hint = self.texts("field.placeholder")
                widgets.append(Input(value, id=f"field-{capture}", classes="field-input", placeholder=hint))
        self.mount_all(widgets)
        self.display = bool(widgets)

    @on(Input.Changed, ".field-input")
    @on(TextArea.Changed, ".field-area")
    def _field_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        widget = event.input if isinstance(event, Input.Changed) else event.text_area
        value = widget.value if isinstance(widget, Input) else widget.text
        name = (widget.id or "").removeprefix("field-")
        if self.session.states[self.session.current].fields.get(name, "") != value:
            self.session.set_field(self.session.current, name, value)
            self.post_message(self.Edited())

    @on(SelectionList.SelectedChanged, "#review-actions")
    def _review_changed(self, event: SelectionList.SelectedChanged[int]) -> None:
        chosen = set(event.selection_list.selected)
        for index in range(len(self.session.setup.open_actions)):
            self.session.mark_action(index, index in chosen)
        self.post_message(self.Edited())
