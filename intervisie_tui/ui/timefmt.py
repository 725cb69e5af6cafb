"""How times read on screen: countdowns (`4:59`, `-0:42`, `1:02:03`) and wall-clock times (`14:50`)."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path


def countdown(seconds: float) -> str:
    """Remaining seconds as a countdown; whole seconds rounded up, so `0:00` means the time is really up.

    In overrun the time counts up with a minus sign: `-0:42`.
    """
    if seconds > 0:
        whole = math.ceil(seconds - 1e-9)
        sign = ""
    else:
        whole = math.floor(-seconds + 1e-9)
        sign = "-" if whole > 0 else ""
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def elapsed(seconds: float) -> str:
    """Elapsed seconds as `12:30` (or `1:02:03`), rounded down."""
    whole = max(int(seconds), 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def minutes_used(seconds: float) -> str:
    """Elapsed time in whole minutes, rounded down (`12`): for figures that need not move every second."""
    return str(max(int(seconds), 0) // 60)


def wall(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def whole_minutes(seconds: float) -> int:
    return round(seconds / 60)


def display_path(path: Path) -> str:
    """A path as a person reads it: the home folder shortened to `~`."""
    home = Path.home()
    try:
        return f"~/{path.relative_to(home).as_posix()}"
    except ValueError:
        return str(path)


def minutes_difference(seconds: float) -> str:
    """`+2 min`, `-1 min` or `0 min`."""
    minutes = whole_minutes(seconds)
    return f"{minutes:+d} min" if minutes else "0 min"
