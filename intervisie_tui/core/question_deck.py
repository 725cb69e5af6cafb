"""Offering check-in and check-out questions: one at a time, another on request, none the group had lately.

Owns the order in which questions are offered (`QuestionDeck`: the ones the group has not had recently first,
in random order, then the recent ones from the least recent on) and the small per-group history in the data
folder (`question-history.json`) that remembers which questions a group was asked. The history is the app's
own file: written atomically, 0600; an unreadable one is set aside as `.corrupt` and started afresh.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

from .paths import data_dir
from .toolkit import Moment

HISTORY_NAME = "question-history.json"
HISTORY_FORMAT = 1
REMEMBERED = 12


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
