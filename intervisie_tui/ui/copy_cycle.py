"""Which of a step's messages F2 copies next: one message at a time, in order, starting again on each step.

Owns the position in the current step's messages. The first press on a step copies its first message, each
further press the next one, and after the last the first again; opening another step starts at its first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Chosen:
    """The message to copy now, as number `number` of `total` (both from 1)."""

    text: str
    number: int
    total: int

    @property
    def following(self) -> int:
        """The number of the message the next press copies."""
        return self.number % self.total + 1


class CopyCycle:
    """Hands out a step's messages one press at a time."""

    def __init__(self) -> None:
        self._step: str | None = None
        self._next = 0

    def take(self, step: str, messages: Sequence[str]) -> Chosen | None:
        """The message to copy for this press on step `step`; None when the step has none."""
        if step != self._step:
            self._step, self._next = step, 0
        if not messages:
            return None
        index = self._next % len(messages)
        self._next = index + 1
        return Chosen(messages[index], index + 1, len(messages))
