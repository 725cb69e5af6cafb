"""The journal: typing costs the size of what was typed, idle costs nothing, and a kill loses nothing saved.

A save while typing appends only what changed to `sessions/<id>.journal`; the state and the minutes are
written whole at a checkpoint (a step change, quit, finish). A new app replays state plus journal, as after a
kill -9, and shows every key; a torn last line (a crash in mid-write) is left out; a clock that only runs
writes its time every 15 s and nothing else; a paused one writes nothing. Everything runs on the manual
clock: saves are made by calling what the debounce timer calls.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from intervisie_tui.core import store as store_module
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Session, Setup, Status
from intervisie_tui.core.store import SessionFiles, Store
from intervisie_tui.ui.end_screen import EndScreen
from intervisie_tui.ui.session_screen import SessionScreen
from intervisie_tui.ui.unvisited_dialog import UnvisitedDialog

from .helpers import PEOPLE, bundled, make_app, session_screen

SIZE = (100, 30)
KEY_BOUND = 2048  # bytes a typed key may cost on disk, besides the key itself


def filler(size: int) -> str:
    line = "Ann: vraagt door op het moment dat het misging, wat voelde je?\n"
    return (line * (size // len(line) + 1))[:size]


def disk(root: Path) -> dict[str, str]:
    """Every file under the data folder, by path, with a hash of its bytes."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.suffix != ".lock"
    }


def new_session(root: Path, clock: ManualClock, notes: str = "") -> tuple[Store, SessionFiles, Session]:
    store = Store(root)
    session = Session(bundled("zeven-stappen"), Setup(group="Groep A", participants=PEOPLE), clock)
    session.set_notes(0, notes)
    files = store.new_session(session, clock)
    store.save(files, session)
    return store, files, session


def minutes(files: SessionFiles) -> str:
    return files.minutes.read_text(encoding="utf-8")


@asynccontextmanager
async def resumed_after_a_kill(root: Path, clock: ManualClock) -> AsyncIterator[SessionScreen]:
    """A new app resuming from what the disk holds (what a kill -9 of the app before it would leave)."""
    resumed = make_app(root, clock, resume=Store(root).load(None, clock))
    async with resumed.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield session_screen(resumed)


