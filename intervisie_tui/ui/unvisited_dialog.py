"""The question before finishing a session in which some steps were never opened.

Owns naming those steps (a scrolling list, so a long one still leaves the buttons on screen) and the answer:
True to finish anyway (the button, or y/j), False to go back to the session (the button, which has the focus,
or Escape/n). Step titles come from protocol files and are shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from .dialogs import Dialog
from .literal import literal
from .strings import Texts


class UnvisitedDialog(Dialog[bool]):
    """`Nog niet geopend: …  Toch afronden?` with the unopened steps listed."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", show=False),
        Binding("y,j", "answer(True)", show=False),
    ]
    DEFAULT_CSS = """
    #unvisited-box { overflow-y: auto; }
    #unvisited-steps { height: auto; max-height: 30vh; margin-bottom: 1; }
    """

    def __init__(self, texts: Texts, labels: Sequence[str]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.labels = texts, tuple(labels)

    def compose(self) -> ComposeResult:
        texts = self.texts
        steps = Content("\n").join(Content.assemble("· ", literal(label)) for label in self.labels)
        with Vertical(id="unvisited-box", classes="dialog-box"):
            yield Static(literal(texts("unvisited.title")), classes="dialog-question")
            with VerticalScroll(id="unvisited-steps", can_focus=False):
                yield Static(steps, id="unvisited-list")
            yield Static(literal(texts("unvisited.question")), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(texts("unvisited.finish"), id="finish", variant="warning")
                yield Button(texts("unvisited.back"), id="back", variant="primary")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#back", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "finish")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
