"""Breakpoint classes set before a screen is first drawn.

Owns one saving: Textual gives a screen its breakpoint classes (`-narrow`, `-short`, …) on its first resize,
after it has already styled and drawn everything once, so the first frame was drawn twice. Setting the
classes from the terminal size when the screen is created makes that first resize change nothing.
"""

from __future__ import annotations

from typing import Any

from textual._context import active_app
from textual.screen import Screen


def _matching(dimension: int, breakpoints: list[tuple[int, str]]) -> set[str]:
    chosen = ""
    for threshold, name in breakpoints:
        if dimension >= threshold:
            chosen = name
    return {chosen} if chosen else set()


def preset_breakpoints(screen: Screen[Any]) -> None:
    """Give a screen the breakpoint classes its first resize would give it."""
    app = active_app.get(None)
    if app is None:
        return
    width, height = app.size
    horizontal = screen.HORIZONTAL_BREAKPOINTS or []
    vertical = screen.VERTICAL_BREAKPOINTS or []
    wanted = _matching(width, horizontal) | _matching(height, vertical)
    screen.add_class(*wanted)
