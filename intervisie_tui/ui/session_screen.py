"""The facilitator screen: the live session a moderator keeps on a second screen.

Owns the layout (countdown, step list, prompt pane, turns, notes and fields, session figures), the keys that
drive the engine (all usable while typing), the alerts at the warning threshold and at zero, the terminal
title, the calm silence view, the full-screen clock (to share that window in a call), and saving after every
change (never while nothing changed: the clock running alone writes nothing). The countdown, step list,
turns, status and figures are widgets with reactive state: each tick hands them what they should show, and
they repaint only what changed. Typing copies nothing: the notes are read from their pane when a save or an
action needs them.

Every key that leaves, changes or ends the step acts on what is on screen at that moment: it waits for the
keys typed just before it, then takes the notes and fields from their widgets (`_take_widgets`) before it
does anything else. Quitting or finishing never claims a save that was not made: while saves fail, a dialog
says so and offers a retry, an emergency copy elsewhere, the clipboard, or leaving unsaved (exit non-zero).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ..core.kinds import kind_traits
from ..core.minutes_file import MinutesNotice
from ..core.safe_text import visible
from ..core.session import Session, Status
from ..core.steps import Step
from ..core.store import SessionFiles, Store
from . import session_view, timefmt
from .autosave import Autosave
from .breakpoints import preset_breakpoints
from .case_bringer_dialog import CaseBringerDialog
from .copy_cycle import CopyCycle
from .countdown import Countdown
from .dialogs import ConfirmDialog, HelpDialog, JumpDialog, NotesDialog, UnsavedDialog
from .fields_pane import FieldsPane
from .key_bar import KeyBar
from .literal import literal, short_name
from .live_line import FiguresLine, StatusLine, TurnsLine
from .notes_area import NotesArea
from .notes_room import NotesColumn, fit_prompt
from .session_toolkit import TOOLKIT_KEYS, SessionToolkit
from .settings import Settings
from .step_list import StepList
from .strings import Texts
from .typed_app import intervisie_app
from .unvisited_dialog import UnvisitedDialog

SETTLE_TIMEOUT = 2.0  # an action never waits longer than this for the keys typed before it
TICK_LATE = 0.02  # wake just after the shown second changes, never just before it

# key, action, label key, shown in the footer
KEYS: tuple[tuple[str, str, str, bool], ...] = (
    ("ctrl+t", "toggle_clock", "key.toggle", True),
    ("ctrl+n", "next", "key.next", True),
    ("ctrl+q", "quit_session", "key.quit", True),
    ("ctrl+g", "next_speaker", "key.speaker", True),
    ("f2", "copy_prompt", "key.copy", True),
    ("ctrl+l", "extend(1)", "key.plus", True),
    ("f1", "help", "key.help", True),
    ("ctrl+r", "extend(-1)", "key.minus", False),
    ("ctrl+o", "previous", "key.previous", False),
    ("f3", "all_notes", "key.notes", False),
    ("f4", "jump", "key.jump", False),
    ("f5", "case_bringer", "key.case_bringer", False),
    ("f6", "full_clock", "key.full_clock", False),
    *TOOLKIT_KEYS,
)

Params = ParamSpec("Params")


def after_typing(
    action: Callable[Concatenate[SessionScreen, Params], None],
) -> Callable[Concatenate[SessionScreen, Params], Coroutine[Any, Any, None]]:
    """Run a session action only once the keys typed before it have reached their widget.

    Textual runs a priority binding at once, in the app's queue, while the keys and the paste that came
    just before it may still wait in the focused widget's own queue (and that widget's Changed message
    later still): a step change then loaded the next step's notes over them. The action first waits
    until the focused widget has handled everything queued before it (the app's queue waits too, so
    keys typed after the action go where the action leaves the focus), then takes the notes and fields
    into the session, and only then acts.
    """

    @wraps(action)
    async def settled(screen: SessionScreen, /, *args: Params.args, **kwargs: Params.kwargs) -> None:
        target = screen.app.focused
        if target is not None:
            reached = asyncio.Event()
            if target.call_later(reached.set):
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(reached.wait(), SETTLE_TIMEOUT)
        screen._take_widgets()
        action(screen, *args, **kwargs)

    return settled


class SessionScreen(Screen[None]):
    """Runs one session: shows it, drives it, saves it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (96, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (18, "-tall")]

    def __init__(
        self,
        session: Session,
        store: Store,
        files: SessionFiles,
        texts: Texts,
        settings: Settings,
    ) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.session, self.store, self.files, self.texts = session, store, files, texts
        self.settings = settings
        self.autosave: Autosave | None = None
        self._alerted: set[tuple[int, str]] = set()
        self._ticker: Timer | None = None
        self._notes_step = session.current
        self._copies = CopyCycle()
        self._silence_shown: tuple[Step, bool] | None = None
        self.toolkit = SessionToolkit(self)
        for key, action, label, show in KEYS:
            self._bindings.bind(key, action, self.texts(label), show=show, priority=True)
        self._bindings.bind("escape", "leave_full_clock", self.texts("key.full_clock"), show=False, priority=True)

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Countdown(id="clock-box")
            with Vertical(id="step-head"):
                yield Static("", id="step-title")
                yield Static("", id="step-meta")
                yield StatusLine(id="status")
        with Vertical(id="silence-box"):
            yield Static(self.texts("silence.title"), id="silence-title")
            yield Static(self.texts("silence.body"), id="silence-body")
        with Horizontal(id="body"):
            with VerticalScroll(id="steps-scroll", can_focus=False):
                yield StepList(id="steps")
            with NotesColumn(id="main"):
                with VerticalScroll(id="prompt-scroll", can_focus=False):
                    yield Static("", id="prompt")
                yield TurnsLine(id="turns")
                yield NotesArea(id="notes", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
                yield FieldsPane(self.session, self.texts, id="fields")
        yield FiguresLine(id="figures")
        shown = [(key, action, self.texts(label)) for key, action, label, show in KEYS if show]
        yield KeyBar(shown, self.texts("key.palette"))

    # ----- life cycle ---------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.autosave = Autosave(
            self,
            self.store,
            self.files,
            self.session,
            self._save_failed,
            self._save_recovered,
            self._minutes_notice,
            self._take_widgets,
        )
        self._enter_step()
        if self.store.minutes_behind(self.files):  # new, or resumed with a journal: a resumed one is otherwise
            self.call_after_refresh(self.autosave.now)  # written only once something changes
        self._schedule_tick()

    def _schedule_tick(self) -> None:
        """Wake when the shown second changes (once a second while the clock runs), not on a fixed poll."""
        if not self.settings.ticking:
            return
        if self._ticker is not None:
            self._ticker.stop()
        delay = 1.0
        if self.session.running:
            delay = 1.0 - self.session.elapsed() % 1.0 + TICK_LATE
        self._ticker = self.set_timer(delay, self._timed_tick)

    def _timed_tick(self) -> None:
        self.tick()
        self._schedule_tick()

    def tick(self) -> None:
        """Repaint what the passing of time changed; alert on thresholds."""
        session = self.session
        remaining = session.remaining()
        self._paint_clock()
        self.query_one(FiguresLine).text = session_view.figures_line(session, self.texts)
        self.query_one(StepList).rows = session_view.step_rows(session, self.texts)
        self.query_one(TurnsLine).text = session_view.turns_line(session, self.texts)
        self._check_alerts(remaining)
        self.toolkit.tick()
        self._update_silence(remaining)
        if self.autosave is not None:
            self.autosave.clock_mark()

    # ----- painting -----------------------------------------------------------------------------------------

    def _paint_clock(self) -> None:
        """The clock, the terminal title and the status line, as the session is now."""
        session = self.session
        face = session_view.clock_face(session, self.texts)
        self.query_one(Countdown).face = face
        intervisie_app(self).set_terminal_title(f"{face.time} {session.step.title} · intervisie")
        status_key = {
            Status.NOT_STARTED: "status.not_started",
            Status.PAUSED: "status.paused",
            Status.RUNNING: "status.running",
            Status.FINISHED: "status.finished",
        }[session.status]
        status = self.texts(status_key, shortcut="ctrl+t")
        if self.autosave is not None and self.autosave.failing:
            status = f"{status} · {self.texts('status.unsaved')}"
        self.query_one(StatusLine).text = status

    def _enter_step(self) -> None:
        """Show the current step: header, prompts, fields and its notes, with the notes focused."""
        self.toolkit.step_entered()
        session = self.session
        step = session.step
        self.query_one("#step-title", Static).update(literal(step.title))
        meta = [self.texts("step_of", n=step.index + 1, total=len(session.steps))]
        if step.case_bringer:
            meta.append(self.texts("case_bringer", name=short_name(step.case_bringer)))
        self.query_one("#step-meta", Static).update(literal(" · ".join(meta)))
        self.query_one("#prompt", Static).update(session_view.prompt_pane(session, self.texts))
        self.query_one("#prompt-scroll").scroll_home(animate=False)
        self.query_one(FieldsPane).show_step()
        notes = self.query_one("#notes", TextArea)
        state = session.states[session.current]
        self._notes_step = session.current
        if notes.text != state.notes:
            notes.load_text(state.notes)
            notes.move_cursor(notes.document.end)
        notes.placeholder = literal(step.phase.notes_hint)
        self.set_focus(notes)
        self.tick()
        self._scroll_step_list()
        self.call_after_refresh(fit_prompt, self.query_one("#main"))

    def _scroll_step_list(self) -> None:
        scroll = self.query_one("#steps-scroll", VerticalScroll)
        scroll.scroll_to(y=max(self.session.current - 3, 0), animate=False)

    def _update_silence(self, remaining: float | None) -> None:
        """The silence view from the moment a silent step opens; its notes locked only while the clock runs."""
        session = self.session
        silent = kind_traits(session.step.kind).locks_notes_while_running
        locked = silent and session.running and (remaining is None or remaining > 0)
        self.set_class(silent, "-silence")
        shown = (session.step, locked)
        if silent and self._silence_shown != shown:  # its texts change with the step and the lock only
            self._silence_shown = shown
            heading = session_view.silence_heading(session, self.texts)
            self.query_one("#silence-title", Static).update(literal(heading))
            self.query_one("#silence-body", Static).update(
                session_view.silence_view(session, self.texts, locked=locked)
            )
        notes = self.query_one("#notes", TextArea)
        if notes.read_only == locked:
            return
        notes.read_only = locked
        if locked:
            self.notify(self.texts("silence.locked"), timeout=4, markup=False)
        else:
            self.set_focus(notes)

    # ----- alerts -------------------------------------------------------------------------------------------

    def _check_alerts(self, remaining: float | None) -> None:
        if remaining is None or not self.session.running:
            return
        index = self.session.current
        warning = self.session.protocol.thresholds_for(self.session.step.phase).warning * 60
        if 0 < remaining <= warning and (index, "warning") not in self._alerted:
            self._alerted.add((index, "warning"))
            minutes = timefmt.countdown(remaining)
            step = visible(self.session.step.title)
            self._alert(self.texts("alert.warning", minutes=minutes, step=step), "warning")
        if remaining <= 0 and (index, "end") not in self._alerted:
            self._alerted.add((index, "end"))
            self._alert(self.texts("alert.end", step=visible(self.session.step.title)), "error")

    def _alert(self, message: str, severity: str) -> None:
        if self.settings.bell:
            self.app.bell()
        if self.settings.flash:
            self.add_class("-flash")
            self.set_timer(0.6, lambda: self.remove_class("-flash"))
        self.notify(message, severity=severity, timeout=6, markup=False)  # type: ignore[arg-type]

    # ----- saving -------------------------------------------------------------------------------------------

    def _save_failed(self, reason: str) -> None:
        message = self.texts("save.failed", reason=visible(reason))
        self.notify(message, severity="error", timeout=15, markup=False)
        self._paint_clock()

    def _save_recovered(self) -> None:
        self.notify(self.texts("save.recovered"), timeout=4, markup=False)
        self._paint_clock()

    def _minutes_notice(self, notice: MinutesNotice) -> None:
        """The minutes went elsewhere than last time (changed, renamed or removed outside the app): say where."""
        path = visible(timefmt.display_path(notice.path))
        self.notify(self.texts(f"minutes.{notice.kind}", path=path), severity="warning", timeout=15, markup=False)

    def _changed(self, *, checkpoint: bool = False) -> None:
        """After an event: repaint, re-align the ticks to the clock, and save at once (with `checkpoint`, the
        whole state and complete minutes, else what changed)."""
        self._enter_step()
        self._schedule_tick()
        if checkpoint:
            self.save_now()
        elif self.autosave is not None:
            self.autosave.changes()

    def _take_notes(self) -> bool:
        """Write what the notes pane shows into the step it shows; whether that changed anything."""
        text = self.query_one("#notes", TextArea).text
        if text == self.session.states[self._notes_step].notes:
            return False
        self.session.set_notes(self._notes_step, text)
        return True

    def _take_widgets(self) -> None:
        """Write what every widget shows now (notes, fields, an open all-notes dialog) into the session."""
        changed = self._take_notes()
        changed = self.query_one(FieldsPane).take() or changed
        for screen in self.app.screen_stack:
            if isinstance(screen, NotesDialog):
                changed = screen.take() or changed
        if changed and self.autosave is not None:
            self.autosave.request()

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self) -> None:
        """Ask for a save; the save reads the pane (into the step it shows) when it happens."""
        if self.autosave is not None:
            self.autosave.request()

    @on(FieldsPane.Edited)
    def _fields_edited(self) -> None:
        if self.autosave is not None:
            self.autosave.request()

    def save_now(self) -> bool:
        return self.autosave.now() if self.autosave is not None else False

    def save_on_signal(self) -> bool:
        """A signal ends the app: take what is on screen, pause, save; else an emergency copy. Saved?"""
        self._take_widgets()
        self.session.pause()
        if self.save_now():
            return True
        if self.autosave is not None:
            self.autosave.emergency_copy()
        return False

    # ----- actions ------------------------------------------------------------------------------------------

    @after_typing
    def action_toggle_clock(self) -> None:
        """Start or pause. A pause brings the Markdown minutes up to date (a moment people look at them), and so
        does the session's first start (else, after a crash, the list shows a running session as not started)."""
        first = self.session.status is Status.NOT_STARTED
        if self.session.toggle():
            self._changed(checkpoint=first or self.session.status is Status.PAUSED)

    @after_typing
    def action_next(self) -> None:
        if self.session.current == len(self.session.steps) - 1:
            self._confirm_finish()
        elif self.session.next():
            self._changed()

    @after_typing
    def confirm_finish(self) -> None:
        self._confirm_finish()

    def _confirm_finish(self) -> None:
        unvisited = self.session.unvisited_steps()
        if unvisited:
            labels = [step.label_in(self.texts) for step in unvisited]
            self.app.push_screen(UnvisitedDialog(self.texts, labels), self._finish_answered)
            return
        self.app.push_screen(
            ConfirmDialog(self.texts("confirm.finish"), self.texts("yes.finish"), self.texts("no")),
            self._finish_answered,
        )

    @after_typing
    def action_previous(self) -> None:
        if self.session.previous():
            self._changed()

    @after_typing
    def action_next_speaker(self) -> None:
        if self.session.next_speaker():
            self._changed()

    @after_typing
    def action_extend(self, minutes: int) -> None:
        if self.session.extend(minutes):
            self._alerted.discard((self.session.current, "warning"))
            self._alerted.discard((self.session.current, "end"))
            self._changed()

    def action_copy_prompt(self) -> None:
        """Copy what is said or pasted in this step (never the directions), one message per press."""
        chosen = self._copies.take(self.session.step.key, self.session.messages())
        if chosen is None:
            self.notify(self.texts("copied.none"), timeout=4, markup=False)
            return
        number, total, following = chosen.number, chosen.total, chosen.following

        def report(copied: bool) -> None:
            key = "copied.fallback" if not copied else "copied.more" if total > 1 else "copied"
            self.notify(self.texts(key, n=number, total=total, next=following), timeout=4, markup=False)

        intervisie_app(self).copy_text(chosen.text, report)

    @after_typing
    def action_case_bringer(self) -> None:
        """Choose or type the case-bringer from this step on; the later steps and the actions' owner follow."""
        if self.session.has_rounds:
            self.notify(self.texts("case_bringer.fixed"), severity="warning", timeout=6, markup=False)
            return

        def chosen(name: str | None) -> None:
            if name is not None and self.session.set_case_bringer(name):
                self._changed()
                self.notify(self.texts("case_bringer.set", name=visible(name.strip())), timeout=4, markup=False)

        current = self.session.step.case_bringer or ""
        self.app.push_screen(CaseBringerDialog(self.texts, self.session.setup.participants, current), chosen)

    @after_typing
    def action_all_notes(self) -> None:
        def save(index: int, text: str) -> None:
            self.session.set_notes(index, text)
            if index == self._notes_step:
                self.query_one("#notes", TextArea).load_text(text)
            if self.autosave is not None:
                self.autosave.request()

        labels = [step.label_in(self.texts) for step in self.session.steps]
        self.app.push_screen(
            NotesDialog(
                self.texts("notes.title"), labels, lambda i: self.session.states[i].notes, save, self.session.current
            )
        )

    @after_typing
    def action_jump(self) -> None:
        labels = [step.label_in(self.texts) for step in self.session.steps]

        def jump(index: int | None) -> None:
            if index is not None and self.session.jump(index):
                self._changed()

        self.app.push_screen(JumpDialog(self.texts("jump.title"), labels, self.session.current), jump)

    @after_typing
    def action_full_clock(self) -> None:
        """Show the clock over the whole screen with the step title and speaker, or go back.

        Only the view changes: the notes stay laid out (at no height) and keep the focus, so what is typed
        meanwhile goes into them, and every session key still works.
        """
        self._show_full_clock(not self.has_class("-full-clock"))

    def action_leave_full_clock(self) -> None:
        self._show_full_clock(False)

    def _show_full_clock(self, full: bool) -> None:
        self.query_one(Countdown).full_screen = full
        self.set_class(full, "-full-clock")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape leaves the full-screen clock; otherwise it goes where it would have gone."""
        return action != "leave_full_clock" or self.has_class("-full-clock")

    @after_typing
    def action_another_question(self) -> None:
        self.toolkit.another_question()

    @after_typing
    def action_insert_break(self) -> None:
        self.toolkit.insert_break()

    def action_energizers(self) -> None:
        self.toolkit.energizers()

    @after_typing
    def action_shared_cases(self) -> None:
        self.toolkit.shared_cases()

    def action_topic_template(self) -> None:
        self.toolkit.topic_template()

    def action_help(self) -> None:
        self.app.push_screen(HelpDialog(self.texts, self.key_help()))

    def key_help(self) -> list[tuple[str, str]]:
        return [(key, self.texts(label)) for key, _, label, _ in KEYS] + [("ctrl+p", self.texts("key.palette_long"))]

    @after_typing
    def action_quit_session(self) -> None:
        """Ask first while the clock has run; the question says the minutes are saved only once they are."""
        if self.session.status in (Status.NOT_STARTED, Status.FINISHED):
            self._leave()
        elif not self.save_now():
            self._unsaved(self._leave)
        else:
            self.app.push_screen(
                ConfirmDialog(self.texts("confirm.quit"), self.texts("yes.quit"), self.texts("no")),
                self._quit_answered,
            )

    def _quit_answered(self, answer: bool | None) -> None:
        if answer:
            self._leave()

    def _leave(self) -> None:
        self.session.pause()
        if self.save_now():
            self.app.exit()
        else:
            self._unsaved(self.app.exit)

    def _finish_answered(self, answer: bool | None) -> None:
        if not answer:
            return
        self.session.finish()
        if self.save_now():
            self._show_end()
        else:
            self._unsaved(self._show_end)

    def _show_end(self) -> None:
        from .end_screen import EndScreen

        if self._ticker is not None:
            self._ticker.stop()
        self.app.clear_notifications()  # the session's time alerts ("1:00 left") are over with it
        self.app.push_screen(EndScreen(self.session, self.store, self.files, self.texts))

    def _unsaved(self, then: Callable[[], None]) -> None:
        """Saving failed on the way out: say so, keep the app open, and let the moderator choose.

        `then` runs once a retry saves. Leaving unsaved ends the app with a one-line reason (and the
        emergency copy's path, when one was made), so the command exits non-zero.
        """
        autosave = self.autosave
        if autosave is None or isinstance(self.app.screen, UnsavedDialog):
            return

        def answered(answer: str | None) -> None:
            if answer == UnsavedDialog.SAVED:
                then()
            elif answer == UnsavedDialog.LEAVE:
                copy = autosave.last_emergency_copy
                reason = autosave.last_error or "?"
                if copy is not None:
                    self._fail(self.texts("unsaved.exit_copy", reason=reason, path=str(copy)))
                else:
                    self._fail(self.texts("unsaved.exit", reason=reason))

        self.app.push_screen(UnsavedDialog(self.texts, autosave, self._copy_all), answered)

    def _copy_all(self, report: Callable[[bool], None]) -> None:
        """All notes and fields, as the minutes would hold them, onto the clipboard; `report` hears if it worked."""
        if self.autosave is None:
            report(False)
        else:
            intervisie_app(self).copy_text(self.autosave.minutes_text(), report)

    def _fail(self, message: str) -> None:
        intervisie_app(self).fail(message)
