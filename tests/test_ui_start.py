"""The start screen: Enter starts the default protocol; the form sets up the session; warnings never block; every
field shows what is typed; Tab walks the fields in order; an interrupted session is offered; check-in and checklist.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from textual import events
from textual.widgets import Checkbox, Input, OptionList, Static, TextArea
from textual.widgets._footer import FooterKey

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.protocol import StepKind
from intervisie_tui.core.safe_text import pasted, visible
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import SessionFiles, Store
from intervisie_tui.core.toolkit import load_toolkit
from intervisie_tui.ui.app import IntervisieApp, encodable
from intervisie_tui.ui.checklist_dialog import ChecklistDialog
from intervisie_tui.ui.literal import short_name
from intervisie_tui.ui.settings import Settings
from intervisie_tui.ui.start_screen import StartScreen
from intervisie_tui.words import Texts

from .helpers import PEOPLE, bundled, make_app, session_screen, shown
from .test_archive import saved_session
from .test_hostile_input import HYPOTHESIS, assert_clean_screen, hostile

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


async def test_the_last_groups_participants_come_back_but_not_its_case_bringer(
    tmp_path: Path, clock: ManualClock
) -> None:
    Store(tmp_path).remember_group(
        "Groep A", {"participants": "Ann, Bo", "moderator": "Ann", "notulist": "Bo", "case-bringers": "Bo"}
    )
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        fields = ("group", "participants", "moderator", "notulist", "case-bringers")
        values = {f: app.screen.query_one(f"#{f}", Input).value for f in fields}
        await fill(pilot, app, {"case-bringers": "Ann"})
        await pilot.press("ctrl+s")
        session_screen(app)
    assert values == {
        "group": "Groep A",
        "participants": "Ann, Bo",
        "moderator": "Ann",
        "notulist": "Bo",
        "case-bringers": "",
    }
    assert "case-bringers" not in Store(tmp_path).last_participants("Groep A"), "the next session chooses anew"


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


FIELDS = ("group", "topic", "participants", "moderator", "notulist", "case-bringers")
TYPED = {
    "group": "Team zorg",
    "topic": "Overdracht",
    "participants": "Ann, Bo, Cas",
    "moderator": "Ann",
    "notulist": "Eva",
    "case-bringers": "Cas",
}
ALL_SIZES = [(100, 30), (80, 24), (40, 12)]


def visible_line(app: IntervisieApp, field: Input) -> str:
    """The text the focused field shows on its first content line, when that line is on screen at all."""
    region = field.content_region
    assert region.height >= 1, f"#{field.id} has no room for text ({field.region})"
    assert app.screen.region.contains_region(region), f"#{field.id} is off screen ({region})"
    return field.render_line(0).text


@pytest.mark.parametrize("size", ALL_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_tab_walks_the_fields_in_order_and_each_shows_its_text_while_typing(
    tmp_path: Path, clock: ManualClock, size: tuple[int, int]
) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=size) as pilot:
        assert isinstance(app.focused, OptionList)
        for field_id in FIELDS:
            await pilot.press("tab", *TYPED[field_id])
            field = app.focused
            assert isinstance(field, Input) and field.id == field_id, f"Tab went to {field!r}, not #{field_id}"
            assert TYPED[field_id] in visible_line(app, field)
        values = {f: app.screen.query_one(f"#{f}", Input).value for f in FIELDS}
        chain = [widget.id for widget in app.screen.focus_chain]
    assert values == TYPED
    assert chain == ["protocols", *FIELDS, "check-in", "check-out", "start-button"]


async def test_range_choices_come_after_the_fields_and_show_their_value_while_focused(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")  # draaiboek-lang, whose steps have ranges
        await pilot.press(*["tab"] * (len(FIELDS) + 1))
        choice = app.focused
        assert isinstance(choice, Input) and choice.id == "choice-acclimatisering"
        await pilot.press("backspace", "backspace", *"20")
        assert choice.value == "20" and "20" in visible_line(app, choice)


def footer_keys(app: IntervisieApp) -> str:
    """The keys the footer shows, with their descriptions."""
    return " ".join(str(key.render()) for key in app.screen.query(FooterKey))


def interrupted(root: Path, clock: ManualClock, group: str = "Team zorg") -> tuple[SessionFiles, Session]:
    """A saved session that was left in its third step with notes in its first."""
    store = Store(root)
    session = Session(bundled("zeven-stappen"), Setup(group=group, participants=PEOPLE, case_bringers=("Bo",)), clock)
    files = store.new_session(session, clock)
    session.start()
    session.set_notes(0, "half af")
    clock.advance(120)
    session.jump(2)
    store.save(files, session)
    return files, session


async def test_an_interrupted_session_is_offered_and_one_key_resumes_it(tmp_path: Path, clock: ManualClock) -> None:
    files, saved = interrupted(tmp_path, clock)
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        offer = shown(app, "#resume-text")
        assert "Team zorg" in offer and f"stap 3 van {len(saved.steps)}" in offer and saved.steps[2].title in offer
        assert app.screen.query_one("#resume").display
        await pilot.pause()
        assert "Hervat" in footer_keys(app)
        await pilot.press("ctrl+r")
        screen = session_screen(app)
        assert screen.files.session_id == files.session_id
        assert screen.session.current == 2 and screen.session.states[0].notes == "half af"


async def test_a_session_with_a_long_group_name_is_offered_and_resumed(tmp_path: Path, clock: ManualClock) -> None:
    """Its minutes' name is as long as a name may be, plus ".md": once read as a damaged state and set aside."""
    files, _ = interrupted(tmp_path, clock, group="Team " + "zorg" * 40)
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        assert "Team zorgzorg" in shown(app, "#resume-text")
        await pilot.press("ctrl+r")
        assert session_screen(app).session.states[0].notes == "half af"
    assert files.state.exists() and not list(files.state.parent.glob("*.bak"))


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_5000_character_group_is_cut_short_in_the_resume_offer(
    tmp_path: Path, clock: ManualClock, size: tuple[int, int]
) -> None:
    interrupted(tmp_path, clock, group="G" + "x" * 5000)
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        offer = shown(app, "#resume-text").replace("\n", " ")
        assert f"G{'x' * 38}…, stap 3 van 7" in offer  # the step still said, after the name cut with an ellipsis
        resume = app.screen.query_one("#resume")
        assert resume.region.y >= 0 and resume.region.height <= 6
        assert app.screen.query_one("#resume-button").region.bottom <= size[1] - 1
        await pilot.click("#resume-button")
        assert session_screen(app).session.current == 2


