"""The moderator's toolkit: questions, energizers and checklist files, validated like protocols; questions a
group has not had lately; the `vraag`, `energizer`, `checklist` and `protocols validate` verbs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intervisie_tui.cli import main
from intervisie_tui.core.question_deck import REMEMBERED, QuestionDeck, QuestionHistory
from intervisie_tui.core.toolkit import Moment, load_toolkit

# These tests read the command line's English texts; tests/test_language.py covers the Dutch ones.
pytestmark = pytest.mark.usefixtures("english_cli")

HOSTILE = ["[/x]", "[@click=app.quit]", "\x1b[31mrood", "עברית", "a\u202eb", "x" * 300]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def user_file(home: Path, kind: str, name: str, text: str) -> Path:
    folder = home / "config" / "intervisie-tui" / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_bundled_toolkit_has_questions_energizers_and_the_seed_conditions() -> None:
    toolkit = load_toolkit()
    assert not toolkit.problems
    assert len(toolkit.check_in) >= 10 and len(toolkit.check_out) >= 8
    assert {"kleurenrace", "yoga", "pictionary"} <= {e.id for e in toolkit.energizers}
    assert all(e.how and 0 < e.minutes <= 10 for e in toolkit.energizers)
    titles = [section.title for section in toolkit.checklist]
    assert titles[:3] == ["Praktisch", "Psychologische veiligheid", "Groepsdynamiek"]
    everything = " ".join(item for section in toolkit.checklist for item in section.items)
    assert "toestemming" in everything and "notuleren" in everything and "pauze" in everything


def test_user_files_extend_the_bundled_ones_and_a_broken_one_is_reported(isolated_dirs: Path) -> None:
    user_file(isolated_dirs, "questions", "eigen.yaml", "kind: questions\ncheck_in: [Hoe was je reis?]\n")
    user_file(isolated_dirs, "energizers", "kapot.yaml", "kind: energizers\nenergizers:\n  - {id: x, name: X}\n")
    user_file(isolated_dirs, "checklist", "fout.yaml", "kind: questions\ncheck_in: [Vraag?]\n")
    toolkit = load_toolkit()
    assert toolkit.check_in[-1] == "Hoe was je reis?"
    problems = sorted(str(p) for p in toolkit.problems)
    assert [Path(p.split(":")[0]).name + p[len(p.split(":")[0]) :] for p in problems] == [
        "fout.yaml:1:7: kind: a file in the checklist/ folder must have 'kind: checklist'",
        "kapot.yaml:3:5: energizers[0]: missing required key 'how'",
        "kapot.yaml:3:5: energizers[0]: missing required key 'minutes'",
    ]


BROKEN = [
    ("kind: vragen\n", "x.yaml:1:7: kind: 'kind' must be one of: questions, energizers, checklist"),
    ("kind: questions\ncheck_in: []\n", "x.yaml:2:11: check_in: must be a non-empty list of texts"),
    ("kind: questions\ncheck_in:\n  - Goed?\n  - 3\n", "x.yaml:4:5: check_in[1]: must be non-empty text, not a number"),
    ('kind: questions\ncheck_out: ["a\\u001b[2Jb"]\n', "x.yaml:2:13: check_out[0]: holds the control character U+001B"),
    ("kind: questions\ncheck_inn: [a]\n", "x.yaml:2:1: check_inn: unknown key 'check_inn'; did you mean 'check_in'?"),
    (
        "kind: energizers\nenergizers:\n  - {id: a, name: A, minutes: 90, how: h}\n",
        "x.yaml:3:31: energizers[0].minutes: an energizer takes at most 60 minutes",
    ),
    (
        "kind: energizers\nenergizers:\n  - {id: a, name: A, minutes: 2, how: h}\n"
        "  - {id: a, name: B, minutes: 2, how: h}\n",
        "x.yaml:4:10: energizers[1].id: duplicate energizer id 'a'",
    ),
    ("kind: checklist\nsections:\n  - title: T\n    items: nee\n", "x.yaml:4:12: sections[0].items: must be"),
    ("kind: checklist\nsections: [\n", "x.yaml:3:1: YAML syntax error"),
]


@pytest.mark.parametrize(("text", "expected"), BROKEN)
def test_validate_reports_broken_toolkit_files_at_file_line_col(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(["protocols", "validate", "x.yaml"], capsys)
    assert code == 1 and not err
    assert any(line.startswith(expected) for line in out.splitlines()), out


def test_validate_accepts_the_bundled_toolkit_and_protocols_together(capsys: pytest.CaptureFixture[str]) -> None:
    data = Path(__file__).parent.parent / "intervisie_tui" / "data"
    files = [str(p) for p in sorted(data.glob("*.yaml"))] + [str(Path("protocols") / "zeven-stappen.yaml")]
    code, out, _ = run(["protocols", "validate", *files], capsys)
    assert code == 0 and out.count(": valid") == len(files) == 5


def test_a_deck_offers_questions_the_group_has_not_had_first() -> None:
    questions = [f"V{i}?" for i in range(6)]
    deck = QuestionDeck(questions, recent=["V0?", "V1?", "V2?"], rng=random.Random(1))
    offered = [deck.current] + [deck.next() for _ in range(5)]
    assert set(offered[:3]) == {"V3?", "V4?", "V5?"}
    assert offered[3:] == ["V0?", "V1?", "V2?"]  # then the least recent first
    assert deck.next() == offered[0]  # and round again


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(min_size=1), min_size=1, max_size=8, unique=True), st.data())
def test_a_deck_never_repeats_before_it_has_offered_every_question(questions: list[str], data: st.DataObject) -> None:
    recent = data.draw(st.lists(st.sampled_from(questions), unique=True))
    deck = QuestionDeck(questions, recent)
    offered = [deck.current] + [deck.next() for _ in range(len(questions) - 1)]
    assert sorted(offered) == sorted(questions)
    fresh = [q for q in questions if q not in recent]
    assert set(offered[: len(fresh)]) == set(fresh)


def test_the_history_is_per_group_private_and_bounded(isolated_dirs: Path) -> None:
    history = QuestionHistory()
    for i in range(REMEMBERED + 3):
        history.remember("Team A", Moment.CHECK_IN, f"V{i}?")
    history.remember("Team B", Moment.CHECK_OUT, "Anders?")
    recent = history.recent("Team A", Moment.CHECK_IN)
    assert len(recent) == REMEMBERED and recent[-1] == f"V{REMEMBERED + 2}?"
    assert history.recent("Team A", Moment.CHECK_OUT) == ()
    assert history.recent("Team B", Moment.CHECK_OUT) == ("Anders?",)
    assert history.path.stat().st_mode & 0o777 == 0o600
    assert history.path.parent.stat().st_mode & 0o777 == 0o700


def test_a_corrupt_history_is_set_aside_not_overwritten(isolated_dirs: Path) -> None:
    history = QuestionHistory()
    history.path.parent.mkdir(parents=True)
    history.path.write_text("{kapot", encoding="utf-8")
    assert history.recent("A", Moment.CHECK_IN) == ()
    history.remember("A", Moment.CHECK_IN, "Goed?")
    assert history.path.with_name(history.path.name + ".corrupt").read_text(encoding="utf-8") == "{kapot"
    assert history.recent("A", Moment.CHECK_IN) == ("Goed?",)


def test_the_question_verb_gives_the_group_a_new_question_each_time(capsys: pytest.CaptureFixture[str]) -> None:
    asked = []
    for _ in range(len(load_toolkit().check_in)):
        code, out, _ = run(["vraag", "check-in", "--group", "Team A"], capsys)
        assert code == 0
        asked.append(out.strip())
    assert len(set(asked)) == len(asked)
    assert set(asked) == set(load_toolkit().check_in)
    code, out, _ = run(["question", "check-out"], capsys)
    assert code == 0 and out.strip() in load_toolkit().check_out


@pytest.mark.parametrize("group", HOSTILE[2:3])
def test_the_question_verb_refuses_a_group_with_terminal_control(
    group: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["vraag", "check-in", "--group", group], capsys)
    assert (code, out) == (1, "") and err.count("\n") == 1 and "\x1b" not in err


@pytest.mark.parametrize("group", [g for g in HOSTILE if "\x1b" not in g and len(g) < 200])
def test_the_question_verb_takes_odd_group_names_as_plain_names(group: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["vraag", "check-in", "--group", group], capsys)
    assert code == 0
    assert QuestionHistory().recent(group, Moment.CHECK_IN) == (out.strip(),)


def test_energizer_and_checklist_verbs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["energizer", "kleurenrace"], capsys)
    assert code == 0 and out.startswith("De kleurenrace (3 min) [kleurenrace]\n  ")
    code, out, _ = run(["energizer"], capsys)
    assert code == 0 and "Pictionary" in out and "Vijf minuten yoga" in out
    code, out, err = run(["energizer", "[@click=app.quit]"], capsys)
    assert (code, out) == (1, "") and "unknown energizer '[@click=app.quit]'" in err
    code, out, _ = run(["checklist"], capsys)
    assert code == 0 and out.startswith("Praktisch\n  [ ] ")
    assert "Psychologische veiligheid\n" in out and "Groepsdynamiek\n" in out and "Opnemen\n" in out
