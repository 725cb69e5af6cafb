"""The bundled protocols carry the source documents' facts: phases, order, minutes, roles and rules."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
import yaml

from intervisie_tui.core.catalog import bundled_dir, load_catalog
from intervisie_tui.core.protocol import Audience, Capture, Rule, Speakers, StepKind
from intervisie_tui.core.protocol_loader import ProtocolError, load_protocol_bytes
from intervisie_tui.core.steps import expand_steps

from .helpers import bundled

SCHEMA = json.loads(resources.files("intervisie_tui.schema").joinpath("protocol.schema.json").read_text("utf-8"))
EXPECTED_IDS = (
    "zeven-stappen",
    "draaiboek-lang",
    "draaiboek-kort",
    "chat-sessie",
    "chat-intervisie",
    "chat-vragenronde",
    "duo-uitwisseling",
)


def plan(protocol_id: str) -> list[tuple[str, float | None, float | None, bool]]:
    return [(p.id, p.minutes.low, p.minutes.high, p.per_case_bringer) for p in bundled(protocol_id).phases]


def test_every_bundled_protocol_is_listed_default_first() -> None:
    catalog = load_catalog()
    assert catalog.ids == EXPECTED_IDS
    assert not catalog.problems


@pytest.mark.parametrize("protocol_id", EXPECTED_IDS)
def test_every_bundled_protocol_satisfies_the_json_schema(protocol_id: str) -> None:
    data = yaml.safe_load((bundled_dir() / f"{protocol_id}.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize("protocol_id", EXPECTED_IDS)
def test_every_phase_tells_the_moderator_what_to_say(protocol_id: str) -> None:
    protocol = bundled(protocol_id)
    assert protocol.language == "nl" and protocol.source and protocol.description
    for phase in protocol.all_phases():
        assert phase.goal and phase.say, phase.id


@pytest.mark.parametrize("protocol_id", EXPECTED_IDS)
def test_what_the_moderator_pastes_holds_no_stage_directions(protocol_id: str) -> None:
    for phase in bundled(protocol_id).all_phases():
        for message in phase.say:
            text = message.text.lower()
            assert not text.startswith("(") and "(plak" not in text and "(naar" not in text, (phase.id, message)


@pytest.mark.parametrize(
    ("protocol_id", "minutes", "added"),
    [
        ("zeven-stappen", 50, []),
        ("draaiboek-lang", 55, []),
        ("draaiboek-kort", 20, []),
        ("chat-sessie", 60, []),
        ("chat-intervisie", 60, []),
        ("chat-vragenronde", 20, []),
        ("duo-uitwisseling", 18, ["check-in", "check-out"]),
    ],
)
def test_a_default_session_adds_a_check_in_and_out_only_to_the_duos(
    protocol_id: str, minutes: int, added: list[str]
) -> None:
    """Totals as before, except where the protocol's default check-in and check-out add 5 minutes each."""
    protocol = bundled(protocol_id)
    steps = expand_steps(
        protocol,
        ("Ann", "Bo"),
        ("Bo",),
        {},
        with_review=False,
        check_in=protocol.check_in,
        check_out=protocol.check_out,
    )
    own = {p.id for p in protocol.phases}
    assert [s.key for s in steps if s.phase.id not in own] == added
    assert sum(s.planned_seconds or 0 for s in steps) == minutes * 60
    assert protocol.planned_minutes() + 5 * len(added) == minutes


def test_zeven_stappen_follows_the_seven_steps() -> None:
    assert plan("zeven-stappen") == [
        ("inventarisatie", 5, 5, False),
        ("introductie", 5, 5, False),
        ("verkenning", 10, 10, False),
        ("kernvraag", 5, 5, False),
        ("brainstorm", 10, 10, False),
        ("actieplan", 10, 10, False),
        ("afsluiting", 5, 5, False),
    ]
    protocol = bundled("zeven-stappen")
    assert Rule.CASE_BRINGER_LISTENS in protocol.phase("brainstorm").rules
    assert Rule.QUESTIONS_ONLY in protocol.phase("verkenning").rules
    assert protocol.phase("introductie").capture == (Capture.LEARNING_QUESTION,)
    assert protocol.phase("actieplan").capture == (Capture.ACTION_PLAN,)
    assert protocol.planned_minutes() == 50