async def test_the_resume_button_resumes_at_40x12(tmp_path: Path, clock: ManualClock) -> None:
    files, _ = interrupted(tmp_path, clock)
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.click("#resume-button")
        assert session_screen(app).files.session_id == files.session_id


async def test_starting_anew_keeps_the_interrupted_session(tmp_path: Path, clock: ManualClock) -> None:
    files, _ = interrupted(tmp_path, clock)
    before = files.state.read_bytes()
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        await fill(pilot, app, {"group": "Ander team"})
        await pilot.press("ctrl+s")
        assert session_screen(app).files.session_id != files.session_id
    assert files.state.read_bytes() == before
    assert Store(tmp_path).load(files.session_id, clock)[1].states[0].notes == "half af"


async def test_nothing_is_offered_without_an_interrupted_session(tmp_path: Path, clock: ManualClock) -> None:
    saved_session(Store(tmp_path), clock)  # finished
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query_one("#resume").display
        await pilot.pause()
        assert "Checklist" in footer_keys(app)
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, StartScreen)
        assert "Hervat" not in footer_keys(app), "no resume key without a session to resume"


@pytest.mark.parametrize(
    ("protocol_index", "protocol_id", "default"),
    [
        (0, "zeven-stappen", False),
        (5, "chat-vragenronde", False),
        (6, "duo-uitwisseling", True),
    ],
)
async def test_check_in_and_check_out_follow_the_protocol_and_the_choice(
    tmp_path: Path, clock: ManualClock, protocol_index: int, protocol_id: str, default: bool
) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#protocols", OptionList).highlighted = protocol_index
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen) and screen.protocol.id == protocol_id
        boxes = [screen.query_one(f"#{name}", Checkbox) for name in ("check-in", "check-out")]
        assert [box.value for box in boxes] == [default, default]
        planned = shown(app, "#summary")
        screen.query_one("#check-in", Checkbox).focus()
        await pilot.press("space")
        assert boxes[0].value is not default
        marks = [str(box.render())[:3] for box in boxes]
        assert marks == ["▐X▌" if box.value else "▐ ▌" for box in boxes], "on and off differ without colour"
        assert shown(app, "#summary") != planned, "the planned total follows the choice"
        await pilot.press("ctrl+s")
        kinds = [step.phase.kind for step in session_screen(app).session.steps]
    assert (StepKind.CHECK_IN in kinds) is not default
    assert (StepKind.CHECK_OUT in kinds) is default


