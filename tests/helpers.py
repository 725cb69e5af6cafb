"""Helpers shared by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from intervisie_tui.core.catalog import bundled_dir
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.protocol import Protocol
from intervisie_tui.core.protocol_loader import load_protocol
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import SessionFiles, Store, StoreError
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.session_screen import SessionScreen
from intervisie_tui.ui.settings import Settings

PEOPLE = ("Ann", "Bo", "Cas", "Dirk")
# Lines a test module wants shown in the run's summary (figures a closing note quotes); printed by conftest.
SUMMARY_LINES = pytest.StashKey[list[str]]()


def bundled(protocol_id: str) -> Protocol:
    """A bundled protocol by id, loaded from its file."""
    return load_protocol(bundled_dir() / f"{protocol_id}.yaml")


def make_app(
    store_root: Path | None,
    clock: ManualClock,
    protocol_id: str | None = "zeven-stappen",
    setup: Setup | None = None,
    language: str = "nl",
    resume: tuple[SessionFiles, Session] | None = None,
) -> IntervisieApp:
    """The real app on a manual clock, with a private data folder, no bell and no cursor blink.

    The screen's own ticks are off: a test advances the manual clock and calls `tick()` itself, so what the
    screen shows never depends on when a real timer fired.
    """
    start = None
    if protocol_id is not None and resume is None:
        start = (bundled(protocol_id), setup or Setup(group="Groep A", participants=PEOPLE, case_bringers=("Bo",)))
    return IntervisieApp(
        Store(store_root),  # None: the user data folder, inside the isolated test home
        clock=clock,
        settings=Settings(language=language, bell=False, flash=False, blink=False, ticking=False),
        start=start,
        resume=resume,
    )


def session_screen(app: IntervisieApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen), f"expected the session screen, got {screen!r}"
    return screen


def shown(app: IntervisieApp, selector: str) -> str:
    """The plain text a Static shows."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


def saved_minutes(root: Path) -> str:
    """The text of the one minutes file in the data folder `root` (a finished session keeps its notes only there)."""
    (path,) = Store(root).minutes_dir.glob("*.md")
    return path.read_text(encoding="utf-8")


def saved_notes(root: Path, step: int = 0) -> str:
    """A step's notes as the state and journal on disk hold them (what a resume restores); '' before any save.

    Reads without touching anything, so it can look at a session another process is running.
    """
    try:
        _, session = Store(root).load(None, ManualClock(), touch=False)
    except StoreError:
        return ""
    return session.states[step].notes
