"""Deleting a session for good, and the record of the exports that makes that possible.

Owns `intervisie minutes delete ID` and the review screen's delete: the minutes file (with an id from the
listing, `ID`; every file carrying that session id, conflict copies included), the saved state with its lock
and any damaged copies set aside, the search index entries (purged from the index file, not only unlinked), and
each export the app wrote for the session, which `exports.json` in the data folder records, and the emergency
copies the app made when saving failed (in the home or the temp folder, under a name it owns: `emergency_copy_name`;
no other file there is touched). An `ID~2` from the listing deletes that one file only.
"""

from __future__ import annotations

import contextlib
import json
import re
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .archive import Archive, MinutesSummary


EXPORTS_RECORD = "exports.json"
EMERGENCY_PREFIX = "intervisie-noodkopie"


def emergency_folders() -> tuple[Path, ...]:
    """Where an emergency copy is written when the data folder cannot be, first choice first."""
    return Path("~").expanduser(), Path(tempfile.gettempdir())


def emergency_copy_name(session_id: str, when: datetime) -> str:
    """The file name of an emergency copy of a session's minutes: `intervisie-noodkopie 2026-11-22 140512 ID.md`."""
    return f"{EMERGENCY_PREFIX} {when:%Y-%m-%d %H%M%S} {session_id}.md"


def emergency_copies(session_id: str) -> list[Path]:
    """The emergency copies the app made of this session (exactly its names, never another session's or file)."""
    name = re.compile(rf"{EMERGENCY_PREFIX} \d{{4}}-\d{{2}}-\d{{2}} \d{{6}} {re.escape(session_id)}\.md")
    found: list[Path] = []
    for folder in dict.fromkeys(emergency_folders()):
        with contextlib.suppress(OSError):
            found += sorted(
                path
                for path in folder.glob(f"{EMERGENCY_PREFIX} *.md")
                if name.fullmatch(path.name) and path.is_file() and not path.is_symlink()
            )
    return found


def _base_id(listing_id: str) -> str:
    return listing_id.partition("~")[0]


def _exports(root: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((root / EXPORTS_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): [str(n) for n in v] for k, v in data.items() if isinstance(v, list)}


def _write_exports(root: Path, record: dict[str, list[str]]) -> None:
    from .store import atomic_write

    atomic_write(root / EXPORTS_RECORD, json.dumps(record, ensure_ascii=False, indent=1))


def record_export(root: Path, session_id: str, path: Path) -> None:
    """Remember an export written for a session, so that deleting the session deletes it too."""
    record = _exports(root)
    names = record.setdefault(_base_id(session_id), [])
    if path.name not in names:
        names.append(path.name)
    _write_exports(root, record)


def delete_session(root: Path, archive: Archive, summary: MinutesSummary) -> list[Path]:
    """Remove everything the app keeps of a session; returns the files removed. OSError when the disk refuses."""
    from .store import Store

    removed: list[Path] = []
    session_id = _base_id(summary.id)
    whole = summary.id == session_id
    targets = [summary.path]
    if whole:
        targets += [s.path for s in archive.summaries() if _base_id(s.id) == session_id and s.path != summary.path]
        store = Store(root)
        state = store.sessions_dir / f"{session_id}.json"
        if state.exists():
            from .store import SessionFiles

            lock = store.lock(SessionFiles(session_id, state, summary.path))
            lock.release()
        targets += [state, state.with_suffix(".lock"), *store.sessions_dir.glob(f"{session_id}.damaged-*.json.bak")]
        record = _exports(root)
        targets += [root / "exports" / name for name in record.pop(session_id, [])]
        targets += emergency_copies(session_id)
    archive.drop(targets)
    for path in targets:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    if whole and (root / EXPORTS_RECORD).exists():
        _write_exports(root, record)
    archive.forget()
    return removed
