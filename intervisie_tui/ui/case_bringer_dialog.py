"""The dialog that sets or changes the case-bringer while the session runs.

Owns choosing a participant from a list or typing a name. It answers the name exactly as chosen or typed
(the session trims it), or None on Escape. Every name is shown literally: a name like "[/x]" or
"[@click=app.quit]" is text here, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .dialogs import Dialog
from .literal import literal
from .notes_area import FieldInput
from .strings import Texts


class CaseBringerDialog(Dialog[str | None]):
    """Who brings in the case: Enter on a participant, or a typed name and Enter; Escape changes nothing."""

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]
    DEFAULT_CSS = """
    #case-bringer-box { overflow-y: auto; }
    #case-bringer-choices { max-height: 30vh; }
    """

    def __init__(self, texts: Texts, participants: Sequence[str], current: str) -> None:
        super().__init__(classes="dialog")
        self.texts, self.participants, self.current = texts, tuple(participants), current

    def compose(self) -> ComposeResult:
        texts = self.texts
        with Vertical(id="case-bringer-box", classes="dialog-box"):
            yield Static(literal(texts("case_bringer.title")), classes="dialog-question")
            if self.participants:
                options = (Option(literal(name), id=str(index)) for index, name in enumerate(self.participants))
                yield OptionList(*options, id="case-bringer-choices")
            yield FieldInput(id="case-bringer-name", placeholder=texts("case_bringer.placeholder"))
            yield Static(literal(texts("case_bringer.hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        if not self.participants:
            self.set_focus(self.query_one("#case-bringer-name", Input))
            return
        choices = self.query_one("#case-bringer-choices", OptionList)
        if self.current in self.participants:
            choices.highlighted = self.participants.index(self.current)
        self.set_focus(choices)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.participants[int(event.option.id or 0)])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value)
