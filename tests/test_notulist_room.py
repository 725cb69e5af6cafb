"""Room for the notulist (issue 10): notes never squeezed, the silence view, F2 one message at a time, the
case-bringer set during the session, and finishing with unopened steps; driven with Pilot, asserting what the
screen and the saved minutes show."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import example, given
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.safe_text import visible
from intervisie_tui.core.session import Setup, Status
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.case_bringer_dialog import CaseBringerDialog
from intervisie_tui.ui.end_screen import EndScreen
from intervisie_tui.ui.fields_pane import FieldsPane
from intervisie_tui.ui.notes_room import NOTES_LINES
from intervisie_tui.ui.unvisited_dialog import UnvisitedDialog

from .helpers import PEOPLE, make_app, saved_minutes, session_screen, shown
from .test_bundled_protocols import EXPECTED_IDS
from .test_hostile_input import HYPOTHESIS, assert_clean_screen, hostile, run, screen_text

SIZE = (80, 24)
GROUP = Setup(group="G", participants=PEOPLE, case_bringers=("Bo",))


def notes(app: IntervisieApp) -> TextArea:
    return app.screen.query_one("#notes", TextArea)


def notifications(app: IntervisieApp) -> list[str]:
    return [n.message for n in app._notifications]


async def open_step(app: IntervisieApp, index: int) -> None:
    """Open a step and wait until its fields are mounted and the column is fitted around them."""
    screen = session_screen(app)
    screen.session.jump(index)
    screen._changed()
    pilot = Pilot(app)
    fields = screen.query_one(FieldsPane)
    wanted = len(screen.session.step.phase.capture)
    for _ in range(12):  # the old fields leave, the new ones mount, the column fits after the next refreshes
        await pilot.pause()
        mounted = len(fields.query(".field-input, .field-area")) == wanted
        if mounted and not screen._layout_required:
            break
    for _ in range(2):
        await pilot.pause()


def reachable_clipboard(app: IntervisieApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clipboard the copy reaches (a headless app reports none): it lands in `app.clipboard`."""

    def copy(text: str, report: Callable[[bool], None] | None = None) -> None:
        app.copy_to_clipboard(text)
        if report is not None:
            report(True)

    monkeypatch.setattr(app, "copy_text", copy)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("protocol_id", EXPECTED_IDS)
async def test_every_step_leaves_the_notulist_five_lines(
    tmp_path: Path, clock: ManualClock, protocol_id: str, size: tuple[int, int]
) -> None:
    """Every step of every bundled protocol: the notes show at least five lines, and the fields under them
    are on screen whole (the prompt pane above gives way)."""
    setup = Setup(group="G", participants=PEOPLE, case_bringers=("Bo",), open_actions=("Ann: bellen", "Bo: lezen"))
    app = make_app(tmp_path, clock, protocol_id, setup)
    async with app.run_test(size=size) as pilot:
        screen = session_screen(app)
        for index, step in enumerate(screen.session.steps):
            await open_step(app, index)
            await pilot.pause()
            where = (protocol_id, step.key)
            assert notes(app).content_size.height >= NOTES_LINES, where
            fields = screen.query_one("#fields")
            bottom = screen.query_one("#main").region.bottom
            assert not fields.display or fields.region.bottom <= bottom, where
            await pilot.press(*"x")  # and it takes typing
            assert notes(app).text.endswith("x"), where


async def test_advisering_at_80x24_scrolls_the_prompt_not_the_notes(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, "draaiboek-lang", GROUP)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(app, 4)
        await pilot.pause()
        screen = session_screen(app)
        assert shown(app, "#step-title") == "Advisering"
        assert notes(app).content_size.height >= NOTES_LINES
        prompt = screen.query_one("#prompt-scroll")
        assert prompt.display and prompt.max_scroll_y > 0  # the rest of the script is a scroll away
        assert screen.query_one("#field-action-plan").region.bottom <= screen.query_one("#main").region.bottom
        await pilot.press(*"Ann: rooster")
        assert notes(app).text == "Ann: rooster"
        for size in ((100, 30), (80, 24), (120, 40), (80, 24)):  # the room follows the terminal
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert notes(app).content_size.height >= NOTES_LINES, size
            assert screen.query_one("#field-action-plan").region.bottom <= screen.query_one("#main").region.bottom


