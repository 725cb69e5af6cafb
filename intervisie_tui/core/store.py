"""The data folder: where sessions and minutes live, and how they are written without ever being lost.

Owns every file the app writes: `sessions/<id>.json` (the engine state, for resume) and `minutes/<name>.md`
(the Markdown minutes) under `user_data_dir("intervisie-tui")`, plus `groups.json` (the last participants of
each group). Writes are atomic (temp file, fsync, rename), files 0600 in 0700 folders. A session is locked
while an instance has it open; the lock is an OS file lock, so a crash never leaves it stuck. A corrupt
state file is moved aside, never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from . import minutes_file
from .clock import Clock
from .errors import UserError
from .minutes import render_minutes
from .minutes_file import MinutesNotice
from .paths import data_dir, index_path
from .session import Session, SessionStateError

if TYPE_CHECKING:
    from .archive import Archive

RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
MAX_NAME = 80
STORE_FORMAT = 1


class StoreError(UserError):
    """The data folder or one of its files cannot be used; the message says why in one line."""


class SessionFinishedError(StoreError):
    """The session asked for is finished: its minutes (None when deleted by hand) belong to the people now."""

    def __init__(self, session_id: str, minutes: Path | None) -> None:
        reason = "its minutes were deleted, and nothing else of it is kept" if minutes is None else "it is finished"
        super().__init__(f"the session {session_id} cannot be resumed: {reason}")
        self.session_id, self.minutes = session_id, minutes


def safe_name(text: str, limit: int = MAX_NAME) -> str:
    """A file-name part safe on every OS: no separators or control characters, no reserved names, short."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r'[\x00-\x1f\x7f/\\:*?"<>|]+', " ", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if text.split(".")[0].upper() in RESERVED_NAMES:
        text = f"_{text}"
    return text[:limit].rstrip(" .")


def private_dir(path: Path) -> Path:
    """Create a folder (and parents) readable by the owner only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        path.chmod(0o700)
    return path


def atomic_write(path: Path, text: str) -> None:
    """Replace a file's content in one step: a crash leaves either the old or the new file, never half."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@dataclass(frozen=True)
class SessionFiles:
    """The files of one session."""

    session_id: str
    state: Path
    minutes: Path
    language: str = "nl"


