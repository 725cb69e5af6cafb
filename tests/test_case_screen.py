"""The case-writing screen (issue 11, seed 002): F9 on the start screen, the guiding questions, a help question.

A participant types every answer, saves with ctrl+s, and the case is a private (0600) Markdown file in the
group's folder, written by the same code as `intervisie casus`. The author's cases come back in a list to open
and edit; the shared box shares one; a file changed by hand is never overwritten and the screen says why;
Escape asks first while text is unsaved. Hostile text is saved as data and shown literally.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import example, given
from textual.events import Paste
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, Static, TextArea

from intervisie_tui.core.cases import GUIDE, CaseStore, PreparedCase
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.safe_text import has_control
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.case_screen import CaseScreen
from intervisie_tui.ui.dialogs import ConfirmDialog
from intervisie_tui.ui.start_screen import StartScreen
from intervisie_tui.ui.strings import Texts

from .helpers import make_app
from .test_hostile_input import HYPOTHESIS, hostile, screen_text

SIZE = (100, 30)
ANSWERS = {
    "events": "Een ouder werd boos.\nIk bleef rustig.",
    "moment": "Toen hij opstond.",
    "picture": "Het paste bij mijn beeld.",
    "learn": "Grenzen stellen.",
    "help_question": "Hoe blijf ik rustig?",
}


async def typed(pilot: Pilot[None], text: str) -> None:
    """Type text key by key, as a person does (a new line is Enter)."""
    await pilot.press(*("enter" if char == "\n" else char for char in text))


async def open_case_screen(pilot: Pilot[None], group: str = "Groep A") -> CaseScreen:
    """From the start screen: type the group, press F9."""
    app = pilot.app
    assert isinstance(app.screen, StartScreen)
    app.screen.query_one("#group", Input).value = group
    await pilot.press("f9")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def write_case(pilot: Pilot[None], name: str, answers: dict[str, str]) -> None:
    """Type the name, then every answer, moving on with Tab as a person does."""
    await typed(pilot, name)
    for question in GUIDE:
        await pilot.press("tab")
        assert pilot.app.focused is pilot.app.screen.query_one(f"#case-{question.key}")
        await typed(pilot, answers.get(question.key, ""))


def status(app: IntervisieApp) -> str:
    return str(app.screen.query_one("#case-status", Static).render())


def case_files(root: Path) -> list[Path]:
    return sorted((root / "cases").rglob("*.md"))


async def test_f9_opens_the_case_screen_and_every_typed_answer_is_saved_privately(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case_screen(pilot)
        assert screen.query_one("#case-group", Input).value == "Groep A"  # prefilled from the start screen
        assert app.focused is screen.query_one("#case-name")
        await write_case(pilot, "Bo", ANSWERS)
        await pilot.press("ctrl+s")
        [path] = case_files(tmp_path)
        assert status(app) == Texts("nl")("casewrite.saved.private", path=path)
        assert path.stat().st_mode & 0o777 == 0o600 and path.parent.name == "Groep A"
        [case] = CaseStore(tmp_path).all("Groep A")
        assert case.name == "Bo" and case.answers == ANSWERS and not case.shared
        body = path.read_text(encoding="utf-8")
        assert "_Privé: nog niet gedeeld._" in body and "Een ouder werd boos.\nIk bleef rustig." in body
        assert CaseStore(tmp_path).shared_cases("Groep A") == []
        await pilot.press("escape")  # everything is saved: back without a question
        assert isinstance(app.screen, StartScreen)


async def test_a_case_is_reopened_from_the_list_edited_and_shared(tmp_path: Path, clock: ManualClock) -> None:
    store = CaseStore(tmp_path)
    mine = store.save(PreparedCase("", "Groep A", "Bo", dict(ANSWERS)))
    store.save(PreparedCase("", "Groep A", "Cas", {"help_question": "Niet van Bo"}))
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case_screen(pilot)
        await typed(pilot, "Bo")
        options = screen.query_one("#case-list", OptionList)
        assert options.display and options.option_count == 2  # a new case, and Bo's own (not Cas's)
        assert "Hoe blijf ik rustig?" in str(options.get_option_at_index(1).prompt)
        options.focus()
        await pilot.press("down", "enter")
        assert screen.query_one("#case-moment", TextArea).text == "Toen hij opstond."
        assert app.focused is screen.query_one("#case-events")
        assert status(app) == Texts("nl")("casewrite.opened", date=mine.updated)
        screen.query_one("#case-help_question", TextArea).focus()
        await pilot.press("end")
        await typed(pilot, " Ook morgen")
        screen.query_one("#case-shared", Checkbox).focus()
        await pilot.press("space", "ctrl+s")
        assert len(case_files(tmp_path)) == 2  # Bo's edited in place, no new file
        [shared] = CaseStore(tmp_path).shared_cases("Groep A")
        assert shared.path == mine.path and shared.help_question == "Hoe blijf ik rustig? Ook morgen"
        assert status(app) == Texts("nl")("casewrite.saved.shared", path=mine.path)
        assert "_Gedeeld met de groep._" in mine.path.read_text(encoding="utf-8")


async def test_a_case_changed_by_hand_is_never_overwritten_and_the_screen_says_so(
    tmp_path: Path, clock: ManualClock
) -> None:
    mine = CaseStore(tmp_path).save(PreparedCase("", "Groep A", "Bo", dict(ANSWERS)))
    assert mine.path is not None
    app = make_app(tmp_path, clock, None, language="en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case_screen(pilot)
        await typed(pilot, "Bo")
        screen.query_one("#case-list", OptionList).focus()
        await pilot.press("down", "enter")
        edited = mine.path.read_text(encoding="utf-8") + "\nMy own addition.\n"
        mine.path.write_text(edited, encoding="utf-8")
        await typed(pilot, " More.")
        await pilot.press("ctrl+s")
        expected = Texts("en")("error.case_hand_edited", path=mine.path)
        assert status(app) == expected and screen.query_one("#case-status").has_class("-error")
        assert expected in [notification.message for notification in app._notifications]
        assert mine.path.read_text(encoding="utf-8") == edited and len(case_files(tmp_path)) == 1
        assert screen.unsaved()  # the text typed is still on screen, to copy to a new case


async def test_saving_without_a_help_question_or_a_name_says_why_and_writes_nothing(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        await open_case_screen(pilot)
        await write_case(pilot, "Bo", {"events": "Iets"})
        await pilot.press("ctrl+s")
        assert status(app) == Texts("nl")("error.case_needs_help_question")
        app.screen.query_one("#case-help_question", TextArea).focus()
        await pilot.press(*"Hoe?")
        assert status(app) == ""  # filled in: the refusal goes (a tester saw it stay until the next save)
        app.screen.query_one("#case-name", Input).value = ""
        app.screen.query_one("#case-help_question", TextArea).load_text("Wat nu?")
        await pilot.press("ctrl+s")
        assert status(app) == Texts("nl")("error.name_needed")
        assert case_files(tmp_path) == []


async def test_escape_with_unsaved_text_asks_first(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case_screen(pilot)
        await write_case(pilot, "Bo", {"events": "Half af"})
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        assert Texts("nl")("casewrite.unsaved") in screen_text(app)
        await pilot.press("enter")  # a stray Enter keeps writing: "stay" is focused
        assert app.screen is screen and screen.query_one("#case-events", TextArea).text == "Half af"
        await pilot.press("escape", "y")
        assert isinstance(app.screen, StartScreen) and case_files(tmp_path) == []


async def test_the_palette_offers_writing_a_case_on_the_start_screen(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, None, language="en")
    async with app.run_test(size=SIZE) as pilot:
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert "Write a case" in commands
        commands["Write a case"].callback()
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert str(app.screen.query_one("#case-title", Static).render()) == "Prepare a case"


@HYPOTHESIS
@given(text=hostile)
@example(text="[@click=app.quit]klik[/] \x1b]2;titel\x07")
@example(text="# kop\n- lijst\n> citaat\n---")
def test_hostile_text_in_the_fields_is_saved_as_data_and_shown_literally(text: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            app = make_app(root, ManualClock(), None)
            async with app.run_test(size=SIZE) as pilot:
                screen = await open_case_screen(pilot, group="Groep [/x]")
                await typed(pilot, "Bo")
                events = screen.query_one("#case-events", TextArea)
                events.focus()
                events.post_message(Paste(text))
                await pilot.pause()
                help_question = screen.query_one("#case-help_question", TextArea)
                help_question.load_text(f"Hoe {text}?")
                await pilot.press("ctrl+s")
                assert not has_control(screen_text(app).replace("\n", ""))
                files = case_files(root)
                if screen.query_one("#case-status").has_class("-error"):
                    assert files == []  # refused in one line on screen (too long), nothing written
                    return
                [case] = CaseStore(root).all("Groep [/x]")
                assert case.answers["events"] == events.text.strip()
                assert case.answers["help_question"] == help_question.text.strip()
                assert not has_control(case.answers["events"], multiline=True)
                body = files[0].read_text(encoding="utf-8").split("\n---\n", 1)[1]
                assert len([line for line in body.splitlines() if line.startswith("#")]) == 6
            assert app.error is None

    asyncio.run(scenario())


async def test_tab_right_after_the_name_reaches_the_list_of_ones_own_cases(tmp_path: Path, clock: ManualClock) -> None:
    """A tester typed a name, Tab, Down and Enter at once: the list appeared, but the focus had already gone
    to the first answer, so Down and Enter put blank lines into the case instead of opening the saved one."""
    from textual import events

    CaseStore(tmp_path).save(PreparedCase("", "Groep A", "Bo", dict(ANSWERS)))
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_case_screen(pilot)
        for key, char in (("B", "B"), ("o", "o"), ("tab", None), ("down", None), ("enter", "\r")):
            app.post_message(events.Key(key, char))
        for _ in range(4):
            await pilot.pause()
        assert screen.query_one("#case-moment", TextArea).text == "Toen hij opstond."
        assert screen.query_one("#case-events", TextArea).text == ANSWERS["events"]
        assert screen.query_one("#case-name", Input).value == "Bo"
