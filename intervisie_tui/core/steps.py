"""Expanding a protocol into the concrete steps of one session.

Owns the step list: each phase once, the per-case-bringer blocks once per case-bringer, an opening review
when there are open actions to review, the planned seconds of each step (range choices applied) and who
speaks in turn.
"""

from __future__ import annotations

from dataclasses import dataclass

from .protocol import Phase, Protocol, Speakers


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
    def label(self) -> str:
        """The title with the case-bringer of a repeated block, for step lists and minutes."""
        if self.round is None:
            return self.phase.title
        return f"{self.phase.title} · {self.case_bringer or f'ronde {self.round}'}"


def speakers_for(phase: Phase, participants: tuple[str, ...], case_bringer: str | None) -> tuple[str, ...]:
    """Who speaks in turn in a phase, in order."""
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
) -> tuple[Step, ...]:
    """The ordered steps of a session with these participants, case-bringers and range choices."""
    entries: list[tuple[Phase, str | None, int | None]] = []
    if protocol.review is not None and with_review:
        entries.append((protocol.review, None, None))
    single_bringer = case_bringers[0] if case_bringers else None
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

    steps: list[Step] = []
    for index, (phase, bringer, number) in enumerate(entries):
        minutes = phase.minutes.choose(choices.get(phase.id))
        steps.append(
            Step(
                index=index,
                key=phase.id if number is None else f"{phase.id}-{number}",
                phase=phase,
                case_bringer=bringer,
                round=number,
                planned_seconds=None if minutes is None else minutes * 60,
                speakers=speakers_for(phase, participants, bringer) if phase.turns else (),
            )
        )
    return tuple(steps)
