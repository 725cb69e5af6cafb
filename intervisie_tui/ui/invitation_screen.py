"""The invitation screen (F3 on the start screen): the invitation a moderator sends, previewed as it is typed.

Owns the form (group, day, start time, duration, group size, contact line, Jitsi host), the live preview of the
invitation that core/invitation.py writes (in the UI's language), the warnings the method's limits give (shown
on the screen, above the preview), one line saying what is wrong with the input, and the keys: ctrl+y copies the
invitation, ctrl+s saves it through `save_invitation` (the command line's own function: 0600, never over a
file), Esc goes back to the start screen as it was. The method is the start screen's when that is a chat
protocol, else the plain chat session; the room name is drawn once when the screen opens, so the preview does
not change under the moderator's eyes. Everything typed is shown literally.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ..core.added_steps import planned_total
from ..core.errors import UserError
from ..core.invitation import (
    DEFAULT_HOST,
    Invitation,
    check_host,
    parse_day,
    parse_time,
    room_name,
    save_invitation,
)
from ..core.protocol import Protocol
from .breakpoints import preset_breakpoints
from .dialogs import show_help
from .literal import literal
from .notes_area import FieldInput
from .settle import keys_delivered, move_focus
from .strings import Texts
from .typed_app import intervisie_app

MAX_FIELD = 200
FIELDS = (
    ("invite.field.group", "invite-group", "text"),
    ("invite.field.day", "invite-day", "text"),
    ("invite.field.time", "invite-time", "text"),
    ("invite.field.minutes", "invite-minutes", "integer"),
    ("invite.field.size", "invite-size", "integer"),
    ("invite.field.contact", "invite-contact", "text"),
    ("invite.field.host", "invite-host", "text"),
)


class InvitationScreen(Screen[None]):
    """The invitation form and its preview; `invitation()` is what the fields say now, or a UserError."""

    DEFAULT_CSS = """
    InvitationScreen { layout: vertical; }
    #invite-title { text-style: bold; color: $accent; padding: 0 1; }
    #invite-body { height: 1fr; }
    #invite-left { width: 44; height: auto; padding: 0 1; }
    #invite-form { grid-size: 2; grid-columns: 19 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto; }
    #invite-form .form-label { color: $text-muted; height: 1; }
    #invite-form Input { background: $boost; }
    #invite-form Input:focus { background: $accent 30%; }
    #invite-method { color: $text-muted; height: auto; }
    #invite-problem { color: $error; text-style: bold; height: auto; }
    #invite-warnings { color: $warning; text-style: bold; height: auto; }
    #invite-status { height: auto; }
    #invite-preview-scroll { width: 1fr; padding: 0 1; border-left: vkey $foreground 20%; }
    InvitationScreen.-narrow { overflow-y: auto; }
    InvitationScreen.-narrow #invite-body { layout: vertical; height: auto; }
    InvitationScreen.-narrow #invite-left { width: 1fr; }
    InvitationScreen.-narrow #invite-preview-scroll { border-left: none; height: auto; }
    InvitationScreen.-short #invite-title { display: none; }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    def __init__(self, texts: Texts, protocol: Protocol, root: Path, *, group: str, size: int, host: str) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.texts, self.protocol, self.root = texts, protocol, root
        self.room = room_name()
        self._initial = {
            "invite-group": group,
            "invite-minutes": f"{round(planned_total(protocol))}",
            "invite-size": str(size) if size else "",
            "invite-host": host or DEFAULT_HOST,
        }
        self.shown_text = ""
        for key, action, label in (
            ("ctrl+y", "copy", "key.invite.copy"),
            ("ctrl+s", "save", "key.invite.save"),
            ("escape", "back", "key.back"),
        ):
            self._bindings.bind(key, action, self.texts(label), priority=True)
        self._bindings.bind("tab", "next_field", show=False, priority=True)
        self._bindings.bind("shift+tab", "previous_field", show=False, priority=True)
        self._bindings.bind("f1", "help", self.texts("key.help"), show=False, priority=True)

    def compose(self) -> ComposeResult:
        texts = self.texts
        yield Static(texts("invite.screen.title"), id="invite-title")
        with Horizontal(id="invite-body"):
            with Vertical(id="invite-left"):
                yield Static(literal(f"{texts('invite.field.protocol')}: {self.protocol.name}"), id="invite-method")
                with Grid(id="invite-form"):
                    for label, field_id, kind in FIELDS:
                        yield Static(texts(label), classes="form-label")
                        yield FieldInput(
                            self._initial.get(field_id, ""),
                            id=field_id,
                            type=kind,
                            max_length=MAX_FIELD,
                            placeholder=texts(f"{label}.example") if texts.has(f"{label}.example") else "",
                            compact=True,
                        )
                yield Static("", id="invite-problem")
                yield Static("", id="invite-warnings")
                yield Static("", id="invite-status")
            with VerticalScroll(id="invite-preview-scroll", can_focus=True):
                yield Static("", id="invite-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#invite-day", Input))
        self._update()

    def value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def _number(self, field_id: str, problem: str) -> int | None:
        text = self.value(field_id)
        if not text:
            return None
        try:
            number = int(text)
        except ValueError:
            raise UserError(self.texts(problem)) from None
        if number < 1:
            raise UserError(self.texts(problem))
        return number

    def invitation(self) -> Invitation:
        """The invitation the fields describe now; a UserError says in one line what is wrong."""
        if not self.value("invite-day") or not self.value("invite-time"):
            raise UserError(self.texts("invite.needs_day_time"))
        day, start = parse_day(self.value("invite-day")), parse_time(self.value("invite-time"))
        minutes = self._number("invite-minutes", "invite.minutes_positive")
        size = self._number("invite-size", "invite.size_positive")
        return Invitation(
            protocol=self.protocol,
            group=self.value("invite-group"),
            day=day,
            start=start,
            minutes=minutes or round(planned_total(self.protocol)),
            room=self.room,
            host=check_host(self.value("invite-host") or DEFAULT_HOST),
            contact=self.value("invite-contact"),
            size=size,
            language=self.texts.language,
        )

    @on(Input.Changed)
    def _changed(self) -> None:
        self._update()

    def _update(self) -> Invitation | None:
        """Preview, warnings and the problem line from the fields as they are now."""
        problem, warnings = "", []
        try:
            invitation: Invitation | None = self.invitation()
        except UserError as exc:
            invitation, problem = None, exc.message(self.texts)
        if invitation is not None:
            warnings = [self.texts("invite.warning", warning=w) for w in invitation.warnings(self.texts)]
            self.shown_text = invitation.markdown()
        else:
            self.shown_text = ""
        self.query_one("#invite-problem", Static).update(literal(problem))
        self.query_one("#invite-warnings", Static).update(literal("\n".join(warnings), multiline=True))
        self.query_one("#invite-preview", Static).update(literal(self.shown_text, multiline=True))
        return invitation

    def _status(self, text: str) -> None:
        self.query_one("#invite-status", Static).update(literal(text))

    def action_help(self) -> None:
        show_help(self, self.texts)

    async def action_copy(self) -> None:
        """ctrl+y: copy the invitation the fields show now (the keys typed just before included)."""
        await keys_delivered(self.app)
        invitation = self._update()
        if invitation is None:
            return
        texts = self.texts

        def report(copied: bool) -> None:
            if self.is_attached:
                message = texts("invite.copied" if copied else "invite.copied.fallback")
                self._status(message)
                self.notify(message, severity="information" if copied else "warning", markup=False)

        intervisie_app(self).copy_text(invitation.markdown(), report)

    async def action_save(self) -> None:
        """ctrl+s: save the invitation as Markdown in the data folder, never over an existing file."""
        await keys_delivered(self.app)
        invitation = self._update()
        if invitation is None:
            return
        try:
            path = save_invitation(invitation, self.root)
        except UserError as exc:
            self._status(self.texts("invite.not_saved", reason=exc.message(self.texts)))
            return
        message = self.texts("invite.saved", path=path)
        self._status(message)
        self.notify(message, markup=False)

    async def action_next_field(self) -> None:
        await move_focus(self)

    async def action_previous_field(self) -> None:
        await move_focus(self, back=True)

    def action_back(self) -> None:
        self.dismiss(None)
