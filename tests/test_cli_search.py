"""`intervisie minutes search` on its lean path (cli_search.py) answers exactly as the full command line does.

The console script's entry answers a plain search without argparse, YAML, platformdirs or Textual; everything
else goes to the full parser. These tests run both entries on the same argument lists, hostile minutes among
the files, and compare what a person sees: standard output, standard error and the exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

from intervisie_tui import cli, cli_search
from intervisie_tui.core import paths

HOSTILE_GROUP = r"[/x] [@click=app.quit]x\e[31m \u202eevil"
BODY = "## Stap 1\n\nDe werkdruk [bold]stijgt[/bold] \x1b]0;title\x07 bij {collega} en werkdruk \u202e.\n"


def minutes(folder: Path, name: str, session: str, group: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = f'---\nsession: {session}\ndate: 2026-11-22\nstart: "14:00"\ngroup: "{group}"\nprotocol: x\n---\n'
    (folder / name).write_text(front + body, encoding="utf-8")


@pytest.fixture
def archive_with_hostile_text(isolated_dirs: Path) -> Path:
    folder = isolated_dirs / "data" / "intervisie-tui" / "minutes"
    minutes(folder, "a.md", "sessie-a", HOSTILE_GROUP, BODY)
    minutes(folder, "b.md", "sessie-b", "Groep 7", "Niets bijzonders, alleen werkdruk.\n")
    minutes(folder, "c.md", "sessie-c", "Groep 8", "Een zeldzaamwoord hier.\n")
    (folder / "broken.md").write_bytes(b"\xff\xfe not utf-8 werkdruk")
    return folder


def both(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """What the full command line and the console script's entry each print for `argv`."""
    return run(cli.main, argv, capsys), run(cli_search.main, argv, capsys)


