"""Hostile text through the real app: markup, escape sequences, control characters, surrogates, RTL, long.

Every string from a person (names, group, title, notes, fields) or a protocol (titles, goals, prompts, tips,
questions, hints, carried actions) must be shown literally: the screen shows exactly `visible(text)`, no
markup is interpreted, no control character reaches the rendered screen, and nothing crashes.
"""

from __future__ import annotations

import asyncio
import dataclasses
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import DataTable, Input, OptionList, TextArea

from intervisie_tui.core.catalog import bundled_dir
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.protocol import Message, Protocol
from intervisie_tui.core.protocol_loader import load_protocol
from intervisie_tui.core.safe_text import BIDI_CONTROLS, has_control, pasted, visible
from intervisie_tui.core.session import Setup
from intervisie_tui.core.store import Store
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.dialogs import JumpDialog
from intervisie_tui.ui.end_screen import EndScreen
from intervisie_tui.ui.literal import short_name
from intervisie_tui.ui.review_screen import ReviewScreen
from intervisie_tui.ui.settings import Settings
from intervisie_tui.ui.unvisited_dialog import UnvisitedDialog

from .helpers import bundled, make_app, saved_minutes, session_screen, shown

SIZE = (100, 30)
MARKUP = ["Eva [/stagiair]", "[/x]", "[coach]", "[@click=app.quit]klik[/]", "[b]vet", "[link='x']l[/link]", "\\[/x]"]
CONTROL = ["\x1b]2;pwned\x07", "\x1b[2J", "\x1b[31mrood", "\x9b31m", "\x00nul", "a\rb", "\x7f", "\x1b"]
ODD = ["مرحبا [/x]", "\u202eevil\u202c", "e\u0301\u0301\u0301", "Z\u0364\u0314\u0351", "\ud800", "a\udcffb", "🙂 emoji"]
# Bidi embeddings, overrides and isolates: one-line places show them as stand-ins (marks may stay).
BIDI = [
    "Ze\x07d\x1b[31mROOD\x0b\u202eevil",
    "\u2067مرحبا\u2069 Ann",
    "a\u202ab\u202bc\u202dd\u2066e\u2068f",
    "\u200fBo\u200e",
]
BLANK = ["", " ", "   \t  "]
LONG = ["x" * 10_000, "woord " * 1_700]
EXAMPLES = MARKUP + CONTROL + ODD + BIDI + BLANK + LONG