def test_draaiboek_lang_repeats_five_steps_per_case_bringer() -> None:
    assert plan("draaiboek-lang") == [
        ("acclimatisering", 5, 30, False),
        ("vraagintroductie", 5, 5, True),
        ("probleemverkenning", 20, 20, True),
        ("probleemdefinitie", 10, 15, True),
        ("advisering", 10, 10, True),
        ("evaluatie", 5, 5, True),
        ("eigen-invulling", None, None, False),
    ]
    protocol = bundled("draaiboek-lang")
    assert protocol.phase("evaluatie").optional
    assert "intervisiebegeleider" in " ".join(m.text for m in protocol.phase("acclimatisering").say)
    verkenning = protocol.phase("probleemverkenning")
    assert verkenning.speakers is Speakers.OTHERS and verkenning.turns
    assert {Rule.QUESTIONS_ONLY, Rule.WRITE_FIRST} <= verkenning.rules
    assert "instemt" in " ".join(m.text for m in protocol.phase("acclimatisering").say)
    assert "SMART" in " ".join(m.text for m in protocol.phase("advisering").say)
    assert protocol.phase("probleemdefinitie").capture == (Capture.REFORMULATED_QUESTION,)


def test_draaiboek_kort_is_at_most_five_minutes_a_step_and_evaluates_once_at_the_end() -> None:
    assert plan("draaiboek-kort") == [
        ("acclimatisering", 1, 5, False),
        ("hulpvraag", 1, 5, True),
        ("advisering", 1, 5, True),
        ("evaluatie", 1, 5, False),
        ("eigen-invulling", None, None, False),
    ]
    protocol = bundled("draaiboek-kort")
    assert all(p.minutes.default == 5 for p in protocol.phases if not p.minutes.is_open)
    assert protocol.phase("evaluatie").optional
    steps = expand_steps(protocol, ("Ann", "Bo", "Cas"), ("Ann", "Bo"), {}, with_review=False)
    assert [s.key for s in steps] == [
        "acclimatisering",
        "hulpvraag-1",
        "advisering-1",
        "hulpvraag-2",
        "advisering-2",
        "evaluatie",
        "eigen-invulling",
    ]
    assert protocol.planned_minutes(1) == 20


def test_the_seeds_role_name_intervisiebegeleider_is_used_in_the_draaiboeken() -> None:
    for protocol_id in ("draaiboek-lang", "draaiboek-kort"):
        protocol = bundled(protocol_id)
        texts = [t for p in protocol.phases for t in (*(m.text for m in p.say), *p.tips, p.notes_hint, p.goal)]
        assert any("intervisiebegeleider" in t for t in texts), protocol_id


@pytest.mark.parametrize("protocol_id", EXPECTED_IDS)
def test_no_protocol_can_plan_past_its_own_total(protocol_id: str) -> None:
    protocol = bundled(protocol_id)
    if protocol.total_minutes is None or protocol.total_minutes.high is None:
        return
    highest = sum(p.minutes.high or 0 for p in protocol.phases)
    assert highest <= protocol.total_minutes.high


def test_chat_sessie_keeps_three_silent_minutes_within_the_hour() -> None:
    assert plan("chat-sessie") == [
        ("welkom", 2, 2, False),
        ("check-in", 1, 10, False),
        ("inleiding", 1, 15, False),
        ("stilte", 3, 3, False),
        ("reflectie", 1, 20, False),
        ("check-out", 1, 10, False),
    ]
    protocol = bundled("chat-sessie")
    assert protocol.phase("stilte").kind is StepKind.SILENCE and not protocol.phase("stilte").rules
    assert (
        protocol.phase("check-in").kind is StepKind.CHECK_IN and protocol.phase("check-out").kind is StepKind.CHECK_OUT
    )
    assert protocol.planned_minutes() == 60 and protocol.total_minutes and protocol.total_minutes.high == 60
    assert protocol.group_size == (5, 15)


def test_chat_intervisie_reads_prepared_texts_in_silence_within_the_hour() -> None:
    assert plan("chat-intervisie") == [
        ("check-in", 1, 10, False),
        ("teksten", 1, 3, False),
        ("lezen", 1, 7, False),
        ("reflectie", 1, 25, False),
        ("check-out", 1, 15, False),
    ]
    protocol = bundled("chat-intervisie")
    assert protocol.planned_minutes() == 60
    assert protocol.phase("lezen").kind is StepKind.SILENCE
    assert not protocol.phase("teksten").rules