async def test_below_80x24_the_prompt_folds_away_and_f2_still_copies(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, clock, "draaiboek-lang", GROUP)
    reachable_clipboard(app, monkeypatch)
    async with app.run_test(size=(80, 22)) as pilot:
        await open_step(app, 4)
        await pilot.pause()
        screen = session_screen(app)
        assert not screen.query_one("#prompt-scroll").display  # folded: less than two lines were left
        assert notes(app).content_size.height >= NOTES_LINES
        assert screen.query_one("#field-action-plan").region.bottom <= screen.query_one("#main").region.bottom
        await pilot.press("f2")
        assert app.clipboard == "Geef om de beurt je advies aan de inbrenger."
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert screen.query_one("#prompt-scroll").display  # unfolds when there is room again


async def test_the_silence_view_shows_what_to_paste_before_the_clock_runs(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, "chat-sessie", Setup(group="G", participants=PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await open_step(app, 3)
        await pilot.pause()
        assert screen.has_class("-silence")
        assert shown(app, "#silence-title") == "Stilte"
        body = shown(app, "#silence-body")
        assert "Niemand typt" in body
        assert "Wie: Ann, Bo, Cas, Dirk" in body
        assert "We nemen nu drie minuten stilte. Niemand typt." in body
        assert "Typt iemand toch? Laat vriendelijk weten" in body
        assert "op slot zodra de klok loopt" in body
        await pilot.press(*"voor")  # before the start the notes are open
        assert notes(app).text == "voor" and not notes(app).read_only
        await pilot.press("ctrl+t", *"tijdens")
        assert notes(app).read_only and notes(app).text == "voor"
        assert "op slot tot de tijd om is" in shown(app, "#silence-body")
        await pilot.press("ctrl+t", *" pauze")  # paused: open again
        assert notes(app).text == "voor pauze" and not notes(app).read_only
        await pilot.press("ctrl+t")
        clock.advance(3 * 60)
        screen.tick()
        await pilot.press(*" na")  # time is up: open, the view stays
        assert notes(app).text == "voor pauze na" and screen.has_class("-silence")
        await pilot.press("ctrl+n")
        assert not screen.has_class("-silence")
    assert "voor pauze na" in saved_minutes(tmp_path)


async def test_the_duo_silence_says_who_thinks_of_a_question(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, "duo-uitwisseling", Setup(group="G", participants=("Ann", "Bo")), "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(app, 2)
        await pilot.pause()
        assert shown(app, "#silence-title") == "Silence · Stilte – B bedenkt een vraag"
        body = shown(app, "#silence-body")
        assert "Partner B denkt in stilte een vraag uit." in body
        assert "Who: Ann, Bo" in body
        assert "Paste into the chat (F2):" in body and "Een minuut stilte. Partner B bedenkt een vraag." in body
        assert "Someone types anyway?" in body  # the default tip, the protocol has none here


async def test_f2_copies_one_message_at_a_time_and_never_directions(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, clock, "draaiboek-lang", GROUP)
    reachable_clipboard(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(app, 4)
        await pilot.press(*"advies Ann", "f2")  # typed just before the key: kept
        assert app.clipboard == "Geef om de beurt je advies aan de inbrenger."
        assert "Bericht 1/2 gekopieerd · F2 kopieert bericht 2/2" in notifications(app)
        await pilot.press("f2")
        assert app.clipboard.startswith("Wat vind je bruikbaar?")  # said to Bo, copied without the address
        assert "Bericht 2/2 gekopieerd · F2 kopieert bericht 1/2" in notifications(app)
        await pilot.press("f2")
        assert app.clipboard == "Geef om de beurt je advies aan de inbrenger."
        assert notes(app).text == "advies Ann"
        assert "aan Bo: Wat vind je bruikbaar?" in shown(app, "#prompt")
        await pilot.press("ctrl+o", "f2")  # another step starts at its first message
        assert app.clipboard.startswith("Vat samen wat je hebt gehoord") or "1/" in notifications(app)[-1]


async def test_f2_skips_the_stage_directions(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, "chat-sessie", Setup(group="G", participants=PEOPLE))  # no clipboard tool
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await open_step(app, len(screen.session.steps) - 1)
        directions = screen.session.step.phase.directions
        assert directions and directions[0] in shown(app, "#prompt")
        messages = list(screen.session.messages())
        copied = []
        for _ in messages:
            await pilot.press("f2")
            copied.append(app.clipboard)
        assert copied == messages
        assert not any(direction in text for text in copied for direction in directions)
        for _ in range(5):  # the clipboard tool's answer comes from a worker
            await pilot.pause()
        last = f"Bericht {len(messages)}/{len(messages)} staat klaar; kon het klembord niet bereiken"
        assert notifications(app)[-1].startswith(last)


async def test_set_the_case_bringer_during_the_session(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, "zeven-stappen", Setup(group="G", participants=PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert "Inbrenger" not in shown(app, "#step-meta")
        await pilot.press(*"Cas kiest de casus", "f5")  # typed just before the key: kept
        assert isinstance(app.screen, CaseBringerDialog)
        await pilot.press("down", "down", "enter")  # Ann, Bo, Cas
        assert app.screen is screen
        assert "Inbrenger: Cas" in shown(app, "#step-meta")
        assert notes(app).text == "Cas kiest de casus" and app.focused is notes(app)
        await open_step(app, 4)
        assert "aan Cas: Schrijf op wat je hoort" in shown(app, "#prompt")  # later steps' prompts follow
        await open_step(app, 5)
        await pilot.pause()
        await pilot.press("tab", *"bel de ouder")
        assert "Inbrenger: Cas" in shown(app, "#step-meta")
        await pilot.press("ctrl+q")
    minutes = saved_minutes(tmp_path)
    assert "case_bringers:\n- Cas" in minutes
    assert "Cas: bel de ouder" in minutes  # the actions' owner follows
    assert "Cas kiest de casus" in minutes


async def test_a_typed_case_bringer_is_literal_text(tmp_path: Path, clock: ManualClock) -> None:
    hostile = "[@click=app.quit] [/x]Eva"
    app = make_app(tmp_path, clock, "zeven-stappen", Setup(group="G", participants=PEOPLE), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f5", "tab")
        assert isinstance(app.focused, Input)
        await pilot.press("enter")  # an empty name changes nothing
        assert isinstance(app.screen, CaseBringerDialog)
        app.focused.insert_text_at_cursor(hostile)
        await pilot.press("enter")
        assert app.screen is screen and app.is_running
        assert shown(app, "#step-meta").endswith(f"Case-bringer: {hostile}")
        assert f"Case-bringer from this step on: {hostile}" in notifications(app)
        assert screen.session.setup.case_bringers == (hostile,)


async def test_hostile_participants_are_listed_and_chosen_literally(tmp_path: Path, clock: ManualClock) -> None:
    people = ("Eva [/stagiair]", "[@click=app.quit]klik", "\x1b]2;pwned\x07Bo", "مرحبا [/x]")
    app = make_app(tmp_path, clock, "zeven-stappen", Setup(group="G", participants=people))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f5")
        assert isinstance(app.screen, CaseBringerDialog)
        assert_clean_screen(app)
        for name in people:
            assert visible(name) in screen_text(app)
        await pilot.press("down", "down", "enter")  # the first is highlighted on opening: the third
        assert app.is_running and app.screen is session_screen(app)
        assert shown(app, "#step-meta").endswith(f"Inbrenger: {visible(people[2])}")
        assert session_screen(app).session.setup.case_bringers == (people[2],)
        assert_clean_screen(app)


async def test_the_palette_opens_the_case_bringer_dialog_and_escape_changes_nothing(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+p", *"Inbrenger")
        for _ in range(200):  # the palette searches in a worker: wait for its first match, not for a time
            await pilot.pause()
            if isinstance(app.screen, CommandPalette) and app.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CaseBringerDialog)
        assert app.screen.query_one(OptionList).highlighted == 1  # Bo, the case-bringer now
        await pilot.press("escape")
        assert app.screen is screen and screen.session.setup.case_bringers == ("Bo",)


async def test_a_method_with_rounds_keeps_its_case_bringers(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, "draaiboek-lang", GROUP)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"eerst", "f5")
        assert app.screen is session_screen(app) and notes(app).text == "eerst"
        assert "De inbrengers liggen per ronde vast (gekozen op het startscherm)" in notifications(app)


async def test_finishing_with_unopened_steps_names_them_first(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t", "ctrl+n")
        await open_step(app, len(screen.session.steps) - 1)
        await pilot.press(*"slot", "ctrl+n")  # typed just before the key: kept
        assert isinstance(app.screen, UnvisitedDialog)
        listed = shown(app, "#unvisited-list")
        for title in ("Verkenning met vragen", "De kernvraag bepalen", "Brainstormronde", "Actieplan"):
            assert f"· {title}" in listed
        assert "Inventarisatie" not in listed and "Met elkaar afsluiten" not in listed
        await pilot.press("escape")
        assert app.screen is screen and screen.session.status is Status.RUNNING
        assert notes(app).text == "slot"
        await pilot.press("ctrl+n", "enter")  # the focus is on "back"
        assert app.screen is screen
        await pilot.press("ctrl+n", "y")
        assert isinstance(app.screen, EndScreen)
    minutes = saved_minutes(tmp_path)
    assert "status: finished" in minutes and "slot" in minutes


LONG_NAME = "x" * 5000


def long_names(name: str = LONG_NAME) -> Setup:
    """Every name a person types, as long as a paste can make it."""
    return Setup(
        title=name,
        group="G" + name,
        participants=("A" + name, "B" + name, "Ann"),
        case_bringers=("C" + name, "D" + name),
        moderator="M" + name,
        notulist="N" + name,
    )


def notes_room(app: IntervisieApp) -> tuple[int, int]:
    """The notes' lines of text, and the screen line below their bottom edge."""
    return notes(app).content_size.height, notes(app).region.bottom


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("protocol_id", ["draaiboek-lang", "duo-uitwisseling"])
async def test_5000_character_names_take_no_room_from_the_notes(
    tmp_path: Path, clock: ManualClock, protocol_id: str, size: tuple[int, int]
) -> None:
    """Every step, names pasted 5000 characters long: the notes stay on screen with at least five lines, or
    where short names leave them fewer (below 80×24) at least as many as those; the header and turns lines
    stay bounded, and a name is cut with `…`."""
    rooms: dict[str, list[tuple[int, int]]] = {}
    for label, setup in (("short", long_names("")), ("long", long_names())):
        app = make_app(tmp_path / label, clock, protocol_id, setup)
        async with app.run_test(size=size) as pilot:
            await pilot.press("ctrl+t")
            screen = session_screen(app)
            rooms[label] = []
            for index in range(len(screen.session.steps)):
                await open_step(app, index)
                rooms[label].append(notes_room(app))
                for line in ("#step-title", "#step-meta", "#status", "#turns"):
                    assert screen.query_one(line).outer_size.height <= 3, (line, index)
                if label == "long" and screen.session.step.case_bringer and size == (80, 24):
                    assert shown(app, "#step-meta").endswith("xx…")
    assert all(
        long[0] >= min(short[0], NOTES_LINES) for long, short in zip(rooms["long"], rooms["short"], strict=True)
    ), rooms
    assert all(bottom <= size[1] for _, bottom in rooms["long"])
    if size == (80, 24):
        assert min(lines for lines, _ in rooms["long"]) >= NOTES_LINES


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_full_screen_clock_and_the_end_screen_keep_a_long_name_short(
    tmp_path: Path, clock: ManualClock, size: tuple[int, int]
) -> None:
    app = make_app(None, clock, "zeven-stappen", long_names())  # the data folder in the home: `~/data/…`
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+t", "f6")
        await pilot.pause()
        screen = session_screen(app)
        speaker = screen.query_one("#clock-speaker")
        assert str(speaker.render()) == f"Aan het woord: A{'x' * 38}… 0:00/1:40"  # the name cut, the time shown
        assert speaker.region.bottom <= size[1] and speaker.outer_size.height <= 3
        assert screen.query_one("#countdown").region.y >= 0
        await pilot.press("f6")
        screen.session.jump(len(screen.session.steps) - 1)
        screen._changed()
        await pilot.press("ctrl+n", "y")
        assert isinstance(app.screen, EndScreen)
        await pilot.pause()
        path = app.screen.query_one("#end-path")
        assert path.region.bottom <= size[1] - 1 and "Gxxx" in shown(app, "#end-path")  # above the footer
        assert_clean_screen(app)


@HYPOTHESIS
@given(name=hostile, group=hostile)
@example(name="x" * 10_000, group="woord " * 1_700)
@example(name="[/x]" * 1_000, group="\u202e" + "ש" * 5_000)
def test_hostile_names_leave_the_notulist_five_lines_at_80x24(name: str, group: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            setup = Setup(group=group, participants=(name, "Bo", name + "2"), case_bringers=(name or "Bo",))
            app = make_app(Path(folder), ManualClock(), "draaiboek-lang", setup)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("ctrl+t")
                for index in (0, 4):  # the opening round, and advisering: turns, prompts and an action plan
                    await open_step(app, index)
                    lines, bottom = notes_room(app)
                    assert lines >= NOTES_LINES and bottom <= SIZE[1], index
                assert_clean_screen(app)
            assert app.error is None

    run(scenario())
