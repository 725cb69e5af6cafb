"""The session state machine: where a running intervisie is, and how much time each step has used.

Owns the events (start, pause, resume, next, previous, jump, extend, next speaker, insert a break, set the
case-bringer, take a topic proposal as the introduction's messages, finish), the per-step clocks, turns, notes
and structured fields (the question asked at a check-in or check-out among them), the planned/actual/projected
figures with and without the moderator's extensions, when a break is due, and the whole state as plain
JSON-able data. Remaining time is always derived from the injected clock's timestamps, never counted down per
tick, so it stays true after a stall or a suspended process.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from .added_steps import MAX_BREAK_MINUTES, break_phase
from .clock import Clock
from .errors import UserError
from .kinds import kind_traits
from .proposals import TopicProposal
from .protocol import Capture, Message, Protocol
from .protocol_loader import ProtocolError, protocol_from_mapping
from .steps import Step, break_step, expand_steps, next_break_key, renumbered, speakers_for

STATE_FORMAT = 1
# Bounds of a restored session: ten years of time, a day per chosen phase, dates a clock can reach.
MAX_SECONDS = 10 * 365 * 24 * 3600.0
MAX_CHOICE_MINUTES = 24 * 60.0
EARLIEST_YEAR, LATEST_YEAR = 1970, 9000
# Seed 001: a short break every hour of session time.
BREAK_EVERY_SECONDS = 3600.0
# A break asked for within this many seconds of opening a step comes before that step, not after it.
BREAK_GRACE_SECONDS = 60.0


class Status(StrEnum):
    NOT_STARTED = "not-started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class SessionStateError(UserError):
    """Saved session data cannot be restored; the message says why (in English where it names a saved field)."""


@dataclass
class StepState:
    """What happened in one step: time used, extension, turns, notes."""

    elapsed: float = 0.0
    extension: float = 0.0
    visited: bool = False
    turn: int | None = None
    turn_started: float = 0.0
    spoken: dict[str, float] = field(default_factory=dict)
    notes: str = ""
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Setup:
    """Who takes part and how the protocol's ranges were chosen."""

    title: str = ""
    group: str = ""
    participants: tuple[str, ...] = ()
    case_bringers: tuple[str, ...] = ()
    moderator: str = ""
    notulist: str = ""
    choices: dict[str, float] = field(default_factory=dict)
    open_actions: tuple[str, ...] = ()
    check_in: bool | None = None
    """Open with a check-in; None: as the protocol says (`check_in:` in its file)."""
    check_out: bool | None = None
    """Close with a check-out; None: as the protocol says (`check_out:` in its file)."""
    proposal: TopicProposal | None = None
    """The topic proposal taken for the session: the messages of its introduction step."""

    def wants_check_in(self, protocol: Protocol) -> bool:
        return protocol.check_in if self.check_in is None else self.check_in

    def wants_check_out(self, protocol: Protocol) -> bool:
        return protocol.check_out if self.check_out is None else self.check_out


