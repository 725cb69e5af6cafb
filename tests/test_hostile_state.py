"""Damaged saved sessions, and a data folder that is not safe or cannot be written.

A saved state with impossible values never crashes `resume`, never prints its notes, and is set aside with a
one-line reason; the data folder's temp files and locks never follow a planted symlink; a folder of another
user, or one that others can write to, is refused; reading works where writing cannot; two sessions of a group
started in the same minute both run.
"""

from __future__ import annotations

import errno
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intervisie_tui import cli, cli_search
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.minutes import render_minutes
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import SessionFiles, Store, StoreError, atomic_write
from intervisie_tui.words import Texts

from .helpers import bundled, make_app, session_screen

SECRET = "VERTROUWELIJK"
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
HOSTILE_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    -1e9,
    2**63,
    10**400,
    1e308,
    float("nan"),
    float("inf"),
    float("-inf"),
    "",
    "x",
    "2026-02-30T25:00:00",
    "2026-11-22T14:00:00",
    "9999-12-31T23:59:59+14:00",
    [],
    [1, 2],
    {},
    {"a": 1},
]


def data_folder(home: Path) -> Path:
    return home / "data" / "intervisie-tui"


def running_session(store: Store, clock: ManualClock) -> tuple[SessionFiles, Session]:
    """A session mid-way, with confidential text in every place a person types, saved as the app saves it."""
    setup = Setup(
        title=f"{SECRET} titel",
        group="Groep A",
        participants=("Ann", "Bo", f"{SECRET} Cas"),
        case_bringers=("Bo",),
        open_actions=(f"{SECRET} actie",),
    )
    session = Session(bundled("zeven-stappen"), setup, clock)
    files = store.new_session(session, clock)
    session.start()
    session.set_notes(0, f"{SECRET}: de inbrenger vertelt over een lastige ouder")
    clock.advance(200)
    session.next()
    session.set_field(1, "learning-question", f"{SECRET} leervraag")
    clock.advance(90)
    session.next_speaker()
    session.mark_action(0, True)
    clock.advance(30)
    store.save(files, session)
    return files, session


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under a folder with its content and modification time."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def resume(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(["--lang", "en", "resume", *argv])  # the reasons are checked in English; Dutch below
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """`resume` up to the moment the app would start; what it would have been given is recorded."""
    started: list[dict[str, Any]] = []

    def fake_run_app(args: Any, **start: Any) -> int:
        started.append(start)
        if "lock" in start:
            start["lock"].release()
        return 0

    monkeypatch.setattr(cli, "_run_app", fake_run_app)
    return started


