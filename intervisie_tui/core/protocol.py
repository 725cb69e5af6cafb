"""The protocol model: what an intervisie method prescribes, phase by phase.

Owns the immutable data classes a validated protocol file becomes, and the vocabulary (step kinds, speakers,
audiences, rule flags, captured fields, roles) that the loader, the JSON Schema, the engine and the UI share.
Loading and validation live in `protocol_loader`; what a kind means for a running step lives in `kinds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class StepKind(StrEnum):
    """What sort of step a phase is; everything that differs between kinds follows from this one value."""

    TALK = "talk"
    SILENCE = "silence"
    BREAK = "break"
    CHECK_IN = "check-in"
    CHECK_OUT = "check-out"
    INTRODUCTION = "introduction"


class Speakers(StrEnum):
    """Who talks during a phase."""

    EVERYONE = "everyone"
    MODERATOR = "moderator"
    CASE_BRINGER = "case-bringer"
    OTHERS = "others"


class Audience(StrEnum):
    """Whom a message is addressed to."""

    EVERYONE = "everyone"
    CASE_BRINGER = "case-bringer"
    OTHERS = "others"


class Rule(StrEnum):
    """A rule the moderator must keep during a phase (silence is a kind of step, not a rule)."""

    CASE_BRINGER_LISTENS = "case-bringer-listens"
    QUESTIONS_ONLY = "questions-only"
    WRITE_FIRST = "write-first"


class Capture(StrEnum):
    """A structured field the minutes must hold for a phase."""

    HELP_QUESTION = "help-question"
    LEARNING_QUESTION = "learning-question"
    CORE_QUESTION = "core-question"
    REFORMULATED_QUESTION = "reformulated-question"
    ACTION_PLAN = "action-plan"
    QUESTION = "question"


class Role(StrEnum):
    """A role a participant can take in a session."""

    MODERATOR = "moderator"
    NOTULIST = "notulist"
    CASE_BRINGER = "case-bringer"


@dataclass(frozen=True)
class Minutes:
    """Planned minutes: a fixed number, a range to choose from at the start, or open-ended."""

    low: float | None
    high: float | None
    default: float | None

    @property
    def is_open(self) -> bool:
        return self.default is None

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None and self.low != self.high

    @classmethod
    def fixed(cls, minutes: float) -> Minutes:
        return cls(minutes, minutes, minutes)

    @classmethod
    def open(cls) -> Minutes:
        return cls(None, None, None)

    def choose(self, minutes: float | None) -> float | None:
        """The planned minutes for a session: the choice if it fits the range, else the default."""
        if minutes is None or self.is_open or self.low is None or self.high is None:
            return self.default
        return min(max(minutes, self.low), self.high)


@dataclass(frozen=True)
class Thresholds:
    """When the countdown turns to warning and danger colours, in minutes left."""

    warning: float = 1.0
    danger: float = 0.0


@dataclass(frozen=True)
class Message:
    """One message the moderator says or pastes into the chat, as it is said; `to` names whom it addresses."""

    text: str
    to: Audience = Audience.EVERYONE


@dataclass(frozen=True)
class Phase:
    """One phase of a protocol, as a moderator runs it."""

    id: str
    title: str
    minutes: Minutes
    kind: StepKind = StepKind.TALK
    goal: str = ""
    say: tuple[Message, ...] = ()
    directions: tuple[str, ...] = ()
    notes_hint: str = ""
    speakers: Speakers = Speakers.EVERYONE
    turns: bool = False
    rules: frozenset[Rule] = frozenset()
    capture: tuple[Capture, ...] = ()
    tips: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    thresholds: Thresholds | None = None
    per_case_bringer: bool = False
    optional: bool = False


@dataclass(frozen=True)
class Protocol:
    """A whole intervisie method: metadata and the ordered phases."""

    id: str
    name: str
    phases: tuple[Phase, ...]
    description: str = ""
    source: str = ""
    language: str = "nl"
    roles: tuple[Role, ...] = ()
    group_size: tuple[int, int] | None = None
    total_minutes: Minutes | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    review: Phase | None = None
    tips: tuple[str, ...] = ()
    check_in: bool = False
    check_out: bool = False
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def phase(self, phase_id: str) -> Phase:
        for phase in self.all_phases():
            if phase.id == phase_id:
                return phase
        raise KeyError(phase_id)

    def all_phases(self) -> tuple[Phase, ...]:
        """Every phase including the opening review, in order."""
        return ((self.review,) if self.review else ()) + self.phases

    def planned_minutes(self, case_bringers: int = 1, choices: dict[str, float] | None = None) -> float:
        """Planned total in minutes for a number of case-bringers, open phases counting nothing."""
        choices = choices or {}
        total = 0.0
        for phase in self.phases:
            minutes = phase.minutes.choose(choices.get(phase.id)) or 0.0
            total += minutes * (max(case_bringers, 1) if phase.per_case_bringer else 1)
        return total

    def thresholds_for(self, phase: Phase) -> Thresholds:
        return phase.thresholds or self.thresholds
