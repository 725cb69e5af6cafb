"""The journal of a running session: what changed since its state was last written whole, one JSON line each.

Owns the journal's format (docs/architecture.md "The journal"): the records that take the saved state to the
session as it is now, found by comparing the session with what was last written (`Written`), and replaying
them onto saved state data. A change of notes is one replaced range, found by the common prefix and suffix of
the old and new text with C-speed comparisons that copy about one text's length in all, so a typed key costs a
record of the size of the change, not of the notes. Pure Python: the store owns the file.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from .session import Session

JOURNAL_FORMAT = 1
# While the clock runs and nothing else changes, its time is written this often (a record of about 40 bytes),
# so that a kill -9 or a crash loses at most this much of the step's time.
CLOCK_MARK_SECONDS = 15
PROGRESS_KEYS = ("status", "current", "created_at", "started_at", "ended_at", "actions_done", "work_mark")
STEP_PROGRESS_KEYS = ("key", "elapsed", "extension", "visited", "turn", "turn_started", "spoken")


class JournalError(Exception):
    """A journal line cannot be read or does not fit the state it follows; the message never quotes content."""


@dataclass
class Written:
    """What state plus journal on disk hold, as the session had it: the base of the next records.

    The notes are the session's own strings (shared, never copied); `progress` is the progress with the live
    segment left out, so the clock running alone changes nothing here; `shape` is what no record can change
    (the setup and the list of steps: a break inserted, a case-bringer named), so a change of it needs a
    checkpoint. `clock` is the step and its time as last written.
    """

    notes: list[str]
    fields: list[dict[str, str]]
    progress: dict[str, Any]
    shape: tuple[Any, ...]
    clock: tuple[int, float]


def written(session: Session) -> Written:
    """What the files hold right after the whole session was written."""
    return Written(
        [state.notes for state in session.states],
        [dict(state.fields) for state in session.states],
        _progress(session, live=False),
        shape(session),
        (session.current, session.elapsed()),
    )


def shape(session: Session) -> tuple[Any, ...]:
    """The setup and the steps (keys, case-bringers, break lengths): what only a checkpoint writes."""
    steps = tuple((step.key, step.case_bringer, step.phase.minutes.default) for step in session.steps)
    return session.setup, steps


def header(session_id: str, seq: int) -> dict[str, Any]:
    """The first line of a journal: whose it is, and which saved state (its `journal_seq`) it follows."""
    return {"journal": JOURNAL_FORMAT, "session": session_id, "seq": seq}


def line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def changes(session: Session, before: Written) -> tuple[list[dict[str, Any]], Written]:
    """The records from `before` to the session now (none when nothing changed), and what they leave written.

    The session must have the shape it had (`shape`): the caller writes a checkpoint otherwise.
    """
    records: list[dict[str, Any]] = []
    after = Written(list(before.notes), list(before.fields), before.progress, before.shape, before.clock)
    progress = _progress(session, live=False)
    if progress != before.progress:
        records.append({"op": "progress", **_progress(session, live=True)})
        after.progress = progress
    for index, state in enumerate(session.states):
        old = before.notes[index]
        if state.notes is not old and state.notes != old:
            records.append(_notes_record(index, old, state.notes))
            after.notes[index] = state.notes
        if state.fields != before.fields[index]:
            records.append({"op": "fields", "step": index, "fields": dict(state.fields)})
            after.fields[index] = dict(state.fields)
    if session.running and (records[0]["op"] != "progress" if records else clock_mark_due(session, before)):
        records.append({"op": "clock", "step": session.current, "elapsed": session.elapsed()})
    if records:
        after.clock = (session.current, session.elapsed())
    return records, after


def clock_mark_due(session: Session, before: Written) -> bool:
    """Whether the running clock has gone CLOCK_MARK_SECONDS past the time last written (or left its step)."""
    step, elapsed = before.clock
    return session.running and (session.current != step or session.elapsed() - elapsed >= CLOCK_MARK_SECONDS)


def text_length(records: list[dict[str, Any]]) -> int:
    """The characters of text the records carry: a lower bound of their size, known without encoding them."""
    return sum(len(record.get("text", "")) for record in records)


def text_change(old: str, new: str) -> tuple[int, int, str]:
    """(at, cut, text): replacing `cut` characters of `old` at `at` by `text` gives `new`."""
    prefix = _common_prefix(old, new)
    suffix = _common_suffix(old, new, min(len(old), len(new)) - prefix)
    return prefix, len(old) - prefix - suffix, new[prefix : len(new) - suffix]


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix: a binary search whose slices halve, so about len(a) is copied in all."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if b.startswith(a[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix, at most `limit`."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if b.endswith(a[len(a) - middle : len(a) - low], 0, len(b) - low):
            low = middle
        else:
            high = middle - 1
    return low


def _notes_record(index: int, old: str, new: str) -> dict[str, Any]:
    at, cut, text = text_change(old, new)
    if cut == len(old):
        return {"op": "notes", "step": index, "text": new}
    return {"op": "text", "step": index, "at": at, "cut": cut, "text": text}


def _progress(session: Session, *, live: bool) -> dict[str, Any]:
    """Where the session is (status, step, times, turns), without notes, fields or the protocol."""
    data = session.to_dict()
    steps = [{key: step[key] for key in STEP_PROGRESS_KEYS} for step in data["steps"]]
    if not live:
        steps[session.current]["elapsed"] = session.states[session.current].elapsed
    return {**{key: data[key] for key in PROGRESS_KEYS}, "steps": steps}


# ----- reading ------------------------------------------------------------------------------------------------


def read_header(first: bytes) -> tuple[str, int]:
    """(session id, seq) of a journal's first line; JournalError when it is not a journal header."""
    try:
        data = json.loads(first.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise JournalError("its first line is not a journal header") from None
    if not isinstance(data, dict) or data.get("journal") != JOURNAL_FORMAT or type(data.get("journal")) is not int:
        raise JournalError("its first line is not a journal header of a format this version knows")
    session_id, seq = data.get("session"), data.get("seq")
    if not isinstance(session_id, str) or type(seq) is not int or seq < 0:
        raise JournalError("its header has no session id and sequence number")
    return session_id, seq


def replay(saved: dict[str, Any], lines: list[bytes]) -> bool:
    """Apply journal records (the lines after the header) to saved session data, in order; True when the last
    line was torn (a crash in the middle of a write) and was left out.

    Only the last line may be unreadable; any other bad line, or a record that does not fit the data, raises
    JournalError naming the line number (the header is line 1).
    """
    for number, raw in enumerate(lines, start=2):
        try:
            _apply(saved, _record(raw))
        except JournalError as exc:
            if number == len(lines) + 1:
                return True
            raise JournalError(f"line {number}: {exc}") from None
    return False


def _record(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise JournalError("not a journal record") from None
    if not isinstance(data, dict):
        raise JournalError("not a journal record")
    return data


def _apply(saved: dict[str, Any], record: dict[str, Any]) -> None:
    steps = saved["steps"]
    op = record.get("op")
    if op == "progress":
        new_steps = record.get("steps")
        if not isinstance(new_steps, list) or len(new_steps) != len(steps):
            raise JournalError("a progress record whose steps do not match")
        if not all(isinstance(s, dict) and all(k in s for k in STEP_PROGRESS_KEYS) for s in new_steps):
            raise JournalError("a progress record with an incomplete step")
        if not all(key in record for key in PROGRESS_KEYS):
            raise JournalError("an incomplete progress record")
        for key in PROGRESS_KEYS:
            saved[key] = record[key]
        for step, new in zip(steps, new_steps, strict=True):
            step.update({key: new[key] for key in STEP_PROGRESS_KEYS})
        return
    step = steps[_index(record.get("step"), len(steps))]
    if op == "text":
        notes, at, cut, text = step["notes"], record.get("at"), record.get("cut"), record.get("text")
        if type(at) is not int or type(cut) is not int or not isinstance(text, str):
            raise JournalError("a text record without position, length and text")
        if not 0 <= at <= at + cut <= len(notes) or cut < 0:
            raise JournalError("a text record outside the notes it changes")
        step["notes"] = notes[:at] + text + notes[at + cut :]
    elif op == "notes":
        if not isinstance(record.get("text"), str):
            raise JournalError("a notes record without text")
        step["notes"] = record["text"]
    elif op == "fields":
        fields = record.get("fields")
        if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
            raise JournalError("a fields record that does not map names to texts")
        step["fields"] = fields
    elif op == "clock":
        elapsed = record.get("elapsed")
        if isinstance(elapsed, bool) or not isinstance(elapsed, int | float) or not math.isfinite(elapsed):
            raise JournalError("a clock record without a time")
        step["elapsed"] = elapsed
    else:
        raise JournalError("a record of an unknown kind")


def _index(value: Any, count: int) -> int:
    if type(value) is not int or not 0 <= value < count:
        raise JournalError("a record for a step the session does not have")
    return int(value)