hostile = st.one_of(
    st.sampled_from(EXAMPLES),
    st.lists(st.sampled_from(MARKUP + CONTROL + ODD + BIDI), min_size=1, max_size=4).map(" ".join),
    st.text(max_size=40),
)
HYPOTHESIS = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def screen_text(app: IntervisieApp) -> str:
    """Everything the terminal would show now, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_clean_screen(app: IntervisieApp) -> None:
    text = screen_text(app)
    assert not has_control(text.replace("\n", "")), repr(text)


def assert_no_bidi_control(text: str) -> None:
    """No bidi embedding, override or isolate in `text`: a one-line place shows them as stand-ins."""
    assert not any(char in BIDI_CONTROLS for char in text), repr(text)


def minutes_body(root: Path) -> str:
    """The saved minutes without their front matter (which keeps the names as data, for the archive to read)."""
    return saved_minutes(root).split("\n---\n", 1)[1]


def run(scenario: object) -> None:
    asyncio.run(scenario)  # type: ignore[arg-type]


def hostile_protocol(text: str) -> Protocol:
    """The seven-step protocol with `text` in every protocol text of its first two phases."""
    protocol = bundled("zeven-stappen")
    phases = list(protocol.phases)
    for index in (0, 1):
        phases[index] = dataclasses.replace(
            phases[index],
            title=text or "·",
            goal=text,
            say=(Message(text), Message(f"{text} 2")),
            directions=(text,),
            tips=(text,),
            questions=(text,),
            notes_hint=text,
        )
    return dataclasses.replace(protocol, phases=tuple(phases), name=text or "·")


def hostile_app(root: Path, protocol: Protocol, setup: Setup) -> IntervisieApp:
    return IntervisieApp(
        Store(root),
        clock=ManualClock(),
        settings=Settings(bell=False, flash=False, blink=False, ticking=False),
        start=(protocol, setup),
    )


@HYPOTHESIS
@given(name=hostile, group=hostile, title=hostile)
@example(name="Eva [/stagiair]", group="Team [/x]", title="[@click=app.quit]x")
@example(name="[coach]", group="\x1b]2;titel\x07", title="\x1b[2J")
@example(name="Ze\x07d\x1b[31mROOD\x0b\u202eevil", group="\u202eevil\u202c", title="\u2067مرحبا\u2069 x")
def test_names_group_and_title_are_shown_literally(name: str, group: str, title: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            setup = Setup(title=title, group=group, participants=(name, "Bo"), case_bringers=(name or "Bo",))
            app = make_app(root, ManualClock(), setup=setup)
            async with app.run_test(size=SIZE) as pilot:
                screen = session_screen(app)
                bringer = screen.session.setup.case_bringers[0]
                assert shown(app, "#step-meta") == f"Stap 1 van 7 · Inbrenger: {short_name(bringer)}"
                await pilot.press("ctrl+n", "ctrl+n")
                assert short_name(bringer) in shown(app, "#turns") or not screen.session.step.speakers
                assert not has_control(app.terminal_title)
                assert_no_bidi_control(app.terminal_title)
                assert_clean_screen(app)
                assert_no_bidi_control(screen_text(app))
                await pilot.press("f4")
                assert isinstance(app.screen, JumpDialog)
                assert_clean_screen(app)
                assert_no_bidi_control(screen_text(app))
                await pilot.press("escape")
                screen.session.jump(len(screen.session.steps) - 1)
                screen._changed()
                await pilot.press("ctrl+n")
                assert isinstance(app.screen, UnvisitedDialog)  # names the steps never opened
                assert_clean_screen(app)
                await pilot.press("y")
                assert isinstance(app.screen, EndScreen)
                assert_clean_screen(app)
                assert_no_bidi_control(screen_text(app))
            assert app.error is None
            assert_no_bidi_control(minutes_body(root))

    run(scenario())


@pytest.mark.parametrize(
    "group", ["Team [/x]", "[coach]", "[@click=app.quit]klik", "\x1b]2;titel\x07\x1b[2J", "مرحبا", "Team \u202eevil"]
)
def test_the_review_screen_shows_a_hostile_group_literally(group: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            setup = Setup(group=group, participants=("Ann", "Bo"), case_bringers=("Bo",))
            app = make_app(root, ManualClock(), setup=setup)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("ctrl+q")
            review = IntervisieApp(Store(root), settings=Settings(blink=False, ticking=False), review=True)
            async with review.run_test(size=SIZE) as pilot:
                assert isinstance(review.screen, ReviewScreen)
                cells = [str(cell) for cell in review.screen.query_one(DataTable).get_row_at(0)]
                assert cells[1] == visible(group)
                assert_clean_screen(review)
                assert_no_bidi_control(screen_text(review))
                await pilot.press("ctrl+t")
                assert_clean_screen(review)
                assert review.is_running

    run(scenario())


@HYPOTHESIS
@given(text=hostile)
@example(text="[/x]")
@example(text="[@click=app.quit]klik[/]")
@example(text="\x1b]2;pwned\x07\x1b[2J")
@example(text="x" * 10_000)
def test_protocol_texts_are_shown_literally(text: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            protocol = hostile_protocol(text)
            setup = Setup(participants=("Ann", "Bo"), case_bringers=("Bo",))
            app = hostile_app(Path(folder), protocol, setup)
            async with app.run_test(size=SIZE) as pilot:
                phase = protocol.phases[0]
                assert shown(app, "#step-title") == visible(phase.title)
                prompt = shown(app, "#prompt")
                for part in (
                    phase.goal,
                    *(m.text for m in phase.say),
                    *phase.directions,
                    *phase.tips,
                    *phase.questions,
                ):
                    assert visible(part, multiline=True).strip() in prompt
                assert app.terminal_title.endswith(f"{visible(phase.title)} · intervisie")
                assert_clean_screen(app)
                for key in ("ctrl+n", "f4", "escape", "f3", "escape", "f1", "escape", "ctrl+o"):
                    await pilot.press(key)
                    assert_clean_screen(app)
                await pilot.press("f4")
                options = app.screen.query_one(OptionList)
                assert str(options.get_option_at_index(0).prompt) == visible(f"1. {phase.title}")
                await pilot.press("escape")
            assert app.return_code is None or app.return_code == 0

    run(scenario())


@HYPOTHESIS
@given(text=hostile)
@example(text="[/x] [coach] \x1b[2J\x1b]2;x\x07 \u202eevil")
@example(text="regel\nnog een [b]regel\r\n\x00")
def test_notes_and_fields_take_any_paste_and_show_it_literally(text: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            app = make_app(root, ManualClock())
            async with app.run_test(size=SIZE) as pilot:
                screen = session_screen(app)
                app.post_message(events.Paste(text))
                await pilot.pause()
                notes = app.screen.query_one("#notes", TextArea)
                assert notes.text == pasted(text)
                assert_clean_screen(app)
                await pilot.press("ctrl+n", "tab")
                assert isinstance(app.focused, Input)
                app.post_message(events.Paste(text))
                await pilot.pause()
                field = app.focused.value
                assert not has_control(field)
                assert_clean_screen(app)
                await pilot.press("ctrl+n")
                assert screen.session.states[0].notes == pasted(text)
                assert screen.session.states[1].fields.get("learning-question", "") == field
            _files, saved = Store(root).load(None, ManualClock())
            assert saved.states[0].notes == pasted(text)

    run(scenario())


def test_carried_actions_are_shown_literally() -> None:
    actions = ("Eva [/stagiair]: bellen", "[@click=app.quit]weg", "\x1b[2J scherm", "[coach] meelezen")

    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            setup = Setup(group="Groep A", participants=("Ann", "Bo"), case_bringers=("Bo",), open_actions=actions)
            app = make_app(Path(folder), ManualClock(), setup=setup)
            async with app.run_test(size=(100, 40)):
                from textual.widgets import SelectionList

                choices = app.screen.query_one("#review-actions", SelectionList)
                prompts = [str(choices.get_option_at_index(i).prompt) for i in range(len(actions))]
                assert prompts == [visible(action) for action in actions]
                assert_clean_screen(app)

    run(scenario())


def test_a_protocol_file_with_markup_and_right_to_left_titles_runs(tmp_path: Path) -> None:
    source = (bundled_dir() / "zeven-stappen.yaml").read_text(encoding="utf-8")
    first = bundled("zeven-stappen").phases[0]
    hostile_title = "[/x] مرحبا [@click=app.quit]klik[/] [coach]"
    path = tmp_path / "vijandig.yaml"
    path.write_text(source.replace(f"title: {first.title}", f"title: '{hostile_title}'", 1), encoding="utf-8")
    protocol = load_protocol(path)
    assert protocol.phases[0].title == hostile_title

    async def scenario() -> None:
        app = hostile_app(tmp_path / "data", protocol, Setup(participants=("Ann",), case_bringers=("Ann",)))
        async with app.run_test(size=SIZE) as pilot:
            assert shown(app, "#step-title") == hostile_title
            await pilot.press("ctrl+n", "ctrl+o")
            assert shown(app, "#step-title") == hostile_title
            assert app.is_running

    run(scenario())


def test_a_pasted_case_bringer_with_a_right_to_left_override_reaches_neither_screen_nor_minutes(tmp_path: Path) -> None:
    """The tester's paste into F5: controls become symbols, and so does the override (U+202E)."""
    name = "Ze\x07d\x1b[31mROOD\x0b\u202eevil"

    async def scenario() -> None:
        app = make_app(tmp_path, ManualClock(), setup=Setup(group="Groep A", participants=("Ann", "Bo")))
        async with app.run_test(size=SIZE) as pilot:
            screen = session_screen(app)
            await pilot.press("f5")
            field = app.screen.query_one("#case-bringer-name", Input)
            field.focus()
            app.post_message(events.Paste(name))
            await pilot.pause()
            assert field.value == "Ze␇d␛[31mROOD␋<202E>evil"
            assert_no_bidi_control(screen_text(app))
            await pilot.press("enter")
            assert app.screen is screen and screen.session.step.case_bringer == field.value
            assert_no_bidi_control(screen_text(app))
            await pilot.press("ctrl+q")

    run(scenario())
    minutes = minutes_body(tmp_path)
    assert_no_bidi_control(minutes)
    assert "ROOD␋\\<202E\\>evil (inbrenger)" in minutes


def test_a_group_name_with_a_right_to_left_override_is_listed_with_a_stand_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from intervisie_tui.cli import main

    from .test_archive import saved_session

    saved_session(Store(), ManualClock(), group="Team \u202eevil")
    assert main(["minutes", "list"]) == 0
    out = capsys.readouterr().out
    assert "\tTeam <202E>evil\t" in out
    assert_no_bidi_control(out)
