"""The moderator's toolkit inside a running session, driven with its keys on a manual clock.

Check-in/out questions (F10), breaks (F7) and the hourly suggestion, energizers (F8), the group's shared
prepared cases (F9) and the topic-proposal template (F12): what the screen shows and what the saved minutes
hold afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from intervisie_tui.core.cases import CaseStore, PreparedCase
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.protocol import Capture, StepKind
from intervisie_tui.core.question_deck import RECENT_SESSIONS, asked_in_minutes, questions_in_minutes
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import Store
from intervisie_tui.core.toolkit import load_toolkit
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.break_dialog import BreakDialog
from intervisie_tui.ui.cases_dialog import CasesDialog
from intervisie_tui.ui.energizer_dialog import EnergizerDialog
from intervisie_tui.ui.strings import Texts
from intervisie_tui.ui.topic_dialog import TopicDialog

from .helpers import PEOPLE, bundled, make_app, saved_minutes, session_screen, shown

SIZE = (100, 30)
WITH_CHECK_IN_OUT = Setup(group="Groep A", participants=PEOPLE, check_in=True, check_out=True)


async def questions_read(app: IntervisieApp, pilot: Pilot[None]) -> None:
    """Wait until the group's recent questions are read (in a thread) and the question is offered."""
    await app.workers.wait_for_complete()
    await pilot.pause()


