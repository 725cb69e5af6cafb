"""The minutes file belongs to the people: edits survive, renames are followed, deletions stay deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intervisie_tui.cli import main
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import SessionFiles, SessionFinishedError, Store

from .helpers import PEOPLE, bundled


def running(tmp_path: Path, clock: ManualClock) -> tuple[Store, SessionFiles, Session]:
    store = Store(tmp_path)
    session = Session(bundled("zeven-stappen"), Setup(group="Groep A", participants=PEOPLE), clock)
    files = store.new_session(session, clock)
    session.start()
    session.set_notes(0, "eerste notitie")
    assert store.save(files, session) is None
    return store, files, session


def test_an_edit_made_outside_the_app_is_kept_and_the_app_writes_next_to_it(tmp_path: Path, clock: ManualClock) -> None:
    store, files, session = running(tmp_path, clock)
    edited = files.minutes.read_text() + "\nToegevoegd in een editor.\n"
    files.minutes.write_text(edited)
    session.set_notes(0, "eerste notitie, en meer")
    notice = store.save(files, session)
    assert notice is not None and notice.kind == "conflict"
    assert files.minutes.read_text() == edited
    assert notice.path.name == "2026-11-22 1400 Groep A - zeven-stappen (versie van de app).md"
    assert "eerste notitie, en meer" in notice.path.read_text()
    session.set_notes(0, "nog meer")
    assert store.save(files, session) is None  # from now on the app writes its own copy, quietly
    assert "nog meer" in notice.path.read_text() and files.minutes.read_text() == edited
    assert json.loads(files.state.read_text())["minutes_file"] == notice.path.name


def test_a_renamed_file_is_followed_and_the_old_name_never_written_again(tmp_path: Path, clock: ManualClock) -> None:
    store, files, session = running(tmp_path, clock)
    renamed = files.minutes.with_name("Intervisie november.md")
    files.minutes.rename(renamed)
    store = Store(tmp_path)  # a new process, as `resume` is
    files, session = store.load(files.session_id, clock)
    session.set_notes(0, "na het hernoemen")
    notice = store.save(files, session)
    assert notice is not None and (notice.kind, notice.path) == ("renamed", renamed)
    assert not files.minutes.exists() and "na het hernoemen" in renamed.read_text()
    session.set_notes(0, "en nog eens")
    assert store.save(files, session) is None and not files.minutes.exists()


def test_a_running_sessions_deleted_file_is_written_again_and_said(tmp_path: Path, clock: ManualClock) -> None:
    store, files, session = running(tmp_path, clock)
    files.minutes.unlink()
    session.set_notes(0, "verder")
    notice = store.save(files, session)
    assert notice is not None and notice.kind == "recreated" and "verder" in files.minutes.read_text()


def test_saving_what_is_already_there_writes_nothing(tmp_path: Path, clock: ManualClock) -> None:
    store, files, session = running(tmp_path, clock)
    before = files.minutes.stat()
    store.save(files, session)
    after = files.minutes.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # a write would rename


def test_a_finished_session_keeps_no_notes_in_its_state_and_is_not_resumed(tmp_path: Path, clock: ManualClock) -> None:
    store, files, session = running(tmp_path, clock)
    session.finish()
    store.save(files, session)
    state = json.loads(files.state.read_text())
    assert state["finished"] is True and "session" not in state and "eerste notitie" not in files.state.read_text()
    ticked = files.minutes.read_text().replace("eerste notitie", "eerste notitie (bijgewerkt)")
    files.minutes.write_text(ticked)
    with pytest.raises(SessionFinishedError) as caught:
        Store(tmp_path).load(None, clock)
    assert caught.value.minutes == files.minutes and files.minutes.read_text() == ticked


def test_minutes_deleted_by_hand_take_the_finished_session_with_them(tmp_path: Path, clock: ManualClock) -> None:
    """An older state that still holds the notes (as before this version) is removed, never resumed."""
    _, files, session = running(tmp_path, clock)
    session.finish()
    state = json.loads(files.state.read_text())
    state["session"] = session.to_dict()  # the notes, as a state of an older version kept them
    files.state.write_text(json.dumps(state))
    files.minutes.unlink()
    with pytest.raises(SessionFinishedError) as caught:
        Store(tmp_path).load(files.session_id, clock)
    assert caught.value.minutes is None and not files.state.exists()


def test_resume_of_a_finished_session_with_deleted_minutes_is_one_line(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    store, files, session = running(isolated_dirs / "data" / "intervisie-tui", clock)
    session.finish()
    store.save(files, session)
    files.minutes.unlink()
    assert main(["resume"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "its minutes were deleted" in err and "eerste notitie" not in err
    assert list((isolated_dirs / "data" / "intervisie-tui" / "sessions").glob("*.json")) == []


async def test_the_session_screen_says_where_the_minutes_went(tmp_path: Path, clock: ManualClock) -> None:
    """A change made in an editor while the session runs is kept, and the screen says where the app writes now."""
    from .helpers import make_app, session_screen

    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"eerste")
        screen = session_screen(app)
        assert screen.save_now()
        edited = screen.files.minutes.read_text() + "\nIn een editor toegevoegd.\n"
        screen.files.minutes.write_text(edited)
        await pilot.press(*" tweede", "ctrl+n")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("buiten de app gewijzigd" in m and "(versie van de app).md" in m for m in messages)
    assert screen.files.minutes.read_text() == edited
    copy = screen.files.minutes.with_name(f"{screen.files.minutes.stem} (versie van de app).md")
    assert "eerste tweede" in copy.read_text()


async def test_a_group_with_broken_minutes_still_starts_with_its_open_actions(
    tmp_path: Path, clock: ManualClock
) -> None:
    from .helpers import make_app, session_screen
    from .test_archive import saved_session

    store = Store(tmp_path)
    saved_session(store, clock)
    (store.minutes_dir / "kapot.md").write_text("---\nsession: x\nprotocol: p\ngroup: Groep A\ndate: 2099-02-30\n---\n")
    (store.minutes_dir / "raar.md").write_text("---\nsession: y\nprotocol: [p]\nactual_minutes: 50 min\n---\n")
    app = make_app(tmp_path, clock, setup=Setup(group="Groep A", participants=PEOPLE, case_bringers=("Bo",)))
    async with app.run_test(size=(100, 30)):
        screen = session_screen(app)
        assert screen.session.setup.open_actions == ("Bo: rooster maken", "Cas: meelezen", "Bo: algemene afspraak")


@pytest.mark.parametrize(
    "group",
    [
        "Intervisiegroep Verpleegkunde Afdeling Cardiologie Noord",  # the tester's 56 characters
        "é" * 200,
        "🙂" * 70,
        "x" * 5000,
    ],
)
def test_a_long_group_name_survives_an_edit_outside_the_app_a_resume_and_the_finish(
    tmp_path: Path, clock: ManualClock, group: str
) -> None:
    """A tester's session with a 56-character group could not be resumed once its minutes were edited: the
    app's own file name (the group's name cut short, then " (versie van de app)") was longer than the saved
    state allowed, so the state was set aside as damaged."""
    store = Store(tmp_path)
    session = Session(bundled("zeven-stappen"), Setup(group=group, participants=PEOPLE), clock)
    files = store.new_session(session, clock)
    session.start()
    session.set_notes(0, "eerste notitie")
    store.save(files, session)
    files.minutes.write_text(files.minutes.read_text() + "\nGewijzigd in een editor.\n")
    for round_ in range(2):  # resume twice, as the tester did
        store = Store(tmp_path)
        files, session = store.load(files.session_id, clock)
        session.set_notes(0, f"na hervatten {round_}")
        notice = store.save(files, session)
        assert (notice is not None) == (round_ == 0)
    copies = sorted(p.name for p in (tmp_path / "minutes").glob("*.md"))
    assert len(copies) == 2 and all(len(name.encode()) <= 255 for name in copies)
    assert any(name.endswith(" (versie van de app).md") for name in copies)
    session.finish()
    store.save(files, session)
    with pytest.raises(SessionFinishedError):  # opens in review, read-only, instead of "damaged"
        Store(tmp_path).load(None, clock)
    assert not list((tmp_path / "sessions").glob("*.bak"))


@pytest.mark.parametrize("name", ["Team  A: notulen.md", "Intervisie " + "ü" * 120 + ".md", "notulen.v2.md"])
def test_a_file_renamed_to_any_name_a_folder_takes_is_followed_after_a_resume(
    tmp_path: Path, clock: ManualClock, name: str
) -> None:
    """People rename files to what they like (double spaces, a colon on Linux, long names); the app follows
    the file and must be able to read its own record of that name at the next resume."""
    store, files, session = running(tmp_path, clock)
    renamed = files.minutes.with_name(name)
    files.minutes.rename(renamed)
    session.set_notes(0, "na het hernoemen")
    assert store.save(files, session) is not None
    files, session = Store(tmp_path).load(files.session_id, clock)
    session.set_notes(0, "en na hervatten")
    assert Store(tmp_path).save(files, session) is None
    assert "en na hervatten" in renamed.read_text()
