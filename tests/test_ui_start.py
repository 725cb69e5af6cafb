"""The start screen: Enter starts the default protocol; the form sets up the session; warnings never block."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, TextArea

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.store import Store

from .helpers import make_app, session_screen, shown

SIZE = (100, 30)


async def fill(pilot: object, app: object, values: dict[str, str]) -> None:
    for field_id, value in values.items():
        widget = app.screen.query_one(f"#{field_id}", Input)  # type: ignore[attr-defined]
        widget.value = value
    await pilot.pause()  # type: ignore[attr-defined]


async def test_enter_starts_the_preselected_seven_step_protocol(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.focused, OptionList)
        assert "Gepland: 50 min · klaar rond 14:50" in shown(app, "#summary")
        await pilot.press("enter")
        screen = session_screen(app)
        assert screen.session.protocol.id == "zeven-stappen"
        assert shown(app, "#step-title") == "Inventarisatie"


async def test_the_form_becomes_the_sessions_setup(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")
        await fill(
            pilot,
            app,
            {
                "group": "Team zorg",
                "topic": "Overdracht",
                "participants": "Ann, Bo,Cas ,, Dirk",
                "moderator": "Ann",
                "notulist": "Eva",
                "case-bringers": "Cas, Bo",
            },
        )
        app.screen.query_one("#choice-acclimatisering", Input).value = "20"
        await pilot.pause()
        assert "Gepland: 120 min" in shown(app, "#summary")
        await pilot.press("ctrl+s")
        session = session_screen(app).session
    assert session.protocol.id == "draaiboek-lang"
    assert session.setup.participants == ("Ann", "Bo", "Cas", "Dirk", "Eva")
    assert session.setup.case_bringers == ("Cas", "Bo")
    assert (session.setup.moderator, session.setup.notulist, session.setup.title) == ("Ann", "Eva", "Overdracht")
    assert session.planned(0) == 20 * 60
    assert [s.case_bringer for s in session.steps[1:3]] == ["Cas", "Cas"]


async def test_group_size_and_time_limits_warn_but_do_not_block(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")
        await fill(pilot, app, {"participants": "Ann, Bo"})
        app.screen.query_one("#choice-check-in", Input).value = "10"
        app.screen.query_one("#choice-inleiding", Input).value = "15"
        await pilot.pause()
        assert "Let op: 2 deelnemers; deze methode is bedoeld voor 5–15." in shown(app, "#warnings")
        app.screen.query_one("#protocols", OptionList).highlighted = 2
        await pilot.pause()
        await fill(pilot, app, {"case-bringers": "Ann, Bo"})
        assert "30 min is meer dan de 20 min" in shown(app, "#warnings")
        await pilot.press("ctrl+s")
        assert session_screen(app).session.protocol.id == "draaiboek-kort"


async def test_the_last_groups_participants_come_back(tmp_path: Path, clock: ManualClock) -> None:
    Store(tmp_path).remember_group(
        "Groep A", {"participants": "Ann, Bo", "moderator": "Ann", "notulist": "Bo", "case-bringers": "Bo"}
    )
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE):
        values = {f: app.screen.query_one(f"#{f}", Input).value for f in ("group", "participants", "case-bringers")}
    assert values == {"group": "Groep A", "participants": "Ann, Bo", "case-bringers": "Bo"}


async def test_english_when_asked(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, language="en")
    async with app.run_test(size=SIZE) as pilot:
        assert "ctrl+t starts the clock" in shown(app, "#status")
        await pilot.press("ctrl+t")
        clock.advance(6 * 60)
        session_screen(app).tick()
        assert shown(app, "#clock-label") == "OVERRUN"


async def test_the_command_palette_offers_every_session_action(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE):
        titles = {command.title for command in app.get_system_commands(app.screen)}
    for title in (
        "Start/pauze",
        "Volgende",
        "Vorige stap",
        "Spreker",
        "+1 min",
        "−1 min",
        "Kopieer",
        "Alle notities",
        "Naar stap",
        "Hulp",
        "Stop",
        "Sessie afronden",
    ):
        assert title in titles


async def test_a_tiny_terminal_and_resizes_never_crash(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter")
        session_screen(app)
        for size in ((100, 30), (20, 5), (80, 24), (1, 1), (40, 12)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press(*"nog steeds hier")
        assert session_screen(app).query_one("#notes", TextArea).text == "nog steeds hier"