class Session:
    """One intervisie session over an expanded list of steps, driven by events."""

    def __init__(self, protocol: Protocol, setup: Setup, clock: Clock) -> None:
        self.protocol = protocol
        self.setup = setup
        self.clock = clock
        self.steps: tuple[Step, ...] = expand_steps(
            protocol,
            setup.participants,
            setup.case_bringers,
            setup.choices,
            with_review=bool(setup.open_actions),
            check_in=setup.wants_check_in(protocol),
            check_out=setup.wants_check_out(protocol),
        )
        self.states = [StepState() for _ in self.steps]
        self.status = Status.NOT_STARTED
        self.current = 0
        self.created_at: datetime = clock.now()
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.actions_done: set[int] = set()
        self.inserted: set[str] = set()
        """Keys of the steps inserted while the session ran (breaks)."""
        self.work_mark = 0.0
        """Seconds of work (time outside breaks) the session had when it last entered a break."""
        self._segment_start: float | None = None
        self._enter(0)

    # ----- events -------------------------------------------------------------------------------------------

    def start(self) -> bool:
        if self.status is not Status.NOT_STARTED:
            return False
        self.started_at = self.clock.now()
        self._run()
        return True

    def pause(self) -> bool:
        if self.status is not Status.RUNNING:
            return False
        self._fold()
        self.status = Status.PAUSED
        return True

    def resume(self) -> bool:
        if self.status is not Status.PAUSED:
            return False
        self._run()
        return True

    def toggle(self) -> bool:
        """Start, pause or resume: what the one start/pause key does."""
        if self.status is Status.NOT_STARTED:
            return self.start()
        if self.status is Status.RUNNING:
            return self.pause()
        return self.resume()

    def next(self) -> bool:
        return self.jump(self.current + 1)

    def previous(self) -> bool:
        return self.jump(self.current - 1)

    def jump(self, index: int) -> bool:
        if not 0 <= index < len(self.steps) or index == self.current or self.status is Status.FINISHED:
            return False
        running = self.status is Status.RUNNING
        self._fold()
        self.current = index
        self._enter(index)
        if running:
            self._segment_start = self.clock.monotonic()
        return True

    def extend(self, minutes: float) -> bool:
        """Add (or with a negative number take) minutes to the current step; never below zero planned."""
        step = self.steps[self.current]
        if step.planned_seconds is None or self.status is Status.FINISHED or minutes == 0:
            return False
        state = self.states[self.current]
        new_extension = max(state.extension + minutes * 60, -step.planned_seconds)
        if new_extension == state.extension:
            return False
        state.extension = new_extension
        return True

    def next_speaker(self) -> bool:
        state = self.states[self.current]
        speakers = self.steps[self.current].speakers
        if state.turn is None or not speakers or self.status is Status.FINISHED:
            return False
        now = self.elapsed(self.current)
        name = speakers[state.turn]
        state.spoken[name] = state.spoken.get(name, 0.0) + now - state.turn_started
        state.turn = state.turn + 1 if state.turn + 1 < len(speakers) else None
        state.turn_started = now
        return True

    def finish(self) -> bool:
        if self.status is Status.FINISHED:
            return False
        self._fold()
        if self.started_at is None:
            self.started_at = self.clock.now()
        self.status = Status.FINISHED
        self.ended_at = self.clock.now()
        return True

    def set_notes(self, index: int, text: str) -> None:
        self.states[index].notes = text

    def set_field(self, index: int, name: str, text: str) -> None:
        self.states[index].fields[name] = text

    def mark_action(self, index: int, done: bool) -> None:
        """Tick off (or reopen) one of the open actions carried over from the group's last session."""
        if 0 <= index < len(self.setup.open_actions):
            (self.actions_done.add if done else self.actions_done.discard)(index)

    def insert_break(self, minutes: float) -> bool:
        """A timed break, now: the session moves to a new break step of this many minutes.

        The break takes the current step's place when that step has run less than BREAK_GRACE_SECONDS (the
        moderator has only just opened it, so the group goes on with it after the break), and comes right
        after the current step otherwise. The clock keeps running if it was. False when the session is
        finished or the minutes are not more than 0 and at most MAX_BREAK_MINUTES.
        """
        if self.status is Status.FINISHED or not 0 < minutes <= MAX_BREAK_MINUTES:
            return False
        running = self.status is Status.RUNNING
        self._fold()
        place = self.current if self.elapsed() < BREAK_GRACE_SECONDS else self.current + 1
        pause = break_step(break_phase(minutes), next_break_key(self.steps), self.step.case_bringer)
        steps = list(self.steps)
        steps.insert(place, pause)
        self.steps = renumbered(steps)
        self.inserted.add(pause.key)
        self.states.insert(place, StepState())
        self.current = place
        self._enter(place)
        if running:
            self._segment_start = self.clock.monotonic()
        return True

    def set_case_bringer(self, name: str) -> bool:
        """Name (or change) the case-bringer from the current step on, for a protocol without rounds.

        The current step and every later one take the name, with their speakers (turns that leave the
        case-bringer out) and so the owner of their actions; a step whose turns have already begun keeps its
        own. False when the protocol repeats steps per case-bringer (the order is fixed at the start), when
        the session is finished, the name is blank, or nothing changes.
        """
        name = name.strip()
        if not name or self.status is Status.FINISHED or self.has_rounds:
            return False
        steps = list(self.steps)
        for index in range(self.current, len(steps)):
            step = steps[index]
            if step.case_bringer == name or self._turns_begun(index):
                continue
            steps[index] = replace(
                step, case_bringer=name, speakers=speakers_for(step.phase, self.setup.participants, name)
            )
            self._restart_turns(index, steps[index])
        if steps == list(self.steps):
            return False
        self.steps = tuple(steps)
        self.setup = replace(self.setup, case_bringers=(name,))
        return True

    def take_proposal(self, proposal: TopicProposal) -> bool:
        """Take a topic proposal as the messages of the session's introduction step (one whose kind takes one).

        False when the protocol has no such step, the session is finished or the proposal has no question. The
        session keeps what it saves: who proposed it and the three parts, not the proposal's file.
        """
        if self.status is Status.FINISHED or not proposal.question.strip() or self.introduction_index() is None:
            return False
        kept = TopicProposal(self.setup.group, *(getattr(proposal, key) for key in PROPOSAL_KEYS))
        self.setup = replace(self.setup, proposal=kept)
        return True

    def introduction_index(self) -> int | None:
        """The index of the first step that takes a topic proposal as its messages; None without one."""
        return next((step.index for step in self.steps if kind_traits(step.kind).takes_proposal), None)

    def set_question(self, index: int, question: str) -> bool:
        """Record the question asked in a check-in or check-out step; False for a step of another kind."""
        if kind_traits(self.steps[index].kind).question_moment is None:
            return False
        self.states[index].fields[Capture.QUESTION] = question
        return True

    # ----- derived figures ----------------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.steps[self.current]

    @property
    def running(self) -> bool:
        return self.status is Status.RUNNING

    @property
    def has_rounds(self) -> bool:
        """Whether the protocol repeats steps per case-bringer (then the case-bringers are fixed at the start)."""
        return any(phase.per_case_bringer for phase in self.protocol.phases)

    def question(self, index: int | None = None) -> str:
        """The question recorded for a check-in or check-out step; empty when none was asked yet."""
        index = self.current if index is None else index
        return self.states[index].fields.get(Capture.QUESTION, "")

    def prompts(self, index: int | None = None) -> tuple[Message, ...]:
        """What the moderator says or pastes in a step, one message each, in order: the phase's messages (in an
        introduction step, the taken proposal's question, introduction and link instead), then the question
        asked when the step records one. Directions to the moderator are never among them.
        """
        index = self.current if index is None else index
        proposal = self.setup.proposal
        if proposal is not None and index == self.introduction_index():
            said = tuple(Message(part) for part in proposal.messages())
        else:
            said = self.steps[index].phase.say
        question = self.question(index).strip()
        return said + ((Message(question),) if question else ())

    def messages(self, index: int | None = None) -> tuple[str, ...]:
        """The texts of `prompts`: what F2 copies, one message at a time."""
        return tuple(message.text for message in self.prompts(index))

    def unvisited_steps(self) -> tuple[Step, ...]:
        """The steps the session never opened, in order (finishing asks first and names them)."""
        return tuple(step for step, state in zip(self.steps, self.states, strict=True) if not state.visited)

    def elapsed(self, index: int | None = None) -> float:
        """Seconds a step has run, its live segment included."""
        index = self.current if index is None else index
        live = 0.0
        if index == self.current and self._segment_start is not None:
            live = self.clock.monotonic() - self._segment_start
        return self.states[index].elapsed + live

    def planned(self, index: int | None = None) -> float | None:
        """Planned seconds of a step, extensions included; None for an open-ended step."""
        index = self.current if index is None else index
        base = self.steps[index].planned_seconds
        return None if base is None else base + self.states[index].extension

    def remaining(self, index: int | None = None) -> float | None:
        """Seconds left in a step, negative in overrun; None for an open-ended step."""
        planned = self.planned(index)
        return None if planned is None else planned - self.elapsed(index)

    def overrun(self, index: int, *, with_extensions: bool = False) -> float:
        """Seconds a step ran past its plan (negative when it ended early): the original plan, or the plan
        with the moderator's extensions."""
        planned = self.planned(index) if with_extensions else self.steps[index].planned_seconds
        return 0.0 if planned is None else self.elapsed(index) - planned

    def planned_total(self, *, with_extensions: bool = False) -> float:
        """The plan for the whole session in seconds, breaks and added steps included: as planned at the
        start and on inserting breaks, or with the moderator's ±minutes on top."""
        original = sum(step.planned_seconds or 0.0 for step in self.steps)
        return original + (self.extensions_total() if with_extensions else 0.0)

    def extensions_total(self) -> float:
        """Seconds the moderator added to (or, negative, took from) the steps' plans."""
        return sum(state.extension for step, state in zip(self.steps, self.states, strict=True) if step.planned_seconds)

    def work_seconds(self) -> float:
        """Seconds the session's clock has run outside breaks."""
        return sum(self.elapsed(step.index) for step in self.steps if not kind_traits(step.kind).ends_work_stretch)

    def seconds_since_break(self) -> float:
        """Seconds of work since the session started or last entered a break."""
        return self.work_seconds() - self.work_mark

    def break_due(self) -> bool:
        """Whether to suggest a break: an hour of work since the start or the last break, not in a break now."""
        return (
            self.status in (Status.RUNNING, Status.PAUSED)
            and not kind_traits(self.step.kind).ends_work_stretch
            and self.seconds_since_break() >= BREAK_EVERY_SECONDS
        )

    def elapsed_total(self) -> float:
        """Seconds the session's clock has run, over all steps."""
        return sum(self.elapsed(i) for i in range(len(self.steps)))

    def seconds_to_go(self) -> float:
        """Planned seconds still ahead from now: what is left of this step and of every later one."""
        total = 0.0
        for index in range(self.current, len(self.steps)):
            left = self.remaining(index)
            total += max(left, 0.0) if left is not None else 0.0
        return total

    def planned_end(self, *, with_extensions: bool = False) -> datetime:
        """When the session would end if every step kept to its plan (with the extensions, if asked)."""
        start = self.started_at or self.clock.now()
        return start + timedelta(seconds=self.planned_total(with_extensions=with_extensions))

    def projected_end(self) -> datetime:
        """When the session will end at the current pace: now plus what the plan still has to go."""
        if self.ended_at is not None:
            return self.ended_at
        return self.clock.now() + timedelta(seconds=self.seconds_to_go())

    def behind(self, *, with_extensions: bool = False) -> float:
        """Seconds the projected end lies past the planned end (negative when ahead)."""
        return (self.projected_end() - self.planned_end(with_extensions=with_extensions)).total_seconds()

    def current_speaker(self) -> str | None:
        state = self.states[self.current]
        speakers = self.steps[self.current].speakers
        return None if state.turn is None or not speakers else speakers[state.turn]

    def speaker_seconds(self, index: int, name: str) -> float:
        """Seconds a speaker has used in a step, their live turn included."""
        state = self.states[index]
        used = state.spoken.get(name, 0.0)
        speakers = self.steps[index].speakers
        if state.turn is not None and speakers and speakers[state.turn] == name:
            used += self.elapsed(index) - state.turn_started
        return used

    def speaker_share(self, index: int | None = None) -> float | None:
        """Each speaker's share of a step's planned time, in seconds."""
        index = self.current if index is None else index
        planned = self.planned(index)
        speakers = self.steps[index].speakers
        return None if planned is None or not speakers else planned / len(speakers)

    # ----- internals ----------------------------------------------------------------------------------------

    def _run(self) -> None:
        self.status = Status.RUNNING
        self._segment_start = self.clock.monotonic()

    def _fold(self) -> None:
        """Close the live segment into the current step's elapsed time."""
        if self._segment_start is None:
            return
        self.states[self.current].elapsed += self.clock.monotonic() - self._segment_start
        self._segment_start = None

    def _turns_begun(self, index: int) -> bool:
        """Whether someone has spoken in a step's turns (or its turns are over)."""
        state = self.states[index]
        if not state.visited or not self.steps[index].speakers:
            return False
        return bool(state.spoken) or state.turn != 0 or self.elapsed(index) > state.turn_started

    def _restart_turns(self, index: int, step: Step) -> None:
        """Put a visited step whose turns have not begun at its first speaker (or none) after its speakers changed."""
        state = self.states[index]
        if state.visited:
            state.turn = 0 if step.speakers else None
            state.turn_started = self.elapsed(index)

    def _enter(self, index: int) -> None:
        state = self.states[index]
        if kind_traits(self.steps[index].kind).ends_work_stretch:
            self.work_mark = self.work_seconds()
        if not state.visited:
            state.visited = True
            if self.steps[index].speakers:
                state.turn = 0
                state.turn_started = state.elapsed

    # ----- persistence --------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The whole state as plain data; the live segment is counted in, nothing is changed."""
        setup = self.setup
        return {
            "format": STATE_FORMAT,
            "protocol": self.protocol.raw,
            "setup": {
                "title": setup.title,
                "group": setup.group,
                "participants": list(setup.participants),
                "case_bringers": list(setup.case_bringers),
                "moderator": setup.moderator,
                "notulist": setup.notulist,
                "choices": dict(setup.choices),
                "open_actions": list(setup.open_actions),
                "check_in": setup.check_in,
                "check_out": setup.check_out,
                **({"proposal": _proposal_data(setup.proposal)} if setup.proposal else {}),
            },
            "status": self.status.value,
            "current": self.current,
            "created_at": self.created_at.isoformat(),
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "actions_done": sorted(self.actions_done),
            "work_mark": self.work_mark,
            "steps": [
                {
                    "key": step.key,
                    "case_bringer": step.case_bringer,
                    **({"break_minutes": step.phase.minutes.default} if step.key in self.inserted else {}),
                    "elapsed": self.elapsed(step.index),
                    "extension": state.extension,
                    "visited": state.visited,
                    "turn": state.turn,
                    "turn_started": state.turn_started,
                    "spoken": dict(state.spoken),
                    "notes": state.notes,
                    "fields": dict(state.fields),
                }
                for step, state in zip(self.steps, self.states, strict=True)
            ],
        }

    @classmethod
    def from_dict(cls, data: Any, clock: Clock, *, paused: bool = False) -> Session:
        """Restore a session saved by `to_dict`; with `paused`, a running clock comes back paused.

        Every value is checked before it is used (types, finite numbers within bounds, indexes in range, times
        with a time zone); a failure raises SessionStateError naming the field, never quoting its content.
        """
        try:
            return cls._restore(_Saved(data, ""), clock, paused)
        except ProtocolError:
            raise SessionStateError("the saved protocol is not valid") from None
        except RecursionError:
            raise SessionStateError("the saved data is nested too deeply") from None

    @classmethod
    def _restore(cls, saved: _Saved, clock: Clock, paused: bool) -> Session:
        if saved.raw("format") != STATE_FORMAT or type(saved.raw("format")) is not int:
            raise SessionStateError("not a saved session of a format this version knows")
        raw_setup = saved.sub("setup")
        setup = Setup(
            title=raw_setup.text("title"),
            group=raw_setup.text("group"),
            participants=raw_setup.texts("participants"),
            case_bringers=raw_setup.texts("case_bringers"),
            moderator=raw_setup.text("moderator"),
            notulist=raw_setup.text("notulist"),
            choices=raw_setup.numbers("choices", high=MAX_CHOICE_MINUTES),
            open_actions=raw_setup.texts("open_actions"),
            check_in=raw_setup.optional_flag("check_in"),
            check_out=raw_setup.optional_flag("check_out"),
            proposal=_saved_proposal(raw_setup) if "proposal" in raw_setup.data else None,
        )
        session = cls(protocol_from_mapping(saved.raw("protocol")), setup, clock)
        saved_steps = saved.items("steps")
        session.steps = _saved_steps(session, saved_steps)
        session.states = [_step_state(step, s) for step, s in zip(session.steps, saved_steps, strict=True)]
        session.work_mark = saved.number("work_mark", high=session.work_seconds()) if "work_mark" in saved.data else 0.0
        session.current = saved.whole("current", 0, len(session.steps) - 1)
        status = saved.text("status")
        if status not in {s.value for s in Status}:
            raise SessionStateError("status is not a known status")
        session.status = Status(status)
        session.created_at = saved.moment("created_at")
        session.started_at = saved.optional_moment("started_at")
        session.ended_at = saved.optional_moment("ended_at")
        actions = saved.raw("actions_done") if "actions_done" in saved.data else []
        if not isinstance(actions, list):
            raise SessionStateError("actions_done must be a list")
        session.actions_done = {_whole(a, "actions_done", 0, len(setup.open_actions) - 1) for a in actions}
        if max(session.planned_total(), session.elapsed_total(), session.seconds_to_go()) > MAX_SECONDS:
            raise SessionStateError("the saved times add up to more than ten years")
        if session.status is Status.RUNNING:
            if paused:
                session.status = Status.PAUSED
            else:
                session._segment_start = clock.monotonic()
        return session


