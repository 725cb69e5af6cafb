"""The dialog in which the moderator chooses how long a break inserted now lasts (10 minutes unless changed).

Owns the lengths offered; the break itself is the engine's (`Session.insert_break`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from .dialogs import Dialog
from .literal import literal
from .strings import Texts

LENGTHS = (5, 10, 15, 20, 30)
DEFAULT_LENGTH = 10


class BreakDialog(Dialog[int | None]):
    """Choose a break's length in minutes; Escape chooses none."""

    BINDINGS = [Binding("escape,f7", "dismiss(None)", show=False)]
    DEFAULT_CSS = "#break-box { width: 40; }"

    def __init__(self, texts: Texts) -> None:
        super().__init__(classes="dialog")
        self.texts = texts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="break-box"):
            yield Static(literal(self.texts("break.title")), classes="dialog-question")
            yield OptionList(
                *(Option(literal(self.texts("break.minutes", minutes=m)), id=str(m)) for m in LENGTHS),
                id="break-lengths",
            )
            yield Static(literal(self.texts("break.hint")), classes="dialog-hint")

    def on_mount(self) -> None:
        lengths = self.query_one(OptionList)
        lengths.highlighted = LENGTHS.index(DEFAULT_LENGTH)
        self.set_focus(lengths)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or DEFAULT_LENGTH))
