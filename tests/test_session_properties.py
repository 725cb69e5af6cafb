"""Properties of the engine for any sequence of events and clock advances (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Session, Setup, Status

from .helpers import bundled

PROTOCOLS = {
    name: bundled(name) for name in ("zeven-stappen", "draaiboek-lang", "duo-uitwisseling", "chat-vragenronde")
}
NAMES = ("Ann", "Bo", "Cas", "Eva")

EVENTS = st.one_of(
    st.tuples(st.just("advance"), st.integers(min_value=0, max_value=900)),
    st.tuples(
        st.sampled_from(["start", "pause", "resume", "toggle", "next", "previous", "next_speaker", "finish"]),
        st.none(),
    ),
    st.tuples(st.just("jump"), st.integers(min_value=-2, max_value=20)),
    st.tuples(st.just("extend"), st.integers(min_value=-6, max_value=6)),
    st.tuples(st.just("insert_break"), st.integers(min_value=-1, max_value=15)),
    st.tuples(st.just("set_case_bringer"), st.integers(min_value=0, max_value=len(NAMES) - 1)),
    st.tuples(st.just("set_question"), st.integers(min_value=0, max_value=20)),
    st.tuples(st.just("roundtrip"), st.none()),
)


def new_session(name: str, clock: ManualClock) -> Session:
    setup = Setup(participants=("Ann", "Bo", "Cas"), case_bringers=("Bo", "Cas"))
    return Session(PROTOCOLS[name], setup, clock)


def apply(session: Session, clock: ManualClock, event: str, arg: int | None) -> Session:
    """Apply one event; `roundtrip` replaces the session by its saved and restored copy."""
    if event == "advance":
        clock.advance(arg or 0)
    elif event == "roundtrip":
        return Session.from_dict(session.to_dict(), clock)
    elif event in ("jump", "extend", "insert_break"):
        getattr(session, event)(arg)
    elif event == "set_case_bringer":
        session.set_case_bringer(NAMES[arg or 0])
    elif event == "set_question":
        session.set_question(min(arg or 0, len(session.steps) - 1), f"Vraag {arg}")
    else:
        getattr(session, event)()
    return session


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(PROTOCOLS)), st.lists(EVENTS, max_size=40))
def test_step_times_add_up_to_the_running_time(name: str, events: list[tuple[str, int | None]]) -> None:
    clock = ManualClock()
    session = new_session(name, clock)
    running_time = 0
    for event, arg in events:
        if event == "advance" and session.status is Status.RUNNING:
            running_time += arg or 0
        session = apply(session, clock, event, arg)
        assert session.elapsed_total() == running_time
        assert all(session.elapsed(i) >= 0 for i in range(len(session.steps)))
        assert [step.index for step in session.steps] == list(range(len(session.steps)))
        assert len({step.key for step in session.steps}) == len(session.steps) == len(session.states)
        assert 0 <= session.seconds_since_break() <= session.work_seconds() <= running_time
        assert session.planned_total(with_extensions=True) == sum(
            session.planned(i) or 0.0 for i in range(len(session.steps))
        )
        for index in range(len(session.steps)):
            spoken = sum(session.speaker_seconds(index, who) for who in set(session.steps[index].speakers))
            assert spoken <= session.elapsed(index)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(PROTOCOLS)),
    st.lists(EVENTS.filter(lambda e: e[0] != "roundtrip"), max_size=25),
    st.lists(EVENTS.filter(lambda e: e[0] != "roundtrip"), max_size=25),
)
def test_save_restore_continue_equals_continuing(
    name: str, before: list[tuple[str, int | None]], after: list[tuple[str, int | None]]
) -> None:
    clock_a, clock_b = ManualClock(), ManualClock()
    straight, saved = new_session(name, clock_a), new_session(name, clock_b)
    for event, arg in before:
        straight = apply(straight, clock_a, event, arg)
        saved = apply(saved, clock_b, event, arg)
    saved = Session.from_dict(saved.to_dict(), clock_b)
    for event, arg in after:
        straight = apply(straight, clock_a, event, arg)
        saved = apply(saved, clock_b, event, arg)
    assert saved.to_dict() == straight.to_dict()
    assert saved.remaining() == straight.remaining()
    assert saved.projected_end() == straight.projected_end()
