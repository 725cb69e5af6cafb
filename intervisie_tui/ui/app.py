"""The Textual application: which screen opens, and the few services screens share.

Owns starting a new session (reserve files, lock, first save) or resuming one, the terminal title, the
clipboard with its fallback, the command palette (its placeholder, Textual's system commands and the session
screen's entries, all in the app's language; "Quit" asks as ctrl+q does), and how the app ends:
ctrl+q reaches the session under any dialog, and SIGTERM, SIGHUP or SIGINT (a closed terminal window, a logout, a
shutdown, kill -INT) save the session first and then let Textual restore the terminal (alternate screen and mouse
tracking off) before the process exits with 128 + the signal's number.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.driver import Driver
from textual.screen import Screen
from textual.widgets import Input, TextArea

from ..core.clock import Clock, SystemClock
from ..core.errors import UserError
from ..core.protocol import Protocol
from ..core.safe_text import visible
from ..core.session import Session, Setup
from ..core.store import SessionFiles, SessionLock, Store, StoreError
from .clipboard import copy_with_tool
from .palette import Palette
from .session_screen import KEYS, SessionScreen
from .settings import Settings
from .strings import Texts

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The name the palette's screenshots are delivered under (Textual answers its own "screenshot" in English).
SCREENSHOT = "intervisie-screenshot"
END_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))
STARTUP_ERROR_SECONDS = 20  # a session that could not start: read before the group waits


class IntervisieApp(App[None]):
    """intervisie: the start screen, then the session screen, then the end screen."""

    CSS_PATH = "app.tcss"
    TITLE = "intervisie"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        store: Store,
        *,
        clock: Clock | None = None,
        settings: Settings | None = None,
        start: tuple[Protocol, Setup] | None = None,
        resume: tuple[SessionFiles, Session] | None = None,
        review: bool = False,
        select: str | None = None,
        lock: SessionLock | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock: Clock = clock or SystemClock()
        self.settings = settings or Settings()
        self.texts = Texts(self.settings.language)
        self._bind_in_language()
        self._start, self._resume, self._review = start, resume, review
        self._select = select
        self._lock = lock
        self._terminal_title = ""
        self.error: str | None = None

    def _bind_in_language(self) -> None:
        """ctrl+q asks before a running session ends; it and ctrl+p (whose label the footer shows) in the app's words.

        Textual adds ctrl+p with an English label when the app has none; these replace Textual's own two.
        """
        bindings = self._bindings.key_to_bindings
        bindings["ctrl+q"] = [Binding("ctrl+q", "request_quit", self.texts("key.quit"), show=False, priority=True)]
        palette = self.COMMAND_PALETTE_BINDING
        bindings[palette] = [
            Binding(
                palette,
                "command_palette",
                self.texts("key.palette"),
                show=False,
                priority=True,
                tooltip=self.texts("palette.tooltip"),
            )
        ]

    def action_command_palette(self) -> None:
        """The command palette, with its placeholder in the app's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = self.texts("palette.placeholder")
            self.push_screen(Palette(self.texts("palette.no_matches"), placeholder=placeholder, id="--command-palette"))

    def action_change_theme(self) -> None:
        """The theme picker, with its placeholder in the app's language."""
        from textual.theme import ThemeProvider

        self.push_screen(
            Palette(
                self.texts("palette.no_matches"),
                providers=[ThemeProvider],
                placeholder=self.texts("system.theme.placeholder"),
            )
        )

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit, in the app's language (Textual's own hint is English)."""
        self.notify(self.texts("quit.hint", key="ctrl+q"), title=self.texts("quit.hint_title"), markup=False)

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: review, a resumed or new session, or the start screen.

        Built here rather than pushed on mount, so the first frame is the real one and not an empty screen
        first. A failure ends the app with its one-line reason.
        """
        try:
            if self._review:
                from .review_screen import ReviewScreen

                return ReviewScreen(self.store, self.texts, select=self._select)
            if self._resume is not None:
                return self.session_screen(*self._resume)
            if self._start is not None:
                return self.new_session_screen(*self._start)
        except UserError as exc:
            self.error = exc.message(self.texts)
            return Screen(id="_default")
        from ..core.catalog import load_catalog
        from .start_screen import StartScreen

        return StartScreen(load_catalog(), self.store, self.clock, self.texts)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but on Linux and macOS one whose input survives bytes that are not UTF-8."""
        driver = super().get_driver_class()
        if sys.platform != "win32":
            from textual.drivers.linux_driver import LinuxDriver

            if driver is LinuxDriver:
                from .input_driver import TolerantLinuxDriver

                return TolerantLinuxDriver
        return driver

    def on_mount(self) -> None:
        if self.error:
            self.exit()
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for number in END_SIGNALS:
                loop.add_signal_handler(number, self.end_on_signal, number)

    def end_on_signal(self, number: int) -> None:
        """SIGTERM/SIGHUP/SIGINT (kill -INT; ctrl+c is a key in raw mode): save what is on screen, then exit.

        Saving falls back to an emergency copy when it fails.

        Exiting through Textual, not by dying, is what leaves the alternate screen and turns mouse
        tracking off again.
        """
        screen = self.session_screen_shown()
        if screen is not None and not screen.save_on_signal():
            autosave = screen.autosave
            copy = autosave.last_emergency_copy if autosave is not None else None
            self.error = (
                self.texts("app.signal_copy", number=number, path=copy)
                if copy
                else self.texts("app.signal", number=number)
            )
        self.exit(return_code=128 + number)

    def session_screen_shown(self) -> SessionScreen | None:
        """The running session's screen, under whatever dialog or end screen is on top of it."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, SessionScreen):
                return screen
        return None

    def start_session(self, protocol: Protocol, setup: Setup) -> None:
        """From the start screen: the new session's screen goes on top (the start screen is the base screen).

        A session that cannot be saved (a read-only or full data folder) is not started: the start screen
        stays, with everything typed in it, and says why.
        """
        try:
            self.push_screen(self.new_session_screen(protocol, setup))
        except UserError as exc:
            reason = self.texts("start.not_started", reason=exc.message(self.texts))
            self.notify(reason, severity="error", timeout=STARTUP_ERROR_SECONDS, markup=False)

    def resume_session(self, files: SessionFiles, session: Session) -> None:
        """From the start screen: the interrupted session's screen goes on top, or a notice why it cannot."""
        try:
            self.push_screen(self.session_screen(files, session))
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)

    def new_session_screen(self, protocol: Protocol, setup: Setup) -> SessionScreen:
        """A new session with its files; a group's open actions from its last session come along for review."""
        setup = encodable(setup)
        if setup.group and not setup.open_actions:
            from ..core.archive import ArchiveError

            try:
                carried = self.store.archive().last_open_actions(setup.group)
            except ArchiveError:
                carried = []
            setup = replace(setup, open_actions=tuple(item.line() for item in carried))
        session = Session(protocol, setup, self.clock)
        files = self.store.new_session(session, self.clock, self.settings.language)
        return self.session_screen(files, session)

    def session_screen(self, files: SessionFiles, session: Session) -> SessionScreen:
        """The screen of a session, once this app holds its lock."""
        if self._lock is None:
            try:
                self._lock = self.store.lock(files)
            except OSError as exc:
                raise StoreError(self.texts("app.cannot_lock", reason=exc.strerror or exc)) from None
        return SessionScreen(session, self.store, files, self.texts, self.settings)

    async def action_request_quit(self) -> None:
        """ctrl+q: a running session asks first and saves; anywhere else the app just closes."""
        screen = self.session_screen_shown()
        if screen is not None:
            await screen.action_quit_session()
        else:
            self.exit()

    def fail(self, message: str) -> None:
        """End the app with a one-line reason for the command line to print, and a non-zero code."""
        self.error = message
        self.exit(return_code=1)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A focused text cursor stays still unless blinking is asked for: calmer, and no repaint twice a second."""
        if not self.settings.blink and isinstance(event.widget, Input | TextArea):
            event.widget.cursor_blink = False

    def on_unmount(self) -> None:
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for number in END_SIGNALS:
                loop.remove_signal_handler(number)
        if self._lock is not None:
            self._lock.release()

    @property
    def terminal_title(self) -> str:
        """The window title last written to the terminal."""
        return self._terminal_title

    def set_terminal_title(self, title: str) -> None:
        """Write the terminal's window title (OSC 2) when it changes; tmux shows it as the pane title.

        Only the terminal is told: Textual's own `title` is reactive and repaints the screen, which once a
        second would cost more than the whole countdown.
        """
        title = visible(title)
        if title == self._terminal_title:
            return
        self._terminal_title = title
        driver = self._driver
        if driver is not None and not self.is_headless:
            driver.write(f"\x1b]2;{title}\x07")

    def copy_text(self, text: str, report: Callable[[bool], None] | None = None) -> None:
        """Copy through the terminal (OSC 52) at once, and through a clipboard tool in a worker.

        `report` hears on the UI thread, once it is known, whether the copy got through: a tool took it, or
        (with no tool that did) OSC 52 went to a real terminal.
        """
        self.copy_to_clipboard(text)

        async def copy() -> None:
            copied = await asyncio.to_thread(copy_with_tool, text)
            if report is not None:
                report(copied or not self.is_headless)

        self.run_worker(copy(), name="clipboard", group="clipboard", exit_on_error=False)

    def save_screenshot_svg(self) -> None:
        """The palette's screenshot: an SVG of the screen in the current folder, reported in the app's words."""
        import io
        from datetime import datetime

        self.deliver_text(
            io.StringIO(self.export_screenshot()),
            save_directory=Path.cwd(),
            save_filename=f"intervisie {datetime.now():%Y-%m-%d %H%M%S}.svg",
            open_method="browser",
            mime_type="image/svg+xml",
            name=SCREENSHOT,
        )

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        if event.name == SCREENSHOT:
            saved = self.texts("screenshot.saved", path=visible(str(event.path or "")))
            self.notify(saved, title=self.texts("system.screenshot"), markup=False)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == SCREENSHOT:
            failed = self.texts("screenshot.failed")
            self.notify(failed, title=self.texts("system.screenshot"), severity="error", markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's system commands in the app's words, then the session screen's own.

        "Quit" goes where ctrl+q goes, so a running session asks first. "Keys" opens the session's key help;
        Textual's key panel (with its English widget keys) is not offered.
        """
        texts = self.texts
        yield SystemCommand(texts("system.theme"), texts("system.theme.help"), self.action_change_theme)
        yield SystemCommand(texts("system.quit"), texts("system.quit.help"), self.action_request_quit)
        if screen.maximized is not None:
            yield SystemCommand(texts("system.minimize"), texts("system.minimize.help"), screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(texts("system.maximize"), texts("system.maximize.help"), screen.action_maximize)
        yield SystemCommand(
            texts("system.screenshot"),
            texts("system.screenshot.help"),
            lambda: self.set_timer(0.1, self.save_screenshot_svg),
        )
        from .start_screen import StartScreen

        if isinstance(screen, StartScreen):
            yield SystemCommand(texts("palette.invitation"), texts("palette.invitation.help"), screen.action_invitation)
            yield SystemCommand(texts("palette.prep_text"), texts("palette.prep_text.help"), screen.action_prep_text)
            yield SystemCommand(texts("key.write_case"), texts("key.write_case.help"), screen.action_write_case)
        if isinstance(screen, SessionScreen):
            yield SystemCommand(texts("system.keys"), texts("system.keys.help"), screen.action_help)
            for key, action, label, _ in KEYS:
                name, _, argument = action.partition("(")
                method = getattr(screen, f"action_{name}")
                if argument:
                    value = int(argument.rstrip(")"))
                    yield SystemCommand(self.texts(label), key, lambda m=method, v=value: m(v))
                else:
                    yield SystemCommand(self.texts(label), key, method)
            yield SystemCommand(self.texts("key.finish"), "", screen.confirm_finish)


def encodable(setup: Setup) -> Setup:
    """The setup with every lone surrogate replaced by U+FFFD.

    Names from the command line hold one for each byte that was not UTF-8 (Python decodes arguments with
    surrogateescape); no file and no terminal can take one, so the first save would fail for ever.
    """

    def clean(text: str) -> str:
        return LONE_SURROGATE.sub("\ufffd", text)

    return replace(
        setup,
        title=clean(setup.title),
        group=clean(setup.group),
        participants=tuple(map(clean, setup.participants)),
        case_bringers=tuple(map(clean, setup.case_bringers)),
        moderator=clean(setup.moderator),
        notulist=clean(setup.notulist),
        open_actions=tuple(map(clean, setup.open_actions)),
    )
