"""Waiting until the keys typed before a priority key have reached their widget.

Owns `keys_delivered(app)` and `move_focus(screen)`, Tab on a screen of fields. Textual runs a priority
binding at once, in the app's queue, while the keys that came just before it may still wait in the focused
widget's own queue: a Tab that moved the focus at once sent the name typed after it into the field before
(the app forwards every key to the widget focused when the key is read). Awaiting this first makes the
app's queue wait too, so keys typed after the action go where the action leaves the focus, and an action
that reads a field reads what was typed into it.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual.app import App
from textual.screen import Screen

SETTLE_TIMEOUT = 2.0
"""An action never waits longer than this for the keys typed before it."""


async def keys_delivered(app: App[Any]) -> None:
    """Return once the focused widget has handled everything queued for it before this call."""
    target = app.focused
    if target is None:
        return
    reached = asyncio.Event()
    if target.call_later(reached.set):
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(reached.wait(), SETTLE_TIMEOUT)


async def move_focus(screen: Screen[Any], *, back: bool = False) -> None:
    """Tab (or shift+tab with `back`) on a screen of fields: the focus moves once the keys typed before the
    key are in the field it leaves, so a name typed right after Tab lands in the next field."""
    await keys_delivered(screen.app)
    if back:
        screen.focus_previous()
    else:
        screen.focus_next()
