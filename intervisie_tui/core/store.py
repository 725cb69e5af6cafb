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
from typing import IO, TYPE_CHECKING, Any

from .clock import Clock
from .errors import UserError
from .minutes import render_minutes
from .paths import data_dir, index_path
from .session import Session, SessionStateError

if TYPE_CHECKING:
    from .archive import Archive

RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
MAX_NAME = 80
STORE_FORMAT = 1


class StoreError(UserError):
    """The data folder or one of its files cannot be used; the message says why in one line."""


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

    def save(self, files: SessionFiles, session: Session) -> None:
        """Write the state and the minutes of a session. Raises OSError when the disk refuses."""
        state = {
            "format": STORE_FORMAT,
            "id": files.session_id,
            "minutes_file": files.minutes.name,
            "language": files.language,
            "session": session.to_dict(),
        }
        atomic_write(files.state, json.dumps(state, ensure_ascii=False, indent=1))
        atomic_write(files.minutes, render_minutes(session, files.session_id, files.language))

    def load(self, session_id: str | None, clock: Clock) -> tuple[SessionFiles, Session]:
        """Load a saved session (the latest when no id is given), its clock paused."""
        path = self._state_path(session_id)
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
            files = SessionFiles(
                str(data["id"]), path, self.minutes_dir / str(data["minutes_file"]), str(data.get("language", "nl"))
            )
            if data.get("format") != STORE_FORMAT or Path(data["minutes_file"]).name != data["minutes_file"]:
                raise SessionStateError("unknown file format")
            return files, Session.from_dict(data["session"], clock, paused=True)
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
        except (ValueError, KeyError, TypeError, SessionStateError) as exc:
            aside = self._move_aside(path)
            raise StoreError(f"the saved session {path.name} is damaged ({exc}); it was kept as {aside.name}") from None

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
