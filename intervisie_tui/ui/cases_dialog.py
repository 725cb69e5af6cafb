"""The shared-cases dialog: the group's prepared cases its members shared, one to choose for this session.

Owns the list (who prepared it, and their help question); choosing answers the case, Escape answers None.
The cases come from the data folder (core/cases.py) and are shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.cases import PreparedCase
from ..core.safe_text import visible
from .dialogs import ChoiceDialog
from .literal import literal
from .strings import Texts


def case_label(case: PreparedCase) -> Text:
    """A case as one option: the author's name in bold, then the help question."""
    text = Text(visible(case.name), style="bold")
    text.append(f": {visible(case.help_question)}", style="")
    return text


class CasesDialog(ChoiceDialog[PreparedCase]):
    """Choose one of the shared cases."""

    BINDINGS = [Binding("escape,f9", "dismiss(None)", show=False)]
    DEFAULT_CSS = "#cases-box OptionList { max-height: 12; }"  # the hint below stays in view at 80x24

    def __init__(self, texts: Texts, group: str, cases: Sequence[PreparedCase]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.group, self.choices = texts, group, tuple(cases)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="cases-box"):
            yield Static(literal(self.texts("cases.title", group=self.group)), classes="dialog-question")
            if self.choices:
                yield OptionList(*(Option(case_label(c), id=str(i)) for i, c in enumerate(self.choices)), id="cases")
                yield Static(literal(self.texts("cases.hint")), classes="dialog-hint")
            else:
                yield Static(literal(self.texts("cases.none")))
                yield Static(literal(self.texts("dialog.close_hint")), classes="dialog-hint")
