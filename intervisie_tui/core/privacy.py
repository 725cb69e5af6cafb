"""Deleting a session for good, and the record of the exports that makes that possible.

Owns `intervisie minutes delete ID` and the review screen's delete: the minutes file (with an id from the
listing, `ID`; every file carrying that session id, conflict copies included), the saved state with its lock
and any damaged copies set aside, the search index entries (purged from the index file, not only unlinked), and
each export the app wrote for the session, which `exports.json` in the data folder records. An `ID~2` from the
listing deletes that one file only.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from .archive import Archive, MinutesSummary

EXPORTS_RECORD = "exports.json"


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
    archive.drop(targets)
    for path in targets:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    if whole and (root / EXPORTS_RECORD).exists():
        _write_exports(root, record)
    archive.forget()
    return removed
