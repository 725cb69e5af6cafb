"""A step's kind is one value: the loader reads it (and the older spellings), the core answers for it."""

from __future__ import annotations

import pytest

from intervisie_tui.core.added_steps import MAX_BREAK_MINUTES, break_phase, check_in_phase, check_out_phase
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.kinds import kind_traits, step_flags
from intervisie_tui.core.minutes import render_minutes
from intervisie_tui.core.protocol import Audience, Capture, Message, Rule, StepKind
from intervisie_tui.core.protocol_loader import ProtocolError, load_protocol_bytes
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.toolkit import Moment
from intervisie_tui.protocol_text import describe_protocol

from .helpers import bundled

HEAD = "id: p\nname: P\nphases:\n  - id: a\n    title: A\n    minutes: 3\n"


def phase_of(extra: str) -> object:
    return load_protocol_bytes((HEAD + extra).encode(), "p.yaml").phases[0]


def problems(extra: str) -> list[str]:
    with pytest.raises(ProtocolError) as caught:
        load_protocol_bytes((HEAD + extra).encode(), "p.yaml")
    return [str(p) for p in caught.value.problems]


def test_every_kind_has_traits_and_only_silence_locks_the_notes() -> None:
    assert {kind: kind_traits(kind).locks_notes_while_running for kind in StepKind} == {
        StepKind.TALK: False,
        StepKind.SILENCE: True,
        StepKind.BREAK: False,
        StepKind.CHECK_IN: False,
        StepKind.CHECK_OUT: False,
        StepKind.INTRODUCTION: False,
    }
    assert [kind for kind in StepKind if kind_traits(kind).takes_proposal] == [StepKind.INTRODUCTION]
    assert kind_traits(StepKind.CHECK_IN).question_moment is Moment.CHECK_IN
    assert kind_traits(StepKind.CHECK_OUT).question_moment is Moment.CHECK_OUT
    assert kind_traits(StepKind.TALK).question_moment is None
    assert not kind_traits(StepKind.BREAK).takes_turns and kind_traits(StepKind.BREAK).ends_work_stretch
    assert [kind_traits(kind).key for kind in StepKind] == [kind.value for kind in StepKind]


def test_kind_is_read_and_defaults_to_talk() -> None:
    assert phase_of("").kind is StepKind.TALK  # type: ignore[attr-defined]
    assert phase_of("    kind: break\n").kind is StepKind.BREAK  # type: ignore[attr-defined]
    assert problems("    kind: stilte\n") == [
        "p.yaml:7:11: phases[0].kind: 'stilte' is not allowed here; did you mean 'silence'?"
    ]


def test_the_older_rules_silence_still_means_a_silent_step() -> None:
    phase = phase_of("    rules: [silence, write-first]\n")
    assert phase.kind is StepKind.SILENCE and phase.rules == {Rule.WRITE_FIRST}  # type: ignore[attr-defined]
    assert phase_of("    rules: silence\n    kind: silence\n").kind is StepKind.SILENCE  # type: ignore[attr-defined]
    assert problems("    rules: [silence]\n    kind: break\n") == [
        "p.yaml:7:12: phases[0].rules: 'silence' means kind: silence, but this phase has kind: break"
    ]


def test_say_and_directions_are_separate_and_prompts_is_the_older_name_of_say() -> None:
    phase = phase_of(
        '    say:\n      - "Welkom!"\n      - {to: case-bringer, text: "Wat is je vraag?"}\n'
        "    directions: [Plak eerst de link.]\n"
    )
    assert phase.say == (Message("Welkom!"), Message("Wat is je vraag?", Audience.CASE_BRINGER))  # type: ignore[attr-defined]
    assert phase.directions == ("Plak eerst de link.",)  # type: ignore[attr-defined]
    assert phase_of("    prompts: Hallo\n").say == (Message("Hallo"),)  # type: ignore[attr-defined]
    assert problems("    say: [a]\n    prompts: [b]\n") == [
        "p.yaml:8:5: phases[0].prompts: 'prompts' is the older name of 'say'; use one of them"
    ]
    assert problems('    say:\n      - {to: moderator, text: "x"}\n')[0].startswith(
        "p.yaml:8:14: phases[0].say[0].to: 'moderator' is not allowed here; one of: everyone, case-bringer, others"
    )
    assert problems("    say:\n      - {to: others}\n") == ["p.yaml:8:9: phases[0].say[0]: missing required key 'text'"]
    assert problems('    say:\n      - "\\e[2J"\n')[0].startswith("p.yaml:8:9: phases[0].say[0]: holds the control")


