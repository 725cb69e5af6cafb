"""Where the session engine gets its time from.

Owns the `Clock` interface and its two implementations: `SystemClock` for real sessions and `ManualClock`
for tests and scripts, which only moves when told to. Durations come from `monotonic()`; wall-clock times
(start, planned end, projected end) come from `now()`.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of time: seconds for durations, an aware datetime for the wall clock."""

    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


def _steady_seconds() -> float:
    """Seconds from a clock that never jumps and, where the OS offers it, keeps counting during suspend.

    A moderator who closes the laptop lid for five minutes expects the step to have used those minutes, so on
    Linux CLOCK_BOOTTIME is preferred over CLOCK_MONOTONIC, which stops while the machine sleeps.
    """
    if _BOOTTIME is not None:
        return time.clock_gettime(_BOOTTIME)
    return time.monotonic()


_BOOTTIME: int | None = getattr(time, "CLOCK_BOOTTIME", None)


class SystemClock:
    """The machine's clocks."""

    def monotonic(self) -> float:
        return _steady_seconds()

    def now(self) -> datetime:
        return datetime.now().astimezone()


class ManualClock:
    """A clock that stands still until `advance` is called."""

    def __init__(self, start: datetime | None = None) -> None:
        self._wall = start or datetime(2026, 11, 22, 14, 0).astimezone()
        self._seconds = 1000.0

    def monotonic(self) -> float:
        return self._seconds

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock does not run backwards")
        self._seconds += seconds
        self._wall += timedelta(seconds=seconds)
