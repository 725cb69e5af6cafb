"""The data folder: where sessions and minutes live, and how they are written without ever being lost.

Owns every file the app writes: `sessions/<id>.json` (the engine state, for resume), `sessions/<id>.journal`
(what changed since the state was written whole, core/journal.py) and `minutes/<name>.md` (the Markdown
minutes) under `user_data_dir("intervisie-tui")`, plus `groups.json` (the last participants of each group).
A save is either a checkpoint (state and minutes rewritten, the journal emptied) or a journal append of the
records since (fsync'd; cost of the change, not of the notes); the journal is compacted by a checkpoint when
an append would take it past a quarter of the state (64 KB at least), so a typed key costs a bounded multiple
of its record whatever the size of the notes. Whole-file writes are atomic (a temp file of a unique name created
exclusively, fsync, rename), files 0600 in 0700 folders; a folder another user owns or others can write to
is refused. A session's id is reserved atomically (its lock file is created exclusively), so two sessions
started in the same minute never share one. A session is locked while an instance has it open; the lock is
an OS file lock, so a crash never leaves it stuck. A saved state is checked whole when it is read; a
damaged one is moved aside (never overwritten) with a one-line reason that never quotes its content, and so
is a journal that does not belong to its state (a torn last line is a crash in mid-write, and is left out).
Reading works where writing cannot.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from . import journal, minutes_file
from .clock import Clock
from .errors import UserError
from .minutes import minutes_pieces
from .minutes_file import MinutesNotice
from .paths import cut_name, data_dir, index_path
from .regular_files import NotRegularFileError, read_regular_file
from .session import Session, SessionStateError

if TYPE_CHECKING:
    from .archive import Archive

RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
MAX_NAME = 80
MAX_NAME_BYTES = 200  # a made name, with room for what may follow it (" (2)", ".damaged-….json.bak") in 255 bytes
STORE_FORMAT = 1
MAX_STATE_BYTES = 256 * 1024 * 1024
MAX_SAME_NAME = 10_000
LANGUAGES = ("nl", "en")
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
JOURNAL_MIN_BYTES = 64 * 1024  # a journal is compacted once it is larger than this and a quarter of its state
JOURNAL_SHARE = 4
WRITE_PIECE = 64 * 1024


class StoreError(UserError):
    """The data folder or one of its files cannot be used; the message says why in one line."""


class SessionFinishedError(StoreError):
    """The session asked for is finished: its minutes (None when deleted by hand) belong to the people now."""

    def __init__(self, session_id: str, minutes: Path | None) -> None:
        reason = "its minutes were deleted, and nothing else of it is kept" if minutes is None else "it is finished"
        super().__init__(f"the session {session_id} cannot be resumed: {reason}")
        self.session_id, self.minutes = session_id, minutes


def safe_name(text: str, limit: int = MAX_NAME) -> str:
    """A file-name part safe on every OS: no separators or control characters, no reserved names, short
    (`limit` characters, and at most MAX_NAME_BYTES bytes: four-byte characters such as emoji count).

    Format characters (Unicode category Cf: the bidi overrides such as U+202E, zero-width ones) are dropped, so a
    name never shows other than it is (`abc\u202egpj.exe` would read as `abcexe.jpg`).
    """
    text = "".join(char for char in unicodedata.normalize("NFC", text) if unicodedata.category(char) != "Cf")
    text = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if text.split(".")[0].upper() in RESERVED_NAMES:
        text = f"_{text}"
    return cut_name(text[:limit], MAX_NAME_BYTES).rstrip(" .")


def private_dir(path: Path) -> Path:
    """Create a folder (and parents) readable by the owner only; an existing folder is left as it is."""
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            path.chmod(0o700)
    return path


def check_private(folder: Path) -> None:
    """Refuse a data folder that another user owns or that others can write to (they could plant files there).

    A folder that does not exist yet passes: it is created private. Raises StoreError.
    """
    if os.name != "posix":
        return
    try:
        info = folder.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError.words("error.data_folder", folder=folder, reason=exc.strerror or exc) from None
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError.words("error.data_folder_not_folder", folder=folder)
    if info.st_uid != os.getuid():
        raise StoreError.words("error.data_folder_owner", folder=folder)
    if info.st_mode & 0o022:
        raise StoreError.words("error.data_folder_writable", folder=folder)


def atomic_write(path: Path, text: str | Iterable[str]) -> None:
    """Replace a file's content (whole, or in pieces: a large state is never one string) in one step: a
    crash leaves either the old or the new file, never half.

    The temp file gets a fresh unique name, created exclusively (mode 0600), so nothing planted beside the
    target (a symlink, a file of another user) is ever followed or written. It starts with the target's name,
    cut short where that is long (a file people renamed may use all 255 bytes a name can have).
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{cut_name(path.name, MAX_NAME_BYTES)}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            for chunk in [text] if isinstance(text, str) else text:
                for start in range(0, len(chunk), WRITE_PIECE):  # encoded a piece at a time, never whole
                    handle.write(chunk[start : start + WRITE_PIECE])
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make a new name in a folder durable (best effort: some file systems cannot sync a folder)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte and fsync; the caller closes."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)


