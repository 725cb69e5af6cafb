"""The topic-proposal template (seed 000): what a participant sends the moderator to propose a next chat topic.

Owns showing the template and copying it; `c` or Enter copies it through the app's clipboard.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from .dialogs import Dialog
from .literal import literal
from .strings import Texts


class TopicDialog(Dialog[None]):
    """Shows the template; `copy` is called with its text on c or Enter."""

    BINDINGS = [
        Binding("escape,f12", "dismiss(None)", show=False),
        Binding("c,enter", "copy", show=False),
    ]

    def __init__(self, texts: Texts, copy: Callable[[str], bool]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.copy = texts, copy

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="topic-box"):
            yield Static(literal(self.texts("topic.title")), classes="dialog-question")
            yield Static(literal(self.texts("topic.template"), multiline=True), id="topic-template")
            yield Static(literal(self.texts("topic.hint")), classes="dialog-hint")

    def action_copy(self) -> None:
        if self.copy(self.texts("topic.template")):
            self.notify(self.texts("topic.copied"), timeout=4, markup=False)
            self.dismiss(None)
        else:  # the dialog stays open, so the template can be taken over by hand
            self.notify(self.texts("topic.copied.fallback"), severity="warning", timeout=8, markup=False)
