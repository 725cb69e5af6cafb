"""What a step's kind means while a session runs: the one place the UI asks instead of testing rules.

Owns `KindTraits` and `kind_traits(kind)`: whether the notes lock while the clock runs, which question deck a
step offers (and records in its `question` field), whether turns apply, whether it ends a stretch of work for
the break reminder, whether a topic proposal taken for the session becomes its messages, and the key the UI
uses for the kind's label and colour. A new kind of step is one member of `StepKind` and one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Phase, StepKind
from .toolkit import Moment


@dataclass(frozen=True)
class KindTraits:
    """How a running step of one kind behaves and is shown."""

    key: str
    """The kind's label and colour key in the UI's words (`talk`, `silence`, `break`, `check-in`, `check-out`)."""
    flagged: bool
    """Shown as a flag beside the rule flags; an ordinary talking step is not."""
    locks_notes_while_running: bool
    """Nobody types: the notes are read-only while the step's clock runs and time is left."""
    question_moment: Moment | None
    """The check-in or check-out deck this step offers a question from; the question asked is recorded."""
    takes_turns: bool
    """Speakers may take turns here (a break has none)."""
    ends_work_stretch: bool
    """Entering it restarts the count towards the next suggested break."""
    takes_proposal: bool = False
    """A moderator's introduction: a topic proposal taken for the session becomes its messages."""


_TRAITS: dict[StepKind, KindTraits] = {
    StepKind.TALK: KindTraits("talk", False, False, None, True, False),
    StepKind.SILENCE: KindTraits("silence", True, True, None, True, False),
    StepKind.BREAK: KindTraits("break", True, False, None, False, True),
    StepKind.CHECK_IN: KindTraits("check-in", True, False, Moment.CHECK_IN, True, False),
    StepKind.CHECK_OUT: KindTraits("check-out", True, False, Moment.CHECK_OUT, True, False),
    StepKind.INTRODUCTION: KindTraits("introduction", False, False, None, True, False, takes_proposal=True),
}


def kind_traits(kind: StepKind) -> KindTraits:
    """The traits of a kind of step."""
    return _TRAITS[kind]


def step_flags(phase: Phase) -> tuple[str, ...]:
    """The flags a step shows, as keys for the UI's words: its kind when flagged, then its rules in order."""
    traits = kind_traits(phase.kind)
    return ((traits.key,) if traits.flagged else ()) + tuple(rule.value for rule in sorted(phase.rules))
