"""Text typed just before a session key is never lost or put in the wrong step.

A paste, dictation, a text expander, SSH or remote desktop deliver the typed text and the key that follows
it in one read. These tests post all those key events into the app's queue at once (as the driver does
for one read) and only then let the app run, so the session key's action meets the typed keys still
waiting in the notes pane's queue.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.store import Store
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.dialogs import ConfirmDialog, JumpDialog, NotesDialog
from intervisie_tui.ui.unvisited_dialog import UnvisitedDialog

from .helpers import make_app, saved_minutes, session_screen

SIZE = (100, 30)


NAMED_KEYS = {"tab", "home", "end", "left", "right", "backspace", "enter"}


async def burst(pilot: Pilot[None], *items: str | events.Paste) -> None:
    """Queue text (one key per character), pastes and named keys in one go, then let the app work."""
    app = pilot.app
    for item in items:
        if isinstance(item, events.Paste):
            app.post_message(item)
        elif (item.startswith(("ctrl+", "f")) and len(item) > 1) or item in NAMED_KEYS:
            app.post_message(events.Key(item, None))
        else:
            for char in item:
                app.post_message(events.Key("space" if char == " " else char, char))
    await pilot.pause()
    await pilot.pause()


def saved_notes(root: Path, clock: ManualClock) -> list[str]:
    _files, session = Store(root).load(None, clock)
    return [state.notes for state in session.states]


def notes_pane(app: IntervisieApp) -> str:
    return app.screen.query_one("#notes", TextArea).text


@pytest.mark.parametrize("key", ["ctrl+n", "ctrl+o", "ctrl+g", "ctrl+t", "ctrl+l", "ctrl+r"])
async def test_text_typed_just_before_a_session_key_stays_in_its_step(
    tmp_path: Path, clock: ManualClock, key: str
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        if key == "ctrl+o":
            await burst(pilot, "ctrl+n")
        start = screen.session.current
        await burst(pilot, "eerste notitie", key)
        assert screen.session.states[start].notes == "eerste notitie"
        others = [s.notes for i, s in enumerate(screen.session.states) if i != start]
        assert not any(others), others
        shown_step = screen.session.current
        assert notes_pane(app) == screen.session.states[shown_step].notes
        await burst(pilot, "ctrl+t")  # any event saves at once
        assert saved_notes(tmp_path, clock)[start] == "eerste notitie"


async def test_text_typed_around_a_step_change_goes_to_each_step(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await burst(pilot, "eerste", "ctrl+n", "tweede", "ctrl+n", "derde", "ctrl+o")
        assert [s.notes for s in screen.session.states[:3]] == ["eerste", "tweede", "derde"]
        assert notes_pane(app) == "tweede"


async def test_a_paste_followed_by_a_key_lands_in_the_step_it_was_pasted_in(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await burst(pilot, events.Paste("Ann: ouder belde\nBo: rooster"), "ctrl+n")
        assert screen.session.states[0].notes == "Ann: ouder belde\nBo: rooster"
        assert screen.session.states[1].notes == "" and notes_pane(app) == ""
    assert saved_notes(tmp_path, clock)[0] == "Ann: ouder belde\nBo: rooster"


async def test_a_field_typed_just_before_a_step_change_keeps_its_value(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+n", "tab")
        assert isinstance(app.focused, Input)
        await burst(pilot, "Hoe blijf ik rustig?", "ctrl+n")
        assert screen.session.states[1].fields.get("learning-question") == "Hoe blijf ik rustig?"
        assert screen.session.current == 2
        assert not screen.session.states[2].fields.get("learning-question")


@pytest.mark.parametrize("key, dialog", [("f4", JumpDialog), ("f3", NotesDialog)])
async def test_a_dialog_opened_just_after_typing_sees_the_typed_text(
    tmp_path: Path, clock: ManualClock, key: str, dialog: type
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await burst(pilot, "vlak voor de dialoog", key)
        assert isinstance(app.screen, dialog)
        assert screen.session.states[0].notes == "vlak voor de dialoog"
        if dialog is NotesDialog:
            assert app.screen.query_one("#note-edit", TextArea).text == "vlak voor de dialoog"


async def test_quit_just_after_typing_saves_the_typed_text(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "ctrl+t", "laatste woorden", "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
    assert app.return_code == 0
    assert saved_notes(tmp_path, clock)[0] == "laatste woorden"


async def test_finish_just_after_typing_saves_the_typed_text(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        screen.session.jump(len(screen.session.steps) - 1)
        screen._changed()
        await burst(pilot, "afsluiting", "ctrl+n")
        assert isinstance(app.screen, UnvisitedDialog)  # the steps between were never opened
        await pilot.press("y")
    assert "afsluiting" in saved_minutes(tmp_path)


async def test_a_late_change_message_never_writes_the_step_now_shown(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        notes = app.screen.query_one("#notes", TextArea)
        await pilot.press(*"eerste")
        stale = TextArea.Changed(notes)
        await burst(pilot, "ctrl+n")
        notes.post_message(stale)  # a Changed from step 1 that arrives after the step changed
        await pilot.pause()
        assert [s.notes for s in screen.session.states[:2]] == ["eerste", ""]


@pytest.mark.parametrize(
    "keys, expected",
    [
        (("abc", "ctrl+u", "def"), "def"),  # erase to the start of the line, then type
        (("abc", "home", "X"), "Xabc"),
        (("abc", "left", "left", "X", "end", "Y"), "aXbcY"),
        (("abc", "ctrl+z", "d"), "d"),  # undo what was typed, then type on
    ],
)
async def test_an_editing_key_between_typed_text_acts_where_it_was_pressed_in_the_notes(
    tmp_path: Path, clock: ManualClock, keys: tuple[str, ...], expected: str
) -> None:
    """Textual runs a widget's own binding after the key went round to the app; the text typed just after
    it in the same read was in the pane by then, and was erased or put before the cursor moved."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, *keys)
        assert notes_pane(app) == expected


async def test_tab_then_erase_then_a_word_in_one_read_fills_the_next_start_field(tmp_path: Path) -> None:
    """The tester's tmux keys `Tab C-u` and then `Onderwerp X`: the topic field stayed empty."""
    app = IntervisieApp(Store(tmp_path), clock=ManualClock())
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#group", Input).focus()
        await pilot.pause()
        await burst(pilot, "Team A", "tab", "ctrl+u", "Onderwerp X", "tab", "ctrl+u", "Ann, Bo")
        values = {field.id: field.value for field in app.screen.query(Input)}
        assert (values["group"], values["topic"], values["participants"]) == ("Team A", "Onderwerp X", "Ann, Bo")


async def test_a_field_edited_with_keys_in_one_read_holds_what_was_typed(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+n", "tab")
        await burst(pilot, "rustig?", "home", "Hoe blijf ik ", "end", "ctrl+u", "Wat wil ik leren?", "ctrl+n")
        assert screen.session.states[1].fields.get("learning-question") == "Wat wil ik leren?"


async def test_text_typed_after_a_step_change_from_a_field_goes_to_the_next_steps_notes(
    tmp_path: Path, clock: ManualClock
) -> None:
    """From a field, ctrl+n and the next words in one read: the notes pane of the next step takes them (Textual
    moves the focus only after the keys already read, which then went to the field being taken away)."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+n", "tab")
        assert isinstance(app.focused, Input)
        await burst(pilot, "Hoe?", "ctrl+n", "tweede notitie")
        assert screen.session.states[1].fields.get("learning-question") == "Hoe?"
        assert screen.session.current == 2 and notes_pane(app) == "tweede notitie"