def test_check_in_and_check_out_defaults_are_flags_of_the_protocol() -> None:
    protocol = load_protocol_bytes(("check_in: true\n" + HEAD).encode(), "p.yaml")
    assert protocol.check_in and not protocol.check_out
    with pytest.raises(ProtocolError, match="check_out: must be true or false"):
        load_protocol_bytes(("check_out: ja\n" + HEAD).encode(), "p.yaml")


def test_the_added_phases_are_dutch_data_with_their_kinds() -> None:
    assert check_in_phase().kind is StepKind.CHECK_IN and check_out_phase().kind is StepKind.CHECK_OUT
    pause = break_phase(7)
    assert pause.kind is StepKind.BREAK and pause.title == "Pauze" and pause.minutes.default == 7
    for phase in (check_in_phase(), check_out_phase(), pause):
        assert phase.goal and phase.say and phase.directions
        assert not any(m.text.startswith("(") for m in phase.say)
    with pytest.raises(ValueError):
        break_phase(MAX_BREAK_MINUTES + 1)


def test_flags_put_the_kind_before_the_rules() -> None:
    silent = phase_of("    kind: silence\n    rules: [write-first, questions-only]\n")
    assert step_flags(silent) == ("silence", "questions-only", "write-first")  # type: ignore[arg-type]
    assert step_flags(phase_of("")) == ()  # type: ignore[arg-type]
    assert Capture.QUESTION.value == "question"


def test_protocols_show_names_the_kinds_and_the_steps_the_app_adds() -> None:
    duo = describe_protocol(bundled("duo-uitwisseling"), "nl")
    assert "Totaal: 18 min (10–28)" in duo
    assert "   + Check-in (1–10 min, iedereen)  [check-in, toegevoegd door de app, optioneel]" in duo
    assert duo.splitlines()[-3].startswith("   + Check-out")
    assert "2. Stilte – B bedenkt een vraag (1 min, iedereen)  [stilte]" in duo
    chat = describe_protocol(bundled("chat-sessie"), "en")
    assert "+ " not in chat and "Total: 60 min (9–60)" in chat
    assert "4. Stilte (3 min, everyone)  [silence]" in chat and "2. Check-in (1–10 min, everyone)  [check-in]" in chat


def test_a_break_in_the_minutes_reads_like_any_step(clock: ManualClock) -> None:
    session = Session(bundled("zeven-stappen"), Setup(participants=("Ann", "Bo")), clock)
    session.start()
    clock.advance(5 * 60)
    session.insert_break(5)
    clock.advance(6 * 60)
    text = render_minutes(session, "s")
    assert "| Pauze | 5 min | 6 min | +1 |" in text and "## Pauze\n\n*Gepland 5 min · Werkelijk 6 min*" in text


def test_the_question_asked_at_check_in_is_in_the_minutes(clock: ManualClock) -> None:
    session = Session(bundled("duo-uitwisseling"), Setup(participants=("Ann", "Bo")), clock)
    session.set_question(0, "Welk woord past vandaag bij je?")
    assert "**Gestelde vraag:** Welk woord past vandaag bij je?" in render_minutes(session, "s")
    assert "**Question asked:** Welk woord past vandaag bij je?" in render_minutes(session, "s", "en")