PROPOSAL_KEYS = ("name", "question", "introduction", "link")


def _proposal_data(proposal: TopicProposal) -> dict[str, str]:
    return {key: getattr(proposal, key) for key in PROPOSAL_KEYS}


def _saved_proposal(setup: _Saved) -> TopicProposal:
    """The taken proposal as saved: its four texts, a question among them."""
    saved = setup.sub("proposal")
    name, question, introduction, link = (saved.text(key) for key in PROPOSAL_KEYS)
    if not question.strip():
        raise SessionStateError(f"{saved.name('question')} must not be empty")
    return TopicProposal(setup.text("group"), name, question, introduction, link)


def _saved_steps(session: Session, saved_steps: list[_Saved]) -> tuple[Step, ...]:
    """The steps as saved: the protocol's in their order, with the saved breaks between them and, where the
    protocol has no rounds, each step's own case-bringer (with the turns that follow from it)."""
    planned = iter(session.steps)
    steps: list[Step] = []
    for saved in saved_steps:
        key = saved.text("key")
        if "break_minutes" in saved.data:
            minutes = saved.number("break_minutes", low=0.0, high=MAX_BREAK_MINUTES)
            if minutes == 0 or key in {s.key for s in session.steps} | {s.key for s in steps}:
                raise SessionStateError(f"{saved.name('break_minutes')} must be a break of its own, over 0 minutes")
            bringer = None if saved.raw("case_bringer") is None else saved.text("case_bringer")
            steps.append(break_step(break_phase(minutes), key, bringer))
            session.inserted.add(key)
            continue
        step = next(planned, None)
        if step is None or step.key != key:
            raise SessionStateError("the saved steps do not match the protocol")
        steps.append(_with_case_bringer(session, step, saved) if "case_bringer" in saved.data else step)
    if next(planned, None) is not None:
        raise SessionStateError("the saved steps do not match the protocol")
    return renumbered(steps)


