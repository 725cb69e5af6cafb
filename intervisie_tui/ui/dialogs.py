"""Small modal screens: confirm, jump to a step, all notes, the key help, and saving that fails.

Owns the dialogs the session screen opens; each returns its answer through `dismiss`. Every text they show
from a person or a protocol (step titles, notes, paths, error reasons) is shown literally. They fit any
terminal: a box never asks for more room than there is, down to 1×1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from .breakpoints import preset_breakpoints
from .literal import literal
from .notes_area import NotesArea
from .strings import Texts

if TYPE_CHECKING:
    from .autosave import Autosave

Answer = TypeVar("Answer")


class Dialog(ModalScreen[Answer]):
    """A centred box over the screen it was opened from; in a short terminal (under 20 rows) the box has a thin
    border and no padding and its buttons are one row high, so the question and the buttons fit unscrolled."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    SCOPED_CSS = False
    DEFAULT_CSS = """
    .dialog { align: center middle; }
    .dialog-box {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 1 2; overflow-y: auto;
    }
    .notes-box { width: 100; height: 80%; }
    .help-box { height: 90%; }
    #help-scroll { height: 1fr; }
    .notes-box Horizontal { height: 1fr; }
    #note-steps { width: 30; }
    #note-edit { width: 1fr; }
    .dialog-question { text-style: bold; margin-bottom: 1; }
    .dialog-hint { color: $text-muted; margin-top: 1; }
    .dialog-buttons { height: auto; align: center middle; }
    .dialog-buttons Button { margin: 0 1; }
    .dialog-choices { height: auto; }
    .dialog-choices Button { width: 100%; margin-bottom: 1; }
    .dialog-box OptionList { height: auto; max-height: 20; }
    .dialog-box OptionList, .dialog-box TextArea { min-width: 12; }
    .dialog.-short .dialog-box { border: round $accent; padding: 0 1; max-height: 100%; }
    .dialog.-short .dialog-question { margin-bottom: 0; }
    .dialog.-short .dialog-hint { margin-top: 0; }
    .dialog.-short .dialog-buttons Button { border: none; height: 1; min-width: 8; }
    .dialog.-short .dialog-choices Button { border: none; height: 1; margin-bottom: 0; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        preset_breakpoints(self)


Choice = TypeVar("Choice")


class ChoiceDialog(Dialog[Choice | None]):
    """A dialog with a list of `choices` (OptionList option ids are their indexes): the first is highlighted
    and focused; Enter answers the chosen one, Escape (bound by each dialog) answers None."""

    choices: tuple[Choice, ...] = ()

    def on_mount(self) -> None:
        for options in self.query(OptionList):
            options.highlighted = 0
            self.set_focus(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id or 0)])


class ConfirmDialog(Dialog[bool]):
    """A yes/no question; y answers yes, Escape or n answers no, Enter the focused button.

    `yes` is focused, unless the question is `dangerous` (deleting for good): then `no` is, so a stray Enter keeps.
    """

    BINDINGS = [
        Binding("escape,n", "answer(False)", show=False),
        Binding("y,j", "answer(True)", show=False),
    ]

    def __init__(self, question: str, yes: str, no: str, dangerous: bool = False) -> None:
        super().__init__(classes="dialog")
        self.question, self.yes, self.no = question, yes, no
        self.dangerous = dangerous

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(literal(self.question, multiline=True), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="warning")
                yield Button(self.no, id="no", variant="primary")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#no" if self.dangerous else "#yes", Button))

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
            yield Static(literal(self.heading), classes="dialog-question")
            yield OptionList(*(Option(literal(f"{i + 1}. {label}"), id=str(i)) for i, label in enumerate(self.labels)))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        self.set_focus(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


class NotesDialog(Dialog[None]):
    """Every step's notes, one step at a time, editable; edits go straight back to the session."""

    BINDINGS = [Binding("escape,f3", "close", show=False)]

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
            yield Static(literal(self.heading), classes="dialog-question")
            with Horizontal():
                yield OptionList(
                    *(Option(literal(label), id=str(i)) for i, label in enumerate(self.labels)), id="note-steps"
                )
                yield NotesArea(self.notes(self.start), id="note-edit", soft_wrap=True, show_line_numbers=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.start
        self.set_focus(options)

    def take(self) -> bool:
        """Write what the editor shows into the step it shows; whether that changed anything.

        A dialog pushed but not yet composed shows nothing anyone typed, so there is nothing to take.
        """
        editor = next(iter(self.query("#note-edit").results(TextArea)), None)
        if editor is None:
            return False
        text = editor.text
        if text == self.notes(self.shown):
            return False
        self.save(self.shown, text)
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.take()
        self.shown = int(event.option.id or 0)
        self.query_one("#note-edit", TextArea).load_text(self.notes(self.shown))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.set_focus(self.query_one("#note-edit", TextArea))

    def on_text_area_changed(self) -> None:
        self.take()

    def action_close(self) -> None:
        self.take()
        self.dismiss(None)


class HelpDialog(Dialog[None]):
    """The keys of the session screen, with what they do; arrow keys scroll it where it does not fit."""

    BINDINGS = [
        Binding("escape,f1,q", "dismiss(None)", show=False),
        Binding("down,pagedown", "scroll(1)", show=False),
        Binding("up,pageup", "scroll(-1)", show=False),
    ]

    def __init__(self, texts: Texts, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.keys = texts, keys

    def compose(self) -> ComposeResult:
        rows = Content("\n").join(
            Content.assemble((f"{key:<8}", "bold"), " ", literal(label)) for key, label in self.keys
        )
        with Vertical(classes="dialog-box help-box"):
            yield Static(literal(self.texts("help.title")), classes="dialog-question")
            with VerticalScroll(id="help-scroll"):  # more keys than a short terminal has rows
                yield Static(rows, id="help-keys")
            yield Static(literal(self.texts("help.body")), classes="dialog-hint")

    def action_scroll(self, direction: int) -> None:
        box = self.query_one(".dialog-box")
        box.scroll_relative(y=direction * max(box.scrollable_content_region.height - 1, 1), animate=False)


def show_help(screen: Screen[Any], texts: Texts) -> None:
    """F1 on a screen: its keys (every binding it names in our words), and the command palette, in a help
    dialog. Textual's own screen keys (Tab, copy) are left out: they are named in English only."""
    textuals = {binding.action for binding in Binding.make_bindings(Screen.BINDINGS)}
    keys = [
        (key, binding.description)
        for key, bindings in screen._bindings.key_to_bindings.items()
        for binding in bindings
        if binding.description and key != "f1" and binding.action not in textuals
    ]
    screen.app.push_screen(HelpDialog(texts, [*keys, ("ctrl+p", texts("key.palette_long"))]))


class UnsavedDialog(Dialog[str]):
    """Saving failed on the way out: retry, keep the text elsewhere, or leave unsaved; never pretend.

    Answers `SAVED` once a retry worked, `LEAVE` when the moderator leaves without a save, and `BACK`
    (also Escape) to return to the session with everything still in memory.
    """

    SAVED, LEAVE, BACK = "saved", "leave", "back"
    BINDINGS = [Binding("escape", "dismiss('back')", show=False)]

    def __init__(self, texts: Texts, autosave: Autosave, copy_all: Callable[[Callable[[bool], None]], None]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.autosave, self.copy_all = texts, autosave, copy_all

    def compose(self) -> ComposeResult:
        texts = self.texts
        with Vertical(classes="dialog-box"):
            yield Static(literal(texts("unsaved.title")), classes="dialog-question")
            yield Static(literal(texts("unsaved.body", reason=self.autosave.last_error or "?")), id="unsaved-body")
            yield Static("", id="unsaved-result", classes="dialog-hint")
            with Vertical(classes="dialog-choices"):
                yield Button(texts("unsaved.retry"), id="retry", variant="primary", compact=True)
                yield Button(texts("unsaved.copy"), id="copy", variant="success", compact=True)
                yield Button(texts("unsaved.clipboard"), id="clipboard", compact=True)
                yield Button(texts("unsaved.leave"), id="leave", variant="error", compact=True)
                yield Button(texts("unsaved.back"), id="back", compact=True)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#copy", Button))

    def _result(self, text: str) -> None:
        self.query_one("#unsaved-result", Static).update(literal(text))

    def _copied(self, copied: bool) -> None:
        """The clipboard's answer, which comes later; the dialog may be gone by then."""
        if self.is_attached:
            self._result(self.texts("unsaved.clipboard_done" if copied else "unsaved.clipboard_failed"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        texts, autosave = self.texts, self.autosave
        if event.button.id == "retry":
            if autosave.now():
                self.dismiss(self.SAVED)
            else:
                self._result(texts("unsaved.still", reason=autosave.last_error or "?"))
        elif event.button.id == "copy":
            path = autosave.emergency_copy()
            self._result(texts("unsaved.copied", path=str(path)) if path else texts("unsaved.copy_failed"))
        elif event.button.id == "clipboard":
            self.copy_all(self._copied)
        elif event.button.id == "leave":
            self.dismiss(self.LEAVE)
        else:
            self.dismiss(self.BACK)
