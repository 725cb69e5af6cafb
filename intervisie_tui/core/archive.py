"""The archive of saved minutes: summaries, open actions and full-text search.

Owns reading minutes back: the front matter of each Markdown file becomes a `MinutesSummary` (newest first,
with a stable id), task items become action items, and search runs on an SQLite FTS5 index in the data
folder that is brought in step with the Markdown files (by size and modification time) before every query.
The Markdown files stay the source of truth: the index can be deleted at any time and is rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from pathlib import Path
from typing import Any, NamedTuple

from .actions import ActionItem
from .errors import UserError
from .paths import INDEX_NAME

INDEX_FORMAT = 4
# A file rewritten in place by another program (which leaves the folder's modification time alone) is
# re-read at the latest this long after the last full check; our own writes rename, so they show at once.
FULL_CHECK_SECONDS = 30

TASK_LINE = re.compile(r"^\s*- \[( |x|X)\] (.*)$")


class ArchiveError(UserError):
    """The minutes folder or its index cannot be used; the message says why in one line."""


class MinutesSummary(NamedTuple):
    """What a list of sessions shows about one minutes file."""

    id: str
    path: Path
    date: str
    start: str
    group: str
    title: str
    protocol: str
    protocol_name: str
    case_bringers: tuple[str, ...]
    participants: tuple[str, ...]
    planned_minutes: int
    actual_minutes: int
    status: str

    def line(self) -> str:
        """One tab-separated line for scripts: id, date, start, group, protocol, case-bringers, minutes."""
        fields = (
            self.id,
            self.date,
            self.start,
            self.group or "-",
            self.protocol,
            ",".join(self.case_bringers) or "-",
            f"{self.actual_minutes} min",
            self.status,
        )
        return "\t".join(fields)


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown file, or an empty dict when there is none or it is unreadable."""
    import yaml

    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}
    try:
        data = yaml.load(text[4:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def summary_of(path: Path, text: str) -> MinutesSummary | None:
    """A summary from a minutes file's front matter; None for a file that is not our minutes."""
    data = front_matter(text)
    if not data.get("session") or not data.get("protocol"):
        return None
    participants = data.get("participants") or []
    return MinutesSummary(
        id=str(data["session"]),
        path=path,
        date=str(data.get("date") or ""),
        start=str(data.get("start") or ""),
        group=str(data.get("group") or ""),
        title=str(data.get("title") or ""),
        protocol=str(data["protocol"]),
        protocol_name=str(data.get("protocol_name") or data["protocol"]),
        case_bringers=tuple(str(n) for n in data.get("case_bringers") or ()),
        participants=tuple(str(p.get("name")) for p in participants if isinstance(p, dict) and p.get("name")),
        planned_minutes=int(data.get("planned_minutes") or 0),
        actual_minutes=int(data.get("actual_minutes") or 0),
        status=str(data.get("status") or ""),
    )


def task_items(text: str) -> list[ActionItem]:
    """Every `- [ ]` / `- [x]` task in a Markdown text, with its owner where written as `Name: text`."""
    items: list[ActionItem] = []
    for line in text.splitlines():
        match = TASK_LINE.match(line)
        if not match:
            continue
        body = match.group(2).strip()
        owner, sep, rest = body.partition(": ")
        if sep and len(owner) <= 40 and "\n" not in owner:
            items.append(ActionItem(owner.strip(), rest.strip(), match.group(1) != " "))
        else:
            items.append(ActionItem("", body, match.group(1) != " "))
    return items


class Archive:
    """The minutes folder of a data folder, with its search index."""

    def __init__(self, minutes_dir: Path, index_path: Path | None = None) -> None:
        self.minutes_dir = minutes_dir
        self.index_path = index_path or minutes_dir.parent / INDEX_NAME

    def summaries(self) -> list[MinutesSummary]:
        """Every session's summary, newest first (from the index, so only changed files are read)."""
        with self._index() as db:
            rows = db.execute("SELECT path, summary FROM files WHERE summary IS NOT NULL").fetchall()
        found = []
        for path, encoded in rows:
            found.append(_summary_from_row(Path(path), json.loads(encoded)))
        return sorted(found, key=lambda s: (s.date, s.start, s.id), reverse=True)

    def get(self, session_id: str) -> MinutesSummary | None:
        for summary in self.summaries():
            if summary.id == session_id:
                return summary
        return None

    def search(self, words: str) -> list[tuple[MinutesSummary, str]]:
        """Sessions whose minutes hold all the words (any order), newest first, each with a snippet."""
        terms = [w for w in re.findall(r"\w+", words.lower()) if w]
        if not terms:
            return []
        query = " AND ".join(f'"{term}"*' for term in terms)
        with self._index() as db:
            try:
                rows = db.execute(
                    "SELECT f.path, f.summary, snippet(text, 0, '«', '»', ' … ', 12) FROM text "
                    "JOIN files f ON f.docid = text.rowid WHERE text MATCH ? AND f.summary IS NOT NULL",
                    (query,),
                ).fetchall()
            except sqlite3.OperationalError:
                return []
        results = [(_summary_from_row(Path(p), json.loads(s)), snip) for p, s, snip in rows]
        return sorted(results, key=lambda r: (r[0].date, r[0].start, r[0].id), reverse=True)

    def last_open_actions(self, group: str, before: str = "") -> list[ActionItem]:
        """The open action items of the group's most recent session (other than `before`)."""
        for summary in self.summaries():
            if summary.group == group and summary.id != before:
                try:
                    text = summary.path.read_text(encoding="utf-8")
                except OSError:
                    return []
                return [item for item in task_items(_actions_part(text)) if not item.done]
        return []

    @contextlib.contextmanager
    def _index(self) -> Any:
        """An open index brought in step with the files; rebuilt from scratch when it is unreadable."""
        try:
            try:
                db = self._connect()
            except sqlite3.DatabaseError:
                with contextlib.suppress(OSError):
                    self.index_path.unlink()
                db = self._connect()
        except (OSError, sqlite3.Error) as exc:
            raise ArchiveError(f"cannot use the search index {self.index_path}: {exc}") from None
        try:
            self._sync(db)
            yield db
        except sqlite3.Error as exc:
            raise ArchiveError(f"the search index {self.index_path} failed: {exc}") from None
        finally:
            db.close()

    def _connect(self) -> sqlite3.Connection:
        self.index_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        db = sqlite3.connect(self.index_path)
        with contextlib.suppress(OSError):
            self.index_path.chmod(0o600)
        if db.execute("PRAGMA user_version").fetchone()[0] != INDEX_FORMAT:
            db.executescript(
                "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS text;"
                "CREATE TABLE files (path TEXT PRIMARY KEY, size INT, mtime INT, summary TEXT, docid INT);"
                "CREATE INDEX files_by_docid ON files (docid);"
                "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INT);"
                "CREATE VIRTUAL TABLE text USING fts5(body, tokenize='unicode61');"
                f"PRAGMA user_version = {INDEX_FORMAT};"
            )
        return db

    def _sync(self, db: sqlite3.Connection) -> None:
        """Re-read the files whose size or modification time changed; forget the ones that are gone.

        When the folder itself has not changed since the last full check, less than FULL_CHECK_SECONDS ago,
        the check is skipped: that keeps a search over ten thousand sessions from statting every file.
        """
        try:
            folder_stamp = self.minutes_dir.stat().st_mtime_ns
        except OSError:
            folder_stamp = 0
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        now = int(time.time())
        if meta.get("folder") == folder_stamp and now - meta.get("checked", 0) < FULL_CHECK_SECONDS:
            return
        self._full_sync(db)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('folder', ?), ('checked', ?)", (folder_stamp, now))
        db.commit()

    def _full_sync(self, db: sqlite3.Connection) -> None:
        known = {
            path: (size, mtime, docid)
            for path, size, mtime, docid in db.execute("SELECT path, size, mtime, docid FROM files")
        }
        seen: set[str] = set()
        changed = False
        for entry in self._entries():
            key = entry.path
            seen.add(key)
            try:
                stat = entry.stat()
            except OSError:
                continue
            old = known.get(key)
            if old is not None and old[:2] == (stat.st_size, stat.st_mtime_ns):
                continue
            if old is not None and old[2] is not None:
                db.execute("DELETE FROM text WHERE rowid = ?", (old[2],))
            try:
                text = Path(key).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            summary = summary_of(Path(key), text)
            encoded = json.dumps(_summary_to_row(summary), ensure_ascii=False) if summary else None
            docid = db.execute("INSERT INTO text (body) VALUES (?)", (text,)).lastrowid if summary else None
            db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)",
                (key, stat.st_size, stat.st_mtime_ns, encoded, docid),
            )
            changed = True
        for gone in set(known) - seen:
            db.execute("DELETE FROM files WHERE path = ?", (gone,))
            if known[gone][2] is not None:
                db.execute("DELETE FROM text WHERE rowid = ?", (known[gone][2],))
            changed = True
        if changed:
            db.commit()

    def _entries(self) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(self.minutes_dir) as entries:
                return [e for e in entries if e.name.endswith(".md") and not e.name.startswith(".")]
        except OSError:
            return []


def _actions_part(text: str) -> str:
    """The minutes without the review of the previous session's actions, which is history, not a new task."""
    return re.sub(r"\*\*(Acties van de vorige keer|Actions from last time):\*\*.*?(?=\n#|\Z)", "", text, flags=re.S)


def _summary_to_row(summary: MinutesSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "date": summary.date,
        "start": summary.start,
        "group": summary.group,
        "title": summary.title,
        "protocol": summary.protocol,
        "protocol_name": summary.protocol_name,
        "case_bringers": list(summary.case_bringers),
        "participants": list(summary.participants),
        "planned_minutes": summary.planned_minutes,
        "actual_minutes": summary.actual_minutes,
        "status": summary.status,
    }


def _summary_from_row(path: Path, data: dict[str, Any]) -> MinutesSummary:
    return MinutesSummary(
        id=data["id"],
        path=path,
        date=data["date"],
        start=data["start"],
        group=data["group"],
        title=data["title"],
        protocol=data["protocol"],
        protocol_name=data["protocol_name"],
        case_bringers=tuple(data["case_bringers"]),
        participants=tuple(data["participants"]),
        planned_minutes=data["planned_minutes"],
        actual_minutes=data["actual_minutes"],
        status=data["status"],
    )
