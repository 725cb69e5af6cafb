"""No terminal size crashes the app, 1×1 included, with any dialog open, and a storm of resizes and keys.

The sizes and keys come from a seeded random list, so a failure replays exactly; a pass means the app is
still running, still shows the session, and kept the notes typed during the storm.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual.widgets import TextArea

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Setup
from intervisie_tui.core.store import Store
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.case_bringer_dialog import CaseBringerDialog
from intervisie_tui.ui.dialogs import ConfirmDialog, HelpDialog, JumpDialog, NotesDialog, UnsavedDialog
from intervisie_tui.ui.session_screen import SessionScreen
from intervisie_tui.ui.settings import Settings
from intervisie_tui.ui.unvisited_dialog import UnvisitedDialog

from .helpers import PEOPLE, make_app, session_screen

TINY = [(1, 1), (3, 2), (1, 60), (200, 1), (12, 4), (200, 60)]
KEYS = ["f4", "f1", "f3", "f5", "escape", "ctrl+n", "ctrl+o", "ctrl+g", "ctrl+t", "ctrl+l", "tab", "down", "a", "n"]


async def test_every_dialog_survives_every_tiny_size(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, setup=Setup(group="Groep A", participants=PEOPLE, case_bringers=("Bo",)))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = session_screen(app)
        openers = {
            HelpDialog: ["f1"],
            NotesDialog: ["f3"],
            JumpDialog: ["f4"],
            ConfirmDialog: ["ctrl+t", "ctrl+q"],
            CaseBringerDialog: ["f5"],
            UnvisitedDialog: ["f4", "end", "enter", "ctrl+n"],
        }
        for dialog, keys in openers.items():
            await pilot.press(*keys)
            assert isinstance(app.screen, dialog)
            for size in TINY:
                await pilot.resize_terminal(*size)
            await pilot.resize_terminal(100, 30)
            await pilot.press("escape")
            assert app.screen is screen
        screen.autosave.failing = True  # type: ignore[union-attr]
        screen._unsaved(lambda: None)
        await pilot.pause()
        assert isinstance(app.screen, UnsavedDialog)
        for size in TINY:
            await pilot.resize_terminal(*size)
        await pilot.press("escape")
        assert app.screen is screen and app.is_running


@pytest.mark.parametrize("seed", [1, 2])
async def test_a_storm_of_resizes_and_keys_never_crashes(tmp_path: Path, clock: ManualClock, seed: int) -> None:
    chance = random.Random(seed)
    app = make_app(tmp_path, clock)
    typed = 0
    async with app.run_test(size=(chance.randint(1, 200), chance.randint(1, 60))) as pilot:
        for _ in range(30):
            if chance.random() < 0.5:
                width = chance.choice([chance.randint(1, 8), chance.randint(1, 200)])
                height = chance.choice([chance.randint(1, 6), chance.randint(1, 60)])
                await pilot.resize_terminal(width, height)
            else:
                key = chance.choice(KEYS)
                if key == "a" and isinstance(app.focused, TextArea) and app.focused.id == "notes":
                    typed += 1
                await pilot.press(key)
        await pilot.resize_terminal(100, 30)
        while not isinstance(app.screen, SessionScreen):
            await pilot.press("escape")
        assert app.is_running
        await pilot.press("ctrl+t")
    assert app.return_code is None
    _files, session = Store(tmp_path).load(None, clock)
    assert sum(state.notes.count("a") for state in session.states) >= typed


@pytest.mark.parametrize("screen", ["start", "review"])
async def test_the_start_and_review_screens_survive_tiny_sizes(tmp_path: Path, screen: str) -> None:
    app = IntervisieApp(Store(tmp_path), settings=Settings(blink=False, ticking=False), review=screen == "review")
    async with app.run_test(size=(100, 30)) as pilot:
        for size in TINY:
            await pilot.resize_terminal(*size)
            await pilot.press("tab")
        assert app.is_running
