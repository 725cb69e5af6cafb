"""The energizers dialog: every energizer with how it goes and how long it takes; one can be chosen.

Owns only the list; the energizers come from the toolkit files (core/toolkit.py) and are shown literally.
Choosing one (Enter) answers it, so the session can note it; Escape answers None.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.safe_text import visible
from ..core.toolkit import Energizer
from .dialogs import ChoiceDialog
from .literal import literal
from .strings import Texts


def energizer_option(energizer: Energizer, texts: Texts, *, last: bool) -> Text:
    """An energizer as a bold name with its minutes, then how it goes; a blank line after all but the last."""
    text = Text(visible(energizer.name), style="bold")
    text.append(f" · {texts('energizers.minutes', minutes=f'{energizer.minutes:g}')}\n", style="")
    text.append(visible(energizer.how, multiline=True), style="")
    if not last:
        text.append("\n")
    return text


class EnergizerDialog(ChoiceDialog[Energizer]):
    """Lists the energizers; Enter chooses one, Escape (or the key that opened it) closes."""

    BINDINGS = [Binding("escape,f8", "dismiss(None)", show=False)]
    DEFAULT_CSS = """
    #energizer-box { height: 90%; }
    #energizer-box OptionList { height: 1fr; max-height: 100%; }
    """

    def __init__(self, texts: Texts, energizers: Sequence[Energizer]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.choices = texts, tuple(energizers)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="energizer-box"):
            yield Static(literal(self.texts("energizers.title")), classes="dialog-question")
            if self.choices:
                last = len(self.choices) - 1
                yield OptionList(
                    *(
                        Option(energizer_option(e, self.texts, last=i == last), id=str(i))
                        for i, e in enumerate(self.choices)
                    ),
                    id="energizers",
                )
                yield Static(literal(self.texts("energizers.hint")), classes="dialog-hint")
            else:
                yield Static(literal(self.texts("energizers.none")))
                yield Static(literal(self.texts("dialog.close_hint")), classes="dialog-hint")