def assert_damaged_and_set_aside(code: int, out: str, err: str, state: Path, original: bytes) -> None:
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"intervisie: the saved session {state.name} is damaged (")
    assert SECRET not in err and "Traceback" not in err
    assert not state.exists()
    kept = list(state.parent.glob(f"{state.stem}.damaged-*.json.bak"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert f"it was kept as {kept[0].name}" in err


def mutate(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: mutate(data[head], rest, value)}
    copy = list(data)
    copy[head] = mutate(data[head], rest, value)
    return copy


def paths_of(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            if key != "protocol":  # the protocol's own values are fuzzed in test_hostile_protocols
                found += paths_of(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_of(value, (*prefix, index))
    return found


# ----- point 9: impossible saved values ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        (("session", "steps", 0, "elapsed"), float("nan"), "steps[0].elapsed must be a number from 0"),
        (("session", "steps", 0, "elapsed"), -5, "steps[0].elapsed must be a number from 0"),
        (("session", "steps", 0, "elapsed"), 1e300, "steps[0].elapsed must be a number from 0"),
        (("session", "steps", 1, "turn"), 7, "steps[1].turn must be a whole number from 0 to 2"),
        (("session", "steps", 0, "turn"), 0, "steps[0].turn must be null here"),
        (("session", "current"), 99, "current must be a whole number from 0 to 7"),
        (("session", "current"), True, "current must be a whole number from 0 to 7"),
        (("session", "steps", 0, "notes"), ["lijst"], "steps[0].notes must be text"),
        (("session", "steps"), [], "the saved steps do not match the protocol"),
        (("session", "setup", "participants"), "Ann", "setup.participants must be a list of texts"),
        (("session", "actions_done"), [3], "actions_done must be a whole number from 0 to 0"),
        (("session", "started_at"), "2026-11-22T14:00:00", "started_at must be a date and time with"),
        (("session", "status"), f"{SECRET}", "status is not a known status"),
        (("session", "protocol", "phases"), [], "the saved protocol is not valid"),
        (("format",), True, "not a saved session of a format this version knows"),
        (("minutes_file",), "../elders.md", "minutes_file must be the name of a Markdown file"),
        (("language",), "fr", "language must be one of nl, en"),
    ],
)
def test_an_impossible_saved_value_is_one_line_and_set_aside(
    isolated_dirs: Path,
    clock: ManualClock,
    capsys: pytest.CaptureFixture[str],
    path: tuple[Any, ...],
    value: Any,
    reason: str,
) -> None:
    files, _ = running_session(Store(), clock)
    data = json.loads(files.state.read_text(encoding="utf-8"))
    broken = json.dumps(mutate(data, path, value)).encode()
    files.state.write_bytes(broken)
    minutes_before = files.minutes.read_bytes()
    code, out, err = resume([], capsys)
    assert_damaged_and_set_aside(code, out, err, files.state, broken)
    assert reason in err
    assert files.minutes.read_bytes() == minutes_before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not valid JSON at line 1"),
        (b'{"format": 1, "id": "x"', "not valid JSON at line 1"),
        (b"\xff\xfe{}", "the file is not UTF-8 text"),
        (b"[" * 100_000, "not valid JSON"),
        (b'{"format": 1, "n": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b"[]", "not a saved session of a format this version knows"),
    ],
)
def test_a_file_that_is_not_a_saved_session_is_one_line_and_set_aside(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    sessions = data_folder(isolated_dirs) / "sessions"
    sessions.mkdir(parents=True)
    state = sessions / "kapot.json"
    state.write_bytes(content)
    code, out, err = resume(["kapot"], capsys)
    assert_damaged_and_set_aside(code, out, err, state, content)
    assert f"({reason}" in err


def test_a_second_damaged_copy_in_the_same_second_never_replaces_the_first(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions = data_folder(isolated_dirs) / "sessions"
    sessions.mkdir(parents=True)
    for content in ("{kapot een", "{kapot twee"):
        (sessions / "kapot.json").write_text(content)
        assert resume(["kapot"], capsys)[0] == 1
    assert sorted(p.read_text() for p in sessions.glob("kapot.damaged-*.bak")) == ["{kapot een", "{kapot twee"]


def test_a_healthy_saved_state_still_resumes(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], no_app: list[dict[str, Any]]
) -> None:
    files, session = running_session(Store(), clock)
    code, _, err = resume([], capsys)
    assert (code, err) == (0, "")
    resumed_files, resumed = no_app[0]["resume"]
    assert resumed_files == files
    assert resumed.to_dict()["steps"] == session.to_dict()["steps"]


@st.composite
def damaged_states(draw: st.DrawFn, original: bytes) -> bytes:
    """A real saved state changed one way: a value of another type or size, truncation, or stray bytes."""
    kind = draw(st.sampled_from(["value", "value", "truncated", "spliced"]))
    if kind == "truncated":
        return original[: draw(st.integers(0, len(original) - 1))]
    if kind == "spliced":
        at = draw(st.integers(0, len(original)))
        return original[:at] + draw(st.binary(min_size=1, max_size=20)) + original[at:]
    data = json.loads(original)
    path = draw(st.sampled_from(paths_of(data)))
    return json.dumps(mutate(data, path, draw(st.sampled_from(HOSTILE_VALUES)))).encode()


def exercise(session: Session, files: SessionFiles) -> None:
    """Everything the screens and the minutes ask of a restored session."""
    render_minutes(session, files.session_id, files.language)
    session.planned_end(), session.projected_end(), session.behind()
    for index in range(len(session.steps)):
        session.remaining(index), session.overrun(index), session.speaker_share(index)
        for name in session.steps[index].speakers:
            session.speaker_seconds(index, name)
    session.current_speaker()
    session.toggle()
    session.next_speaker()
    session.extend(5)
    session.next()
    session.finish()


def test_fuzzed_state_files_load_or_are_set_aside_in_one_line(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], no_app: list[dict[str, Any]]
) -> None:
    store = Store()
    files, _ = running_session(store, clock)
    original = files.state.read_bytes()
    minutes_before = files.minutes.read_bytes()

    @FUZZ
    @given(content=damaged_states(original))
    def check(content: bytes) -> None:
        for aside in files.state.parent.glob("*.bak"):
            aside.unlink()
        files.state.write_bytes(content)
        try:
            loaded_files, session = store.load(files.session_id, clock)
        except StoreError as exc:
            message = str(exc)
            assert "\n" not in message and SECRET not in message
            assert not files.state.exists() and len(list(files.state.parent.glob("*.bak"))) == 1
        else:
            exercise(session, loaded_files)
        files.state.write_bytes(content)
        for aside in files.state.parent.glob("*.bak"):
            aside.unlink()
        code, out, err = resume([files.session_id], capsys)
        assert SECRET not in out + err and "Traceback" not in err and "internal error" not in err
        if code != 0:
            assert code == 1 and err.count("\n") == 1 and files.state.name in err
        assert files.minutes.read_bytes() == minutes_before

    check()


# ----- a finished session, an unreadable or unwritable folder ------------------------------------------------


def test_resuming_a_finished_session_opens_its_minutes_in_review_and_touches_nothing(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], no_app: list[dict[str, Any]]
) -> None:
    store = Store()
    files, session = running_session(store, clock)
    session.finish()
    store.save(files, session)
    before = snapshot(store.root)
    code, out, err = resume([], capsys)
    assert (code, out, err) == (0, "", "")
    assert no_app == [{"review": True, "select": files.session_id}]
    assert snapshot(store.root) == before