def notifications(app: IntervisieApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def past_session(root: Path, clock: ManualClock, question: str, group: str = "Groep A") -> None:
    """A finished, saved session of the group whose check-in asked `question`."""
    store = Store(root)
    session = Session(bundled("zeven-stappen"), Setup(group=group, participants=PEOPLE, check_in=True), clock)
    files = store.new_session(session, clock)
    session.start()
    assert session.set_question(0, question)
    clock.advance(300)
    session.finish()
    store.save(files, session)
    clock.advance(3600)


# ----- check-in and check-out questions -------------------------------------------------------------------


async def test_a_check_in_offers_a_question_and_f10_another_one_which_the_minutes_record(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock, "zeven-stappen", WITH_CHECK_IN_OUT)
    deck = load_toolkit().check_in
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await questions_read(app, pilot)
        first = screen.session.question()
        assert first in deck
        assert first in shown(app, "#prompt")
        assert screen.query_one("#field-question", Input).value == first
        assert "F10" in " ".join(notifications(app))
        await pilot.press(*"Ann: moe", "f10")
        second = screen.session.question()
        assert second in deck and second != first
        assert second in shown(app, "#prompt") and first not in shown(app, "#prompt")
        assert screen.query_one("#field-question", Input).value == second
        assert screen.session.states[0].notes == "Ann: moe"
        await pilot.press("ctrl+n")
    minutes = saved_minutes(tmp_path)
    assert f"**Gestelde vraag:** {second}" in minutes and first not in minutes


async def test_the_screen_works_while_a_large_archive_is_read_and_the_question_follows(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from intervisie_tui.ui import session_toolkit

    release = threading.Event()

    def slow_archive(*args: object, **kwargs: object) -> list[str]:
        assert release.wait(10)
        return []

    monkeypatch.setattr(session_toolkit, "asked_in_minutes", slow_archive)
    app = make_app(tmp_path, clock, "zeven-stappen", WITH_CHECK_IN_OUT)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press(*"Ann: moe", "f10")
        assert screen.session.question() == "" and screen.session.states[0].notes == "Ann: moe"
        release.set()
        await questions_read(app, pilot)
        assert screen.session.question() in load_toolkit().check_in
        assert screen.query_one("#field-question", Input).value == screen.session.question()


async def test_f10_outside_a_check_in_or_out_says_so_and_changes_nothing(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f10")
        assert screen.session.question() == ""
        assert "Een vraag uit de lijst hoort bij een check-in of check-out" in notifications(app)


async def test_the_check_out_gets_its_own_question_and_points_at_the_topic_template(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock, "zeven-stappen", WITH_CHECK_IN_OUT)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        last = len(screen.session.steps) - 1
        await pilot.press("f4")
        app.screen.query_one(OptionList).highlighted = last
        await pilot.press("enter")
        await questions_read(app, pilot)
        assert screen.session.step.kind is StepKind.CHECK_OUT
        asked = screen.session.question()
        assert asked in load_toolkit().check_out
        assert any("F12" in message for message in notifications(app))
    assert f"**Gestelde vraag:** {asked}" in saved_minutes(tmp_path)


async def test_no_question_the_group_had_in_its_recent_sessions_comes_before_the_others(
    tmp_path: Path, clock: ManualClock
) -> None:
    deck = load_toolkit().check_in
    asked = list(deck[:RECENT_SESSIONS])
    past_session(tmp_path, clock, deck[-1], group="Groep B")  # another group's question does not count
    for question in asked:
        past_session(tmp_path, clock, question)
    fresh = set(deck) - set(asked)
    app = make_app(tmp_path, clock, "zeven-stappen", WITH_CHECK_IN_OUT)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await questions_read(app, pilot)
        offered = [screen.session.question()]
        for _ in range(len(fresh) - 1):
            await pilot.press("f10")
            offered.append(screen.session.question())
        assert set(offered) == fresh
        await pilot.press("f10")
        assert screen.session.question() == asked[0], "then the least recent of the group's questions"


def test_asked_in_minutes_reads_the_latest_sessions_of_the_group_least_recent_first(
    tmp_path: Path, clock: ManualClock
) -> None:
    for number in range(RECENT_SESSIONS + 2):
        past_session(tmp_path, clock, f"Vraag {number}?")
    past_session(tmp_path, clock, "Vraag van groep B?", group="Groep B")
    found = asked_in_minutes(Store(tmp_path).archive(), "groep a")
    assert found == [f"Vraag {number}?" for number in range(2, RECENT_SESSIONS + 2)]
    assert asked_in_minutes(Store(tmp_path).archive(), "  ") == []


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip() and "\n" not in t and "\r" not in t))
def test_a_question_of_any_text_is_read_back_from_the_minutes_as_it_was_asked(question: str) -> None:
    from intervisie_tui.core.minutes import render_minutes
    from intervisie_tui.core.safe_text import visible

    session = Session(bundled("zeven-stappen"), Setup(group="G", check_in=True), ManualClock())
    session.set_question(0, question)
    expected = visible(question.strip(), multiline=True).strip()  # the minutes trim a field as they write it
    assert questions_in_minutes(render_minutes(session, "s")) == ([expected] if expected else [])


# ----- breaks ---------------------------------------------------------------------------------------------


async def test_f7_inserts_a_ten_minute_break_by_default_in_the_list_the_figures_and_the_minutes(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t")
        clock.advance(120)
        screen.tick()
        planned = screen.session.planned_total()
        assert "gepland einde 14:50" in shown(app, "#figures")
        await pilot.press("f7")
        assert isinstance(app.screen, BreakDialog)
        await pilot.press("enter")
        step = screen.session.step
        assert step.kind is StepKind.BREAK and step.planned_seconds == 600 and screen.session.current == 1
        assert screen.session.planned_total() == planned + 600
        assert "Pauze" in str(screen.query_one("#steps").render())
        assert "gepland einde 15:00" in shown(app, "#figures")
        assert shown(app, "#step-title") == "Pauze"
        assert any("F8" in message for message in notifications(app))
        clock.advance(600)
        await pilot.press("ctrl+n")
    assert "| Pauze | 10 min | 10 min | +0 |" in saved_minutes(tmp_path)


async def test_the_break_length_can_be_chosen_and_escape_inserts_none(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f7", "escape")
        assert len(screen.session.steps) == 7
        await pilot.press("f7", "down", "enter")
        assert screen.session.step.kind is StepKind.BREAK and screen.session.step.planned_seconds == 15 * 60


async def test_after_an_hour_without_a_break_one_is_suggested_once(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)

        def suggestions() -> int:
            return sum("Al een uur bezig zonder pauze" in message for message in notifications(app))

        await pilot.press("ctrl+t")
        clock.advance(3599)
        screen.tick()
        await pilot.pause()
        assert suggestions() == 0
        clock.advance(2)
        screen.tick()
        await pilot.pause()
        clock.advance(60)
        screen.tick()
        await pilot.pause()
        assert suggestions() == 1
        await pilot.press("f7", "enter")
        clock.advance(600)
        await pilot.press("ctrl+n")
        clock.advance(3599)
        screen.tick()
        await pilot.pause()
        assert suggestions() == 1
        clock.advance(2)
        screen.tick()
        await pilot.pause()
        assert suggestions() == 2, "a new hour of work after the break"


# ----- energizers -----------------------------------------------------------------------------------------


async def test_f8_lists_every_energizer_and_the_chosen_one_goes_into_the_notes_and_minutes(
    tmp_path: Path, clock: ManualClock
) -> None:
    energizers = load_toolkit().energizers
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press(*"Ann begint")
        await pilot.press("f8")
        dialog = app.screen
        assert isinstance(dialog, EnergizerDialog)
        options = dialog.query_one(OptionList)
        assert options.option_count == len(energizers) >= 3
        for number, energizer in enumerate(energizers):
            prompt = str(options.get_option_at_index(number).prompt)
            assert energizer.name in prompt and energizer.how[:30] in prompt and f"{energizer.minutes:g} min" in prompt
        await pilot.press("down", "enter")
        assert app.screen is screen
        line = f"Energizer: {energizers[1].name} ({energizers[1].minutes:g} min)"
        assert screen.query_one("#notes", TextArea).text == f"Ann begint\n{line}\n"
        assert screen.session.states[0].notes == f"Ann begint\n{line}\n"
        await pilot.press("ctrl+n")
    assert line in saved_minutes(tmp_path)


# ----- shared prepared cases ------------------------------------------------------------------------------


def share(root: Path, name: str, help_question: str, *, shared: bool = True, group: str = "Groep A") -> None:
    CaseStore(root).save(PreparedCase("", group, name, {"help_question": help_question}, shared=shared))


async def test_f9_lists_the_groups_shared_cases_and_choosing_one_fills_the_help_question_and_case_bringer(
    tmp_path: Path, clock: ManualClock
) -> None:
    share(tmp_path, "Cas", "Hoe houd ik [/x] rust als het klaslokaal ontploft?")
    share(tmp_path, "Dirk", "Privé: nog niet klaar", shared=False)
    share(tmp_path, "Eva", "Van een andere groep", group="Groep B")
    app = make_app(tmp_path, clock, "chat-vragenronde", Setup(group="Groep A", participants=PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert Capture.HELP_QUESTION in screen.session.step.phase.capture
        await pilot.press("f9")
        dialog = app.screen
        assert isinstance(dialog, CasesDialog)
        options = dialog.query_one(OptionList)
        assert options.option_count == 1
        assert str(options.get_option_at_index(0).prompt) == "Cas: Hoe houd ik [/x] rust als het klaslokaal ontploft?"
        await pilot.press("enter")
        assert screen.query_one("#field-help-question", Input).value.startswith("Hoe houd ik [/x] rust")
        assert screen.session.step.case_bringer == "Cas"
        assert "Inbrenger: Cas" in shown(app, "#step-meta")
        await pilot.press("ctrl+n")
        assert screen.session.step.case_bringer == "Cas"
    minutes = saved_minutes(tmp_path)
    assert "**Hulpvraag:** Hoe houd ik \\[/x\\] rust als het klaslokaal ontploft?" in minutes
    assert "case_bringers:\n- Cas" in minutes


async def test_a_case_chosen_in_the_inventory_fills_the_learning_question_of_the_next_step(
    tmp_path: Path, clock: ManualClock
) -> None:
    share(tmp_path, "Cas", "Hoe begin ik een lastig gesprek?")
    app = make_app(tmp_path, clock, "zeven-stappen", Setup(group="Groep A", participants=PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f9", "enter", "ctrl+n")
        assert screen.session.step.key == "introductie" and screen.session.step.case_bringer == "Cas"
        assert screen.query_one("#field-learning-question", Input).value == "Hoe begin ik een lastig gesprek?"
        assert "Casus van Cas: Leervraag ingevuld bij 'Introductie van de kwestie'" in notifications(app)


async def test_a_case_with_its_own_learning_answer_fills_the_learning_question_with_it(
    tmp_path: Path, clock: ManualClock
) -> None:
    """A tester saw a case's help question land in the Leervraag field although the case answered "Wat wil
    je van deze situatie leren?" itself; the help question stays the help question."""
    answers = {"learn": "Rustig blijven als een ouder boos wordt", "help_question": "Hoe begin ik het gesprek?"}
    CaseStore(tmp_path).save(PreparedCase("", "Groep A", "Cas", answers, shared=True))
    app = make_app(tmp_path, clock, "zeven-stappen", Setup(group="Groep A", participants=PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f9", "enter", "ctrl+n")
        assert screen.query_one("#field-learning-question", Input).value == "Rustig blijven als een ouder boos wordt"
    assert "**Leervraag:** Rustig blijven als een ouder boos wordt" in saved_minutes(tmp_path)


async def test_where_the_method_fixes_the_case_bringers_only_the_help_question_is_filled(
    tmp_path: Path, clock: ManualClock
) -> None:
    share(tmp_path, "Cas", "Hoe plan ik mijn week?")
    setup = Setup(group="Groep A", participants=PEOPLE, case_bringers=("Ann", "Bo"))
    app = make_app(tmp_path, clock, "draaiboek-kort", setup)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f9", "enter")
        target = next(s for s in screen.session.steps if Capture.HELP_QUESTION in s.phase.capture)
        assert target.case_bringer == "Ann"
        assert screen.session.states[target.index].fields[Capture.HELP_QUESTION] == "Hoe plan ik mijn week?"
        assert [s.case_bringer for s in screen.session.steps if s.round] == ["Ann", "Ann", "Bo", "Bo"]
        assert "De inbrengers liggen bij deze methode vast; alleen de hulpvraag is ingevuld" in notifications(app)


async def test_without_shared_cases_the_dialog_says_how_to_share_one(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f9")
        assert isinstance(app.screen, CasesDialog)
        assert "intervisie casus --share" in " ".join(str(s.render()) for s in app.screen.query("Static"))
        await pilot.press("escape")
        assert session_screen(app).session.step.case_bringer == "Bo"


# ----- topic proposals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_f12_shows_the_topic_template_and_c_copies_it(tmp_path: Path, clock: ManualClock, language: str) -> None:
    copied: list[str] = []
    app = make_app(tmp_path, clock, language=language)

    def copy_text(text: str, report: Callable[[bool], None] | None = None) -> None:
        copied.append(text)
        if report is not None:
            report(True)

    app.copy_text = copy_text  # type: ignore[method-assign]
    template = Texts(language)("topic.template")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12")
        assert isinstance(app.screen, TopicDialog)
        assert str(app.screen.query_one("#topic-template").render()) == template
        await pilot.press("c")
        assert copied == [template]
        assert app.screen is session_screen(app)
        assert Texts(language)("topic.copied") in notifications(app)
    assert ("heldere vraag" if language == "nl" else "clear question") in template
    assert "link" in template.lower()


async def test_without_a_clipboard_the_template_stays_on_screen(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f12", "enter")
        assert isinstance(app.screen, TopicDialog)
        assert any("neem het sjabloon over uit dit venster" in message for message in notifications(app))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_template_in_the_app_is_the_one_in_the_invitation(language: str) -> None:
    from datetime import date, time

    from intervisie_tui.core.invitation import Invitation

    invitation = Invitation(bundled("chat-sessie"), "", date(2026, 3, 2), time(19, 30), 60, "r", language=language)
    template = Texts(language)("topic.template").splitlines()
    assert len(template) == 4 and "\n".join(template[1:]) in invitation.markdown()


# ----- defaults -------------------------------------------------------------------------------------------


def test_chat_vragenronde_plans_twenty_minutes_unless_check_in_and_out_are_asked_for(clock: ManualClock) -> None:
    protocol = bundled("chat-vragenronde")
    assert Session(protocol, Setup(participants=PEOPLE), clock).planned_total() == 20 * 60
    with_both = Session(protocol, Setup(participants=PEOPLE, check_in=True, check_out=True), clock)
    assert [s.kind for s in with_both.steps][:: len(with_both.steps) - 1] == [StepKind.CHECK_IN, StepKind.CHECK_OUT]


# ----- any terminal size ----------------------------------------------------------------------------------


async def test_every_toolkit_dialog_survives_every_tiny_size(tmp_path: Path, clock: ManualClock) -> None:
    from .test_resize_fuzz import TINY

    share(tmp_path, "Cas", "Hoe houd ik het overzicht?")
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        for dialog, key in ((BreakDialog, "f7"), (EnergizerDialog, "f8"), (CasesDialog, "f9"), (TopicDialog, "f12")):
            await pilot.press(key)
            assert isinstance(app.screen, dialog)
            for size in TINY:
                await pilot.resize_terminal(*size)
            await pilot.resize_terminal(*SIZE)
            await pilot.press("escape")
            assert app.screen is screen and app.is_running
        assert len(screen.session.steps) == 7 and screen.session.step.case_bringer == "Bo"


def test_the_question_verb_also_skips_what_the_group_was_asked_in_its_sessions(
    clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    from intervisie_tui.cli import main
    from intervisie_tui.core.paths import data_dir

    deck = load_toolkit().check_in
    asked = deck[:RECENT_SESSIONS]
    for question in asked:
        past_session(data_dir(), clock, question)
    given = []
    for _ in range(len(deck) - len(asked)):
        assert main(["vraag", "check-in", "--group", "Groep A"]) == 0
        given.append(capsys.readouterr().out.strip())
    assert sorted(given) == sorted(set(deck) - set(asked))


async def test_the_toolkit_is_in_the_command_palette(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, language="en")
    async with app.run_test(size=SIZE):
        titles = {command.title for command in app.get_system_commands(session_screen(app))}
    assert {"Another question", "Insert a break", "Energizers", "Prepared cases", "Topic proposals"} <= titles


# ----- hostile text from the group's own files ------------------------------------------------------------

HOSTILE = ["[@click=app.quit]Klik", "[/x] [b]vet", "\u202eomgekeerd", "ﬁ עברית", "`code` *ster* # kop"]


async def test_the_groups_own_questions_and_energizers_are_shown_and_saved_as_written(
    tmp_path: Path, clock: ManualClock
) -> None:
    from intervisie_tui.core.paths import user_config_path
    from intervisie_tui.core.safe_text import visible

    for kind, body in (
        ("questions", "kind: questions\ncheck_in:\n" + "".join(f"  - '{text}?'\n" for text in HOSTILE)),
        (
            "energizers",
            "kind: energizers\nenergizers:\n  - {id: raar, name: '[@click=app.quit]', minutes: 2, how: '[/x]'}\n",
        ),
    ):
        folder = user_config_path() / kind
        folder.mkdir(parents=True)
        (folder / "eigen.yaml").write_text(body, encoding="utf-8")
    app = make_app(tmp_path, clock, "zeven-stappen", WITH_CHECK_IN_OUT)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await questions_read(app, pilot)
        seen = set()
        for _ in range(len(load_toolkit().check_in)):
            question = screen.session.question()
            seen.add(question)
            assert visible(question, multiline=True) in shown(app, "#prompt")  # a prompt keeps bidi as written
            await pilot.press("f10")
        assert {f"{text}?" for text in HOSTILE} <= seen
        await pilot.press("f8")
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(options.option_count - 1).prompt) == "[@click=app.quit] · 2 min\n[/x]"
        await pilot.press("end", "enter")
        assert app.is_running and app.screen is screen
        assert screen.session.states[0].notes == "Energizer: [@click=app.quit] (2 min)\n"


# ----- saved topic proposals ------------------------------------------------------------------------------


def test_a_proposal_is_saved_privately_and_read_back_newest_first(tmp_path: Path) -> None:
    import stat
    from datetime import date

    from intervisie_tui.core.proposals import ProposalStore, TopicProposal

    store = ProposalStore(tmp_path)
    first = store.save(TopicProposal("Groep A", "Ann", "Hoe [b]zwijg[/b] ik?", "Het raakt me.", ""), date(2026, 1, 1))
    second = store.save(TopicProposal("Groep A", "Bo", "# Wat nu?", "", "https://x.nl/a"), date(2026, 2, 1))
    store.save(TopicProposal("Groep B", "Cas", "Ander groep?"))
    assert first.path is not None and stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert [p.question for p in store.all("Groep A")] == ["# Wat nu?", "Hoe [b]zwijg[/b] ik?"]
    assert store.all("Groep A")[0].messages() == ("# Wat nu?", "https://x.nl/a")
    assert second.path is not None and "\n# Wat nu?" not in second.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("proposal", "message"),
    [
        (("G", "Ann", "Vraag?", "", "javascript:alert(1)"), "the link must be one web address"),
        (("G", "Ann", "", "", ""), "a proposal needs a question"),
        (("G", "Ann", "Vraag\nmet twee regels", "", ""), "the question must be one line"),
        (("G", "Ann", "Vraag \x1b[2J?", "", ""), "control character"),
        (("", "Ann", "Vraag?", "", ""), "a group is needed"),
    ],
)
def test_a_bad_proposal_is_refused_in_one_line_and_nothing_is_written(
    tmp_path: Path, proposal: tuple[str, str, str, str, str], message: str
) -> None:
    from intervisie_tui.core.cases import CaseError
    from intervisie_tui.core.proposals import ProposalStore, TopicProposal

    with pytest.raises(CaseError, match=message):
        ProposalStore(tmp_path).save(TopicProposal(*proposal))
    assert not (tmp_path / "proposals").exists()


def test_the_proposal_verb_saves_and_lists(capsys: pytest.CaptureFixture[str]) -> None:
    from intervisie_tui.cli import main

    argv = ["voorstel", "--group", "Groep A", "--name", "Ann", "--question", "Hoe zwijg ik?", "--link", "https://x.nl"]
    assert main(argv) == 0
    assert main(["propose", "--group", "Groep A", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1].split("\t")[1:] == ["Ann", "Hoe zwijg ik?", "https://x.nl"]
    assert (
        main(
            ["voorstel", "--group", "Groep A", "--name", "Ann", "--question", "Q", "--link", "ftp://x", "--lang", "en"]
        )
        == 1
    )
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("intervisie: the link must be one web address")


async def test_f12_without_an_introduction_step_copies_a_proposal_and_notes_it(
    tmp_path: Path, clock: ManualClock
) -> None:
    """chat-intervisie has no introduction step to take the proposal (test_proposal_prompts.py covers that)."""
    from intervisie_tui.core.proposals import ProposalStore, TopicProposal

    ProposalStore(tmp_path).save(
        TopicProposal("Chatgroep", "Ann", "Hoe zeg ik nee?", "Ik zeg te vaak ja.", "https://x.nl")
    )
    copied: list[str] = []
    app = make_app(tmp_path, clock, "chat-intervisie", Setup(group="Chatgroep", participants=PEOPLE))

    def copy_text(text: str, report: Callable[[bool], None] | None = None) -> None:
        copied.append(text)
        if report is not None:
            report(True)

    app.copy_text = copy_text  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f12")
        dialog = app.screen
        assert isinstance(dialog, TopicDialog)
        assert str(dialog.query_one(OptionList).get_option_at_index(0).prompt) == "Ann: Hoe zeg ik nee?"
        await pilot.press("enter")
        assert app.screen is screen
        assert copied == ["Hoe zeg ik nee?\n\nIk zeg te vaak ja.\n\nhttps://x.nl"]
        noted = "Onderwerp, voorgesteld door Ann: Hoe zeg ik nee?\nIk zeg te vaak ja.\nhttps://x.nl\n"
        assert screen.session.states[screen.session.current].notes == noted
        await pilot.press("ctrl+n")
    assert "Onderwerp, voorgesteld door Ann: Hoe zeg ik nee?\\" in saved_minutes(tmp_path)
