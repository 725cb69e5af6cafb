"""Snapshots of edge states a tester found: a search without hits, a group without open actions, and names
pasted 5000 characters long.

Each in Dutch and in English at 80×24 (the resume offer also at 40×12), on a fixed manual clock.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.paths import data_dir
from intervisie_tui.core.store import Store

from .helpers import make_app
from .test_archive import saved_session
from .test_notulist_room import long_names
from .test_snapshots import advisering
from .test_ui_review import review_app
from .test_ui_start import interrupted

LANGUAGES = ["nl", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_search_without_hits(language: str, snap_compare: Any) -> None:
    clock = ManualClock()
    saved_session(Store(), clock, group="Groep A")

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("ctrl+f", *"[/x] *nergens*", "enter")
        await pilot.pause()

    assert snap_compare(review_app(None, clock, language), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("language", LANGUAGES)
def test_advisering_with_5000_character_names(language: str, snap_compare: Any) -> None:
    clock = ManualClock()
    app = make_app(None, clock, "draaiboek-lang", long_names(), language)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await advisering(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_resume_offer_with_a_5000_character_group(size: tuple[int, int], language: str, snap_compare: Any) -> None:
    clock = ManualClock()
    interrupted(data_dir(), clock, group="G" + "x" * 5000)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()

    assert snap_compare(make_app(None, clock, None, language=language), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_group_without_open_actions(language: str, snap_compare: Any) -> None:
    """ctrl+t on a group whose actions are all ticked off says so (a tester saw a blank pane)."""
    clock = ManualClock()
    saved_session(Store(), clock, group="Groep A")
    minutes = next((data_dir() / "minutes").glob("*.md"))
    minutes.write_text(minutes.read_text().replace("- [ ]", "- [x]"))

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()

    assert snap_compare(review_app(None, clock, language), terminal_size=(80, 24), run_before=run_before)
