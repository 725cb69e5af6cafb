"""Snapshots of every screen at 100×30 and 80×24 (and the session at 40×12), on a fixed manual clock."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Setup

from .helpers import PEOPLE, make_app, session_screen

SIZES = [(100, 30), (80, 24)]
Steps = Callable[[Pilot[None], ManualClock], Awaitable[None]]


async def running(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("ctrl+t", *"Ann: lastige ouder; Bo: planning", "enter", *"Cas: stagiair")
    clock.advance(75)
    session_screen(pilot.app).tick()  # type: ignore[arg-type]


async def warning(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("ctrl+t")
    clock.advance(4 * 60 + 20)
    session_screen(pilot.app).tick()  # type: ignore[arg-type]


async def overrun(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("ctrl+t")
    clock.advance(6 * 60 + 12)
    session_screen(pilot.app).tick()  # type: ignore[arg-type]


async def silence(pilot: Pilot[None], clock: ManualClock) -> None:
    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    screen.session.jump(3)
    screen._changed()
    await pilot.press("ctrl+t")
    clock.advance(50)
    screen.tick()


async def turns(pilot: Pilot[None], clock: ManualClock) -> None:
    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    await pilot.press("ctrl+n", "ctrl+n", "ctrl+t")
    clock.advance(130)
    await pilot.press("ctrl+g")
    clock.advance(45)
    screen.tick()


async def help_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("f1")


async def finished(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("ctrl+t")
    for minutes in (6, 5, 12, 4, 10, 11, 5):
        clock.advance(minutes * 60)
        await pilot.press("ctrl+n")
    await pilot.press("enter")


SESSION_CASES: dict[str, tuple[str, Setup | None, Steps]] = {
    "running": ("zeven-stappen", None, running),
    "warning": ("zeven-stappen", None, warning),
    "overrun": ("zeven-stappen", None, overrun),
    "silence": ("chat-sessie", Setup(group="Chatgroep", participants=PEOPLE), silence),
    "turns": ("draaiboek-lang", Setup(group="Groep B", participants=PEOPLE, case_bringers=("Bo", "Cas")), turns),
    "help": ("zeven-stappen", None, help_dialog),
    "end": ("zeven-stappen", None, finished),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", sorted(SESSION_CASES))
def test_session_screens(case: str, size: tuple[int, int], snap_compare: Any) -> None:
    protocol_id, setup, steps = SESSION_CASES[case]
    clock = ManualClock()
    app = make_app(None, clock, protocol_id, setup)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await steps(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_session_screen_degrades_to_the_countdown_at_40x12(snap_compare: Any) -> None:
    clock = ManualClock()
    app = make_app(None, clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await running(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(40, 12), run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen(size: tuple[int, int], snap_compare: Any) -> None:
    app = make_app(None, ManualClock(), None)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_screen(size: tuple[int, int], snap_compare: Any) -> None:
    from intervisie_tui.core.store import Store

    from .test_archive import saved_session
    from .test_ui_review import review_app

    clock = ManualClock()
    saved_session(Store(), clock, group="Groep A")
    saved_session(Store(), clock, group="Groep B", case_bringers=("Cas",))

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()

    assert snap_compare(review_app(None, clock), terminal_size=size, run_before=run_before)


async def duo_silence(pilot: Pilot[None], clock: ManualClock) -> None:
    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    screen.session.jump(2)
    screen._changed()


async def duo_silence_running(pilot: Pilot[None], clock: ManualClock) -> None:
    await duo_silence(pilot, clock)
    await pilot.press("ctrl+t")
    clock.advance(20)
    session_screen(pilot.app).tick()  # type: ignore[arg-type]


async def case_bringer_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press(*"Cas kiest", "f5", "down", "down")


async def unvisited_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    await pilot.press("ctrl+t", "ctrl+n")
    screen.session.jump(len(screen.session.steps) - 1)
    screen._changed()
    await pilot.press("ctrl+n")


async def advisering(pilot: Pilot[None], clock: ManualClock) -> None:
    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    screen.session.jump(4)
    screen._changed()
    await pilot.press("ctrl+t", *"Ann: eerst de ouders bellen", "tab", *"Bo: rooster maken")
    clock.advance(130)
    await pilot.press("ctrl+g")
    screen.tick()


DUO = Setup(group="Duo's", participants=("Ann", "Bo"))
NOTULIST_CASES: dict[str, tuple[str, Setup | None, Steps]] = {
    "silence-before": ("duo-uitwisseling", DUO, duo_silence),
    "silence-running": ("duo-uitwisseling", DUO, duo_silence_running),
    "case-bringer": ("zeven-stappen", Setup(group="Groep A", participants=PEOPLE), case_bringer_dialog),
    "unvisited": ("zeven-stappen", None, unvisited_dialog),
}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("case", sorted(NOTULIST_CASES))
def test_notulist_screens_at_80x24(case: str, language: str, snap_compare: Any) -> None:
    protocol_id, setup, steps = NOTULIST_CASES[case]
    clock = ManualClock()
    app = make_app(None, clock, protocol_id, setup, language)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await steps(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


LANGUAGES = ["nl", "en"]
START_FIELDS = {
    "group": "Team zorg",
    "topic": "Overdracht [om de beurt]",
    "participants": "Ann, Bo, Cas, Dirk",
    "moderator": "Ann",
    "notulist": "Eva",
    "case-bringers": "Cas",
}


def typing_in(field_id: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Tab from the protocol list to the field, typing every field on the way; the last one still has focus."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        for name, text in START_FIELDS.items():
            await pilot.press("tab", *text)
            if name == field_id:
                break
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field_id", list(START_FIELDS))
def test_start_screen_while_typing(field_id: str, language: str, snap_compare: Any) -> None:
    app = make_app(None, ManualClock(), None, language=language)
    assert snap_compare(app, terminal_size=(100, 30), run_before=typing_in(field_id))


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen_while_typing_small(size: tuple[int, int], snap_compare: Any) -> None:
    app = make_app(None, ManualClock(), None)
    assert snap_compare(app, terminal_size=size, run_before=typing_in("participants"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", [*SIZES, (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_start_screen_offers_to_resume(size: tuple[int, int], language: str, snap_compare: Any) -> None:
    from intervisie_tui.core.paths import data_dir

    from .test_ui_start import interrupted

    clock = ManualClock()
    interrupted(data_dir(), clock)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()

    assert snap_compare(make_app(None, clock, None, language=language), terminal_size=size, run_before=run_before)


async def confirm_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("ctrl+t")
    clock.advance(30)
    await pilot.press("ctrl+q")


async def jump_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("f4", "down", "down")


async def notes_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press(*"Ann: lastige ouder", "ctrl+n", *"Bo vraagt door", "f3", "up")


async def unsaved_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    from intervisie_tui.ui.dialogs import UnsavedDialog

    screen = session_screen(pilot.app)  # type: ignore[arg-type]
    autosave = screen.autosave
    assert autosave is not None
    autosave.last_error = "No space left on device"
    await pilot.app.push_screen(UnsavedDialog(screen.texts, autosave, screen._copy_all))


async def checklist_dialog(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("ctrl+l")


DIALOG_CASES: dict[str, tuple[str | None, Steps]] = {
    "confirm": ("zeven-stappen", confirm_dialog),
    "jump": ("zeven-stappen", jump_dialog),
    "notes": ("zeven-stappen", notes_dialog),
    "help": ("zeven-stappen", help_dialog),
    "unsaved": ("zeven-stappen", unsaved_dialog),
    "checklist": (None, checklist_dialog),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("case", sorted(DIALOG_CASES))
def test_dialogs(case: str, language: str, snap_compare: Any) -> None:
    protocol_id, steps = DIALOG_CASES[case]
    clock = ManualClock()
    app = make_app(None, clock, protocol_id, language=language)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await steps(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_advisering_keeps_five_lines_of_notes_at_80x24(snap_compare: Any) -> None:
    clock = ManualClock()
    setup = Setup(group="Groep B", participants=PEOPLE, case_bringers=("Bo",))
    app = make_app(None, clock, "draaiboek-lang", setup)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await advisering(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_checklist_dialog_at_40x12(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()

    assert snap_compare(make_app(None, ManualClock(), None), terminal_size=(40, 12), run_before=run_before)
