"""The protocol loader: what a moderator sees when a hand-written protocol file is wrong, and what loads."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from intervisie_tui.core.protocol import Capture, Rule, Speakers
from intervisie_tui.core.protocol_loader import ProtocolError, load_protocol, load_protocol_bytes

GOOD = """\
id: mijn-protocol
name: Mijn protocol
phases:
  - id: start
    title: Start
    minutes: 5
  - per_case_bringer:
      - id: vragen
        title: Vragen
        minutes: [10, 20]
        default_minutes: 15
        speakers: others
        turns: true
        rules: [questions-only]
        capture: help-question
  - id: vrij
    title: Vrij
    minutes: open
"""


def problems(text: str | bytes) -> list[str]:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(ProtocolError) as info:
        load_protocol_bytes(raw, "p.yaml")
    return [str(p) for p in info.value.problems]


def test_a_good_protocol_loads_with_its_block_ranges_and_flags() -> None:
    protocol = load_protocol_bytes(GOOD.encode(), "p.yaml")
    assert [p.id for p in protocol.phases] == ["start", "vragen", "vrij"]
    vragen = protocol.phase("vragen")
    assert vragen.per_case_bringer and not protocol.phase("start").per_case_bringer
    assert (vragen.minutes.low, vragen.minutes.high, vragen.minutes.default) == (10, 20, 15)
    assert vragen.speakers is Speakers.OTHERS and vragen.turns
    assert vragen.rules == {Rule.QUESTIONS_ONLY}
    assert vragen.capture == (Capture.HELP_QUESTION,)
    assert protocol.phase("vrij").minutes.is_open
    assert protocol.planned_minutes(case_bringers=2) == 5 + 2 * 15


def test_every_problem_is_reported_at_once_with_line_column_and_path() -> None:
    text = GOOD.replace("minutes: 5", "minutes: 0").replace("title: Vrij", "titel: Vrij")
    found = problems(text)
    assert "p.yaml:6:14: phases[0].minutes: must be more than 0, not 0" in found
    assert any(p.startswith("p.yaml:17:5: phases[2].titel: unknown key 'titel'; did you mean 'title'?") for p in found)
    assert any(p.startswith("p.yaml:16:5: phases[2]: missing required key 'title'") for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "p.yaml:1:1: file is empty"),
        ("   \n\n", "p.yaml:1:1: file is empty"),
        ("- a\n- b\n", "p.yaml:1:1: must be a mapping of keys to values, not a list"),
        ("just text\n", "p.yaml:1:1: must be a mapping of keys to values, not text"),
        ("id: x\nname: [unclosed\n", "p.yaml:3:1: YAML syntax error"),
        ("id: a\nphases:\n\t- id: b\n", "p.yaml:3:1: tab character in indentation; YAML needs spaces"),
        ("id: a\nid: b\n", "p.yaml:2:1: duplicate key 'id'"),
        ("id: a\n---\nid: b\n", "more than one YAML document"),
        (
            "id: !!python/object:os.system ls\n",
            "p.yaml:1:5: unsupported value or tag 'tag:yaml.org,2002:python/object:os.system'",
        ),
    ],
)
def test_broken_files_give_one_positioned_message(text: str, expected: str) -> None:
    found = problems(text)
    assert len(found) == 1
    assert expected in found[0]


@pytest.mark.parametrize(
    ("fragment", "replacement", "expected"),
    [
        ("minutes: 5", "minutes: -3", "phases[0].minutes: must be more than 0, not -3"),
        ("minutes: 5", "minutes: vijf", "phases[0].minutes: must be a number of minutes, a range like [5, 30]"),
        ("minutes: 5", "minutes: true", "phases[0].minutes: must be a number, not true/false"),
        ("minutes: [10, 20]", "minutes: [20, 10]", "range must go from low to high, not [20, 10]"),
        ("minutes: [10, 20]", "minutes: [10, 20, 30]", "a range is two numbers"),
        ("default_minutes: 15", "default_minutes: 25", "25 lies outside the range [10, 20]"),
        ("speakers: others", "speakers: other", "'other' is not allowed here; did you mean 'others'?"),
        (
            "rules: [questions-only]",
            "rules: [questions]",
            "'questions' is not allowed here; did you mean 'questions-only'?",
        ),
        ("turns: true", "turns: yes please", "turns: must be true or false, not text"),
        ("id: vrij", "id: start", "phases[2].id: duplicate phase id 'start'"),
        ("id: vrij", "id: Vrij Tijd", "'Vrij Tijd' is not a valid id"),
        ("name: Mijn protocol", "naam: Mijn protocol", "unknown key 'naam'; did you mean 'name'?"),
        ("  - id: vrij\n", "  - per_case_bringer: []\n  - id: vrij\n", "per_case_bringer: must be a non-empty list"),
    ],
)
def test_wrong_values_are_named_precisely(fragment: str, replacement: str, expected: str) -> None:
    assert fragment in GOOD
    found = problems(GOOD.replace(fragment, replacement, 1))
    assert any(expected in p for p in found), found


def test_missing_top_level_keys_are_all_listed() -> None:
    found = problems("description: iets\n")
    assert [p.split(": ", 1)[1] for p in found] == [
        "missing required key 'id'",
        "missing required key 'name'",
        "missing required key 'phases'",
    ]


def test_non_utf8_bytes_are_pointed_at() -> None:
    found = problems(b"id: a\nname: caf\xe9\n")
    assert found == ["p.yaml:2:10: file is not UTF-8 text"]


def test_a_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert "aliases expand too far" in found[0]


def test_self_referencing_alias_is_refused() -> None:
    assert "nested deeper" in problems("id: &x [*x]\n")[0]


def test_huge_files_are_refused_before_parsing() -> None:
    assert "file is too large" in problems("# " + "x" * 300_000 + "\n")[0]


def test_merge_keys_are_refused_with_a_reason() -> None:
    assert "merge keys" in problems("base: &b {id: a}\nother:\n  <<: *b\n")[0]


def test_files_that_cannot_be_read_are_reported_not_raised(tmp_path: Path) -> None:
    for path, message in [(tmp_path / "none.yaml", "no such file"), (tmp_path, "is a folder")]:
        with pytest.raises(ProtocolError) as info:
            load_protocol(path)
        assert message in str(info.value)


def test_thresholds_must_keep_danger_after_warning() -> None:
    found = problems(GOOD + "thresholds: {warning: 0.5, danger: 2}\n")
    assert any("danger (2) must not come before warning (0.5)" in p for p in found)
