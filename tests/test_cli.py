"""The command-line contract: listing, showing and validating protocols; one-line errors, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from intervisie_tui import __version__
from intervisie_tui.cli import main
from intervisie_tui.ui.strings import pick_language

from .test_bundled_protocols import EXPECTED_IDS

# These tests read the command line's English texts; tests/test_language.py covers the Dutch ones.
pytestmark = pytest.mark.usefixtures("english_cli")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_protocols_list_shows_every_protocol_with_its_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["protocols", "list"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(EXPECTED_IDS)
    assert lines[0].startswith("zeven-stappen") and lines[0].endswith("50 min")
    assert "+50 per extra case-bringer" in lines[1]


def test_user_protocols_are_listed_and_a_broken_one_is_reported(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = isolated_dirs / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True)
    (folder / "eigen.yaml").write_text("id: eigen\nname: Eigen\nphases:\n  - {id: a, title: A, minutes: 7}\n")
    (folder / "kapot.yaml").write_text("id: kapot\nname: [\n")
    code, out, err = run(["protocols", "list"], capsys)
    assert code == 0
    assert "eigen  " in out and "7 min (user)" in out
    assert "kapot.yaml:3:1: YAML syntax error" in err


def test_protocols_show_lists_phases_and_repeated_blocks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["protocols", "show", "draaiboek-kort"], capsys)
    assert code == 0
    assert "For each case-bringer:" in out
    assert "2. Hulpvraag definiëren (1–5 min, everyone)" in out
    assert "4. Evaluatie (1–5 min, everyone)  [optional]" in out
    assert "5. Eigen invulling (open, everyone)" in out


def test_unknown_protocol_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["protocols", "show", "negen-stappen"], capsys)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "unknown protocol 'negen-stappen'" in err


def test_validate_exits_0_for_valid_and_1_with_positioned_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "goed.yaml"
    good.write_text("id: a\nname: A\nphases:\n  - {id: x, title: X, minutes: 5}\n")
    bad = tmp_path / "fout.yaml"
    bad.write_text("id: a\nname: A\nphases:\n  - {id: x, title: X, minutes: -5}\n")
    assert run(["protocols", "validate", str(good)], capsys)[0] == 0
    code, out, _ = run(["protocols", "validate", str(good), str(bad), str(tmp_path / "weg.yaml")], capsys)
    assert code == 1
    assert f"{bad}:4:32: phases[0].minutes: must be more than 0, not -5" in out
    assert f"{tmp_path / 'weg.yaml'}:1:1: no such file" in out


def test_usage_errors_are_one_line_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["protocols", "frobnicate"], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("intervisie: ")


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "intervisie_tui", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"intervisie {__version__}"


def test_run_with_an_unknown_protocol_or_a_broken_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["run", "negen-stappen"], capsys)
    assert code == 1 and err.count("\n") == 1 and "unknown protocol 'negen-stappen'" in err
    broken = tmp_path / "kapot.yaml"
    broken.write_text("id: x\nname: X\nphases: []\n")
    code, _, err = run(["run", str(broken)], capsys)
    assert code == 1 and err == f"intervisie: {broken}:3:9: phases: must be a non-empty list of phases, not empty\n"


def test_resume_without_a_saved_session_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["resume"], capsys)
    assert (code, err) == (1, "intervisie: there is no saved session to resume\n")
    code, _, err = run(["resume", "../../etc/passwd"], capsys)
    assert code == 1 and "is not a session id" in err


def test_a_damaged_session_file_is_reported_and_kept_aside(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions = isolated_dirs / "data" / "intervisie-tui" / "sessions"
    sessions.mkdir(parents=True)
    (sessions / "kapot.json").write_text('{"format": 1, "id": "kapot"')
    code, _, err = run(["resume", "kapot"], capsys)
    assert code == 1 and err.count("\n") == 1 and "is damaged" in err
    assert not (sessions / "kapot.json").exists()
    kept = list(sessions.glob("kapot.damaged-*.json.bak"))
    assert len(kept) == 1 and kept[0].read_text() == '{"format": 1, "id": "kapot"'


def test_minutes_verbs_list_show_search_path_and_export(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from intervisie_tui.core.clock import ManualClock
    from intervisie_tui.core.store import Store

    from .test_archive import saved_session

    store = Store()
    saved_session(store, ManualClock(), group="Groep A")
    code, out, _ = run(["minutes", "list"], capsys)
    assert code == 0
    session_id = out.split("\t")[0]
    assert out == f"{session_id}\t2026-11-22\t14:00\tGroep A\tzeven-stappen\tBo\t15 min\tfinished\n"
    code, out, _ = run(["minutes", "show", session_id], capsys)
    assert code == 0 and out.startswith("---\nsession: ") and "lastige ouder" in out
    code, out, _ = run(["minutes", "search", "lastige", "ouder"], capsys)
    assert code == 0 and out.startswith(f"{session_id}\t2026-11-22\tGroep A\t") and "«lastige»" in out
    assert run(["minutes", "search", "bestaatniet"], capsys)[:2] == (1, "")
    code, out, _ = run(["minutes", "path"], capsys)
    assert out.strip() == str(isolated_dirs / "data" / "intervisie-tui" / "minutes")
    code, out, _ = run(["minutes", "export", session_id, "--scrub", "Pietje", "--lang", "nl"], capsys)
    assert code == 0 and "Bo" not in out and "Inbrenger" in out
    code, out, _ = run(["minutes", "export", session_id, "--attendance", "--lang", "nl"], capsys)
    assert "Bewijs van deelname" in out and "lastige" not in out
    code, _, err = run(["minutes", "show", "bestaat-niet"], capsys)
    assert code == 1 and err == "intervisie: no minutes with id 'bestaat-niet' (see 'intervisie minutes list')\n"


def test_parsed_protocols_are_cached_and_follow_edits(isolated_dirs: Path) -> None:
    from intervisie_tui.core.catalog import cache_dir, resolve

    folder = isolated_dirs / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True)
    own = folder / "eigen.yaml"
    own.write_text("id: eigen\nname: Eigen\nphases:\n  - {id: a, title: A, minutes: 7}\n")
    assert resolve("eigen").phases[0].minutes.low == 7
    assert len(list(cache_dir().glob("*.json"))) == 1
    own.write_text("id: eigen\nname: Eigen\nphases:\n  - {id: a, title: A, minutes: 9}\n")
    assert resolve("eigen").phases[0].minutes.low == 9
    for entry in cache_dir().glob("*.json"):
        entry.write_text("{kapot")
    assert resolve("eigen").phases[0].minutes.low == 9


def test_starting_a_known_protocol_from_a_warm_cache_does_not_load_yaml(isolated_dirs: Path) -> None:
    code = (
        "import sys\n"
        "from intervisie_tui.core.catalog import resolve\n"
        "resolve('zeven-stappen')\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, "HOME": str(isolated_dirs), "XDG_CACHE_HOME": str(isolated_dirs / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True) for _ in "12"
    ]
    assert [r.stdout.strip() for r in runs] == ["True", "False"]


def test_a_broken_settings_file_is_one_line_and_touches_nothing(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from intervisie_tui.ui.settings import Settings, load_settings

    path = isolated_dirs / "config" / "intervisie-tui" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"language": "en", "bell": false}')
    assert load_settings() == Settings(language="en", bell=False)
    for content, message in [
        ('{"bel": false}', "unknown setting 'bel'"),
        ('{"flash": "nee"}', "'flash' must be true or false"),
        ('{"language": "fr"}', '\'language\' must be "nl" or "en"'),
        ("{kapot", "cannot read the settings"),
    ]:
        path.write_text(content)
        code, _, err = run(["run", "zeven-stappen"], capsys)
        assert code == 1 and err.count("\n") == 1 and message in err, err
        assert path.read_text() == content


def test_a_settings_file_that_is_a_fifo_is_refused_unread(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = isolated_dirs / "config" / "intervisie-tui" / "settings.json"
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    code, _, err = run(["run", "zeven-stappen"], capsys)
    assert code == 1 and err.count("\n") == 1 and "settings.json" in err, err


@pytest.mark.parametrize(
    ("environment", "language"),
    [({}, "nl"), ({"LANG": "C.UTF-8"}, "nl"), ({"LC_ALL": "POSIX"}, "nl"), ({"LANG": "en_GB.UTF-8"}, "en")],
)
def test_a_bare_environment_gets_dutch_and_an_english_locale_english(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], language: str
) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert pick_language(None) == language
    assert pick_language("en") == "en"


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    """`intervisie protocols show ID | head -1`: no internal error, no traceback when the pipe closes."""
    script = (
        f"{sys.executable} -m intervisie_tui protocols show draaiboek-lang --lang nl"
        f" | {sys.executable} -c 'import sys; sys.stdin.readline()'"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    for _ in range(3):
        result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=60)
        assert result.stderr == ""
