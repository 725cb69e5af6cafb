"""The structured fields under the notes: captured questions, the action plan, last time's open actions.

Owns the inputs a step's protocol asks for (`capture`), the tick-off list of carried-over actions on the
first step, and writing what is typed there into the session: on each change (it tells its screen with an
`Edited` message, so the screen can schedule a save) and, through `take`, at once whenever the screen is about
to act. Every value goes to the step whose fields are shown; a change message that arrives after the step
changed belongs to a field that is gone and is ignored.
"""

from __future__ import annotations

from textual import on
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from ..core.protocol import Capture
from ..core.session import Session
from .literal import literal
from .notes_area import FieldInput, NotesArea
from .strings import Texts
from .toggles import TickList


class FieldsPane(Vertical):
    """The fields of the current step, rebuilt when the step changes."""

    class Edited(Message):
        """Something in the fields changed the session."""

    class Shown(Message):
        """A step's fields are mounted (their height is known once the next refresh has laid them out)."""

    def __init__(self, session: Session, texts: Texts, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session, self.texts = session, texts
        self._step = -1
        self._fields: dict[str, Input | TextArea] = {}

    def show_step(self) -> None:
        """Build the current step's fields (nothing to do when it is the step already shown)."""
        session = self.session
        if self._step == session.current:
            return
        self._step = step = session.current
        removal = self.remove_children()
        self._fields = {}
        state = session.states[session.current]
        widgets: list[Input | TextArea | Static | SelectionList[int]] = []
        if session.current == 0 and session.setup.open_actions:
            widgets.append(Static(self.texts("review.label"), classes="field-label"))
            choices = [
                Selection(literal(line), index, index in session.actions_done)
                for index, line in enumerate(session.setup.open_actions)
            ]
            widgets.append(TickList[int](*choices, id="review-actions"))
        for capture in session.step.phase.capture:
            value = state.fields.get(capture, "")
            widgets.append(Static(self.texts(capture), classes="field-label"))
            field: Input | TextArea
            if capture is Capture.ACTION_PLAN:
                field = NotesArea(value, id=f"field-{capture}", soft_wrap=True, classes="field-area")
                field.placeholder = self.texts("field.actions_placeholder")
            else:
                hint = self.texts("field.placeholder")
                field = FieldInput(value, id=f"field-{capture}", classes="field-input", placeholder=hint)
            self._fields[capture] = field
            widgets.append(field)
        self.display = bool(widgets)

        async def mount_when_removed() -> None:
            # The old fields leave the DOM only when the removal is processed; mounting sooner would meet their
            # ids (two steps in a row with the same field: DuplicateIds). A newer step's build supersedes this one.
            await removal
            if self._step == step:
                await self.mount_all(widgets)
                self.post_message(self.Shown())

        self.call_later(mount_when_removed)

    def take(self) -> bool:
        """Write every shown field's current value into its step; whether anything changed."""
        changed = False
        for name, widget in self._fields.items():
            value = widget.value if isinstance(widget, Input) else widget.text
            if self.session.states[self._step].fields.get(name, "") != value:
                self.session.set_field(self._step, name, value)
                changed = True
        return changed

    @on(Input.Changed, ".field-input")
    @on(TextArea.Changed, ".field-area")
    def _field_changed(self, event: Input.Changed | TextArea.Changed) -> None:
        event.stop()
        if self.take():
            self.post_message(self.Edited())

    @on(SelectionList.SelectedChanged, "#review-actions")
    def _review_changed(self, event: SelectionList.SelectedChanged[int]) -> None:
        chosen = set(event.selection_list.selected)
        for index in range(len(self.session.setup.open_actions)):
            self.session.mark_action(index, index in chosen)
        self.post_message(self.Edited())
