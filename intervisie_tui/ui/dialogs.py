"""Small modal screens: confirm, jump to a step, all notes, and the key help.

Owns the dialogs the session screen opens; each returns its answer through `dismiss`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from .notes_area import NotesArea
from .strings import Texts

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer]):
    """A centred box over the screen it was opened from."""

    SCOPED_CSS = False
    DEFAULT_CSS = """
    .dialog { align: center middle; }
    .dialog-box {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    .notes-box { width: 100; height: 80%; }
    .notes-box Horizontal { height: 1fr; }
    #note-steps { width: 30; }
    #note-edit { width: 1fr; }
    .dialog-question { text-style: bold; margin-bottom: 1; }
    .dialog-hint { color: $text-muted; margin-top: 1; }
    .dialog-buttons { height: auto; align: center middle; }
    .dialog-buttons Button { margin: 0 1; }
    .dialog-box OptionList { height: auto; max-height: 20; }
    """


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; Enter or y answers yes, Escape or n answers no."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", show=False),
        Binding("y,j", "answer(True)", show=False),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__(classes="dialog")
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="warning")
                yield Button(self.no, id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class JumpDialog(Dialog[int | None]):
    """Choose a step to go to."""

    BINDINGS = [Binding("escape", "dismiss(None)", show=False)]

    def __init__(self, title: str, labels: Sequence[str], current: int) -> None:
        super().__init__(classes="dialog")
        self.heading, self.labels, self.current = title, labels, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.heading, classes="dialog-question")
            yield OptionList(*(Option(f"{i + 1}. {label}", id=str(i)) for i, label in enumerate(self.labels)))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


class NotesDialog(Dialog[None]):
    """Every step's notes, one step at a time, editable; edits go straight back to the session."""

    BINDINGS = [Binding("escape,f3", "dismiss(None)", show=False)]

    def __init__(
        self,
        title: str,
        labels: Sequence[str],
        notes: Callable[[int], str],
        save: Callable[[int, str], None],
        start: int,
    ) -> None:
        super().__init__(classes="dialog")
        self.heading, self.labels, self.notes, self.save, self.start = title, labels, notes, save, start
        self.shown = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box notes-box"):
            yield Static(self.heading, classes="dialog-question")
            with Horizontal():
                yield OptionList(*(Option(label, id=str(i)) for i, label in enumerate(self.labels)), id="note-steps")
                yield NotesArea(self.notes(self.start), id="note-edit", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.start
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.shown = int(event.option.id or 0)
        self.query_one("#note-edit", TextArea).load_text(self.notes(self.shown))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#note-edit", TextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.text != self.notes(self.shown):
            self.save(self.shown, event.text_area.text)


class HelpDialog(Dialog[None]):
    """The keys of the session screen, with what they do."""

    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", show=False)]

    def __init__(self, texts: Texts, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.keys = texts, keys

    def compose(self) -> ComposeResult:
        rows = "\n".join(f"[b]{key:<8}[/b] {label}" for key, label in self.keys)
        with Vertical(classes="dialog-box"):
            yield Static(self.texts("help.title"), classes="dialog-question")
            yield Static(rows, id="help-keys")
            yield Static(self.texts("help.body"), classes="dialog-hint")
