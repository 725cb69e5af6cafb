"""The session state machine: where a running intervisie is, and how much time each step has used.

Owns the events (start, pause, resume, next, previous, jump, extend, next speaker, finish), the per-step
clocks, turns, notes and structured fields, the planned/actual/projected figures, and the whole state as
plain JSON-able data. Remaining time is always derived from the injected clock's timestamps, never counted
down per tick, so it stays true after a stall or a suspended process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from .clock import Clock
from .protocol import Protocol
from .protocol_loader import ProtocolError, protocol_from_mapping
from .steps import Step, expand_steps

STATE_FORMAT = 1
# Bounds of a restored session: ten years of time, a day per chosen phase, dates a clock can reach.
MAX_SECONDS = 10 * 365 * 24 * 3600.0
MAX_CHOICE_MINUTES = 24 * 60.0
EARLIEST_YEAR, LATEST_YEAR = 1970, 9000


class Status(StrEnum):
    NOT_STARTED = "not-started"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class SessionStateError(Exception):
    """Saved session data cannot be restored."""


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
        )
        self.states = [StepState() for _ in self.steps]
        self.status = Status.NOT_STARTED
        self.current = 0
        self.created_at: datetime = clock.now()
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.actions_done: set[int] = set()
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

    # ----- derived figures ----------------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.steps[self.current]

    @property
    def running(self) -> bool:
        return self.status is Status.RUNNING

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

    def overrun(self, index: int) -> float:
        """Seconds a step ran past its original plan (negative when it ended early)."""
        planned = self.steps[index].planned_seconds
        return 0.0 if planned is None else self.elapsed(index) - planned

    def planned_total(self) -> float:
        """The original plan for the whole session, in seconds."""
        return sum(step.planned_seconds or 0.0 for step in self.steps)

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

    def planned_end(self) -> datetime:
        """When the session would end if every step kept to its original plan."""
        start = self.started_at or self.clock.now()
        return start + timedelta(seconds=self.planned_total())

    def projected_end(self) -> datetime:
        """When the session will end at the current pace: now plus what the plan still has to go."""
        if self.ended_at is not None:
            return self.ended_at
        return self.clock.now() + timedelta(seconds=self.seconds_to_go())

    def behind(self) -> float:
        """Seconds the projected end lies past the planned end (negative when ahead)."""
        return (self.projected_end() - self.planned_end()).total_seconds()

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

    def _enter(self, index: int) -> None:
        state = self.states[index]
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
            },
            "status": self.status.value,
            "current": self.current,
            "created_at": self.created_at.isoformat(),
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "actions_done": sorted(self.actions_done),
            "steps": [
                {
                    "key": step.key,
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
        )
        session = cls(protocol_from_mapping(saved.raw("protocol")), setup, clock)
        saved_steps = saved.items("steps")
        if [s.text("key") for s in saved_steps] != [s.key for s in session.steps]:
            raise SessionStateError("the saved steps do not match the protocol")
        session.states = [_step_state(step, s) for step, s in zip(session.steps, saved_steps, strict=True)]
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
