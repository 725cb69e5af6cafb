"""The case-writing screen (F9 on the start screen): a participant prepares a case with the guiding questions.

Owns the form: the group (from the start screen) and the author, the author's cases in that group (Enter opens
one to edit), one field per guiding question in the guide's order (what happened, in order; a striking moment;
surprising or fitting a picture; what to learn), the one concrete help question, and whether the case is
shared (private by default). ctrl+s saves through `core.cases.CaseStore`, the same code `intervisie casus`
uses, so a file changed by hand since the app wrote it is refused, with the core's message on screen. Escape
goes back, asking first while the form holds text that is not saved. Every field shows its text literally;
what is typed is saved as data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.screen import Screen
from textual.widgets import Checkbox, Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..core.cases import GUIDE, CaseStore, PreparedCase, check_answer, check_label
from ..core.errors import UserError
from ..core.safe_text import visible
from .dialogs import ConfirmDialog, show_help
from .literal import literal
from .notes_area import FieldInput, NotesArea
from .settle import keys_delivered, move_focus
from .strings import Texts
from .toggles import OnOffBox

# What the form holds, to compare with what was last saved or opened: group, name, answers, shared.
Form = tuple[str, str, tuple[str, ...], bool]


def case_option(case: PreparedCase) -> Text:
    """One of the author's cases: the day it was last saved, shared or not, then the help question."""
    text = Text(f"{case.updated} ", style="bold")
    text.append(f"{'●' if case.shared else '○'} {visible(case.help_question)}", style="")
    return text