def test_chat_vragenronde_asks_questions_then_gossips_then_hears_the_case_bringer() -> None:
    assert plan("chat-vragenronde") == [
        ("inbreng", 2, 2, False),
        ("vragen", 8, 8, False),
        ("roddelronde", 6, 6, False),
        ("meenemen", 4, 4, False),
    ]
    protocol = bundled("chat-vragenronde")
    assert protocol.planned_minutes() == 20
    assert not protocol.check_in and not protocol.check_out, "the seed's round is 20 minutes, check-in/out not included"
    assert protocol.phase("vragen").rules == {Rule.QUESTIONS_ONLY}
    assert protocol.phase("vragen").speakers is Speakers.OTHERS
    assert protocol.phase("roddelronde").rules == {Rule.CASE_BRINGER_LISTENS}
    assert protocol.phase("inbreng").capture == (Capture.HELP_QUESTION,)
    assert protocol.phase("meenemen").speakers is Speakers.CASE_BRINGER


def test_duo_uitwisseling_is_four_single_minutes_then_swapped() -> None:
    protocol = bundled("duo-uitwisseling")
    assert [p.minutes.low for p in protocol.phases] == [1] * 8
    assert [p.kind is StepKind.SILENCE for p in protocol.phases] == [False, True, False, False] * 2
    assert protocol.check_in and protocol.check_out


GOOD_EXAMPLES = [
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": [5, 30], "rules": "silence"}]},
    {"id": "a", "name": "A", "phases": [{"per_case_bringer": [{"id": "x", "title": "X", "minutes": "open"}]}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "optional": True}]},
    {
        "id": "a",
        "name": "A",
        "group_size": [2, 9],
        "total_minutes": [10, 20],
        "thresholds": {"warning": 2},
        "review": {"id": "r", "title": "R", "minutes": 3},
        "phases": [{"id": "x", "title": "X", "minutes": 0.5, "speakers": "others", "turns": True, "goal": None}],
    },
]
BAD_EXAMPLES = [
    {"id": "a", "name": "A"},
    {"id": "A B", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5}]},
    {"id": "a", "name": "A", "phases": []},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 0}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": [5]}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": "lang"}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "speakers": "all"}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "extra": 1}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "", "minutes": 5}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "turns": "ja"}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "optional": "ja"}]},
    {"id": "a", "name": "A", "phases": [{"per_case_bringer": [], "id": "y"}]},
    {"id": "a", "name": "A", "group_size": [0, 3], "phases": [{"id": "x", "title": "X", "minutes": 5}]},
    {"id": "a", "name": "A", "thresholds": {"warn": 1}, "phases": [{"id": "x", "title": "X", "minutes": 5}]},
    {"id": "a", "name": "A", "version": 2, "phases": [{"id": "x", "title": "X", "minutes": 5}]},
    {"id": "a", "name": "A", "check_in": "ja", "phases": [{"id": "x", "title": "X", "minutes": 5}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "kind": "pauze"}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "say": ["a"], "prompts": ["b"]}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "say": [{"to": "others"}]}]},
    {
        "id": "a",
        "name": "A",
        "phases": [{"id": "x", "title": "X", "minutes": 5, "say": [{"text": "a", "to": "moderator"}]}],
    },
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "say": [{"text": "a", "at": 1}]}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "say": [""]}]},
    {"id": "a", "name": "A", "phases": [{"id": "x", "title": "X", "minutes": 5, "directions": [3]}]},
]


def loader_accepts(data: dict[str, object]) -> bool:
    try:
        load_protocol_bytes(yaml.safe_dump(data).encode(), "example.yaml")
    except ProtocolError:
        return False
    return True


def schema_accepts(data: dict[str, object]) -> bool:
    return jsonschema.Draft202012Validator(SCHEMA).is_valid(data)


@pytest.mark.parametrize("data", GOOD_EXAMPLES + BAD_EXAMPLES)
def test_the_loader_and_the_schema_agree(data: dict[str, object]) -> None:
    expected = data in GOOD_EXAMPLES
    assert loader_accepts(data) is expected
    assert schema_accepts(data) is expected


def test_the_schema_knows_the_same_vocabulary_as_the_model() -> None:
    phase = SCHEMA["$defs"]["phase"]["properties"]
    assert phase["speakers"]["enum"] == [s.value for s in Speakers]
    assert phase["rules"]["anyOf"][1]["enum"] == ["silence", *(r.value for r in Rule)]  # "silence": the older spelling
    assert phase["capture"]["anyOf"][1]["enum"] == [c.value for c in Capture]
    assert phase["kind"]["enum"] == [k.value for k in StepKind]
    assert SCHEMA["$defs"]["message"]["anyOf"][1]["properties"]["to"]["enum"] == [a.value for a in Audience]