def append_durably(path: Path, data: bytes, *, create: bool) -> None:
    """Append to a file (or create it exclusively, 0600), fsync'd; a symlink in its place is never followed."""
    flags = os.O_WRONLY | NO_FOLLOW | (os.O_CREAT | os.O_EXCL if create else os.O_APPEND)
    fd = os.open(path, flags, 0o600)
    try:
        _write_all(fd, data)
    finally:
        os.close(fd)
    if create:
        _sync_folder(path.parent)


@dataclass(frozen=True)
class SessionFiles:
    """The files of one session."""

    session_id: str
    state: Path
    minutes: Path
    language: str = "nl"

    @property
    def journal(self) -> Path:
        return self.state.with_suffix(".journal")


@dataclass
class _Journal:
    """The journal of one session as this store knows it.

    `seq` is the `journal_seq` of the state on disk (a journal follows the state with the same number);
    `written` is what state and journal hold (None: they may not match, so the next save is a checkpoint);
    `exists`: a journal of this `seq` is on disk and ends with a whole line; `size`: its bytes.
    """

    seq: int
    written: journal.Written | None
    limit: int
    exists: bool = False
    size: int = 0


class _JournalDamagedError(UserError):
    """The journal beside a state does not belong to it or cannot be replayed; the message says why."""


