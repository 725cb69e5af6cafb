"""The verbs around a session: the invitation with an unguessable room, a case prepared in advance, and a
participant's preparation text from the minutes; private files, one-line errors, hostile input."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pytest

from intervisie_tui.cli import main
from intervisie_tui.cli_prepare import CASE_FLAGS
from intervisie_tui.core.cases import GUIDE_KEYS, CaseStore
from intervisie_tui.core.invitation import ROOM_ALPHABET, ROOM_LENGTH, room_name
from intervisie_tui.core.paths import data_dir, minutes_dir
from intervisie_tui.core.safe_text import visible

# These tests read the command line's English texts; tests/test_language.py covers the Dutch ones.
pytestmark = pytest.mark.usefixtures("english_cli")

HOSTILE_NAMES = ["[/x]", "[@click=app.quit]", "# kop", "<script>x</script>", "עברית", "a\u202eb"]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, out: str, err: str) -> bool:
    return code != 0 and out == "" and err.count("\n") == 1 and err.startswith("intervisie: ")


# The invitation


def test_the_room_name_has_at_least_80_bits_from_a_32_symbol_alphabet() -> None:
    assert len(set(ROOM_ALPHABET)) == 32 and not set(ROOM_ALPHABET) & set("lo01")
    assert ROOM_LENGTH * math.log2(len(ROOM_ALPHABET)) >= 80
    names = {room_name() for _ in range(200)}
    assert len(names) == 200
    for name in names:
        assert re.fullmatch(rf"intervisie(-[{ROOM_ALPHABET}]{{5}}){{4}}", name), name


def test_invite_prints_and_saves_a_private_invitation(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["uitnodiging", "--group", "Team A", "--day", "2026-03-02", "--time", "19:30", "--contact", "ann@x.nl"]
    code, out, err = run(argv, capsys)
    assert code == 0
    room = re.search(r"https://meet\.jit\.si/(intervisie-[a-z0-9-]+)", out)
    assert room and f"`{room.group(1)}`" in out
    assert out.startswith("# Invitation: Chatsessie – Team A\n")  # the method's name as its file writes it
    assert "- **When:** 2026-03-02, 19:30–20:30 (60 minutes)" in out
    assert "**Contact the moderator:** ann@x.nl" in out
    assert "## Agreements in the chat" in out and "## Your preparation" in out
    assert "A clear question" in out and "personal introduction" in out and "link" in out
    saved = data_dir() / "invitations" / "2026-03-02 1930 Team A.md"
    assert f"saved {saved}" in err and "warning" not in err
    assert saved.read_text(encoding="utf-8") == out
    assert saved.stat().st_mode & 0o777 == 0o600
    assert saved.parent.stat().st_mode & 0o777 == 0o700 and data_dir().stat().st_mode & 0o777 == 0o700
    code, out2, _ = run(["invite", "--group", "Team A", "--day", "2026-03-02", "--time", "19:30"], capsys)
    assert code == 0 and saved.read_text(encoding="utf-8") == out  # never over an existing invitation
    assert (saved.parent / "2026-03-02 1930 Team A (2).md").read_text(encoding="utf-8") == out2
    assert out2 != out  # a new room each time


def test_invite_warns_about_a_long_chat_and_a_group_size_outside_5_to_15(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        ["invite", "--day", "2026-03-02", "--time", "9:00", "--minutes", "75", "--size", "4", "--lang", "en"], capsys
    )
    assert code == 0
    assert "warning: 75 min is longer than the 60 min this method allows" in err
    assert "warning: 4 participants; this method is meant for 5–15" in err
    code, _, err = run(["invite", "--day", "2026-03-02", "--time", "9:00", "--size", "16", "--no-save"], capsys)
    assert "16 participants" in err and "saved" not in err
    code, out, err = run(["invite", "--day", "2026-03-02", "--time", "9:00", "--protocol", "chat-intervisie"], capsys)
    assert "Collect your check-out contributions" in out and "warning" not in err


def test_the_meeting_host_comes_from_the_option_or_the_settings_file(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["invite", "--day", "2026-03-02", "--time", "10:00", "--no-save"]
    _, out, _ = run([*base, "--host", "https://Jitsi.Example.org/"], capsys)
    assert "https://jitsi.example.org/intervisie-" in out
    settings = isolated_dirs / "config" / "intervisie-tui" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"jitsi_host": "meet.school.nl"}', encoding="utf-8")
    _, out, _ = run(base, capsys)
    assert "https://meet.school.nl/intervisie-" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--day", "2-3-2026", "--time", "10:00"], "'2-3-2026' is not a day; write it as YYYY-MM-DD"),
        (["--day", "2026-03-02", "--time", "25:00"], "'25:00' is not a time"),
        (["--day", "2026-03-02", "--time", "10:00", "--host", "evil.nl/x?y"], "is not a host name"),
        (["--day", "2026-03-02", "--time", "10:00", "--minutes", "0"], "--minutes must be a positive number"),
        (["--day", "2026-03-02", "--time", "10:00", "--group", "A\x1b[2J"], "the group must be one line"),
        (["--day", "2026-03-02", "--time", "10:00", "--contact", "a\nb"], "the contact line must be one line"),
        (["--day", "2026-03-02", "--time", "10:00", "--protocol", "negen"], "unknown protocol 'negen'"),
        (["--time", "10:00"], "the following arguments are required: --day"),
    ],
)
def test_bad_invitation_input_is_one_line_and_saves_nothing(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["invite", *extra], capsys)
    assert one_line_error(code, out, err), err
    assert message in err and "\x1b" not in err
    assert not (data_dir() / "invitations").exists()


def test_the_invitation_is_written_in_the_commands_language(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["uitnodiging", "--group", "Team A", "--day", "2026-03-02", "--time", "19:30", "--contact", "ann@x.nl"]
    code, out, _ = run([*argv, "--protocol", "chat-vragenronde", "--lang", "nl"], capsys)
    assert code == 0 and out.startswith("# Uitnodiging: Vragenronde in de chat – Team A\n")
    assert "- **Wanneer:** 2026-03-02, 19:30–19:50 (20 minuten)" in out and "- **Waar:** https://meet.jit.si/" in out
    assert "- **Kamernaam** (als je die op de startpagina van meet.jit.si intypt): `intervisie-" in out
    assert "**Contact met de moderator:** ann@x.nl" in out and "## Een onderwerp voorstellen" in out
    assert "## Afspraken in de chat" in out and "## Je voorbereiding" in out and "Breng je een casus in?" in out
    assert out.endswith("Deel deze link alleen met de deelnemers.\n")
    saved = data_dir() / "invitations" / "2026-03-02 1930 Team A.md"
    assert saved.read_text(encoding="utf-8") == out
    code, out, _ = run(["invite", "--day", "2026-03-02", "--time", "19:30", "--protocol", "chat-vragenronde"], capsys)
    assert code == 0 and out.startswith("# Invitation: Vragenronde in de chat\n")
    assert "- **Room name** (if you type it on the start page of meet.jit.si): `intervisie-" in out
    assert "## Proposing a topic" in out and "Bringing a case?" in out
    assert out.endswith("Share this link only with the participants.\n")
    assert (data_dir() / "invitations" / "2026-03-02 1930 invitation.md").read_text(encoding="utf-8") == out


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "cannot save the invitation in "), ("nl", "kan de uitnodiging niet opslaan in ")],
)
def test_an_invitation_that_cannot_be_saved_says_so_in_one_line(
    language: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir().mkdir(parents=True, mode=0o700)
    (data_dir() / "invitations").write_text("a file where the folder should be", encoding="utf-8")
    code, out, err = run(["invite", "--day", "2026-03-02", "--time", "10:00", "--lang", language], capsys)
    assert code != 0 and out.startswith("# ")  # printed first, so nothing is lost
    assert err.count("\n") == 1 and err.startswith(f"intervisie: {message}{data_dir() / 'invitations'}: ")


@pytest.mark.parametrize("group", HOSTILE_NAMES)
def test_odd_group_names_stay_plain_text_in_the_invitation(group: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["invite", "--group", group, "--day", "2026-03-02", "--time", "10:00"], capsys)
    assert code == 0 and out.startswith(f"# Invitation: Chatsessie – {visible(group)}\n")
    [saved] = (data_dir() / "invitations").iterdir()
    assert saved.parent == data_dir() / "invitations" and saved.read_text(encoding="utf-8") == out


# Prepared cases


def test_every_guide_question_has_its_flag() -> None:
    assert CASE_FLAGS == GUIDE_KEYS


def case_file(case_id: str) -> Path:
    found = CaseStore().find(case_id)
    assert found is not None and found.path is not None
    return found.path


def test_a_case_from_flags_is_saved_private_and_can_be_shared_later(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["casus", "--group", "Team A", "--name", "Ann", "--events", "Eerst dit.\nDan dat."]
    code, out, _ = run([*argv, "--moment", "Het gesprek.", "--help-question", "Hoe blijf ik rustig?"], capsys)
    assert code == 0
    case_id, state, path = out.strip().split("\t")
    assert state == "private" and Path(path) == case_file(case_id)
    assert Path(path).stat().st_mode & 0o777 == 0o600 and Path(path).parent.stat().st_mode & 0o777 == 0o700
    store = CaseStore()
    assert store.shared_cases("Team A") == []
    code, out, _ = run(["prepare", "--edit", case_id, "--share", "--learn", "Grenzen stellen."], capsys)
    assert code == 0 and out.startswith(f"{case_id}\tshared\t")
    [shared] = store.shared_cases("Team A")
    assert shared.name == "Ann" and shared.help_question == "Hoe blijf ik rustig?"
    assert shared.answers["events"] == "Eerst dit.\nDan dat." and shared.answers["learn"] == "Grenzen stellen."
    assert store.shared_cases("Team B") == []
    code, out, _ = run(["casus", "--list", "--group", "Team A"], capsys)
    assert out == f"{case_id}\tTeam A\tAnn\tshared\tHoe blijf ik rustig?\n"


def test_answers_from_a_file_and_its_problems_at_file_line_col(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "antwoorden.yaml"
    answers.write_text("events: |\n  Het ging zo.\nhelp_question: Wat nu?\n", encoding="utf-8")
    code, out, _ = run(["casus", "--group", "G", "--name", "Bo", "--answers-from", str(answers)], capsys)
    assert code == 0
    case = CaseStore().find(out.split("\t")[0])
    assert case is not None and case.answers["events"] == "Het ging zo." and case.help_question == "Wat nu?"
    answers.write_text("events: x\nhulpvraag: y\n", encoding="utf-8")
    code, out, err = run(["casus", "--group", "G", "--name", "Bo", "--answers-from", str(answers)], capsys)
    assert one_line_error(code, out, err)
    assert f"{answers}:2:1: unknown key 'hulpvraag'" in err
    answers.write_text("events: [\n", encoding="utf-8")
    code, out, err = run(["casus", "--group", "G", "--name", "Bo", "--answers-from", str(answers)], capsys)
    assert one_line_error(code, out, err) and f"{answers}:2:1: YAML syntax error" in err
    answers.write_text("learn: [1, 2]\n", encoding="utf-8")
    code, out, err = run(["casus", "--group", "G", "--name", "Bo", "--answers-from", str(answers)], capsys)
    assert one_line_error(code, out, err) and f"{answers}:1:8: learn: must be text" in err
    assert len(CaseStore().all()) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["casus", "--group", "G", "--name", "N"], "a prepared case ends with a help question"),
        (["casus", "--name", "N", "--help-question", "?"], "a new case needs --group and --name"),
        (["casus", "--edit", "[/x]"], "no prepared case with id '[/x]'"),
        (["casus", "--group", "G\x1b[2J", "--name", "N", "--help-question", "?"], "the group must be one line"),
        (["casus", "--group", "G", "--name", "N", "--help-question", "a\x07b"], "holds a control character"),
        (["casus", "--group", "G", "--name", "N", "--share", "--private"], "not allowed with argument"),
    ],
)
def test_bad_case_input_is_one_line_and_saves_nothing(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert one_line_error(code, out, err), err
    assert message in err and "\x1b" not in err and "\x07" not in err
    assert CaseStore().all() == []


@pytest.mark.parametrize("text", HOSTILE_NAMES)
def test_odd_answers_never_become_markdown_structure(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["casus", "--group", text, "--name", text, "--events", text, "--help-question", text], capsys)
    assert code == 0
    path = Path(out.strip().split("\t")[2])
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    headings = [line for line in body.splitlines() if line.startswith("#")]
    assert len(headings) == 6  # the title and the five questions, nothing from the answers
    assert "<script>" not in body
    [case] = CaseStore().all(text)
    assert case.answers["events"] == text and case.group == text


def test_a_case_edited_by_hand_is_never_overwritten(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["casus", "--group", "G", "--name", "N", "--help-question", "Wat?"], capsys)
    case_id, _, path_text = out.strip().split("\t")
    path = Path(path_text)
    edited = path.read_text(encoding="utf-8") + "\nMijn eigen aanvulling.\n"
    path.write_text(edited, encoding="utf-8")
    code, out, err = run(["casus", "--edit", case_id, "--share"], capsys)
    assert one_line_error(code, out, err) and "was changed outside intervisie" in err
    assert path.read_text(encoding="utf-8") == edited


def test_on_a_terminal_the_questions_are_asked_and_old_answers_kept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = iter(["Het begon zo.", "En toen dit.", "", "Dat moment.", "", "", "", "Hoe nu verder?", ""])
    monkeypatch.setattr("sys.stdin", io.StringIO())
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    code, out, _ = run(["casus", "--group", "G", "--name", "N"], capsys)
    assert code == 0
    case_id = out.strip().splitlines()[-1].split("\t")[0]
    case = CaseStore().find(case_id)
    assert case is not None
    assert case.answers["events"] == "Het begon zo.\nEn toen dit."
    assert case.answers["moment"] == "Dat moment." and case.answers["picture"] == ""
    assert case.help_question == "Hoe nu verder?"
    again = iter(["", "", "", "Leren loslaten.", "", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(again))
    code, out, _ = run(["casus", "--edit", case_id, "--lang", "nl"], capsys)
    assert code == 0 and "Nu: Het begon zo." in out
    case = CaseStore().find(case_id)
    assert case is not None and case.answers["learn"] == "Leren loslaten." and case.help_question == "Hoe nu verder?"


# The preparation text


def write_minutes(name: str, date: str, protocol: str, body: str, group: str = "Team A") -> None:
    folder = minutes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    front = f"---\nsession: {name}\nprotocol: {protocol}\ngroup: {group}\ndate: '{date}'\nstart: '19:00'\n---\n"
    (folder / f"{name}.md").write_text(front + body, encoding="utf-8")


def test_the_preparation_text_collects_check_outs_and_actions_since_the_last_intervisie(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_minutes(
        "oud",
        "2026-01-05",
        "chat-sessie",
        "## Check-out\n\nAnn: te oud\n\n## Actiepunten\n\n- [ ] Ann: oude actie\n",
    )
    write_minutes("intervisie", "2026-01-20", "chat-intervisie", "## Check-out\n\nAnn: bij de intervisie\n")
    write_minutes(
        "een",
        "2026-02-03",
        "chat-sessie",
        "## Reflectie en dialoog\n\nAnn: geen check-out\n\n## Check-out\n\nAnn: Rust nemen helpt.\nBo: iets anders\n\n"
        "## Actiepunten\n\n- [ ] Ann: elke dag een wandeling\n- [ ] Bo: niet van Ann\n",
    )
    write_minutes(
        "twee",
        "2026-02-17",
        "chat-sessie",
        "## Check-out\n\n- Ann: [@click=app.quit] vragen stellen\n\n"
        "## Actiepunten\n\n- [x] Ann: elke dag een wandeling\n",
    )
    write_minutes("ander", "2026-02-18", "chat-sessie", "## Check-out\n\nAnn: andere groep\n", group="Team B")
    code, out, _ = run(["voorbereiding", "--group", "Team A", "--name", "Ann", "--lang", "nl"], capsys)
    assert code == 0
    assert out.startswith("# Voorbereiding intervisiechat – Ann (Team A)\n")
    assert "## Mijn check-outs sinds de intervisie van 2026-01-20" in out
    assert "- 2026-02-03: Rust nemen helpt.\n- 2026-02-17: [@click=app.quit] vragen stellen\n" in out
    for absent in ("te oud", "bij de intervisie", "geen check-out", "iets anders", "andere groep", "oude actie"):
        assert absent not in out
    assert "- [x] Ann: elke dag een wandeling" in out and "niet van Ann" not in out
    assert "Welke heb je niet gedaan?" in out


def test_the_preparation_text_without_minutes_and_with_bad_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["prep-text", "--group", "Nieuw", "--name", "Ann", "--lang", "nl"], capsys)
    assert code == 0 and "uit alle eerdere sessies" in out and "_Geen check-outs gevonden._" in out
    code, out, err = run(["prep-text", "--group", "A\x1b]0;x\x07", "--name", "Ann"], capsys)
    assert one_line_error(code, out, err) and "\x1b" not in err
    code, out, err = run(["prep-text", "--group", "A"], capsys)
    assert one_line_error(code, out, err) and "--name" in err


@pytest.mark.parametrize(
    "verb", ["uitnodiging", "invite", "casus", "prepare", "voorbereiding", "prep-text", "vraag", "energizer"]
)
def test_every_new_verb_has_help(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([verb, "--help"])
    assert exit_info.value.code == 0
    assert "usage: intervisie" in capsys.readouterr().out
