"""Saving a running session without ever losing what was typed.

Owns the policy: an edit asks for a save, which happens at most a second later (so a burst of typing costs
one write, and nothing waits longer than a second); other events save at once. What is saved is read from
the widgets at that moment (`take`), never copied per keystroke. A save after typing or an event within a
step appends what changed to the journal (core/store.py); a step change, quitting and finishing write a
checkpoint (state and complete minutes). Nothing is written while nothing changes but the running clock, whose
time is written every 15 s (`clock_mark`, from the screen's tick), so a crash loses at most that much of it.
A failing disk is reported once, the session stays in memory, and every later request tries
again. When the data folder cannot be written, it also owns the way out: an emergency copy of the minutes in
another writable folder (the home folder, else the temp folder), created new and private, never over an
existing file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.timer import Timer
from textual.widget import Widget

from ..core.minutes import render_minutes
from ..core.minutes_file import MinutesNotice
from ..core.privacy import emergency_copy_name, emergency_folders
from ..core.session import Session, Status
from ..core.store import SessionFiles, Store

DEBOUNCE_SECONDS = 1.0


class Autosave:
    """Saves one session through a store, on a widget's timers."""

    def __init__(
        self,
        owner: Widget,
        store: Store,
        files: SessionFiles,
        session: Session,
        on_failure: Callable[[str], None],
        on_recovery: Callable[[], None],
        on_notice: Callable[[MinutesNotice], None] | None = None,
        take: Callable[[], None] | None = None,
    ) -> None:
        self.owner, self.store, self.files, self.session = owner, store, files, session
        self.on_failure, self.on_recovery, self.on_notice = on_failure, on_recovery, on_notice
        self.take = take
        self.failing = False
        self.last_error: str | None = None
        self.last_emergency_copy: Path | None = None
        self._timer: Timer | None = None
        self._checkpoint_step = None if store.minutes_behind(files) else session.current

    def request(self) -> None:
        """Ask for a save within a second; a save already scheduled covers this request too."""
        if self._timer is None:
            self._timer = self.owner.set_timer(DEBOUNCE_SECONDS, self.changes)

    def clock_mark(self) -> None:
        """Write the running clock's time when it is due (a crash then loses at most CLOCK_MARK_SECONDS)."""
        if self._timer is None and self.store.clock_mark_due(self.files, self.session):
            self.changes()

    def changes(self) -> bool:
        """Save what changed, at once: a checkpoint when one is owed (the step changed or the session ended
        since the last; the minutes are complete at every step change), else an append to the journal."""
        if self.session.current != self._checkpoint_step or self.session.status is Status.FINISHED:
            return self.now()
        return self._save(self.store.journal)

    def now(self) -> bool:
        """A checkpoint at once: the whole state and complete minutes (quit, finish, a step change)."""
        saved = self._save(self.store.save)
        if saved:
            self._checkpoint_step = self.session.current
        return saved

    def _save(self, write: Callable[[SessionFiles, Session], MinutesNotice | None]) -> bool:
        """Take the widgets, then write; report a failure once and a recovery once."""
        if self.take is not None:
            self.take()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        try:
            notice = write(self.files, self.session)
        except (OSError, UnicodeError) as exc:  # UnicodeError: a text no file can hold (a lone surrogate)
            self.last_error = getattr(exc, "strerror", None) or str(exc)
            if not self.failing:
                self.failing = True
                self.on_failure(self.last_error)
            return False
        if self.failing:
            self.failing = False
            self.on_recovery()
        if notice is not None and self.on_notice is not None:
            self.on_notice(notice)
        return True

    def minutes_text(self) -> str:
        """The minutes as they would be saved now."""
        return render_minutes(self.session, self.files.session_id, self.files.language)

    def emergency_copy(self) -> Path | None:
        """Write the minutes to the first writable of the home and the temp folder; the file, or None."""
        text = self.minutes_text().encode("utf-8", "replace")
        name = emergency_copy_name(self.files.session_id, datetime.now())
        for folder in emergency_folders():
            path = folder / name
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except OSError:
                continue
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError:
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            self.last_emergency_copy = path
            return path
        return None
