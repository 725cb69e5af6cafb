"""The session screen driven as a moderator drives it: keys while typing, and what the screen and files show."""

from __future__ import annotations

import json
from pathlib import Path

from textual import events
from textual.widgets import Digits, Input, Static, TextArea

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.kinds import kind_traits
from intervisie_tui.core.session import Session, Setup, Status
from intervisie_tui.core.store import Store
from intervisie_tui.ui.dialogs import ConfirmDialog, HelpDialog, JumpDialog, NotesDialog
from intervisie_tui.ui.end_screen import EndScreen
from intervisie_tui.words import Texts

from .helpers import PEOPLE, make_app, session_screen, shown
from .test_bundled_protocols import EXPECTED_IDS

SIZE = (100, 30)


def countdown(app: object) -> str:
    return str(app.screen.query_one("#countdown", Digits).value)  # type: ignore[attr-defined]


def minutes_file(root: Path) -> str:
    files = list((root / "minutes").glob("*.md"))
    assert len(files) == 1, files
    return files[0].read_text(encoding="utf-8")


async def test_a_step_opens_with_its_notes_focused_and_the_clock_waiting(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE):
        screen = session_screen(app)
        assert isinstance(app.focused, TextArea) and app.focused.id == "notes"
        assert countdown(app) == "5:00"
        assert "ctrl+t" in shown(app, "#status")
        clock.advance(30)
        screen.tick()
        assert countdown(app) == "5:00"
        assert app.terminal_title == "5:00 Inventarisatie · intervisie"