async def test_the_checklist_opens_as_a_dialog_and_closes(tmp_path: Path, clock: ManualClock) -> None:
    sections = load_toolkit().checklist
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "ctrl+l")
        dialog = app.screen
        assert isinstance(dialog, ChecklistDialog)
        text = " ".join(str(widget.render()) for widget in dialog.query(Static))
        assert sections and all(section.title in text for section in sections)
        assert f"[ ] {sections[0].items[0]}" in text
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen) and app.focused is app.screen.query_one("#group")


async def test_names_typed_in_one_burst_with_tabs_land_in_their_own_fields(tmp_path: Path, clock: ManualClock) -> None:
    """A text expander or a fast typist: Tab, a name, Tab, ... ctrl+s all arrive before the app runs."""
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        keys: list[events.Key] = []
        for field_id in FIELDS:
            keys.append(events.Key("tab", "\t"))
            keys += [events.Key("space" if c == " " else c, c) for c in TYPED[field_id]]
        for key in (*keys, events.Key("ctrl+s", None)):
            app.post_message(key)
        await pilot.pause()
        await pilot.pause()
        setup = session_screen(app).session.setup
    assert (setup.group, setup.title, setup.moderator, setup.notulist) == ("Team zorg", "Overdracht", "Ann", "Eva")
    assert setup.participants == ("Ann", "Bo", "Cas", "Eva") and setup.case_bringers == ("Cas",)


@pytest.mark.parametrize("group", ["[/x] Eva", "[@click=app.quit]team[/]", "\x1b]2;pwned\x07Zorg", "\u202eZorg"])
async def test_an_odd_group_name_in_the_resume_offer_is_shown_as_written(
    tmp_path: Path, clock: ManualClock, group: str
) -> None:
    interrupted(tmp_path, clock, group=group)
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        offer = shown(app, "#resume-text")
        await pilot.click("#resume-text")
        assert isinstance(app.screen, StartScreen) and app.is_running
    assert visible(group) in offer and "\x1b" not in offer


async def test_a_session_open_elsewhere_is_not_resumed_twice(tmp_path: Path, clock: ManualClock) -> None:
    files, _ = interrupted(tmp_path, clock)
    lock = Store(tmp_path).lock(files)
    try:
        app = make_app(tmp_path, clock, None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+r")
            assert isinstance(app.screen, StartScreen) and app.is_running
            messages = [n.message for n in app._notifications]
        assert any("already open" in message for message in messages), messages
    finally:
        lock.release()


@HYPOTHESIS
@given(text=hostile)
@example(text="[@click=app.quit]x[/]")
@example(text="\x1b]2;pwned\x07")
@example(text="eerste regel\ntweede \ud800")
@example(text="a\rb")
def test_hostile_text_typed_or_resumed_on_the_start_screen_is_shown_literally(text: str) -> None:
    """Pasted into every field, and as the interrupted session's group: shown as written, started as typed."""

    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root, clock = Path(folder), ManualClock()
            group = encodable(Setup(group=text)).group
            interrupted(root, clock, group=group)
            app = make_app(root, clock, None)
            async with app.run_test(size=SIZE) as pilot:
                assert short_name(group.strip() or group) in shown(app, "#resume-text")
                for _ in FIELDS:
                    await pilot.press("tab")
                    app.post_message(events.Paste(text))
                    await pilot.pause()
                    assert_clean_screen(app)
                await pilot.press("ctrl+s")
                session = session_screen(app).session
                assert_clean_screen(app)
            first_line = visible((pasted(text).split("\n") or [""])[0])  # one line: a tab is a space
            assert session.setup.title == encodable(Setup(title=first_line)).title.strip()

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("focus", "keys"),
    [
        ("#protocols", ["enter", "enter", "enter"]),
        ("#group", ["enter", "enter"]),
        ("#participants", ["enter", "ctrl+s"]),
    ],
)
async def test_enter_pressed_again_before_the_session_shows_starts_one_session(
    tmp_path: Path, clock: ManualClock, focus: str, keys: list[str]
) -> None:
    """An impatient double Enter (or Enter and ctrl+s) in one burst: one session, and nothing left half-made."""
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(focus).focus()
        await pilot.pause()
        for key in keys:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
        await pilot.pause()
        await pilot.pause()
        session_screen(app)
        stacked = [screen for screen in app.screen_stack if not isinstance(screen, StartScreen)]
    assert len(stacked) == 1
    assert len(list(Store(tmp_path).sessions_dir.glob("*.json"))) == 1
    assert len(list(Store(tmp_path).minutes_dir.glob("*.md"))) == 1