def run(main: Callable[[list[str]], int], argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exit:  # argparse's help ends the process, as in a terminal
        code = int(exit.code or 0)
    return code, *capsys.readouterr()


@pytest.mark.parametrize(
    "argv",
    [
        ["minutes", "search", "werkdruk"],
        ["minutes", "search", "WERKDRUK", "--limit", "1"],
        ["minutes", "search", "--limit=1", "werk"],
        ["minutes", "search", "werkdruk", "--lang", "en"],
        ["minutes", "search", "--lang=nl", "werkdruk", "stijgt"],
        ["minutes", "search", "[/x]", "werkdruk"],
        ["minutes", "search", "zeldzaamwoord"],
        ["minutes", "search", "nergens"],
        ["minutes", "search", "\x1b[31m"],
    ],
)
def test_a_plain_search_prints_what_the_full_command_line_prints(
    archive_with_hostile_text: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert cli_search.plain_search(argv) is not None
    full, lean = both(argv, capsys)
    assert lean == full
    code, out, err = lean
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "broken.md" in err and err.count("\n") == (1 if code == 0 else 2)
    assert (code == 0) == bool(out)


@pytest.mark.parametrize(
    ("language", "said"),
    [("nl", "geen notulen gevonden met „[/x] nergens”"), ("en", "no minutes found with “[/x] nergens”")],
)
def test_a_search_without_hits_says_so_on_stderr_and_prints_nothing(
    archive_with_hostile_text: Path, capsys: pytest.CaptureFixture[str], language: str, said: str
) -> None:
    for main in (cli.main, cli_search.main):
        code, out, err = run(main, ["minutes", "search", "[/x]", "nergens", "--lang", language], capsys)
        assert (code, out) == (1, "")
        assert f"intervisie: {said}\n" in err


@pytest.mark.parametrize("words", [["  "], ["-", "%"], ["", "\u2013", "\\"]])
def test_words_without_letters_or_digits_ask_for_a_word(
    archive_with_hostile_text: Path, capsys: pytest.CaptureFixture[str], words: list[str]
) -> None:
    for main in (cli.main, cli_search.main):
        code, out, err = run(main, ["minutes", "search", "--lang", "nl", "--", *words], capsys)
        assert (code, out) == (2, "")
        assert err == "intervisie: geef minstens één woord om naar te zoeken (letters of cijfers)\n"


def test_a_pasted_page_without_hits_is_said_back_by_its_start_only(
    archive_with_hostile_text: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = [f"nergens{n}" for n in range(3000)]
    for main in (cli.main, cli_search.main):
        code, out, err = run(main, ["minutes", "search", "--lang", "nl", *words], capsys)
        assert (code, out) == (1, "")
        said = err.splitlines()[0]  # then the line naming the broken file the archive skipped
        assert said.startswith("intervisie: geen notulen gevonden met „nergens0 nergens1 ") and len(said) < 140
        assert said.endswith("…”")


def test_the_hostile_group_and_snippet_are_printed_as_text(
    archive_with_hostile_text: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli_search.main(["minutes", "search", "stijgt", "--lang", "en"]), *capsys.readouterr()
    assert code == 0
    line = out.splitlines()[0]
    assert line.startswith("sessie-a\t2026-11-22\t[/x] [@click=app.quit]x␛[31m")
    assert "werkdruk bold «stijgt» bold 0 title bij collega" in line
    assert out.splitlines()[-1] == "1 of 1 session, best match first"


@pytest.mark.parametrize(
    "argv",
    [
        ["minutes", "search"],
        ["minutes", "search", "-h"],
        ["minutes", "search", "werkdruk", "--limit", "0"],
        ["minutes", "search", "werkdruk", "--limit", "x"],
        ["minutes", "search", "werkdruk", "--limit", "\u00b2"],
        ["minutes", "search", "werkdruk", "--limit"],
        ["minutes", "search", "werkdruk", "--lang", "xx"],
        ["minutes", "search", "werkdruk", "--limit", "2", "stijgt"],
        ["minutes", "search", "--limit", "1", "--limit", "2", "werkdruk"],
        ["minutes", "search", "werkdruk", "--"],
        ["minutes", "search", "-werkdruk"],
        ["minutes", "search", "werkdruk", "--lim", "2"],
        ["minutes", "list"],
        ["--lang", "en", "minutes", "search", "werkdruk"],
    ],
)
def test_anything_else_goes_to_the_full_parser(
    archive_with_hostile_text: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    assert cli_search.plain_search(argv) is None
    full, lean = both(argv, capsys)
    assert lean == full


def test_the_lean_path_loads_no_parser_yaml_platformdirs_or_textual(archive_with_hostile_text: Path) -> None:
    (archive_with_hostile_text / "broken.md").unlink()
    heavy = "argparse", "yaml", "platformdirs", "textual", "rich"
    script = (
        "import sys\nfrom intervisie_tui.cli_search import main\n"
        "main(['minutes', 'search', 'werkdruk'])\n"  # the first search builds the index (and reads YAML)
        "for name in list(sys.modules):\n"
        f"    if name.split('.')[0] in {heavy!r}: del sys.modules[name]\n"
        "code = main(['minutes', 'search', 'werkdruk'])\n"
        f"print(code, sorted(n for n in sys.modules if n.split('.')[0] in {heavy!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"


@pytest.mark.parametrize(
    "env",
    [
        {"XDG_DATA_HOME": "/srv/data", "XDG_CONFIG_HOME": "/srv/config", "HOME": "/home/ann"},
        {"XDG_DATA_HOME": "", "XDG_CONFIG_HOME": "", "HOME": "/home/ann"},
        {"XDG_DATA_HOME": "relative/data", "XDG_CONFIG_HOME": "  ", "HOME": "/home/ann/"},
    ],
)
def test_the_data_and_config_folders_are_the_ones_platformdirs_gives(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert paths.data_dir() == Path(platformdirs.user_data_dir(paths.APP_NAME))
    assert paths.user_config_path() == Path(platformdirs.user_config_dir(paths.APP_NAME))


def test_a_relative_home_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", "relative")
    assert paths.data_dir() == Path(platformdirs.user_data_dir(paths.APP_NAME))
    assert not paths.data_dir().is_relative_to("relative")