@pytest.mark.parametrize("size", [0, 200_000, 1_000_000])
def test_a_typed_key_appends_a_bounded_record_whatever_the_size_of_the_notes(
    tmp_path: Path, clock: ManualClock, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, files, session = new_session(tmp_path, clock, filler(size))
    session.start()
    store.journal(files, session)
    state_before, minutes_before = files.state.read_bytes(), minutes(files)
    whole_writes: list[Path] = []
    original = store_module.atomic_write

    def atomic_write(path: Path, text: str | Iterable[str]) -> None:
        whole_writes.append(path)
        original(path, text)

    monkeypatch.setattr(store_module, "atomic_write", atomic_write)
    keys = "Bo twijfelt, ëén moment… "
    for number, key in enumerate(keys):
        before = files.journal.stat().st_size
        at = len(session.states[0].notes) // 2 if number % 2 else len(session.states[0].notes)  # end and middle
        notes = session.states[0].notes
        session.set_notes(0, notes[:at] + key + notes[at:])
        clock.advance(0.125)
        store.journal(files, session)
        appended = files.journal.stat().st_size - before
        assert 0 < appended <= KEY_BOUND + len(key.encode())
    assert whole_writes == []  # neither the state nor the minutes were rewritten while typing
    assert files.state.read_bytes() == state_before and minutes(files) == minutes_before
    _, restored = Store(tmp_path).load(files.session_id, ManualClock())
    assert restored.states[0].notes == session.states[0].notes


@pytest.mark.parametrize("size", [0, 200_000, 1_000_000])
def test_typing_costs_a_bounded_amount_per_key_compactions_included(
    tmp_path: Path, clock: ManualClock, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A paste of the notes, then keys until the journal was compacted: every byte written, counted."""
    store, files, session = new_session(tmp_path, clock)
    session.start()
    written: list[tuple[str, int]] = []
    atomic_write, append_durably = store_module.atomic_write, store_module.append_durably

    def whole(path: Path, text: str | Iterable[str]) -> None:
        text = text if isinstance(text, str) else "".join(text)
        written.append((path.suffix, len(text.encode())))
        atomic_write(path, text)

    def append(path: Path, data: bytes, *, create: bool) -> None:
        written.append((path.suffix, len(data)))
        append_durably(path, data, create=create)

    monkeypatch.setattr(store_module, "atomic_write", whole)
    monkeypatch.setattr(store_module, "append_durably", append)
    monkeypatch.setattr(store_module.os, "fsync", lambda fd: None)  # bytes are counted here, not durability
    session.set_notes(0, filler(size))
    store.journal(files, session)  # a paste larger than the journal may hold is a checkpoint at once
    assert files.journal.exists() is (size == 0)
    written.clear()
    keys = 3000
    for number in range(keys):
        notes = session.states[0].notes
        session.set_notes(0, notes + "abcdefghijklmnopqrstuvwxyz "[number % 27])
        clock.advance(0.125)
        store.journal(files, session)
    assert {suffix for suffix, _ in written} >= {".json", ".md", ".journal"}  # at least one compaction
    assert sum(count for _, count in written) / keys <= KEY_BOUND + 1
    _, restored = Store(tmp_path).load(files.session_id, ManualClock())
    assert restored.states[0].notes == session.states[0].notes


def test_a_save_with_nothing_changed_writes_only_the_running_clocks_time_every_15_s(
    tmp_path: Path, clock: ManualClock
) -> None:
    store, files, session = new_session(tmp_path, clock)
    session.start()
    store.journal(files, session)
    lines = files.journal.read_bytes().count(b"\n")
    before = disk(tmp_path)
    for _ in range(20):
        clock.advance(5)
        assert store.journal(files, session) is None
    assert files.journal.read_bytes().count(b"\n") == lines + 6  # at 15, 30, ... 90 s of the 100
    assert {path for path, digest in disk(tmp_path).items() if before[path] != digest} == {
        str(files.journal.relative_to(tmp_path))
    }
    session.pause()
    store.journal(files, session)
    paused = disk(tmp_path)
    for _ in range(20):
        clock.advance(15)
        assert store.journal(files, session) is None
    assert disk(tmp_path) == paused


def test_a_torn_last_line_is_left_out_and_the_next_save_starts_clean(tmp_path: Path, clock: ManualClock) -> None:
    store, files, session = new_session(tmp_path, clock)
    for key in "heel":
        session.set_notes(0, session.states[0].notes + key)
        store.journal(files, session)
    with files.journal.open("ab") as journal:
        journal.write(b'{"op":"text","step":0,"at":4,"cut":0,"te')  # the kill came in the middle of this write
    again = Store(tmp_path)
    loaded_files, loaded = again.load(files.session_id, ManualClock())
    assert loaded.states[0].notes == "heel"
    loaded.set_notes(0, "heel goed")
    again.journal(loaded_files, loaded)  # a journal with a torn end takes no appends: a checkpoint instead
    assert not files.journal.exists() and "heel goed" in minutes(files)
    assert Store(tmp_path).load(files.session_id, ManualClock())[1].states[0].notes == "heel goed"


def test_a_damaged_line_before_the_last_sets_the_journal_aside_with_one_line(
    tmp_path: Path, clock: ManualClock
) -> None:
    store, files, session = new_session(tmp_path, clock)
    for key in "ab":
        session.set_notes(0, session.states[0].notes + key)
        store.journal(files, session)
    lines = files.journal.read_bytes().splitlines(keepends=True)
    files.journal.write_bytes(lines[0] + b"VERTROUWELIJK niet een record\n" + b"".join(lines[1:]))
    with pytest.raises(store_module.StoreError) as raised:
        Store(tmp_path).load(files.session_id, ManualClock())
    message = str(raised.value)
    assert "journal" in message and "line 2" in message and "VERTROUWELIJK" not in message and "\n" not in message
    assert not files.journal.exists() and list(files.state.parent.glob("*.journal.bak"))
    assert Store(tmp_path).load(files.session_id, ManualClock())[1].states[0].notes == ""  # the state alone


def test_a_break_inserted_in_place_is_a_checkpoint(tmp_path: Path, clock: ManualClock) -> None:
    store, files, session = new_session(tmp_path, clock)
    session.set_notes(0, "voor de pauze")
    store.journal(files, session)
    assert session.insert_break(10)
    store.journal(files, session)  # the steps changed, which no record can say
    assert not files.journal.exists()
    _, loaded = Store(tmp_path).load(files.session_id, ManualClock())
    assert [s.key for s in loaded.steps] == [s.key for s in session.steps]
    assert "voor de pauze" in [s.notes for s in loaded.states]


async def test_a_new_app_resumes_every_key_field_step_and_second_after_a_kill(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert screen.autosave is not None
        await pilot.press("ctrl+t", *"eerste stap", "ctrl+n")
        clock.advance(95)
        await pilot.press("ctrl+t")  # a pause: a checkpoint
        clock.advance(5)
        await pilot.press("ctrl+t")  # the clock runs again: a clock event, journaled
        for key in ["B", "o", " ", "v", "e", "r", "t", "e", "l", "t", "tab", "H", "o", "e", "?"]:
            await pilot.press(key)
            clock.advance(0.5)
            assert screen.autosave.changes()  # what the debounce timer runs, a second after a key
        step, elapsed = screen.session.current, screen.session.elapsed()
        minutes_on_disk = minutes(screen.files)
    # the app ends here without saving again: the disk holds what a kill -9 would leave
    assert "Bo vertelt" not in minutes_on_disk and screen.files.journal.exists()  # typing went to the journal
    assert step == 1 and elapsed == pytest.approx(95 + 15 * 0.5)
    async with resumed_after_a_kill(tmp_path, clock) as again:
        assert again.query_one("#notes", TextArea).text == "Bo vertelt"
        assert again.query_one("#field-learning-question", Input).value == "Hoe?"
        assert again.session.current == step and again.session.elapsed() == pytest.approx(elapsed)
        assert again.session.states[0].notes == "eerste stap"
        assert again.session.status is Status.PAUSED
        text = minutes(again.files)  # opening made the minutes whole again
        assert "Bo vertelt" in text and "**Leervraag:** Hoe?" in text


async def test_a_clock_running_alone_writes_only_its_time_every_15_s_and_a_kill_keeps_it(
    tmp_path: Path, clock: ManualClock
) -> None:
    """A silent step: the clock runs for minutes and nobody types. A kill -9 must not take its time away."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert screen.autosave is not None
        await pilot.press(*"iets", "ctrl+t", "ctrl+t", "ctrl+t")  # started (a checkpoint), paused, started again
        await pilot.pause()
        assert screen.autosave.changes()
        journal = screen.files.journal
        before = disk(tmp_path)
        sizes = [journal.stat().st_size]
        for _ in range(125):
            clock.advance(1)
            screen.tick()
            sizes.append(journal.stat().st_size)
        growth = [after - size for size, after in itertools.pairwise(sizes) if after != size]
        assert len(growth) == 8 and all(0 < grown < 100 for grown in growth)  # at 15, 30, ... 120 s: one line each
        assert [path for path, digest in disk(tmp_path).items() if before[path] != digest] == [
            str(journal.relative_to(tmp_path))
        ]  # the state and the minutes untouched
        assert screen.session.running and screen.session.elapsed() == 125
    # the app ends here without saving again: the disk holds what a kill -9 would leave
    async with resumed_after_a_kill(tmp_path, clock) as again:
        assert again.session.elapsed() == 120 and again.session.states[0].notes == "iets"


async def test_idle_ticks_with_the_clock_paused_write_nothing(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert screen.autosave is not None
        await pilot.press(*"iets", "ctrl+t")
        clock.advance(40)
        await pilot.press("ctrl+t")  # paused: a checkpoint
        await pilot.pause()
        before = disk(tmp_path)
        for _ in range(120):
            clock.advance(1)
            screen.tick()
        await pilot.pause()
        assert screen.autosave.changes()  # a save now finds nothing to write
        assert disk(tmp_path) == before
        assert not screen.session.running and screen.session.elapsed() == 40


async def test_the_minutes_are_complete_at_a_step_change_at_quit_and_at_finish(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert screen.autosave is not None
        await pilot.press(*"eerste")
        assert screen.autosave.changes()
        assert "eerste" not in minutes(screen.files)
        await pilot.press("ctrl+n")
        assert "eerste" in minutes(screen.files)
        await pilot.press(*"tweede")
        assert screen.autosave.changes()
        await pilot.press("ctrl+q")
        assert "tweede" in minutes(screen.files) and not screen.files.journal.exists()
    second = make_app(tmp_path, clock, resume=Store(tmp_path).load(None, clock))
    async with second.run_test(size=SIZE) as pilot:
        screen = session_screen(second)
        assert screen.autosave is not None
        await pilot.press("f4")
        await pilot.press("end", "enter")
        await pilot.press(*"laatste")
        assert screen.autosave.changes()
        assert "laatste" not in minutes(screen.files)
        await pilot.press("ctrl+n")
        assert isinstance(second.screen, UnvisitedDialog)  # the steps between were never opened
        await pilot.press("y")
        assert isinstance(second.screen, EndScreen)
        text = minutes(screen.files)
        assert "status: finished" in text and "laatste" in text and "eerste" in text and "tweede" in text


async def test_a_step_change_whose_checkpoint_failed_is_made_whole_by_the_next_save(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert screen.autosave is not None
        await pilot.press(*"eerste")

        def disk_full(*_: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as patched:
            patched.setattr(Store, "save", disk_full)
            await pilot.press("ctrl+n")
            assert screen.autosave.failing
        assert "eerste" not in minutes(screen.files)
        await pilot.press(*"tweede")
        assert screen.autosave.changes() and not screen.autosave.failing
        text = minutes(screen.files)
        assert "eerste" in text and "tweede" in text and not screen.files.journal.exists()


async def test_the_first_start_of_the_clock_brings_the_minutes_up_to_date(tmp_path: Path, clock: ManualClock) -> None:
    """After a crash `minutes list` and search read the minutes: a running session must not say "not started"."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press(*"eerste woorden")
        await pilot.pause()
        assert "status: not-started" in minutes(screen.files)
        await pilot.press("ctrl+t")
        await pilot.pause()
        text = minutes(screen.files)
        assert "status: running" in text and "eerste woorden" in text


async def test_pausing_the_clock_brings_the_minutes_up_to_date(tmp_path: Path, clock: ManualClock) -> None:
    """A pause is when people open the minutes to look: what was typed is in the Markdown then, not only in
    the journal; starting the clock again writes only the journal."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("ctrl+t", *"voor de pauze")
        clock.advance(90)
        await pilot.pause()
        assert "voor de pauze" not in minutes(screen.files)
        await pilot.press("ctrl+t")
        assert screen.session.status is Status.PAUSED
        text = minutes(screen.files)
        assert "voor de pauze" in text and "status: paused" in text
        await pilot.press("ctrl+t", *" erna")
        assert screen.autosave is not None and screen.autosave.changes()
        assert " erna" not in minutes(screen.files)