def fail_writes_under(folder: Path, monkeypatch: pytest.MonkeyPatch, error: int = errno.EROFS) -> None:
    """Every attempt to create, write or rename a file under `folder` fails as on a read-only disk."""
    real_open, real_rename = os.open, os.rename
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & writing and str(path).startswith(str(folder)):
            raise OSError(error, os.strerror(error), str(path))
        return real_open(path, flags, *args, **kwargs)

    def guarded_rename(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if str(source).startswith(str(folder)):
            raise OSError(error, os.strerror(error), str(source))
        real_rename(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "rename", guarded_rename)


def test_resume_on_a_read_only_folder_says_saving_is_impossible_and_touches_nothing(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store()
    files, _ = running_session(store, clock)
    files.state.with_suffix(".lock").unlink()  # as after a copy to a read-only medium
    before = snapshot(store.root)
    fail_writes_under(store.root, monkeypatch)
    code, out, err = resume([], capsys)
    assert (code, out) == (1, "")
    assert err == (
        f"intervisie: cannot write in {store.sessions_dir} (Read-only file system); the session was not opened, "
        f"as nothing typed could be saved (its minutes so far: {files.minutes})\n"
    )
    assert snapshot(store.root) == before


def test_a_damaged_state_on_a_read_only_folder_is_reported_and_left_alone(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = data_folder(isolated_dirs) / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "kapot.json").write_text("{kapot")
    fail_writes_under(sessions, monkeypatch)
    code, _, err = resume([], capsys)
    assert code == 1 and err == (
        "intervisie: the saved session kapot.json is damaged (not valid JSON at line 1); "
        "it could not be set aside (Read-only file system) and was left as it is\n"
    )
    assert (sessions / "kapot.json").read_text() == "{kapot"


def test_an_unreadable_data_folder_or_state_is_one_line(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store()
    files, _ = running_session(store, clock)
    before = snapshot(store.root)
    real_scandir = os.scandir

    def unreadable(path: Any = ".") -> Any:
        if str(path) == str(store.sessions_dir):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", unreadable)
    assert resume([], capsys) == (
        1,
        "",
        f"intervisie: cannot read the data folder {store.sessions_dir}: Permission denied\n",
    )
    real_open = os.open

    def unreadable_file(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path) == str(files.state):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", unreadable_file)
    assert resume([files.session_id], capsys) == (1, "", f"intervisie: cannot read {files.state}: Permission denied\n")
    monkeypatch.undo()
    assert snapshot(store.root) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_in_place_of_a_state_file_is_refused_unread(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions = data_folder(isolated_dirs) / "sessions"
    sessions.mkdir(parents=True)
    os.mkfifo(sessions / "pijp.json")
    code, _, err = resume(["pijp"], capsys)
    assert code == 1 and err == f"intervisie: {sessions / 'pijp.json'} is a named pipe (FIFO), not a saved session\n"
    assert (sessions / "pijp.json").exists()


# ----- point 11: temp files, locks and folders -------------------------------------------------------------


def test_a_save_never_follows_a_symlink_planted_beside_the_file(tmp_path: Path) -> None:
    target = tmp_path / "doel.md"
    target.write_text("oud")
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("niet aanraken")
    for planted in (".doel.md.tmp", ".doel.md.x.tmp"):
        (tmp_path / planted).symlink_to(victim)
    atomic_write(target, "nieuw")
    assert target.read_text() == "nieuw" and (target.stat().st_mode & 0o777) == 0o600
    assert victim.read_text() == "niet aanraken"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".doel.md.tmp",
        ".doel.md.x.tmp",
        "doel.md",
        "slachtoffer.txt",
    ]


def test_each_save_uses_a_fresh_temp_file_created_exclusively(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[tuple[str, int]] = []
    real_open = os.open

    def recording_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        created.append((Path(path).name, flags))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    for text in ("een", "twee"):
        atomic_write(tmp_path / "doel.md", text)
    temps = [(name, flags) for name, flags in created if name.endswith(".tmp")]
    assert len(temps) == 2 and temps[0][0] != temps[1][0]
    for name, flags in temps:
        assert re.fullmatch(r"\.doel\.md\..+\.tmp", name)
        assert (
            flags & os.O_EXCL
            and flags & os.O_CREAT
            and flags & getattr(os, "O_NOFOLLOW", 0) == getattr(os, "O_NOFOLLOW", 0)
        )


def test_a_lock_never_follows_a_planted_symlink(isolated_dirs: Path, clock: ManualClock, tmp_path: Path) -> None:
    store = Store()
    files, _ = running_session(store, clock)
    lock = files.state.with_suffix(".lock")
    lock.unlink()
    victim = tmp_path / "elders"
    lock.symlink_to(victim)
    with pytest.raises(StoreError, match="cannot write in"):
        store.lock(files)
    assert not victim.exists()


@pytest.mark.skipif(os.name != "posix", reason="owners and modes are POSIX")
@pytest.mark.parametrize("folder", ["", "sessions", "minutes"])
def test_a_folder_others_can_write_to_is_refused(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    store = Store()
    running_session(store, clock)
    shared = store.root / folder if folder else store.root
    shared.chmod(0o777)
    before = snapshot(store.root)
    with pytest.raises(StoreError) as info:
        store.new_session(Session(bundled("zeven-stappen"), Setup(), clock), clock)
    assert (
        str(info.value) == f"other users can write to the data folder {shared}; make it private: chmod go-w '{shared}'"
    )
    if folder != "minutes":
        code, _, err = resume([], capsys)
        assert code == 1 and err == f"intervisie: {info.value.message(Texts('en'))}\n"
    assert snapshot(store.root) == before
    shared.chmod(0o700)


@pytest.mark.skipif(os.name != "posix", reason="owners are POSIX")
def test_a_folder_of_another_user_is_refused(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store()
    running_session(store, clock)
    monkeypatch.setattr(os, "getuid", lambda: store.root.stat().st_uid + 1)
    code, _, err = resume([], capsys)
    assert code == 1 and err == f"intervisie: {Texts('en')('error.data_folder_owner', folder=store.root)}\n"


# ----- point 13: unique session ids ------------------------------------------------------------------------


def test_two_sessions_of_a_group_in_the_same_minute_get_their_own_files(clock: ManualClock) -> None:
    store = Store()
    setup = Setup(group="Groep A", participants=("Ann", "Bo"))
    first, second = (Session(bundled("zeven-stappen"), setup, clock) for _ in range(2))
    first_files = store.new_session(first, clock)
    second_files = store.new_session(second, clock)  # before the first has saved anything
    assert first_files.session_id != second_files.session_id
    assert first_files.minutes != second_files.minutes
    locks = [store.lock(first_files), store.lock(second_files)]
    for files, session, note in ((first_files, first, "eerste"), (second_files, second, "tweede")):
        session.set_notes(0, note)
        store.save(files, session)
    assert "eerste" in first_files.minutes.read_text() and "tweede" in second_files.minutes.read_text()
    for lock in locks:
        lock.release()


async def test_two_apps_start_the_same_group_in_the_same_minute_and_both_run(clock: ManualClock) -> None:
    first, second = make_app(None, clock), make_app(None, clock)
    async with first.run_test(size=(100, 30)) as first_pilot, second.run_test(size=(100, 30)) as second_pilot:
        for app, pilot, note in ((first, first_pilot, "eerste"), (second, second_pilot, "tweede")):
            assert app.error is None
            screen = session_screen(app)
            await pilot.press(*note)
            await pilot.pause()
            screen.save_now()
        files = {session_screen(app).files.session_id for app in (first, second)}
    assert len(files) == 2
    minutes = sorted(p.read_text() for p in Store().minutes_dir.glob("*.md"))
    assert len(minutes) == 2 and any("eerste" in m for m in minutes) and any("tweede" in m for m in minutes)


@pytest.mark.usefixtures("english_cli")
def test_an_unexpected_error_is_one_line_that_never_quotes_its_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(args: Any) -> int:
        raise ValueError(f"{SECRET}: notes that ended up in an exception")

    monkeypatch.setattr(cli, "_cmd_protocols_list", failing)
    code = cli.main(["protocols", "list"])
    out, err = capsys.readouterr()
    assert (code, out) == (cli_search.EXIT_INTERNAL, "")
    assert re.fullmatch(
        r"intervisie: internal error: ValueError at test_hostile_state\.py:\d+; run with \S+ for details\n", err
    )


async def test_no_lock_file_is_left_beside_a_closed_session(tmp_path: Path, clock: ManualClock) -> None:
    """A tester found a `.lock` beside every session ever closed; the lock file now goes with the lock."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert [p.suffix for p in (tmp_path / "sessions").glob("*.lock")] == [".lock"]  # held while it runs
        await pilot.press("ctrl+q")
        await pilot.press("y")
    assert app.return_code == 0
    assert not list((tmp_path / "sessions").glob("*.lock"))
    store = Store(tmp_path)
    files, _ = store.load(None, clock)
    store.lock(files).release()  # and it can be taken again
    assert not list((tmp_path / "sessions").glob("*.lock"))


def test_an_instance_that_opened_the_lock_file_as_it_was_removed_takes_the_new_one(
    isolated_dirs: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Removing the lock file while holding it must never let two instances hold a session: one that opened
    the old file just before it was removed, and locked it after, must notice and lock the new file."""
    import intervisie_tui.core.store as store_module

    store = Store()
    files, _ = running_session(store, clock)
    first = store.lock(files)
    path = files.state.with_suffix(".lock")
    opened_early = os.open(path, os.O_WRONLY | os.O_APPEND)
    first.release()
    real_open = os.open
    opens: list[int] = []

    def open_early_then_really(target: Any, flags: int, mode: int = 0o777) -> int:
        opens.append(flags)
        return opened_early if len(opens) == 1 else real_open(target, flags, mode)

    monkeypatch.setattr(store_module.os, "open", open_early_then_really)
    second = store.lock(files)
    monkeypatch.undo()
    assert len(opens) == 2 and path.exists()
    with pytest.raises(StoreError):
        store.lock(files)  # the new file is held: a third instance is refused
    second.release()


def test_a_damaged_or_unwritable_session_is_said_in_the_commands_language(
    isolated_dirs: Path, clock: ManualClock, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tester saw "the saved session ….json is damaged (…); it was kept as …" in Dutch mode."""
    sessions = data_folder(isolated_dirs) / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "kapot.json").write_text("{kapot")
    code = cli.main(["resume", "kapot"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("intervisie: de bewaarde sessie kapot.json is beschadigd (geen geldige JSON")
    assert "bewaard als kapot.damaged-" in err and "damaged (" not in err
    store = Store()
    files, _ = running_session(store, clock)
    files.state.with_suffix(".lock").unlink(missing_ok=True)
    fail_writes_under(store.root, monkeypatch)
    code = cli.main(["resume", files.session_id])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith(f"intervisie: kan niet schrijven in {store.sessions_dir}")
    assert "de sessie is niet geopend" in err
