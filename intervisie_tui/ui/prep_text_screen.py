"""The preparation-text screen (F4 on the start screen): each participant's text for the intervisie chat.

Owns choosing the group (its field, filled from the start screen) and a participant (the names the start
screen, the group's remembered participants and its minutes know), and showing that participant's text from
core/prep_text.py, scrollable, in the app's language: check-outs since the group's last intervisie chat and the
planned actions with the questions of what was and was not done. ctrl+y copies the text shown; Esc goes back
to the start screen as it was. A group without minutes says so instead of a text. Names and the archive's
text are shown literally.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..core.errors import UserError
from ..core.prep_text import group_minutes, preparation
from ..core.store import Store
from ..names import names
from .breakpoints import preset_breakpoints
from .dialogs import show_help
from .literal import literal
from .notes_area import FieldInput
from .settle import keys_delivered, move_focus
from .strings import Texts
from .typed_app import intervisie_app

MAX_GROUP = 80


class PrepTextScreen(Screen[None]):
    """The group field, its participants, and the chosen participant's preparation text."""

    DEFAULT_CSS = """
    PrepTextScreen { layout: vertical; }
    #prep-title { text-style: bold; color: $accent; padding: 0 1; }
    #prep-group-row { height: 1; padding: 0 1; }
    #prep-group-row Static { width: auto; color: $text-muted; margin-right: 1; }
    #prep-group { width: 1fr; background: $boost; }
    #prep-group:focus { background: $accent 30%; }
    #prep-message { color: $warning; text-style: bold; padding: 0 1; height: auto; }
    #prep-body { height: 1fr; }
    #prep-people { width: 24; height: 100%; }
    #prep-scroll { width: 1fr; height: 100%; padding: 0 1; }
    #prep-status { height: auto; padding: 0 1; }
    PrepTextScreen.-narrow #prep-people { width: 14; }
    PrepTextScreen.-short #prep-title { display: none; }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    def __init__(self, texts: Texts, store: Store, *, group: str, participants: tuple[str, ...]) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.texts, self.store = texts, store
        self._initial_group, self._start_participants = group, participants
        self.people: tuple[str, ...] = ()
        self.has_minutes = False
        self.shown_text = ""
        for key, action, label in (("ctrl+y", "copy", "key.invite.copy"), ("escape", "back", "key.back")):
            self._bindings.bind(key, action, self.texts(label), priority=True)
        self._bindings.bind("tab", "next_field", show=False, priority=True)
        self._bindings.bind("shift+tab", "previous_field", show=False, priority=True)
        self._bindings.bind("f1", "help", self.texts("key.help"), show=False, priority=True)

    def compose(self) -> ComposeResult:
        yield Static(self.texts("prep.screen.title"), id="prep-title")
        with Horizontal(id="prep-group-row"):
            yield Static(self.texts("prep.screen.group"))
            yield FieldInput(self._initial_group, id="prep-group", max_length=MAX_GROUP, compact=True)
        yield Static("", id="prep-message")
        with Horizontal(id="prep-body"):
            yield OptionList(id="prep-people")
            with VerticalScroll(id="prep-scroll"):
                yield Static("", id="prep-text")
        yield Static("", id="prep-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#prep-people", OptionList).border_title = self.texts("prep.screen.participants")
        self._load_group()
        target = "#prep-people" if self.people else "#prep-group"
        self.set_focus(self.query_one(target))

    @property
    def group(self) -> str:
        return self.query_one("#prep-group", Input).value.strip()

    def _participants(self, group: str, minutes_participants: tuple[str, ...]) -> tuple[str, ...]:
        """The start screen's names (for its group), the remembered ones, then those in the minutes; each once."""
        remembered = self.store.last_participants(group).get("participants")
        found = [
            *(self._start_participants if group == self._initial_group.strip() else ()),
            *(names(remembered) if isinstance(remembered, str) else ()),
            *minutes_participants,
        ]
        return tuple(dict.fromkeys(name for name in found if name))

    @on(Input.Changed, "#prep-group")
    def _group_changed(self) -> None:
        self._load_group()

    def _load_group(self) -> None:
        """The group's participants in the list, and whether it has minutes; the text of the first one."""
        group = self.group
        sessions = group_minutes(group, self.store.root) if group else []
        self.has_minutes = bool(sessions)
        in_minutes = tuple(name for session in sessions for name in session.participants)
        self.people = self._participants(group, in_minutes) if group else ()
        options = self.query_one("#prep-people", OptionList)
        options.clear_options()
        options.add_options([Option(literal(name)) for name in self.people])
        if self.people:
            options.highlighted = 0
        self._show()

    @on(OptionList.OptionHighlighted, "#prep-people")
    def _person_changed(self) -> None:
        self._show()

    @property
    def person(self) -> str:
        index = self.query_one("#prep-people", OptionList).highlighted
        return self.people[index] if index is not None and 0 <= index < len(self.people) else ""

    def _show(self) -> None:
        group, person, message = self.group, self.person, ""
        self.shown_text = ""
        if not group:
            message = self.texts("prep.screen.no_group")
        elif not self.has_minutes:
            message = self.texts("prep.screen.no_minutes", group=group)
        elif not self.people:
            message = self.texts("prep.screen.no_participants", group=group)
        elif not person:
            message = self.texts("prep.screen.choose")
        else:
            try:
                self.shown_text = preparation(group, person, self.store.root).markdown(self.texts)
            except UserError as exc:
                message = exc.message(self.texts)
        shown = self.query_one("#prep-message", Static)
        shown.update(literal(message))
        shown.display = bool(message)
        self.query_one("#prep-text", Static).update(literal(self.shown_text, multiline=True))
        self.query_one("#prep-scroll", VerticalScroll).scroll_home(animate=False)

    def action_help(self) -> None:
        show_help(self, self.texts)

    async def action_copy(self) -> None:
        """ctrl+y: copy the text of the participant chosen now."""
        await keys_delivered(self.app)
        self._show()
        text, name = self.shown_text, self.person
        if not text:
            self.query_one("#prep-status", Static).update(literal(self.texts("prep.screen.nothing")))
            return

        def report(copied: bool) -> None:
            if self.is_attached:
                key = "prep.screen.copied" if copied else "prep.screen.copied.fallback"
                message = self.texts(key, name=name)
                self.query_one("#prep-status", Static).update(literal(message))
                self.notify(message, severity="information" if copied else "warning", markup=False)

        intervisie_app(self).copy_text(text, report)

    async def action_next_field(self) -> None:
        await move_focus(self)

    async def action_previous_field(self) -> None:
        await move_focus(self, back=True)

    def action_back(self) -> None:
        self.dismiss(None)