class SessionLock:
    """An exclusive OS lock on a session; released by the OS when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        handle = os.fdopen(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "a")
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:
            pass
        except OSError:
            handle.close()
            raise StoreError("this session is already open in another intervisie window") from None
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class Store:
    """The data folder of one user."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or data_dir()
        self._minutes_records: dict[str, minutes_file.MinutesRecord] = {}

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def minutes_dir(self) -> Path:
        return self.root / "minutes"

    def _prepare(self) -> None:
        try:
            private_dir(self.root)
            private_dir(self.sessions_dir)
            private_dir(self.minutes_dir)
        except OSError as exc:
            raise StoreError(f"cannot use the data folder {self.root}: {exc.strerror or exc}") from None

    def new_session(self, session: Session, clock: Clock, language: str = "nl") -> SessionFiles:
        """Reserve readable, unique file names for a new session: `2026-11-22 1400 Groep A - zeven-stappen`."""
        self._prepare()
        now = clock.now()
        label = safe_name(session.setup.group or session.setup.title, 50)
        base = safe_name(f"{now:%Y-%m-%d %H%M} {label} - {session.protocol.id}".replace("  ", " "))
        slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or now.strftime("%Y%m%d%H%M%S")
        name, session_id, number = base, slug, 1
        while (self.minutes_dir / f"{name}.md").exists() or (self.sessions_dir / f"{session_id}.json").exists():
            number += 1
            name, session_id = f"{base} ({number})", f"{slug}-{number}"
        return SessionFiles(
            session_id, self.sessions_dir / f"{session_id}.json", self.minutes_dir / f"{name}.md", language
        )

    def archive(self) -> Archive:
        """The saved minutes, for listing, search and carry-over (imported here: a session start needs none)."""
        from .archive import Archive

        return Archive(self.minutes_dir, index_path(self.root))

    def lock(self, files: SessionFiles) -> SessionLock:
        lock = SessionLock(files.state.with_suffix(".lock"))
        lock.acquire()
        return lock

    def save(self, files: SessionFiles, session: Session) -> MinutesNotice | None:
        """Write the state and the minutes of a session. Raises OSError when the disk refuses.

        The minutes file is written only while it is what the app last wrote (core/minutes_file.py); the
        notice says when the app had to write elsewhere or again. A finished session's state keeps no notes:
        they live in the minutes only, so minutes deleted by hand are gone for good.
        """
        from .session import Status

        record = self._minutes_record(files)
        text = render_minutes(session, files.session_id, files.language)
        target = minutes_file.plan(self.minutes_dir, record, files.session_id, text, files.language)
        self._minutes_records[files.session_id] = target.record
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
            return target.notice
        atomic_write(files.state, json.dumps({**state, "session": session.to_dict()}, ensure_ascii=False, indent=1))
        if target.write:
            atomic_write(target.path, text)
        return target.notice

    def _minutes_record(self, files: SessionFiles) -> minutes_file.MinutesRecord:
        """What the app last wrote for this session: from memory, else from its saved state, else nothing yet."""
        known = self._minutes_records.get(files.session_id)
        if known is not None:
            return known
        try:
            data = json.loads(files.state.read_text(encoding="utf-8"))
            return minutes_file.MinutesRecord(
                Path(str(data["minutes_file"])).name, tuple(str(h) for h in data.get("minutes_sha256", ()))
            )
        except (OSError, ValueError, KeyError, TypeError):
            return minutes_file.MinutesRecord(files.minutes.name)

    def load(self, session_id: str | None, clock: Clock) -> tuple[SessionFiles, Session]:
        """Load a saved session (the latest when no id is given), its clock paused.

        A finished session is not loaded: SessionFinishedError names its minutes, which belong to the people now
        (resume shows them in the review screen); its notes are dropped from the state, and when its minutes
        were deleted by hand the state goes too.
        """
        path = self._state_path(session_id)
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
            files = SessionFiles(
                str(data["id"]), path, self.minutes_dir / str(data["minutes_file"]), str(data.get("language", "nl"))
            )
            if data.get("format") != STORE_FORMAT or Path(data["minutes_file"]).name != data["minutes_file"]:
                raise SessionStateError("unknown file format")
            record = minutes_file.MinutesRecord(files.minutes.name, tuple(data.get("minutes_sha256", ())))
            if data.get("finished") or data["session"].get("status") == "finished":
                self._finished(files, record)
            session = Session.from_dict(data["session"], clock, paused=True)
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        except (ValueError, KeyError, TypeError, AttributeError, SessionStateError) as exc:
            aside = self._move_aside(path)
            raise StoreError(f"the saved session {path.name} is damaged ({exc}); it was kept as {aside.name}") from None
        self._minutes_records[files.session_id] = record
        return files, session

    def _finished(self, files: SessionFiles, record: minutes_file.MinutesRecord) -> NoReturn:
        """Make a finished session's state hold no notes (or remove it with its minutes gone), then say so."""
        minutes = files.minutes
        if not minutes.exists():
            found = minutes_file.find_by_id(self.minutes_dir, files.session_id)
            if not found:
                files.state.unlink(missing_ok=True)
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
        atomic_write(files.state, json.dumps(stub, ensure_ascii=False, indent=1))
        raise SessionFinishedError(files.session_id, minutes)

    def _state_path(self, session_id: str | None) -> Path:
        if session_id is None:
            candidates = sorted(self.sessions_dir.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
            if not candidates:
                raise StoreError("there is no saved session to resume")
            return candidates[0]
        if safe_name(session_id) != session_id or not session_id:
            raise StoreError(f"'{session_id}' is not a session id")
        path = self.sessions_dir / f"{session_id.removesuffix('.json')}.json"
        if not path.exists():
            raise StoreError(f"no saved session '{session_id}'")
        return path

    def _move_aside(self, path: Path) -> Path:
        aside = path.with_name(f"{path.stem}.damaged-{datetime.now():%Y%m%d%H%M%S}{path.suffix}.bak")
        with contextlib.suppress(OSError):
            path.rename(aside)
        return aside

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
