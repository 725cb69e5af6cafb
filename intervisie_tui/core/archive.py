"""The archive of saved minutes: summaries, the group's open actions, full-text search and forgetting.

Owns reading minutes back: the front matter of each Markdown file becomes a `MinutesSummary` (newest first,
with an id unique in the listing), task items become action items, and search runs on an SQLite FTS5 index in
the data folder that is brought in step with the Markdown files (by size and modification time of each file)
before every query, so an edit made in place is found at once. The Markdown files stay the source of truth:
the index can be deleted at any time and is rebuilt; a damaged one is rebuilt by itself, and where the data
folder cannot be written an index in memory serves.

A file people edited is read as they left it: values of the wrong type are read as well as they can be (a
number from "50 min", names from a list), and a file that cannot be read at all (not UTF-8, no or invalid front
matter, no session id) is skipped and reported as one line naming it, never stopping the other files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from .actions import ActionItem, action_list_items, open_items
from .errors import UserError
from .paths import INDEX_NAME
from .safe_text import visible

INDEX_FORMAT = 5
Result = TypeVar("Result")
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MINUTES = 10**6
MAX_TEXT = 500


class ArchiveError(UserError):
    """The minutes folder or its index cannot be used; the message says why in one line."""


class MinutesFileError(ValueError):
    """A file in the minutes folder that cannot be read as minutes; the message says why."""


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
        return "\t".join(visible(field) for field in fields)

    def dutch_date(self) -> str:
        """The date as a Dutch reader writes it, day first with a four-digit year: `22-11-2026`."""
        try:
            return dt.date.fromisoformat(self.date).strftime("%d-%m-%Y")
        except ValueError:
            return self.date


def read_front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown file; MinutesFileError says why there is none that can be read."""
    import yaml

    if not text.startswith("---\n"):
        raise MinutesFileError("no front matter")
    end = text.find("\n---\n", 3)
    if end < 0 and text.endswith("\n---"):
        end = len(text) - 4
    if end < 0:
        raise MinutesFileError("the front matter has no closing ---")
    try:
        data = yaml.load(text[4:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise MinutesFileError(f"the front matter is not valid YAML{where}") from None
    except Exception as exc:  # an impossible date, a nesting too deep: PyYAML raises more than YAMLError
        raise MinutesFileError(f"the front matter cannot be read ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise MinutesFileError("the front matter is not a list of properties")
    return data


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown file, or an empty dict when there is none or it is unreadable."""
    try:
        return read_front_matter(text)
    except MinutesFileError:
        return {}


def text_value(value: Any) -> str:
    """A property as one line of text, whatever YAML made of it."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, list | tuple | set):
        return ", ".join(filter(None, (text_value(v) for v in value)))[:MAX_TEXT]
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return " ".join(str(value).split())[:MAX_TEXT]


def number_value(value: Any) -> int:
    """Whole minutes from a number or a text that starts with one ("50 min"); 0 when there is none."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int | float) and value == value and abs(value) < MAX_MINUTES:
        return max(round(value), 0)
    match = re.match(r"\s*(\d{1,6})(?!\d)", value) if isinstance(value, str) else None
    return int(match.group(1)) if match else 0


def names_value(value: Any) -> tuple[str, ...]:
    """A list of names: plain names, `{name: …}` entries (the older format), or one text with commas."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        return ()
    names = (text_value(v.get("name")) if isinstance(v, dict) else text_value(v) for v in value)
    return tuple(name for name in names if name)


def clock_value(value: Any) -> str:
    """HH:MM from an ISO date-time, a YAML timestamp or a bare time."""
    text = text_value(value)
    match = re.search(r"(\d{1,2}:\d{2})", text)
    return match.group(1) if match else ""


def summary_of(path: Path, text: str) -> MinutesSummary:
    """A summary from a minutes file's front matter; MinutesFileError when the file is not minutes we can read."""
    data = read_front_matter(text)
    session_id = text_value(data.get("session"))
    if not session_id:
        raise MinutesFileError("the front matter has no session id")
    protocol = text_value(data.get("protocol")) or "?"
    date = data.get("date")
    return MinutesSummary(
        id=session_id,
        path=path,
        date=date.isoformat()[:10] if isinstance(date, dt.date) else text_value(date),
        start=clock_value(data.get("start")),
        group=text_value(data.get("group")),
        title=text_value(data.get("title")),
        protocol=protocol,
        protocol_name=text_value(data.get("protocol_name")) or protocol,
        case_bringers=names_value(data.get("case_bringers")),
        participants=names_value(data.get("participants")),
        planned_minutes=number_value(data.get("planned_minutes")),
        actual_minutes=number_value(data.get("actual_minutes")),
        status=text_value(data.get("status")),
    )


def read_minutes(path: Path) -> str:
    """A minutes file's text; MinutesFileError when it is too large, unreadable or not UTF-8."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise MinutesFileError("the file is too large to be minutes")
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise MinutesFileError("the file is not UTF-8 text") from None
    except OSError as exc:
        raise MinutesFileError(f"cannot read it ({exc.strerror or exc})") from None


def same_group(one: str, other: str) -> bool:
    """Group names match without regard to case or spacing."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


class Archive:
    """The minutes folder of a data folder, with its search index."""

    def __init__(self, minutes_dir: Path, index_path: Path | None = None) -> None:
        self.minutes_dir = minutes_dir
        self.index_path = index_path or minutes_dir.parent / INDEX_NAME
        self._in_memory: sqlite3.Connection | None = None
        self._synced = False

    def summaries(self) -> list[MinutesSummary]:
        """Every session's summary, newest first (from the index, so only changed files are read).

        Two files with the same session id (a sync-conflict copy, a copy made by hand) are both listed: the
        one with the shortest name keeps the id, the others get `~2`, `~3` after it.
        """
        return _newest_first(self._run(_all_summaries))

    def problems(self) -> list[tuple[Path, str]]:
        """The files in the minutes folder that could not be read as minutes, each with the reason.

        As of this Archive's last look at the folder (a command asks after its listing or search, and the
        folder is not read a second time).
        """
        rows = self._run(
            lambda db: db.execute("SELECT path, problem FROM files WHERE problem IS NOT NULL ORDER BY path").fetchall(),
            sync=False,
        )
        return [(Path(path), problem) for path, problem in rows]

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

        def matches(db: sqlite3.Connection) -> tuple[list[Any], list[MinutesSummary]]:
            found = db.execute(
                "SELECT f.path, snippet(text, 0, '«', '»', ' … ', 12) FROM text "
                "JOIN files f ON f.docid = text.rowid WHERE text MATCH ? AND f.summary IS NOT NULL",
                (query,),
            ).fetchall()
            return found, (_all_summaries(db) if found else [])

        rows, summaries = self._run(matches)
        by_path = {summary.path: summary for summary in summaries}
        results = [(by_path[Path(p)], snip) for p, snip in rows if Path(p) in by_path]
        return sorted(results, key=lambda r: (r[0].date, r[0].start, r[0].id), reverse=True)

    def last_open_actions(self, group: str, before: str = "") -> list[ActionItem]:
        """The group's open actions: the one definition the session screen, the review screen and the CLI use.

        They are the task items not ticked off in the group's most recent minutes (other than `before`), read
        from the Markdown as people left it. Those minutes review every action still open from the session
        before, so nothing older is lost, each action is counted once, and one ticked off there, in the app or
        in an editor, is closed for good.
        """
        for summary in self.summaries():
            if same_group(summary.group, group) and summary.id != before:
                try:
                    return open_items(action_list_items(read_minutes(summary.path)))
                except MinutesFileError:
                    return []
        return []

    def forget(self) -> None:
        """Bring the index in step and drop every trace of removed files from it (after a delete)."""

        def purge(db: sqlite3.Connection) -> None:
            db.execute("PRAGMA secure_delete = ON")
            db.execute("INSERT INTO text (text) VALUES ('optimize')")
            db.commit()
            db.execute("VACUUM")

        self._run(purge)

    def _run(self, work: Callable[[sqlite3.Connection], Result], sync: bool = True) -> Result:
        """Run a query on the index brought in step with the files.

        A damaged index file (found on opening or only by the query) is deleted and built again; where the
        index cannot be written (a read-only data folder) one in memory serves this call, so reading always works.
        """
        try:
            return self._once(work, sync)
        except sqlite3.Error as exc:
            if "locked" in str(exc):  # another process is writing it: never delete that
                raise ArchiveError(f"the search index {self.index_path} is busy: {exc}") from None
        self._remove_index()
        self._synced = False
        try:
            return self._once(work, sync)
        except sqlite3.Error as exc:
            raise ArchiveError(f"the search index {self.index_path} failed: {exc}") from None

    def _once(self, work: Callable[[sqlite3.Connection], Result], sync: bool) -> Result:
        db = self._open(sync)
        try:
            return work(db)
        finally:
            if db is not self._in_memory:
                db.close()

    def _open(self, sync: bool) -> sqlite3.Connection:
        """The index, brought in step with the files (with `sync`, or when this Archive has not done so yet).

        Where the index file cannot be opened or written, one in memory serves for this Archive's life.
        """
        if self._in_memory is not None:
            if sync:
                self._sync(self._in_memory)
            return self._in_memory
        for attempt in range(2):
            try:
                return self._connected(self.index_path, sync)
            except (sqlite3.Error, OSError) as exc:
                if attempt or "locked" in str(exc):  # another process is writing it: never delete that
                    break
                self._remove_index()
        self._synced = False
        try:
            self._in_memory = self._connected(None, sync)
        except sqlite3.Error as exc:
            raise ArchiveError(f"cannot build a search index: {exc}") from None
        return self._in_memory

    def _remove_index(self) -> None:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                self.index_path.with_name(self.index_path.name + suffix).unlink()

    def _connected(self, path: Path | None, sync: bool) -> sqlite3.Connection:
        db = self._connect(path)
        try:
            if sync or not self._synced:
                self._sync(db)
                self._synced = True
        except BaseException:
            db.close()
            raise
        return db

    def _connect(self, path: Path | None) -> sqlite3.Connection:
        if path is None:
            db = sqlite3.connect(":memory:")
        else:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            db = sqlite3.connect(path)
            with contextlib.suppress(OSError):
                path.chmod(0o600)
        if db.execute("PRAGMA user_version").fetchone()[0] != INDEX_FORMAT:
            db.executescript(
                "DROP TABLE IF EXISTS files; DROP TABLE IF EXISTS text; DROP TABLE IF EXISTS meta;"
                "CREATE TABLE files (path TEXT PRIMARY KEY, size INT, mtime INT, summary TEXT, docid INT,"
                " problem TEXT);"
                "CREATE INDEX files_by_docid ON files (docid);"
                "CREATE VIRTUAL TABLE text USING fts5(body, tokenize='unicode61');"
                f"PRAGMA user_version = {INDEX_FORMAT};"
            )
        return db

    def _sync(self, db: sqlite3.Connection) -> None:
        """Re-read the files whose size or modification time changed; forget the ones that are gone."""
        known = {
            path: (size, mtime, docid)
            for path, size, mtime, docid in db.execute("SELECT path, size, mtime, docid FROM files")
        }
        seen: set[str] = set()
        changed = False
        for entry in self._entries():
            key = entry.path
            try:
                stat = entry.stat()
            except OSError:
                continue
            seen.add(key)
            old = known.get(key)
            if old is not None and old[:2] == (stat.st_size, stat.st_mtime_ns):
                continue
            if old is not None and old[2] is not None:
                db.execute("DELETE FROM text WHERE rowid = ?", (old[2],))
            encoded, docid, problem = None, None, None
            try:
                text = read_minutes(Path(key))
                encoded = json.dumps(_summary_to_row(summary_of(Path(key), text)), ensure_ascii=False)
                docid = db.execute("INSERT INTO text (body) VALUES (?)", (text,)).lastrowid
            except MinutesFileError as exc:
                problem = str(exc)
            db.execute(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                (key, stat.st_size, stat.st_mtime_ns, encoded, docid, problem),
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
                return [e for e in entries if e.name.endswith(".md") and not e.name.startswith(".") and e.is_file()]
        except OSError:
            return []


def _all_summaries(db: sqlite3.Connection) -> list[MinutesSummary]:
    """Every readable file's summary, ids made unique."""
    rows = db.execute("SELECT path, summary FROM files WHERE summary IS NOT NULL").fetchall()
    return _unique_ids([_summary_from_row(Path(path), json.loads(encoded)) for path, encoded in rows])


def _newest_first(summaries: list[MinutesSummary]) -> list[MinutesSummary]:
    return sorted(summaries, key=lambda s: (s.date, s.start, s.id), reverse=True)


def _unique_ids(summaries: list[MinutesSummary]) -> list[MinutesSummary]:
    ordered = sorted(summaries, key=lambda s: (len(s.path.name), s.path.name))
    counts: dict[str, int] = {}
    taken = {s.id for s in summaries}
    result = []
    for summary in ordered:
        counts[summary.id] = counts.get(summary.id, 0) + 1
        if counts[summary.id] > 1:
            number = counts[summary.id]
            while f"{summary.id}~{number}" in taken:
                number += 1
            taken.add(f"{summary.id}~{number}")
            summary = summary._replace(id=f"{summary.id}~{number}")
        result.append(summary)
    return result


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
