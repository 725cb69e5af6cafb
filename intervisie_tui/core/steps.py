"""Expanding a protocol into the concrete steps of one session.

Owns the step list: each phase once, the per-case-bringer blocks once per case-bringer, an opening review
when there are open actions to review, a check-in first and a check-out last when the session asks for them
and the protocol has none of its own, the planned seconds of each step (range choices applied), who speaks in
turn, and the unique key of each step (a break inserted later gets `pauze-N`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..words import Texts
from .added_steps import added_phases
from .kinds import kind_traits
from .protocol import Capture, Phase, Protocol, Speakers, StepKind

BREAK_KEY = "pauze"


@dataclass(frozen=True)
class Step:
    """One step of a session: a phase, for one case-bringer where the protocol repeats it."""

    index: int
    key: str
    phase: Phase
    case_bringer: str | None
    round: int | None
    planned_seconds: float | None
    speakers: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.phase.title

    @property
    def kind(self) -> StepKind:
        return self.phase.kind

    def label_in(self, texts: Texts) -> str:
        """The title with the case-bringer (or the round) of a repeated block, for step lists and minutes."""
        if self.round is None:
            return self.phase.title
        if self.case_bringer:
            return f"{self.phase.title} · {self.case_bringer}"
        return texts("step.round", title=self.phase.title, n=self.round)


def speakers_for(phase: Phase, participants: tuple[str, ...], case_bringer: str | None) -> tuple[str, ...]:
    """Who speaks in turn in a phase, in order; nobody where the phase has no turns or its kind takes none."""
    if not phase.turns or not kind_traits(phase.kind).takes_turns:
        return ()
    if phase.speakers is Speakers.MODERATOR:
        return ()
    if phase.speakers is Speakers.CASE_BRINGER:
        return (case_bringer,) if case_bringer else ()
    if phase.speakers is Speakers.OTHERS:
        return tuple(name for name in participants if name != case_bringer)
    return participants


def expand_steps(
    protocol: Protocol,
    participants: tuple[str, ...],
    case_bringers: tuple[str, ...],
    choices: dict[str, float],
    *,
    with_review: bool,
    check_in: bool = False,
    check_out: bool = False,
) -> tuple[Step, ...]:
    """The ordered steps of a session with these participants, case-bringers and range choices."""
    entries: list[tuple[Phase, str | None, int | None]] = []
    opening, closing = added_phases(protocol, check_in=check_in, check_out=check_out)
    single_bringer = case_bringers[0] if case_bringers else None
    if opening is not None:
        entries.append((opening, single_bringer, None))
    if protocol.review is not None and with_review:
        entries.append((protocol.review, None, None))
    rounds = case_bringers or (None,)
    block: list[Phase] = []

    def flush() -> None:
        for number, bringer in enumerate(rounds, start=1):
            entries.extend((phase, bringer, number) for phase in block)
        block.clear()

    for phase in protocol.phases:
        if phase.per_case_bringer:
            block.append(phase)
            continue
        flush()
        entries.append((phase, single_bringer, None))
    flush()
    if closing is not None:
        entries.append((closing, single_bringer, None))

    steps: list[Step] = []
    for index, (phase, bringer, number) in enumerate(entries):
        key = unique_key(phase.id if number is None else f"{phase.id}-{number}", (s.key for s in steps))
        minutes = phase.minutes.choose(choices.get(phase.id))
        steps.append(
            Step(
                index=index,
                key=key,
                phase=with_kind_fields(phase),
                case_bringer=bringer,
                round=number,
                planned_seconds=None if minutes is None else minutes * 60,
                speakers=speakers_for(phase, participants, bringer),
            )
        )
    return tuple(steps)


def with_kind_fields(phase: Phase) -> Phase:
    """The phase with the fields its kind records: a check-in or check-out captures the question asked."""
    if kind_traits(phase.kind).question_moment is None or Capture.QUESTION in phase.capture:
        return phase
    return replace(phase, capture=(Capture.QUESTION, *phase.capture))


def unique_key(key: str, taken: Iterable[str]) -> str:
    """The key itself when it is free, else the key with the first free number (`-2`, `-3`, …) added."""
    used = set(taken)
    number = 2
    candidate = key
    while candidate in used:
        candidate = f"{key}-{number}"
        number += 1
    return candidate


def next_break_key(steps: tuple[Step, ...]) -> str:
    """The key of the next inserted break: `pauze-N`, N one more than the breaks so far, never a key in use."""
    number = 1 + sum(1 for step in steps if step.kind is StepKind.BREAK)
    return unique_key(f"{BREAK_KEY}-{number}", (s.key for s in steps))


def break_step(phase: Phase, key: str, case_bringer: str | None) -> Step:
    """An inserted break step; its index is set by `renumbered` once it has its place."""
    return Step(
        index=-1,
        key=key,
        phase=phase,
        case_bringer=case_bringer,
        round=None,
        planned_seconds=(phase.minutes.default or 0.0) * 60,
        speakers=(),
    )


def renumbered(steps: Iterable[Step]) -> tuple[Step, ...]:
    """The steps with their indexes set to their places."""
    return tuple(replace(step, index=index) for index, step in enumerate(steps))
