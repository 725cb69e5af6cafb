"""The session engine: events, time per step, turns, projections and the save/restore round trip."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.protocol import Capture, Protocol, StepKind
from intervisie_tui.core.session import Session, SessionStateError, Setup, Status
from intervisie_tui.words import Texts

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
    labels = [step.label_in(Texts("nl")) for step in session.steps]
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


def duo(clock: ManualClock, **setup: object) -> Session:
    return Session(bundled("duo-uitwisseling"), Setup(participants=PEOPLE, **setup), clock)  # type: ignore[arg-type]


def test_a_break_comes_now_and_shows_in_the_steps_and_the_figures(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    clock.advance(5 * 60)
    end_before = session.projected_end()
    assert session.insert_break(5)
    assert [s.key for s in session.steps][:3] == ["inventarisatie", "pauze-1", "introductie"]
    assert session.current == 1 and session.step.kind is StepKind.BREAK and session.step.title == "Pauze"
    assert session.running and session.remaining() == 5 * 60
    assert session.planned_total() == 55 * 60
    assert (session.projected_end() - end_before).total_seconds() == 5 * 60
    assert [s.index for s in session.steps] == list(range(8))
    clock.advance(60)
    assert session.next() and session.step.key == "introductie"
    assert session.elapsed(1) == 60 and session.elapsed(0) == 5 * 60


def test_a_break_asked_for_just_after_opening_a_step_comes_before_it(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    clock.advance(5 * 60)
    session.next()
    clock.advance(20)
    assert session.insert_break(10)
    assert [s.key for s in session.steps][1:3] == ["pauze-1", "introductie"]
    assert session.current == 1
    session.next()
    assert session.step.key == "introductie" and session.elapsed() == 20
    assert session.insert_break(5)
    assert [s.key for s in session.steps][1:4] == ["pauze-1", "pauze-2", "introductie"] and session.current == 2


def test_breaks_are_bounded_and_refused_after_the_end(clock: ManualClock) -> None:
    session = seven(clock)
    assert not session.insert_break(0) and not session.insert_break(61) and not session.insert_break(float("nan"))
    session.finish()
    assert not session.insert_break(5)
    assert len(session.steps) == 7


def test_a_break_is_suggested_after_an_hour_of_work_without_one(clock: ManualClock) -> None:
    session = Session(bundled("draaiboek-lang"), Setup(participants=PEOPLE, case_bringers=("Ann", "Bo")), clock)
    assert not session.break_due()
    session.start()
    clock.advance(59 * 60)
    assert not session.break_due()
    clock.advance(60)
    assert session.break_due() and session.seconds_since_break() == 3600
    session.insert_break(5)
    assert not session.break_due()
    clock.advance(10 * 60)
    session.next()
    assert not session.break_due() and session.seconds_since_break() == 0
    clock.advance(3600)
    assert session.break_due()
    session.pause()
    assert session.break_due()
    session.finish()
    assert not session.break_due()


def test_breaks_survive_save_and_restore_with_their_minutes(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    clock.advance(5 * 60)
    session.insert_break(7)
    clock.advance(3 * 60)
    restored = Session.from_dict(json.loads(json.dumps(session.to_dict())), clock)
    assert [s.key for s in restored.steps] == [s.key for s in session.steps]
    assert restored.step.kind is StepKind.BREAK and restored.planned() == 7 * 60 and restored.elapsed() == 180
    assert restored.to_dict() == session.to_dict()
    assert restored.insert_break(5) and restored.step.key == "pauze-2"


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["steps"][1].update(break_minutes=0),
        lambda d: d["steps"][1].update(break_minutes=61),
        lambda d: d["steps"][1].update(break_minutes="vijf"),
        lambda d: d["steps"][1].update(key="introductie"),
        lambda d: d["steps"][0].update(break_minutes=5),
        lambda d: d["steps"].insert(0, dict(d["steps"][1])),
        lambda d: d.update(work_mark=10**6),
        lambda d: d["setup"].update(check_in="ja"),
        lambda d: d["steps"][2].update(case_bringer=3),
    ],
)
def test_damaged_breaks_and_new_fields_are_refused(clock: ManualClock, damage: object) -> None:
    session = seven(clock)
    session.start()
    clock.advance(5 * 60)
    session.insert_break(5)
    data = session.to_dict()
    damage(data)  # type: ignore[operator]
    with pytest.raises(SessionStateError):
        Session.from_dict(data, clock)


def test_a_state_saved_before_kinds_existed_still_restores(clock: ManualClock) -> None:
    data = seven(clock).to_dict()
    data.pop("work_mark")
    del data["setup"]["check_in"], data["setup"]["check_out"]
    for step in data["steps"]:
        step.pop("case_bringer")
    assert Session.from_dict(data, clock).to_dict() == seven(clock).to_dict()


def test_check_in_and_out_follow_the_protocol_unless_the_setup_says_otherwise(clock: ManualClock) -> None:
    keys = [s.key for s in duo(clock).steps]
    assert keys[0] == "check-in" and keys[-1] == "check-out" and len(keys) == 10
    assert duo(clock).planned_total() == 18 * 60
    assert duo(clock, check_in=False, check_out=False).steps[0].key == "vertellen-a"
    assert duo(clock, choices={"check-in": 2}).planned(0) == 120
    assert seven(clock).steps[0].key == "inventarisatie"
    opened = seven(clock, check_in=True, check_out=True, open_actions=("Bo: bellen",))
    assert [s.key for s in opened.steps][:2] == ["check-in", "terugblik"] and opened.steps[-1].key == "check-out"
    own = Session(bundled("chat-sessie"), Setup(check_in=True, check_out=True), clock)
    assert [s.key for s in own.steps].count("check-in") == 1 and [s.key for s in own.steps].count("check-out") == 1


def test_a_check_in_records_the_question_asked_and_offers_it_to_copy(clock: ManualClock) -> None:
    session = duo(clock)
    assert session.step.kind is StepKind.CHECK_IN and Capture.QUESTION in session.step.phase.capture
    assert session.set_question(0, "Welk woord past vandaag bij je?")
    assert session.question() == "Welk woord past vandaag bij je?"
    assert session.messages()[-1] == "Welk woord past vandaag bij je?" and len(session.messages()) == 2
    assert not session.set_question(1, "Mag niet")
    restored = Session.from_dict(session.to_dict(), clock)
    assert restored.question(0) == "Welk woord past vandaag bij je?"
    own = Session(bundled("chat-sessie"), Setup(), clock)
    assert own.set_question(1, "Hoe gaat het?") and Capture.QUESTION in own.steps[1].phase.capture


def test_messages_are_what_is_said_never_the_directions(clock: ManualClock) -> None:
    session = Session(bundled("chat-sessie"), Setup(), clock)
    inleiding = next(s.index for s in session.steps if s.key == "inleiding")
    messages = session.messages(inleiding)
    assert messages == ("Het onderwerp van vandaag is deze vraag: …", "Lees of bekijk samen deze bron: …")
    assert session.steps[inleiding].phase.directions


def test_the_case_bringer_chosen_during_the_session_owns_what_follows(clock: ManualClock) -> None:
    session = Session(bundled("zeven-stappen"), Setup(participants=PEOPLE), clock)
    session.start()
    assert session.steps[1].case_bringer is None
    assert session.set_case_bringer(" Cas ")
    assert {s.case_bringer for s in session.steps} == {"Cas"} and session.setup.case_bringers == ("Cas",)
    clock.advance(60)
    session.next()
    assert session.set_case_bringer("Dirk")
    assert session.steps[0].case_bringer == "Cas" and session.steps[1].case_bringer == "Dirk"
    assert not session.set_case_bringer("Dirk") and not session.set_case_bringer("  ")
    restored = Session.from_dict(json.loads(json.dumps(session.to_dict())), clock)
    assert [s.case_bringer for s in restored.steps] == [s.case_bringer for s in session.steps]


def test_turns_follow_a_new_case_bringer_until_they_have_begun(clock: ManualClock) -> None:
    session = Session(bundled("chat-vragenronde"), Setup(participants=PEOPLE, check_in=False), clock)
    vragen = next(s.index for s in session.steps if s.key == "vragen")
    assert session.set_case_bringer("Bo")
    assert session.steps[vragen].speakers == () and session.steps[vragen].case_bringer == "Bo"
    protocol = bundled("draaiboek-kort")
    rounds = Session(protocol, Setup(participants=PEOPLE, case_bringers=("Ann",)), clock)
    assert not rounds.set_case_bringer("Bo") and rounds.steps[1].case_bringer == "Ann"


def test_others_in_turn_leave_the_new_case_bringer_out(clock: ManualClock) -> None:
    flat = Session(protocol_without_rounds(bundled("draaiboek-lang")), Setup(participants=PEOPLE), clock)
    verkenning = next(s.index for s in flat.steps if s.key == "probleemverkenning")
    assert flat.steps[verkenning].speakers == PEOPLE
    assert flat.set_case_bringer("Cas")
    assert flat.steps[verkenning].speakers == ("Ann", "Bo", "Dirk")
    flat.jump(verkenning)
    flat.start()
    clock.advance(30)
    assert flat.next_speaker() and flat.current_speaker() == "Bo"
    assert flat.set_case_bringer("Bo")
    assert flat.steps[verkenning].speakers == ("Ann", "Bo", "Dirk") and flat.steps[verkenning].case_bringer == "Cas"
    advies = next(s.index for s in flat.steps if s.key == "advisering")
    assert flat.steps[advies].case_bringer == "Bo" and flat.steps[advies].speakers == ("Ann", "Cas", "Dirk")


def protocol_without_rounds(protocol: Protocol) -> Protocol:
    return replace(protocol, phases=tuple(replace(p, per_case_bringer=False) for p in protocol.phases))


def test_extensions_show_in_the_planned_figures(clock: ManualClock) -> None:
    session = seven(clock)
    session.start()
    session.extend(1)
    session.next()
    session.extend(-2)
    assert session.planned(0) == 6 * 60 and session.planned(1) == 3 * 60
    assert session.extensions_total() == -60
    assert session.planned_total() == 50 * 60 and session.planned_total(with_extensions=True) == 49 * 60
    assert (session.planned_end() - session.planned_end(with_extensions=True)).total_seconds() == 60
    assert session.behind(with_extensions=True) == session.behind() + 60
    clock.advance(4 * 60)
    assert session.overrun(1) == -60 and session.overrun(1, with_extensions=True) == 60


def test_the_steps_never_visited_are_named(clock: ManualClock) -> None:
    session = seven(clock)
    assert session.unvisited_steps()[0].key == "introductie" and len(session.unvisited_steps()) == 6
    session.jump(3)
    assert [s.key for s in session.unvisited_steps()] == [
        "introductie",
        "verkenning",
        "brainstorm",
        "actieplan",
        "afsluiting",
    ]
    session.jump(6)
    session.finish()
    assert session.unvisited_steps()[0].title == "Introductie van de kwestie"