class SessionLock:
    """An exclusive OS lock on a session; released by the OS when the process dies.

    The lock file is removed when the lock is let go, so none is left beside a closed session. Removing it
    while held is safe because taking the lock checks that the file locked is still the one at the path: an
    instance that opened the old file just before it was removed takes the new one instead.
    """

    ATTEMPTS = 3

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock. Raises StoreError when another instance holds it, OSError when it cannot be made."""
        for _ in range(self.ATTEMPTS):
            handle = os.fdopen(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | NO_FOLLOW, 0o600), "a")
            try:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except ImportError:
                break
            except OSError:
                handle.close()
                raise StoreError.words("error.session_open") from None
            if self._still_at_path(handle):
                break
            handle.close()
        else:
            raise StoreError.words("error.session_open")
        self._handle = handle

    def _still_at_path(self, handle: IO[str]) -> bool:
        try:
            return self.path.lstat().st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            return False

    def release(self) -> None:
        """Let go of the session, removing the lock file first (while still held); a file that cannot be
        removed (a read-only folder) stays, harmless."""
        if self._handle is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self._handle.close()
            self._handle = None


class Store:
    """The data folder of one user."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or data_dir()
        self._minutes_records: dict[str, minutes_file.MinutesRecord] = {}
        self._journals: dict[str, _Journal] = {}

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def minutes_dir(self) -> Path:
        return self.root / "minutes"

    def _prepare(self) -> None:
        """Make the folders for writing, private; refuse them when they are not the user's own."""
        for folder in (self.root, self.sessions_dir, self.minutes_dir):
            check_private(folder)  # an existing folder must be private before anything is made in it
            try:
                private_dir(folder)
            except OSError as exc:
                raise StoreError.words("error.data_folder", folder=self.root, reason=exc.strerror or exc) from None

    def new_session(self, session: Session, clock: Clock, language: str = "nl") -> SessionFiles:
        """Reserve readable, unique file names for a new session: `2026-11-22 1400 Groep A - zeven-stappen`."""
        self._prepare()
        now = clock.now()
        label = safe_name(session.setup.group or session.setup.title, 50)
        base = safe_name(f"{now:%Y-%m-%d %H%M} {label} - {session.protocol.id}".replace("  ", " "))
        slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or now.strftime("%Y%m%d%H%M%S")
        for number in range(1, MAX_SAME_NAME):
            name, session_id = (base, slug) if number == 1 else (f"{base} ({number})", f"{slug}-{number}")
            files = SessionFiles(
                session_id, self.sessions_dir / f"{session_id}.json", self.minutes_dir / f"{name}.md", language
            )
            if not files.minutes.exists() and not files.state.exists() and self._reserve(files):
                return files
        raise StoreError.words("error.too_many_same_name", name=base, folder=self.minutes_dir)

    def _reserve(self, files: SessionFiles) -> bool:
        """Claim a session id for this process by creating its lock file exclusively; False when it is taken."""
        try:
            os.close(os.open(_lock_path(files), os.O_WRONLY | os.O_CREAT | os.O_EXCL | NO_FOLLOW, 0o600))
        except FileExistsError:
            return False
        except OSError as exc:
            raise StoreError.words("error.cannot_write", folder=self.sessions_dir, reason=exc.strerror or exc) from None
        return True

    def archive(self) -> Archive:
        """The saved minutes, for listing, search and carry-over (imported here: a session start needs none)."""
        from .archive import Archive

        return Archive(self.minutes_dir, index_path(self.root))

    def lock(self, files: SessionFiles) -> SessionLock:
        """Hold a session for this instance; a folder that cannot be written is refused before anything is typed."""
        lock = SessionLock(_lock_path(files))
        try:
            lock.acquire()
        except OSError as exc:
            reason = exc.strerror or exc
            if files.minutes.exists():
                raise StoreError.words(
                    "error.session_not_opened_minutes", folder=self.sessions_dir, reason=reason, minutes=files.minutes
                ) from None
            raise StoreError.words("error.session_not_opened", folder=self.sessions_dir, reason=reason) from None
        return lock

    def save(self, files: SessionFiles, session: Session) -> MinutesNotice | None:
        """A checkpoint: write the whole state and the minutes of a session, and empty its journal.

        Raises OSError when the disk refuses. The minutes file is written only while it is what the app last
        wrote (core/minutes_file.py); the notice says when the app had to write elsewhere or again. A finished
        session's state keeps no notes: they live in the minutes only, so minutes deleted by hand are gone for
        good (and its journal goes).
        """
        from .session import Status

        record = self._minutes_record(files)
        text = minutes_pieces(session, files.session_id, files.language)
        target = minutes_file.plan(self.minutes_dir, record, files.session_id, text, files.language)
        self._minutes_records[files.session_id] = target.record
        seq = self._journal_seq(files) + 1
        state: dict[str, Any] = {
            "format": STORE_FORMAT,
            "id": files.session_id,
            "minutes_file": target.record.name,
            "minutes_sha256": list(target.record.hashes),
            "language": files.language,
        }
        if session.status is Status.FINISHED:
            if target.write:
                atomic_write(target.path, text)
            atomic_write(files.state, json.dumps({**state, "finished": True}, ensure_ascii=False, indent=1))
            self._checkpointed(files, session, seq, 0)
            return target.notice
        state["journal_seq"] = seq
        state["session"] = session.to_dict()
        atomic_write(files.state, json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(state))
        self._checkpointed(files, session, seq, files.state.stat().st_size)
        if target.write:
            atomic_write(target.path, text)
        return target.notice

    def clock_mark_due(self, files: SessionFiles, session: Session) -> bool:
        """Whether the running clock's time should be written although nothing else changed (journal.py)."""
        entry = self._journals.get(files.session_id)
        return entry is not None and entry.written is not None and journal.clock_mark_due(session, entry.written)

    def journal(self, files: SessionFiles, session: Session) -> MinutesNotice | None:
        """Save what changed since the last save by appending it to the journal (fsync'd); nothing when
        nothing changed. A checkpoint (`save`) instead when none was made yet, the journal has outgrown its
        bound or may not match the state, or the steps changed (a break inserted, a case-bringer named).
        Raises OSError when the disk refuses.
        """
        from .session import Status

        entry = self._journals.get(files.session_id)
        if (
            entry is None
            or entry.written is None
            or entry.size >= entry.limit
            or session.status is Status.FINISHED
            or journal.shape(session) != entry.written.shape
        ):
            return self.save(files, session)
        records, after = journal.changes(session, entry.written)
        if not records:
            return None
        if entry.size + journal.text_length(records) > entry.limit:
            return self.save(files, session)  # a paste larger than the journal may hold: no need to encode it
        payload = b"".join(journal.line(record) for record in records)
        if not entry.exists:
            payload = journal.line(journal.header(files.session_id, entry.seq)) + payload
        if entry.size + len(payload) > entry.limit:
            return self.save(files, session)  # a paste larger than the bound, or the journal is full: compact
        try:
            if entry.exists:
                append_durably(files.journal, payload, create=False)
            else:
                files.journal.unlink(missing_ok=True)  # one left behind by a crash is older than the state
                append_durably(files.journal, payload, create=True)
                entry.exists = True
        except BaseException:
            entry.written = None  # part of it may be on disk: the next save is a checkpoint, with a new journal
            raise
        entry.size += len(payload)
        entry.written = after
        return None

    def minutes_behind(self, files: SessionFiles) -> bool:
        """Whether the minutes may miss something the state and journal hold (or nothing was saved yet)."""
        entry = self._journals.get(files.session_id)
        return entry is None or entry.written is None or entry.size > 0

    def _checkpointed(self, files: SessionFiles, session: Session, seq: int, state_size: int) -> None:
        """The state of `seq` is on disk: a journal from before it is obsolete (and may hold notes)."""
        limit = max(JOURNAL_MIN_BYTES, state_size // JOURNAL_SHARE)
        self._journals[files.session_id] = _Journal(seq, journal.written(session), limit)
        files.journal.unlink(missing_ok=True)

    def _journal_seq(self, files: SessionFiles) -> int:
        known = self._journals.get(files.session_id)
        if known is not None:
            return known.seq
        seq = self._saved_head(files).get("journal_seq", 0)
        return seq if type(seq) is int and seq >= 0 else 0

    def _saved_head(self, files: SessionFiles) -> dict[str, Any]:
        """The saved state's own fields, or {} when there is none that can be read."""
        try:
            data = json.loads(files.state.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def minutes_path(self, files: SessionFiles) -> Path:
        """The minutes file the app writes for this session now: `files.minutes`, or where it went instead (the
        app's own version beside a file people changed, or the name people renamed it to)."""
        return self.minutes_dir / self._minutes_record(files).name

    def _minutes_record(self, files: SessionFiles) -> minutes_file.MinutesRecord:
        """What the app last wrote for this session: from memory, else from its saved state, else nothing yet."""
        known = self._minutes_records.get(files.session_id)
        if known is not None:
            return known
        data = self._saved_head(files)
        try:
            return minutes_file.MinutesRecord(
                Path(str(data["minutes_file"])).name, tuple(str(h) for h in data.get("minutes_sha256", ()))
            )
        except (KeyError, TypeError):
            return minutes_file.MinutesRecord(files.minutes.name)

    def load(self, session_id: str | None, clock: Clock, *, touch: bool = True) -> tuple[SessionFiles, Session]:
        """Load a saved session (the latest when no id is given), its clock paused: the state with its journal
        replayed.

        Reading needs no write access. A state file that is damaged in any way is moved aside (when the folder
        allows it) and reported in one line that never quotes its content; so is a journal that does not
        belong to its state or cannot be replayed (the state alone resumes next time). Raises StoreError.
        With `touch` off nothing is moved, removed or written (for looking at a session another process runs).

        A finished session is not loaded: SessionFinishedError names its minutes, which belong to the people now
        (resume shows them in the review screen); its notes are dropped from the state, and when its minutes
        were deleted by hand the state goes too.
        """
        check_private(self.root)
        check_private(self.sessions_dir)
        path = self._state_path(session_id)
        try:
            raw = read_regular_file(path, MAX_STATE_BYTES)
        except NotRegularFileError as exc:
            raise StoreError.words("error.not_a_saved_session", path=path, reason=exc) from None
        except OSError as exc:
            raise StoreError.words("error.cannot_read_state", path=path, reason=exc.strerror or exc) from None
        try:
            files, session, record = self._restore(path, raw, clock, touch)
        except SessionStateError as exc:
            kind, aside = self._move_aside(path) if touch else ("left", {})
            raise StoreError.words(f"error.state_damaged.{kind}", name=path.name, reason=exc, **aside) from None
        except _JournalDamagedError as exc:
            journal_path = path.with_suffix(".journal")
            kind, aside = self._move_aside(journal_path) if touch else ("left", {})
            raise StoreError.words(
                f"error.journal_damaged.{kind}", name=journal_path.name, reason=exc, **aside
            ) from None
        self._minutes_records[files.session_id] = record
        return files, session

    def _restore(
        self, path: Path, raw: bytes, clock: Clock, touch: bool
    ) -> tuple[SessionFiles, Session, minutes_file.MinutesRecord]:
        if len(raw) > MAX_STATE_BYTES:
            raise SessionStateError.words("state_problem.too_large")
        try:
            data: Any = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise SessionStateError.words("state_problem.not_utf8") from None
        except json.JSONDecodeError as exc:
            raise SessionStateError.words("state_problem.json_at", line=exc.lineno) from None
        except (ValueError, RecursionError):
            raise SessionStateError.words("state_problem.json") from None
        if not isinstance(data, dict) or data.get("format") != STORE_FORMAT or type(data["format"]) is not int:
            raise SessionStateError.words("state_problem.format")
        session_id, minutes_name, language = data.get("id"), data.get("minutes_file"), data.get("language", "nl")
        if not isinstance(session_id, str) or not session_id or safe_name(session_id) != session_id:
            raise SessionStateError("id must be a session id")
        if not minutes_file.is_minutes_name(minutes_name):
            raise SessionStateError("minutes_file must be the name of a Markdown file")
        if language not in LANGUAGES:
            raise SessionStateError(f"language must be one of {', '.join(LANGUAGES)}")
        hashes = data.get("minutes_sha256", [])
        if not isinstance(hashes, list) or not all(isinstance(h, str) for h in hashes):
            raise SessionStateError("minutes_sha256 must be a list of hashes")
        seq = data.get("journal_seq", 0)
        if type(seq) is not int or seq < 0:
            raise SessionStateError("journal_seq must be a whole number")
        files = SessionFiles(session_id, path, self.minutes_dir / minutes_name, language)
        record = minutes_file.MinutesRecord(minutes_name, tuple(hashes))
        saved = data.get("session")
        if data.get("finished") is True or (isinstance(saved, dict) and saved.get("status") == "finished"):
            if not touch:
                raise SessionFinishedError(files.session_id, files.minutes)
            self._finished(files, record)
        session = Session.from_dict(saved, clock, paused=True)
        entry = _Journal(seq, journal.written(session), max(JOURNAL_MIN_BYTES, len(raw) // JOURNAL_SHARE))
        if isinstance(saved, dict):  # it is: from_dict checked it
            session = self._replay(files, saved, clock, entry) or session
        self._journals[files.session_id] = entry
        return files, session, record

    def _replay(self, files: SessionFiles, saved: dict[str, Any], clock: Clock, entry: _Journal) -> Session | None:
        """The session with the journal's records applied to the (checked) saved data, or None without any.

        Updates `entry`: what is on disk now, and whether the journal can take appends (a torn last line
        cannot: the next save is a checkpoint). Raises _JournalDamagedError.
        """
        try:
            content = read_regular_file(files.journal, MAX_STATE_BYTES)
        except FileNotFoundError:
            return None
        except NotRegularFileError as exc:
            raise _JournalDamagedError(str(exc)) from None
        except OSError as exc:
            raise _JournalDamagedError.words("journal_problem.unreadable", reason=exc.strerror or exc) from None
        lines = content.split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        if not lines:
            return None  # created, then nothing of it reached the disk
        try:
            owner, seq = journal.read_header(lines[0])
        except journal.JournalError as exc:
            if len(lines) == 1 and not content.endswith(b"\n"):
                return None  # its first write was torn: nothing of it was confirmed
            raise _JournalDamagedError(str(exc)) from None
        if owner != files.session_id:
            raise _JournalDamagedError.words("journal_problem.other_session")
        if seq > entry.seq:
            raise _JournalDamagedError.words("journal_problem.newer")
        if seq < entry.seq:
            return None  # left by a crash just after a checkpoint, which holds all of it
        try:
            torn = journal.replay(saved, lines[1:])
        except journal.JournalError as exc:
            raise _JournalDamagedError(str(exc)) from None
        try:
            session = Session.from_dict(saved, clock, paused=True)
        except SessionStateError as exc:
            raise _JournalDamagedError.words("journal_problem.impossible", reason=exc) from None
        whole = content.endswith(b"\n") and not torn
        entry.exists, entry.size = whole, len(content)
        entry.written = journal.written(session) if whole else None
        return session

    def _finished(self, files: SessionFiles, record: minutes_file.MinutesRecord) -> NoReturn:
        """Make a finished session's state hold no notes (or remove it with its minutes gone), then say so."""
        minutes = files.minutes
        if not minutes.exists():
            found = minutes_file.find_by_id(self.minutes_dir, files.session_id)
            if not found:
                for path in (files.state, files.journal):
                    with contextlib.suppress(OSError):
                        path.unlink(missing_ok=True)
                raise SessionFinishedError(files.session_id, None)
            minutes = found[0]
        stub = {
            "format": STORE_FORMAT,
            "id": files.session_id,
            "minutes_file": minutes.name,
            "minutes_sha256": list(record.hashes),
            "language": files.language,
            "finished": True,
        }
        text = json.dumps(stub, ensure_ascii=False, indent=1)
        with contextlib.suppress(OSError):  # a read-only folder keeps the old state; the minutes still open
            if files.state.read_text(encoding="utf-8") != text:
                atomic_write(files.state, text)
        with contextlib.suppress(OSError):
            files.journal.unlink(missing_ok=True)
        raise SessionFinishedError(files.session_id, minutes)

    def _state_path(self, session_id: str | None) -> Path:
        if session_id is None:
            return self._latest_state()
        if safe_name(session_id) != session_id or not session_id:
            raise StoreError.words("error.not_a_session_id", id=session_id)
        path = self.sessions_dir / f"{session_id.removesuffix('.json')}.json"
        if not path.exists():
            raise StoreError.words("error.no_session", id=session_id)
        return path

    def _latest_state(self) -> Path:
        """The most recently saved state file."""
        try:
            with os.scandir(self.sessions_dir) as entries:
                candidates = [Path(e.path) for e in entries if e.name.endswith(".json")]
        except FileNotFoundError:
            candidates = []
        except OSError as exc:
            raise StoreError(f"cannot read the data folder {self.sessions_dir}: {exc.strerror or exc}") from None
        if not candidates:
            raise StoreError.words("error.nothing_to_resume")
        return max(candidates, key=lambda state: max(_modified(state), _modified(state.with_suffix(".journal"))))

    def _move_aside(self, path: Path) -> tuple[str, dict[str, object]]:
        """Rename a damaged state file out of the way (never over another file); says what became of it: kept
        (as `aside`), stuck (it could not be moved: `why`) or left."""
        stamp = datetime.now().strftime("%Y%m%d%H%M%S")
        for number in range(1, MAX_SAME_NAME):
            suffix = "" if number == 1 else f"-{number}"
            aside = path.with_name(f"{path.stem}.damaged-{stamp}{suffix}{path.suffix}.bak")
            if aside.exists() or aside.is_symlink():
                continue
            try:
                path.rename(aside)
            except OSError as exc:
                return "stuck", {"why": exc.strerror or exc}
            return "kept", {"aside": aside.name}
        return "left", {}

    def _groups(self) -> dict[str, Any]:
        """groups.json: each group's last entries, and under "" the group used last; {} when unreadable."""
        try:
            groups = json.loads((self.root / "groups.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return groups if isinstance(groups, dict) else {}

    def last_participants(self, group: str) -> dict[str, Any]:
        """What was entered for a group last time (participants, roles), or nothing."""
        entry = self._groups().get(group)
        return entry if isinstance(entry, dict) else {}

    def last_group(self) -> str:
        return str(self.last_participants("").get("group", ""))

    def remember_group(self, group: str, details: dict[str, Any]) -> None:
        """Keep a group's participants and roles for next time; best effort, never fatal."""
        path = self.root / "groups.json"
        groups = self._groups()
        groups[group] = details
        groups[""] = {"group": group}
        with contextlib.suppress(OSError):
            private_dir(self.root)
            atomic_write(path, json.dumps(groups, ensure_ascii=False, indent=1))


def _lock_path(files: SessionFiles) -> Path:
    return files.state.with_suffix(".lock")


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
