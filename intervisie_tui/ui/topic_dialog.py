"""Topics for a next chat (seed 000): the proposal template to copy, and the proposals the group sent in.

Owns showing the template (`c` copies it through the app's clipboard; Enter too when there are no proposals)
and the list of the group's saved proposals (core/proposals.py), shown literally; Enter on one answers it, so
the session can take it as the introduction's words. Escape answers None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.proposals import TopicProposal
from ..core.safe_text import visible
from .dialogs import ChoiceDialog
from .literal import literal
from .strings import Texts


def proposal_label(proposal: TopicProposal) -> Text:
    """A proposal as one option: who sent it in bold, then the question."""
    text = Text(visible(proposal.name), style="bold")
    text.append(f": {visible(proposal.question)}", style="")
    return text


class TopicDialog(ChoiceDialog[TopicProposal]):
    """Shows the template and the group's proposals; `copy` is called with the template's text on c."""

    DEFAULT_CSS = "#topic-box OptionList { max-height: 6; }"  # the hint below stays in view at 80x24
    BINDINGS = [
        Binding("escape,f12", "dismiss(None)", show=False),
        Binding("c,enter", "copy", show=False),
    ]

    def __init__(
        self, texts: Texts, copy: Callable[[str, Callable[[bool], None]], None], proposals: Sequence[TopicProposal] = ()
    ) -> None:
        super().__init__(classes="dialog")
        self.texts, self.copy, self.choices = texts, copy, tuple(proposals)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="topic-box"):
            yield Static(literal(self.texts("topic.title")), classes="dialog-question")
            yield Static(literal(self.texts("topic.template"), multiline=True), id="topic-template")
            if self.choices:
                yield Static(literal(self.texts("topic.proposals")), classes="dialog-hint")
                yield OptionList(*(Option(proposal_label(p), id=str(i)) for i, p in enumerate(self.choices)))
            hint = "topic.hint_proposals" if self.choices else "topic.hint"
            yield Static(literal(self.texts(hint)), classes="dialog-hint")

    def action_copy(self) -> None:
        def report(copied: bool) -> None:
            if not self.is_attached:
                return
            if copied:
                self.notify(self.texts("topic.copied"), timeout=4, markup=False)
                self.dismiss(None)
            else:  # the dialog stays open, so the template can be taken over by hand
                self.notify(self.texts("topic.copied.fallback"), severity="warning", timeout=8, markup=False)

        self.copy(self.texts("topic.template"), report)