async def test_ctrl_t_runs_the_clock_while_the_notulist_types(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t", *"Ann: ouder")
        clock.advance(61.5)
        screen.tick()
        assert countdown(app) == "3:59"
        assert app.terminal_title.startswith("3:59 Inventarisatie")
        assert app.screen.query_one("#notes", TextArea).text == "Ann: ouder"
        await pilot.press("ctrl+t")
        clock.advance(100)
        screen.tick()
        assert countdown(app) == "3:59" and screen.session.status is Status.PAUSED
        assert screen.session.states[0].notes == "Ann: ouder"  # the key took the pane's text before it acted


async def test_next_and_previous_keep_each_steps_notes(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press(*"eerste", "ctrl+n", *"tweede")
        assert shown(app, "#step-title") == "Introductie van de kwestie"
        assert app.screen.query_one("#notes", TextArea).text == "tweede"
        await pilot.press("ctrl+o")
        assert app.screen.query_one("#notes", TextArea).text == "eerste"
        assert app.focused is app.screen.query_one("#notes")
        await pilot.press("ctrl+n")
        assert [s.notes for s in screen.session.states[:2]] == ["eerste", "tweede"]
        assert "tweede" in minutes_file(tmp_path)


async def test_plus_and_minus_a_minute_change_the_countdown(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l", "ctrl+l")
        assert countdown(app) == "7:00"
        await pilot.press("ctrl+r")
        assert countdown(app) == "6:00"


async def test_turns_show_who_speaks_and_pass_on(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t")
        clock.advance(40)
        screen.tick()
        assert shown(app, "#turns") == "Aan het woord: Ann 0:40/1:15 · Daarna: Bo · Nog niet: Cas, Dirk"
        await pilot.press("ctrl+g")
        assert shown(app, "#turns").startswith("Aan het woord: Bo 0:00/1:15 · Daarna: Cas")
        await pilot.press("ctrl+g", "ctrl+g", "ctrl+g")
        assert shown(app, "#turns") == "Iedereen is aan de beurt geweest."


async def test_warning_and_overrun_colour_the_clock_and_alert(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        box = app.screen.query_one("#clock-box")
        await pilot.press("ctrl+t")
        clock.advance(4 * 60 + 1)
        screen.tick()
        assert box.has_class("-warning") and not box.has_class("-overrun")
        await pilot.pause()
        assert any("Nog 0:59 voor Inventarisatie" in n.message for n in app._notifications)
        clock.advance(101)
        screen.tick()
        assert box.has_class("-overrun") and countdown(app) == "-0:42"
        assert shown(app, "#clock-label") == "UITLOOP"
        assert app.terminal_title == "-0:42 Inventarisatie · intervisie"
        await pilot.pause()
        assert any("De tijd voor Inventarisatie is om" in n.message for n in app._notifications)


async def test_the_end_screen_does_not_keep_the_sessions_time_alerts(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t")
        clock.advance(4 * 60 + 1)
        screen.tick()
        await pilot.pause()
        assert any("Nog 0:59" in n.message for n in app._notifications)
        screen.session.jump(len(screen.session.steps) - 1)
        await pilot.press("ctrl+n", "y")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert not any("Nog 0:59" in n.message for n in app._notifications)


async def test_silence_locks_the_notes_until_it_ends(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock, "chat-sessie", Setup(participants=PEOPLE))
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        screen.session.jump(3)
        screen._changed()
        await pilot.press("ctrl+t")
        assert screen.has_class("-silence")
        notes = app.screen.query_one("#notes", TextArea)
        await pilot.press(*"psst")
        assert notes.text == "" and notes.read_only
        clock.advance(180)
        screen.tick()
        assert screen.has_class("-silence") and not notes.read_only  # the view stays, the notes open
        body = str(screen.query_one("#silence-body", Static).render())
        assert "De tijd is om: de notities zijn weer open." in body and "op slot zodra" not in body
        await pilot.press(*"rust")
        assert notes.text == "rust"


async def test_copy_prompt_puts_the_script_on_the_clipboard(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert app.clipboard.startswith("Wie heeft er een situatie of casus")
        await pilot.press("f2")
        assert app.clipboard == "We hebben alles gehoord. Welke casus pakken we vandaag op?"  # one per press


async def test_jump_dialog_moves_to_the_chosen_step(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f4")
        assert isinstance(app.screen, JumpDialog)
        await pilot.press("down", "down", "down", "enter")
        assert session_screen(app).session.current == 3
        assert shown(app, "#step-title") == "De kernvraag bepalen"


async def test_all_notes_dialog_edits_an_earlier_step(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"oud", "ctrl+n", "f3")
        assert isinstance(app.screen, NotesDialog)
        await pilot.press("up", "enter", "end", *" en nieuw", "escape")
        screen = session_screen(app)
        assert screen.session.states[0].notes == "oud en nieuw"
        assert screen.session.current == 1


async def test_help_lists_every_key(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpDialog)
        text = shown(app, "#help-keys")
        for key in ("ctrl+t", "ctrl+n", "ctrl+q", "ctrl+g", "ctrl+l", "ctrl+r", "ctrl+o", "f2", "f3", "f4"):
            assert key in text
        await pilot.press("escape")
        assert session_screen(app)


async def test_fields_capture_the_learning_question_and_actions(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+n", "tab")
        assert app.focused is app.screen.query_one("#field-learning-question", Input)
        await pilot.press(*"Hoe blijf ik rustig?")
        screen.session.jump(5)
        screen._changed()
        await pilot.pause()
        app.screen.query_one("#field-action-plan", TextArea).focus()
        await pilot.press(*"Bo: rooster maken", "enter", *"Cas: meelezen")
        await pilot.press("ctrl+n")
        text = minutes_file(tmp_path)
        assert "**Leervraag:** Hoe blijf ik rustig?" in text
        assert "- [ ] Bo: rooster maken" in text and "- [ ] Cas: meelezen" in text


async def test_quitting_a_running_session_asks_once_and_resumes_paused(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", *"belangrijk")
        clock.advance(90)
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        assert session_screen(app).session.running
        await pilot.press("ctrl+q", "enter")
    assert app.return_code == 0
    state = json.loads(next((tmp_path / "sessions").glob("*.json")).read_text())
    assert state["session"]["status"] == "paused"
    _files, session = Store(tmp_path).load(None, clock)
    assert session.states[0].notes == "belangrijk" and session.elapsed(0) == 90
    assert session.status is Status.PAUSED


async def test_the_end_screen_names_the_file_the_app_wrote_when_people_edited_theirs(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t")
        clock.advance(60)
        await pilot.press("ctrl+n")  # a step change saves
        people = screen.files.minutes
        people.write_text(people.read_text() + "\nToegevoegd door Bo.\n")
        screen.session.jump(6)
        await pilot.press("ctrl+n", "y")  # steps 3-6 never opened: the unvisited dialog, y finishes
        assert isinstance(app.screen, EndScreen)
        written = [p for p in (tmp_path / "minutes").iterdir() if p != people]
        assert len(written) == 1 and "versie van de app" in written[0].name
        assert "status: finished" in written[0].read_text() and "status: finished" not in people.read_text()
        lines = shown(app, "#end-path").split("\n")
        assert lines[0] == f"Notulen opgeslagen in: {written[0]}"
        assert lines[1] == f"De buiten de app bewerkte versie staat ernaast: {people}"
        await pilot.press("o")  # opens the file the app wrote, not the people's unfinished one
        await pilot.pause()
        assert app.screen.selected is not None and app.screen.selected.path == written[0]  # type: ignore[attr-defined]


async def test_finishing_shows_planned_against_actual_and_the_minutes(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t")
        for _ in range(6):
            clock.advance(7 * 60)
            await pilot.press("ctrl+n")
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        assert isinstance(app.screen, EndScreen)
        assert screen.session.status is Status.FINISHED
        assert "Gepland 50:00 · werkelijk 42:00 · 8 min voor" in shown(app, "#end-total")
        assert "minutes" in shown(app, "#end-path")
        await pilot.press("o")
        assert "# Groep A – Intervisie in zeven stappen" in app.screen.query_one("Markdown").source  # type: ignore[attr-defined]
    assert "status: finished" in minutes_file(tmp_path)


async def test_a_minute_added_in_a_step_shows_in_the_saved_minutes(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", "ctrl+l")  # step 1: 5 minutes planned, one added
        for _ in range(6):
            clock.advance(6 * 60)
            await pilot.press("ctrl+n")
        clock.advance(6 * 60)
        await pilot.press("ctrl+n", "enter")
        assert isinstance(app.screen, EndScreen)
    text = minutes_file(tmp_path)
    table = [line for line in text.splitlines() if line.startswith("|")]
    assert all(line.count("|") == 5 for line in table), table  # four cells a row: the table stays a table
    assert table[2].endswith("| 6 min (+1) | 6 min | +0 |"), table[2]
    assert table[-1] == "| **Totaal** | **51 min (+1)** | **42 min** | **-9** |"
    assert "*Gepland 6 min (+1) · Werkelijk 6 min*" in text
    assert text.count("(+1)") == 3


async def test_a_second_window_on_the_same_session_is_refused(tmp_path: Path, clock: ManualClock) -> None:
    first = make_app(tmp_path, clock)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        files, session = Store(tmp_path).load(None, clock)
        second = make_app(tmp_path, clock, resume=(files, session))
        async with second.run_test(size=SIZE):
            pass
        assert second.error == Texts("nl")("error.session_open")


async def test_every_bundled_protocol_runs_from_start_to_end(tmp_path: Path, clock: ManualClock) -> None:
    for protocol_id in EXPECTED_IDS:
        root = tmp_path / protocol_id
        setup = Setup(group="G", participants=PEOPLE, case_bringers=("Bo", "Cas"))
        app = make_app(root, clock, protocol_id, setup)
        async with app.run_test(size=SIZE) as pilot:
            session: Session = session_screen(app).session
            await pilot.press("ctrl+t")
            for index in range(len(session.steps)):
                clock.advance(60)
                session_screen(app).tick()
                if not kind_traits(session.step.kind).locks_notes_while_running:
                    await pilot.press(*f"noot {index}")
                await pilot.press("ctrl+n")
            await pilot.press("enter")
            assert isinstance(app.screen, EndScreen), protocol_id
        text = minutes_file(root)
        for step in session.steps:
            assert step.phase.title in text
            if not kind_traits(step.kind).locks_notes_while_running:
                assert f"noot {step.index}" in text, (protocol_id, step.key)
        assert f"protocol: {protocol_id}" in text


async def test_the_key_bar_shows_the_keys_and_a_click_runs_one(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one("KeyBar")
        text = str(bar.render())
        for hint in ("^t Start/pauze", "^n Volgende", "^q Stop", "^g Spreker", "f2 Kopieer", "f1 Hulp", "^p palet"):
            assert hint in text
        assert await pilot.click("KeyBar", offset=(text.index("Volgende"), 0))
        assert shown(app, "#step-title") == "Introductie van de kwestie"


async def test_jumping_between_steps_with_the_same_field_in_one_go_never_crashes(tmp_path: Path) -> None:
    """F4, End, Enter as fast as keys come: the next step's field has the id of the one leaving."""
    app = make_app(tmp_path, ManualClock(), "duo-uitwisseling")
    async with app.run_test(size=(100, 30)) as pilot:
        last = len(session_screen(app).session.steps) - 1
        for _ in range(3):
            await pilot.press("f4", "end", "enter", "f4", "home", "enter", "f4", "end", "enter")
            await pilot.pause()
            screen = session_screen(app)
            assert screen.session.current == last
            fields = [widget.id for widget in screen.query(".field-input")]
            assert len(fields) == len(set(fields)) == len(screen.session.step.phase.capture)


async def test_a_terminal_paste_with_cr_line_ends_keeps_its_lines_and_actions(
    tmp_path: Path, clock: ManualClock
) -> None:
    """xterm, VTE and tmux paste line ends as CR: each line stays a line, each action its own task."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.post_message(events.Paste("Ann: ouder belde\rBo: rooster\r\nCas: ziek"))
        await pilot.pause()
        await pilot.press(*["ctrl+n"] * 5)
        assert session_screen(app).session.current == 5
        app.screen.query_one("#field-action-plan", TextArea).focus()
        app.post_message(events.Paste("Ann: eerste actie\rBo: tweede actie\rderde actie"))
        await pilot.pause()
        await pilot.press("ctrl+n")
        text = minutes_file(tmp_path)
    assert "Ann: ouder belde\\\nBo: rooster\\\nCas: ziek" in text and "␍" not in text
    assert "- [ ] Ann: eerste actie\n- [ ] Bo: tweede actie\n- [ ] Bo: derde actie" in text