def _with_case_bringer(session: Session, step: Step, saved: _Saved) -> Step:
    bringer = None if saved.raw("case_bringer") is None else saved.text("case_bringer")
    if bringer == step.case_bringer:
        return step
    if session.has_rounds:
        raise SessionStateError(f"{saved.name('case_bringer')} must be the case-bringer of its round")
    return replace(step, case_bringer=bringer, speakers=speakers_for(step.phase, session.setup.participants, bringer))


def _step_state(step: Step, saved: _Saved) -> StepState:
    """One step's saved state, checked against the step it belongs to."""
    planned = step.planned_seconds or 0.0
    speakers = len(step.speakers)
    return StepState(
        elapsed=saved.number("elapsed"),
        extension=saved.number("extension", low=-planned),
        visited=saved.flag("visited"),
        turn=None if saved.raw("turn") is None else saved.whole("turn", 0, speakers - 1),
        turn_started=saved.number("turn_started"),
        spoken=saved.numbers("spoken"),
        notes=saved.text("notes"),
        fields=saved.text_map("fields"),
    )


def _number(value: Any, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise SessionStateError(f"{where} must be a number from {low:.0f} to {high:.0f}")
    return float(value)


def _whole(value: Any, where: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        if low > high:
            raise SessionStateError(f"{where} must be null here")
        raise SessionStateError(f"{where} must be a whole number from {low} to {high}")
    return value


class _Saved:
    """One saved mapping, read field by field; a failure names the field (`steps[2].elapsed`), never its content."""

    def __init__(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            raise SessionStateError(f"{where or 'the saved session'} must be a mapping")
        self.data: dict[str, Any] = value
        self.where = where

    def name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise SessionStateError(f"{self.name(key)} is missing")
        return self.data[key]

    def sub(self, key: str) -> _Saved:
        return _Saved(self.raw(key), self.name(key))

    def items(self, key: str) -> list[_Saved]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise SessionStateError(f"{self.name(key)} must be a list")
        return [_Saved(item, f"{self.name(key)}[{i}]") for i, item in enumerate(value)]

    def text(self, key: str) -> str:
        value = self.raw(key)
        if not isinstance(value, str):
            raise SessionStateError(f"{self.name(key)} must be text")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise SessionStateError(f"{self.name(key)} must be a list of texts")
        return tuple(value)

    def text_map(self, key: str) -> dict[str, str]:
        value = self.raw(key)
        if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
            raise SessionStateError(f"{self.name(key)} must map names to texts")
        return dict(value)

    def optional_flag(self, key: str) -> bool | None:
        """True, false or null; a missing key (a session saved before the key existed) is null."""
        if key not in self.data or self.data[key] is None:
            return None
        return self.flag(key)

    def flag(self, key: str) -> bool:
        value = self.raw(key)
        if not isinstance(value, bool):
            raise SessionStateError(f"{self.name(key)} must be true or false")
        return value

    def number(self, key: str, *, low: float = 0.0, high: float = MAX_SECONDS) -> float:
        return _number(self.raw(key), self.name(key), low, high)

    def numbers(self, key: str, *, high: float = MAX_SECONDS) -> dict[str, float]:
        value = self.raw(key)
        if not isinstance(value, dict):
            raise SessionStateError(f"{self.name(key)} must map names to numbers")
        return {name: _number(item, self.name(key), 0.0, high) for name, item in value.items()}

    def whole(self, key: str, low: int, high: int) -> int:
        return _whole(self.raw(key), self.name(key), low, high)

    def moment(self, key: str) -> datetime:
        value = self.raw(key)
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.utcoffset() is None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise SessionStateError(f"{self.name(key)} must be a date and time with its time zone")
        return moment

    def optional_moment(self, key: str) -> datetime | None:
        return None if self.raw(key) is None else self.moment(key)
