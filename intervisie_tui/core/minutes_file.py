"""The minutes file on disk, which belongs to the people: the app writes it only while it is what the app wrote.

Owns the rule of DESIGN.md "the app never overwrites a minutes file whose content is not what it last wrote".
The saved state keeps the file's name and the SHA-256 of the last text the app wrote there (and of the one
before, so a crash between writing the state and the minutes is no conflict). Before each write:

- the file is what the app wrote: it is replaced (or left alone when the new text is the same);
- the file was changed outside the app: it is left as the people made it, the app's text goes into a new
  file next to it ("… (versie van de app).md"), which the app writes from then on, and the caller is told;
- the file is gone, and a file with the same session id in its front matter is there: it was renamed, and
  the app follows the new name (or, when it was also changed, writes its own text next to it);
- the file is gone and nothing carries its id: the people removed it while the session runs; the app writes
  its text again under the old name and the caller is told (never silently). A finished session is never
  written again: resume opens its minutes in the review screen (see Store.load).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple, TypeGuard

from .hashes import sha256
from .paths import NAME_BYTES, cut_name

DIGEST_PIECE = 64 * 1024

CONFLICT_LABEL = {"nl": "versie van de app", "en": "app version"}


class MinutesRecord(NamedTuple):
    """What the app knows about the minutes file it writes: its name and the hashes of its own last texts."""

    name: str
    hashes: tuple[str, ...] = ()


class MinutesNotice(NamedTuple):
    """Something a person should know after a save: `conflict`, `renamed` or `recreated`, and the file."""

    kind: str
    path: Path


class MinutesPlan(NamedTuple):
    """Where the next text goes, whether it must be written at all, what to tell, and the record afterwards."""

    path: Path
    write: bool
    notice: MinutesNotice | None
    record: MinutesRecord


def digest(text: str | Sequence[str]) -> str:
    """The SHA-256 of a text's UTF-8 bytes (the text whole or in pieces), encoded a piece at a time."""
    hashed = sha256()
    for chunk in [text] if isinstance(text, str) else text:
        for start in range(0, len(chunk), DIGEST_PIECE):
            hashed.update(chunk[start : start + DIGEST_PIECE].encode("utf-8", "surrogatepass"))
    return hashed.hexdigest()


def _disk_digest(path: Path) -> str | None:
    """The hash of a file's bytes, or None when there is no such file."""
    try:
        with path.open("rb") as handle:
            hashed = sha256()
            while block := handle.read(DIGEST_PIECE):
                hashed.update(block)
            return hashed.hexdigest()
    except FileNotFoundError:
        return None


def is_minutes_name(name: object) -> TypeGuard[str]:
    """A name the minutes file can have: a Markdown file right in the minutes folder (no folder part), not
    hidden, short enough for the file system. Whatever people renamed it to, and whatever the app made of
    it, passes; a saved state naming anything else is refused."""
    return (
        isinstance(name, str)
        and name.endswith(".md")
        and not name.startswith(".")
        and "\0" not in name
        and not any(sep in name for sep in (os.sep, os.altsep) if sep)
        and cut_name(name) == name
    )


def _name_with(path: Path, tail: str) -> Path:
    """`path`'s stem with `tail` after it, the stem cut short where the whole would not fit a file name."""
    stem = cut_name(path.stem, NAME_BYTES - len(os.fsencode(tail)))
    return path.with_name(stem.rstrip(" .") + tail)


def _free_name(path: Path, label: str) -> Path:
    candidate = _name_with(path, f" ({label}).md")
    number = 2
    while candidate.exists():
        candidate = _name_with(path, f" ({label} {number}).md")
        number += 1
    return candidate


def find_by_id(folder: Path, session_id: str) -> list[Path]:
    """The minutes files in a folder whose front matter names this session id."""
    from .archive import front_matter

    found = []
    try:
        entries = sorted(p for p in folder.glob("*.md") if not p.name.startswith("."))
    except OSError:
        return []
    for path in entries:
        try:
            head = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if f"session: {session_id}" in head and str(front_matter(head).get("session")) == session_id:
            found.append(path)
    return found


def plan(
    folder: Path, record: MinutesRecord, session_id: str, text: str | Sequence[str], language: str = "nl"
) -> MinutesPlan:
    """Decide where the app's new minutes text (whole or in pieces) goes without touching anything."""
    new_hash = digest(text)
    label = CONFLICT_LABEL.get(language, CONFLICT_LABEL["nl"])
    path = folder / record.name
    notice: MinutesNotice | None = None
    on_disk = _disk_digest(path)
    if on_disk is None and record.hashes:
        moved = find_by_id(folder, session_id)
        ours = [p for p in moved if _disk_digest(p) in record.hashes]
        if ours:
            path, on_disk = ours[0], _disk_digest(ours[0])
            notice = MinutesNotice("renamed", path)
        elif moved:
            path, on_disk = moved[0], _disk_digest(moved[0])
        else:
            notice = MinutesNotice("recreated", path)
    if on_disk is not None and on_disk not in record.hashes:
        path = _free_name(path, label)
        return MinutesPlan(path, True, MinutesNotice("conflict", path), MinutesRecord(path.name, (new_hash,)))
    kept = tuple(dict.fromkeys(h for h in (new_hash, on_disk) if h))
    return MinutesPlan(path, on_disk != new_hash, notice, MinutesRecord(path.name, kept))
