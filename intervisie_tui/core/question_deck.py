"""Offering check-in and check-out questions: one at a time, another on request, none the group had lately.

Owns the order in which questions are offered (`QuestionDeck`: the ones the group has not had recently first,
in random order, then the recent ones from the least recent on) and the small per-group history in the data
folder (`question-history.json`) that remembers which questions a group was asked. The history is the app's
own file: written atomically, 0600; an unreadable one is set aside as `.corrupt` and started afresh. The
questions asked in the group's recent sessions are read back from their minutes (`asked_in_minutes`), so the
deck of a session never repeats what the group had lately, whether the question came from the CLI or a session.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .paths import data_dir
from .toolkit import Moment

if TYPE_CHECKING:
    from .archive import Archive

HISTORY_NAME = "question-history.json"
HISTORY_FORMAT = 1
REMEMBERED = 12
RECENT_SESSIONS = 6
"""How many of a group's latest sessions count as recent: their questions come last in a deck."""


class QuestionDeck:
    """The questions for one moment, in the order they are offered; `current` first, `next()` for another."""

    def __init__(self, questions: Sequence[str], recent: Sequence[str] = (), rng: random.Random | None = None) -> None:
        if not questions:
            raise ValueError("a deck needs at least one question")
        rng = rng or random.Random()
        recent_rank = {text: rank for rank, text in enumerate(recent)}  # recent[0] is the least recent
        fresh = [q for q in questions if q not in recent_rank]
        rng.shuffle(fresh)
        stale = sorted((q for q in questions if q in recent_rank), key=recent_rank.__getitem__)
        self.order = tuple(fresh + stale)
        self.position = 0

    @property
    def current(self) -> str:
        return self.order[self.position]

    def next(self) -> str:
        """Another question; after the last one the deck starts over."""
        self.position = (self.position + 1) % len(self.order)
        return self.current


class QuestionHistory:
    """Which questions each group was asked, most recent last, per moment."""

    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or data_dir()) / HISTORY_NAME

    def _read(self) -> dict[str, dict[str, list[str]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        groups = data.get("groups") if isinstance(data, dict) else None
        if not isinstance(groups, dict):
            return {}
        return {
            str(group): {str(m): [str(q) for q in qs] for m, qs in moments.items() if isinstance(qs, list)}
            for group, moments in groups.items()
            if isinstance(moments, dict)
        }

    def recent(self, group: str, moment: Moment) -> tuple[str, ...]:
        """The group's recent questions for a moment, least recent first."""
        return tuple(self._read().get(group, {}).get(moment.value, []))

    def remember(self, group: str, moment: Moment, question: str) -> None:
        """Note that the group was asked this question now."""
        from .store import atomic_write, private_dir

        if self.path.exists() and not self._readable():
            self.path.replace(self.path.with_name(f"{self.path.name}.corrupt"))
        groups = self._read()
        asked = [q for q in groups.setdefault(group, {}).get(moment.value, []) if q != question]
        groups[group][moment.value] = [*asked, question][-REMEMBERED:]
        private_dir(self.path.parent)
        document = {"format": HISTORY_FORMAT, "groups": groups}
        atomic_write(self.path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")

    def _readable(self) -> bool:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return isinstance(data, dict) and isinstance(data.get("groups"), dict)


def questions_in_minutes(text: str) -> list[str]:
    """The questions a minutes file records as asked (its `Gestelde vraag` / `Question asked` lines), in order."""
    from ..words import LANGUAGES, Texts
    from .markdown_text import unescape

    prefixes = tuple(f"**{Texts(language)('minutes.question')}:** " for language in LANGUAGES)
    found: list[str] = []
    for line in text.splitlines():
        for prefix in prefixes:
            if line.startswith(prefix) and (question := unescape(line[len(prefix) :]).strip()):
                found.append(question)
    return found


def asked_in_minutes(archive: Archive, group: str, *, before: str = "", sessions: int = RECENT_SESSIONS) -> list[str]:
    """The questions asked in the group's latest sessions (other than `before`), least recent first, once each.

    A file that cannot be read as minutes counts as a session without questions.
    """
    from .archive import MinutesFileError, read_minutes

    if not group.strip():
        return []
    latest = archive.recent(group, sessions, before)
    asked: list[str] = []
    for summary in reversed(latest):
        try:
            asked += questions_in_minutes(read_minutes(summary.path))
        except MinutesFileError:
            continue
    return _last_place(asked)


def recent_questions(history: Iterable[str], minutes: Iterable[str]) -> tuple[str, ...]:
    """The history's questions, then those from the minutes (the more recent), least recent first, once each."""
    return tuple(_last_place([*history, *minutes]))


def _last_place(texts: list[str]) -> list[str]:
    """Each text once, where it last occurs."""
    last = {text: place for place, text in enumerate(texts)}
    return [text for place, text in enumerate(texts) if last[text] == place]
