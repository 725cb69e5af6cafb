"""Saving a running session without ever losing what was typed.

Owns the policy: an edit asks for a save, which happens at most a second later (so a burst of typing costs
one write, and nothing waits longer than a second); events such as a step change save at once; a failing
disk is reported once, the session stays in memory, and every later request tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from ..core.minutes_file import MinutesNotice
from ..core.session import Session
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
    ) -> None:
        self.owner, self.store, self.files, self.session = owner, store, files, session
        self.on_failure, self.on_recovery, self.on_notice = on_failure, on_recovery, on_notice
        self.failing = False
        self._timer: Timer | None = None

    def request(self) -> None:
        """Ask for a save within a second; a save already scheduled covers this request too."""
        if self._timer is None:
            self._timer = self.owner.set_timer(DEBOUNCE_SECONDS, self.now)

    def now(self) -> bool:
        """Save at once; report a failure once and a recovery once."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        try:
            notice = self.store.save(self.files, self.session)
        except OSError as exc:
            if not self.failing:
                self.on_failure(exc.strerror or str(exc))
            self.failing = True
            return False
        if self.failing:
            self.failing = False
            self.on_recovery()
        if notice is not None and self.on_notice is not None:
            self.on_notice(notice)
        return True