@pytest.mark.parametrize("field_id", ["participants", "case-bringers"])
async def test_a_pasted_column_of_names_becomes_one_list(tmp_path: Path, clock: ManualClock, field_id: str) -> None:
    """Names copied from a sheet or a chat arrive one per line; the one-line field keeps them all."""
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one(f"#{field_id}").focus()
        app.post_message(events.Paste("Ann\r\n  Bo,\n\n[Cas]\nDirk\n"))
        await pilot.pause()
        value = app.screen.query_one(f"#{field_id}", Input).value
        await pilot.press("ctrl+s")
        setup = session_screen(app).session.setup
    assert value == "Ann, Bo, [Cas], Dirk"
    assert {"Ann", "Bo", "[Cas]", "Dirk"} <= set(setup.participants)


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_the_start_screens_keys_are_named_whole_at_80_columns(
    tmp_path: Path, clock: ManualClock, language: str
) -> None:
    """The footer keeps the keys of the start itself; the preparation screens are named in a line of their own."""
    interrupted(tmp_path, clock)
    settings = Settings(language=language, bell=False, flash=False, blink=False, ticking=False)
    app = IntervisieApp(Store(tmp_path), clock=clock, settings=settings)
    texts = Texts(language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        await pilot.press("f9")
        assert not isinstance(app.screen, StartScreen)
    footer = f" {lines[-1]} "
    for key in ("key.start", "key.resume", "key.checklist", "key.quit", "key.palette"):
        assert f" {texts(key)} " in footer, (key, footer)
    assert texts("start.prepare_keys") in "\n".join(lines)


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_a_session_that_cannot_be_saved_is_not_started_and_the_start_screen_keeps_everything(
    tmp_path: Path, clock: ManualClock, language: str
) -> None:
    """A tester pressed Start on a data folder the app cannot write in: the whole app closed with an English
    line. Now the start screen stays, with what was typed, and says why in the screen's language."""
    settings = Settings(language=language, bell=False, flash=False, blink=False, ticking=False)
    app = IntervisieApp(Store(tmp_path), clock=clock, settings=settings)
    (tmp_path / "sessions").write_text("a file where the sessions folder goes, as a folder the app cannot use")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#group", Input).focus()
        await pilot.press(*"Team A", "tab", "tab", *"Ann, Bo", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and app.is_running
        values = {field.id: field.value for field in app.screen.query(Input)}
        messages = [n.message for n in app._notifications]
    assert (values["group"], values["participants"]) == ("Team A", "Ann, Bo")
    texts = Texts(language)
    expected = texts("start.not_started", reason=texts("error.data_folder", folder=tmp_path, reason="")).split(":")[0]
    assert len(messages) == 1 and messages[0].startswith(expected), messages
    assert str(tmp_path) in messages[0]
    other = Texts("en" if language == "nl" else "nl")
    assert other("start.not_started", reason="").split(":")[0] not in messages[0]
