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
    def from_dict(cls, data: dict[str, Any], clock: Clock, *, paused: bool = False) -> Session:
        """Restore a session saved by `to_dict`; with `paused`, a running clock comes back paused."""
        try:
            return cls._restore(data, clock, paused)
        except SessionStateError:
            raise
        except ProtocolError as exc:
            raise SessionStateError(f"the saved protocol is not valid: {exc.problems[0].message}") from None
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            raise SessionStateError(f"saved session data is damaged ({type(exc).__name__}: {exc})") from None

    @classmethod
    def _restore(cls, data: dict[str, Any], clock: Clock, paused: bool) -> Session:
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            raise SessionStateError("not a saved session of a format this version knows")
        raw_setup = data["setup"]
        setup = Setup(
            title=str(raw_setup["title"]),
            group=str(raw_setup["group"]),
            participants=tuple(str(n) for n in raw_setup["participants"]),
            case_bringers=tuple(str(n) for n in raw_setup["case_bringers"]),
            moderator=str(raw_setup["moderator"]),
            notulist=str(raw_setup["notulist"]),
            choices={str(k): float(v) for k, v in raw_setup["choices"].items()},
            open_actions=tuple(str(a) for a in raw_setup["open_actions"]),
        )
        session = cls(protocol_from_mapping(data["protocol"]), setup, clock)
        saved_steps = data["steps"]
        if [s["key"] for s in saved_steps] != [s.key for s in session.steps]:
            raise SessionStateError("the saved steps do not match the protocol")
        session.states = [
            StepState(
                elapsed=float(s["elapsed"]),
                extension=float(s["extension"]),
                visited=bool(s["visited"]),
                turn=None if s["turn"] is None else int(s["turn"]),
                turn_started=float(s["turn_started"]),
                spoken={str(k): float(v) for k, v in s["spoken"].items()},
                notes=str(s["notes"]),
                fields={str(k): str(v) for k, v in s["fields"].items()},
            )
            for s in saved_steps
        ]
        current = int(data["current"])
        if not 0 <= current < len(session.steps):
            raise SessionStateError(f"saved step {current} does not exist")
        session.current = current
        session.status = Status(data["status"])
        session.created_at = datetime.fromisoformat(data["created_at"])
        session.started_at = datetime.fromisoformat(data["started_at"]) if data["started_at"] else None
        session.ended_at = datetime.fromisoformat(data["ended_at"]) if data["ended_at"] else None
        session.actions_done = {int(i) for i in data.get("actions_done", [])}
        if session.status is Status.RUNNING:
            if paused:
                session.status = Status.PAUSED
            else:
                session._segment_start = clock.monotonic()
        return session
