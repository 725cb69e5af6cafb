"""The session engine: events, time per step, turns, projections and the save/restore round trip."""

from __future__ import annotations

import json

import pytest

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Session, SessionStateError, Setup, Status

from .helpers import bundled

PEOPLE = ("Ann", "Bo", "Cas", "Dirk")


def seven(clock: ManualClock, **setup: object) -> Session:
    return Session(bundled("zeven-stappen"), Setup(participants=PEOPLE, case_bringers=("Bo",), **setup), clock)  # type: ignore[arg-type]


def test_the_clock_only_runs_after_start_and_stops_on_pause(clock: ManualClock) -> None:
    session = seven(clock)
    clock.advance(30)
    assert session.status is Status.NOT_STARTED and session.remaining() == 300
    assert session.toggle() and session.status is Status.RUNNING
    clock.advance(60)
    assert session.remaining() == 240
    assert session.toggle() and session.status is Status.PAUSED
    clock.advance(600)
    assert session.remaining() == 240
    assert session.resume()
    clock.advance(10)
    assert session.remaining() == 230


def test_overrun_counts_negative_and_is_reported(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    clock.advance(5 * 60 + 42)
    assert session.remaining() == -42
    assert session.overrun(0) == 42


def test_moving_away_and_back_keeps_each_steps_time(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    clock.advance(100)
    assert session.next()
    clock.advance(50)
    assert session.previous()
    clock.advance(20)
    assert session.elapsed(0) == 120 and session.elapsed(1) == 50
    assert session.jump(5)
    clock.advance(7)
    assert [session.elapsed(i) for i in range(7)] == [120, 50, 0, 0, 0, 7, 0]
    assert not session.jump(7) and not session.jump(-1) and not session.jump(5)


def test_extend_adds_and_takes_minutes_but_never_below_zero(clock: ManualClock) -> None:
    session = seven(clock)
    assert session.extend(2)
    assert session.remaining() == 7 * 60
    assert session.extend(-10)
    assert session.planned() == 0
    assert not session.extend(-1)
    assert session.planned_total() == 50 * 60


def test_turns_split_time_and_track_who_spoke(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    assert session.current_speaker() == "Ann"
    assert session.speaker_share() == 300 / 4
    clock.advance(40)
    assert session.next_speaker() and session.current_speaker() == "Bo"
    clock.advance(25)
    assert session.speaker_seconds(0, "Ann") == 40 and session.speaker_seconds(0, "Bo") == 25
    for _ in range(3):
        session.next_speaker()
    assert session.current_speaker() is None
    assert not session.next_speaker()


def test_others_speak_in_turn_without_the_case_bringer(clock: ManualClock) -> None:
    session = Session(bundled("draaiboek-lang"), Setup(participants=PEOPLE, case_bringers=("Cas", "Ann")), clock)
    labels = [step.label for step in session.steps]
    assert labels[1:3] == ["Vraagintroductie · Cas", "Probleemverkenning · Cas"]
    assert labels[6:8] == ["Vraagintroductie · Ann", "Probleemverkenning · Ann"]
    assert session.steps[2].speakers == ("Ann", "Bo", "Dirk")
    assert session.steps[7].speakers == ("Bo", "Cas", "Dirk")


def test_range_choices_set_the_planned_minutes(clock: ManualClock) -> None:
    protocol = bundled("draaiboek-lang")
    session = Session(
        protocol, Setup(case_bringers=("A",), choices={"acclimatisering": 20, "probleemdefinitie": 99}), clock
    )
    assert session.planned(0) == 20 * 60
    assert session.planned(3) == 15 * 60
    assert session.steps[-1].planned_seconds is None and session.remaining(len(session.steps) - 1) is None


def test_projected_end_and_behind_follow_the_pace(clock: ManualClock) -> None:
    session = seven(clock)
    start = clock.now()
    session.start()
    assert session.planned_end() == session.projected_end()
    clock.advance(8 * 60)
    assert session.behind() == 3 * 60
    session.next()
    clock.advance(60)
    assert session.behind() == 3 * 60
    session.pause()
    clock.advance(120)
    assert session.behind() == 5 * 60
    assert (session.projected_end() - start).total_seconds() == 55 * 60


def test_finish_stops_the_clock_and_ignores_later_events(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    clock.advance(90)
    assert session.finish()
    clock.advance(90)
    assert session.elapsed_total() == 90
    assert session.ended_at == session.projected_end()
    assert not session.next() and not session.extend(1) and not session.toggle() and not session.next_speaker()
    assert session.status is Status.FINISHED


def test_review_step_opens_the_session_only_when_there_are_open_actions(clock: ManualClock) -> None:
    assert seven(clock).steps[0].key == "inventarisatie"
    session = seven(clock, open_actions=("Bo: rooster maken",))
    assert session.steps[0].key == "terugblik"
    assert session.planned_total() == 55 * 60


def test_state_round_trips_through_json_and_continues_identically(clock: ManualClock) -> None:
    session = seven(clock, title="Casus", group="Groep A", moderator="Ann", notulist="Dirk")
    session.start()
    clock.advance(70)
    session.next_speaker()
    session.set_notes(0, "Ann: lastige ouder")
    session.next()
    session.set_field(1, "learning-question", "Hoe blijf ik rustig?")
    session.extend(1)
    clock.advance(33)
    data = json.loads(json.dumps(session.to_dict()))
    restored = Session.from_dict(data, clock)
    clock.advance(45)
    assert restored.to_dict() == session.to_dict()
    assert restored.states[0].notes == "Ann: lastige ouder"


def test_restoring_paused_keeps_the_clock_still(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    clock.advance(10)
    restored = Session.from_dict(session.to_dict(), clock, paused=True)
    clock.advance(100)
    assert restored.status is Status.PAUSED and restored.elapsed() == 10


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(format=99),
        lambda d: d.pop("steps"),
        lambda d: d["steps"].pop(),
        lambda d: d.update(current=42),
        lambda d: d.update(status="sleeping"),
        lambda d: d["protocol"].update(phases=[]),
        lambda d: d["steps"][0].update(elapsed="veel"),
    ],
)
def test_damaged_state_is_refused_with_a_reason(clock: ManualClock, damage: object) -> None:
    data = seven(clock).to_dict()
    damage(data)  # type: ignore[operator]
    with pytest.raises(SessionStateError):
        Session.from_dict(data, clock)