class CaseScreen(Screen[None]):
    """Writes or edits one prepared case of one author in one group."""

    DEFAULT_CSS = """
    #case { padding: 0 1; }
    #case-title { text-style: bold; color: $accent; }
    #case-who { grid-size: 2; grid-columns: 16 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto; margin-top: 1; }
    .case-label { color: $text-muted; height: 1; }
    .case-input { background: $boost; }
    .case-input:focus { background: $accent 30%; }
    #case-list { height: auto; max-height: 5; margin-bottom: 1; }
    .case-question { text-style: bold; margin-top: 1; }
    .case-hint { color: $text-muted; }
    .case-answer { height: 7; }
    #case-help_question { height: 4; }
    #case-shared { margin-top: 1; }
    #case-shared:focus { background: $accent 30%; }
    #case-status { margin-top: 1; }
    #case-status.-error { color: $error; text-style: bold; }
    #case-hint { color: $text-muted; }
    """

    def __init__(self, store: CaseStore, texts: Texts, group: str = "", author: str = "") -> None:
        super().__init__()
        self.store, self.texts = store, texts
        self.start_group, self.author = group, author
        self.case: PreparedCase | None = None
        """The case being edited, as last opened or saved; None for a new one."""
        self.cases: tuple[PreparedCase, ...] = ()
        self._saved_form: Form | None = None
        self._bindings.bind("tab", "next_field", show=False, priority=True)
        self._bindings.bind("shift+tab", "previous_field", show=False, priority=True)
        self._bindings.bind("ctrl+s", "save", texts("key.save"), priority=True)
        self._bindings.bind("escape", "back", texts("key.back"), priority=True)
        self._bindings.bind("f1", "help", texts("key.help"), show=False, priority=True)

    def compose(self) -> ComposeResult:
        texts = self.texts
        with VerticalScroll(id="case", can_focus=False):
            yield Static(texts("casewrite.title"), id="case-title")
            with Grid(id="case-who"):
                for key, value in (("group", self.start_group), ("name", self.author)):
                    yield Static(texts(f"casewrite.{key}"), classes="case-label")
                    yield FieldInput(
                        value,
                        id=f"case-{key}",
                        classes="case-input",
                        placeholder=texts(f"casewrite.{key}.example"),
                        compact=True,
                    )
            yield Static(texts("casewrite.cases"), classes="case-hint", id="case-list-label")
            yield OptionList(id="case-list", compact=True)
            for question in GUIDE:
                yield Static(texts(f"casewrite.q.{question.key}"), classes="case-question")
                yield Static(texts(f"casewrite.h.{question.key}"), classes="case-hint")
                yield NotesArea(id=f"case-{question.key}", classes="case-answer", soft_wrap=True)
            yield OnOffBox(texts("casewrite.shared"), id="case-shared", compact=True)
            yield Static("", id="case-status")
            yield Static(texts("casewrite.hint"), id="case-hint")
        yield Footer()

    def on_mount(self) -> None:
        self._list_cases()
        self._saved_form = self.form()
        group, author = self.start_group.strip(), self.author.strip()
        first = "#case-group" if not group else "#case-name" if not author else "#case-events"
        self.set_focus(self.query_one(first))

    # ----- what the form holds ------------------------------------------------------------------------------

    def form(self) -> Form:
        answers = tuple(self.query_one(f"#case-{q.key}", TextArea).text for q in GUIDE)
        return (self._value("group"), self._value("name"), answers, self.query_one("#case-shared", Checkbox).value)

    def _value(self, key: str) -> str:
        return self.query_one(f"#case-{key}", Input).value.strip()

    def unsaved(self) -> bool:
        """Whether the form differs from what was last saved or opened (an empty new form has nothing to lose)."""
        form = self.form()
        if self.case is None and not any(answer.strip() for answer in form[2]):
            return False
        return form != self._saved_form

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#case-status", Static)
        status.update(literal(text))
        status.set_class(error, "-error")
        self.notify(text, severity="error" if error else "information", timeout=8, markup=False)

    @on(TextArea.Changed)
    @on(Input.Changed)
    def _edited(self) -> None:
        """A refusal speaks of the form as it was; once it is edited the line goes (saving checks again)."""
        status = self.query_one("#case-status", Static)
        if status.has_class("-error"):
            status.update("")
            status.remove_class("-error")

    # ----- the author's cases -------------------------------------------------------------------------------

    def _list_cases(self) -> None:
        """List the cases the named author has in the named group (a new case first)."""
        group, name = self._value("group"), self._value("name")
        cases = tuple(case for case in self.store.all(group) if case.name == name) if group and name else ()
        options = self.query_one("#case-list", OptionList)
        if options.option_count and cases == self.cases:
            return  # unchanged: a list being used (focused, an option highlighted) is left as it is
        self.cases = cases
        options.clear_options()
        options.add_options([Option(literal(self.texts("casewrite.new")), id="new")])
        options.add_options([Option(case_option(case), id=str(i)) for i, case in enumerate(self.cases)])
        options.highlighted = 0
        shown = bool(self.cases)
        options.display = shown
        self.query_one("#case-list-label").display = shown

    @on(Input.Changed, ".case-input")
    def _who_changed(self) -> None:
        self._list_cases()

    def action_help(self) -> None:
        show_help(self, self.texts)

    async def action_next_field(self) -> None:
        """Tab, once the keys typed before it are in: right after the name comes the list of that author's
        cases, brought up to date first (Textual orders focus by position on screen, and a list shown in the
        same instant has no position until the next layout)."""
        await keys_delivered(self.app)
        self._list_cases()
        options = self.query_one("#case-list", OptionList)
        if options.display and self.focused is self.query_one("#case-name"):
            self.set_focus(options)  # at once: the keys typed after Tab must find it focused
        else:
            self.focus_next()

    async def action_previous_field(self) -> None:
        await move_focus(self, back=True)

    @on(OptionList.OptionSelected, "#case-list")
    def _case_chosen(self, event: OptionList.OptionSelected) -> None:
        chosen = None if event.option.id == "new" else self.cases[int(event.option.id or 0)]
        self._ask_first(lambda: self._open(chosen))

    def _open(self, case: PreparedCase | None) -> None:
        """Put a case (or an empty form for a new one) into the fields."""
        self.case = case
        for question in GUIDE:
            area = self.query_one(f"#case-{question.key}", NotesArea)
            area.load_text(case.answers.get(question.key, "") if case else "")
        self.query_one("#case-shared", Checkbox).value = case.shared if case else False
        self._saved_form = self.form()
        if case is not None:
            self._status(self.texts("casewrite.opened", date=case.updated))
        self.set_focus(self.query_one("#case-events"))

    # ----- saving and leaving -------------------------------------------------------------------------------

    async def action_save(self) -> None:
        """Save what the fields show now, keys typed just before ctrl+s included."""
        await keys_delivered(self.app)
        group, name, answers, shared = self.form()
        try:
            checked = {q.key: check_answer(q.key, text) for q, text in zip(GUIDE, answers, strict=True)}
            case = self.case
            if case is None or (case.group, case.name) != (group, name):
                group, name = check_label("group", group), check_label("name", name)
                case = PreparedCase(id="", group=group, name=name, answers={})
            saved = self.store.save(replace(case, answers=checked, shared=shared))
        except UserError as exc:
            self._status(exc.message(self.texts), error=True)
            return
        self.case = saved
        self._list_cases()
        self._saved_form = self.form()
        state = "shared" if saved.shared else "private"
        self._status(self.texts(f"casewrite.saved.{state}", path=saved.path))

    async def action_back(self) -> None:
        await keys_delivered(self.app)
        self._ask_first(lambda: self.dismiss(None))

    def _ask_first(self, then: Callable[[], object]) -> None:
        """Run `then` at once, or after the author agreed to lose the text that is not saved."""
        if not self.unsaved():
            then()
            return
        texts = self.texts
        question, leave, stay = (texts(f"casewrite.unsaved{part}") for part in ("", ".leave", ".stay"))
        dialog = ConfirmDialog(question, leave, stay, dangerous=True)

        def answered(leave: bool | None) -> None:
            if leave:
                then()

        self.app.push_screen(dialog, answered)
