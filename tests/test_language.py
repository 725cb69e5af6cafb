"""One language throughout: every screen, dialog and command speaks Dutch or English, never a mix.

Each screen (start, session, end, review), each dialog, the command palette and the footer is shown in both
languages and its text checked against a short list of the other language's words, chosen to catch the leaks
people saw: Textual's "Search for commands…", "Quit", "Keys", "palette", and Dutch labels in English mode. The
session runs a protocol whose own texts are neither language, so only the app's words are on screen. Every
verb's `--help` and a typical error are checked the same way. Also here: plural forms, both tables having the
same keys and fields, and carry-over finding the action lists by their marker (and by the old labels without).
"""

from __future__ import annotations

import asyncio
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from intervisie_tui.cli import main
from intervisie_tui.core.archive import Archive
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.paths import index_path, minutes_dir
from intervisie_tui.core.protocol_loader import load_protocol
from intervisie_tui.core.session import Setup
from intervisie_tui.core.store import Store
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.dialogs import ConfirmDialog
from intervisie_tui.ui.end_screen import EndScreen
from intervisie_tui.ui.palette import Palette
from intervisie_tui.ui.review_screen import ReviewScreen
from intervisie_tui.ui.settings import Settings
from intervisie_tui.words import EN, NL, Texts

from .helpers import session_screen

# Words of one language that must never show in the other; each was, or could easily be, a leak.
DUTCH = (
    "deelnemer", "deelnemers", "Opslaan", "Stoppen", "palet", "Zoek", "Toetsen", "Volgende", "Notities",
    "Inbrenger", "Gepland", "Werkelijk", "Doorgaan", "Afronden", "Sluiten", "gebruik", "fout", "opties",
    "argumenten", "onbekende", "notulen", "Hulp", "Kopieer", "Groep", "Spreker", "Stilte", "Sessie",
)  # fmt: skip
ENGLISH = (
    "Search for commands", "Quit", "palette", "Keys", "Maximize", "Screenshot", "Theme", "Next", "Notes",
    "Planned", "Actual", "Participants", "participants", "Case-bringer", "Continue", "Finish", "usage",
    "error", "the following arguments are required", "options", "positional arguments", "show this help",
    "Help", "Copy", "Open minutes", "Group", "Speaker", "Session", "unknown",
)  # fmt: skip
OTHER = {"nl": ENGLISH, "en": DUTCH}
SIZE = (100, 30)
# A protocol whose own texts are in neither language, so that every word of the other language is a leak.
NEUTRAL = """\
id: neutraal
name: Xyzzy
language: nl
phases:
  - {id: a, title: Plugh, minutes: 5, goal: Qwerty, speakers: everyone, turns: true, capture: [help-question]}
  - {id: b, title: Zorkmid, minutes: 5, speakers: everyone, capture: [action-plan]}
"""


def leaks(text: str, language: str) -> list[str]:
    """The other language's words in a text, as whole words (not option names such as `--participants`)."""
    return [word for word in OTHER[language] if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


def screen_text(app: IntervisieApp) -> str:
    """Everything the screen on top shows now, with the footer; for the command palette, every command listed."""
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    if isinstance(app.screen, CommandPalette):
        commands = app.screen.query_one(CommandList)
        lines += [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    return "\n".join(lines)


async def palette_listed(pilot: Pilot[None], app: IntervisieApp) -> None:
    """Wait until the open command palette lists its commands (its providers search in a worker)."""
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    for _ in range(100):
        await pilot.pause()
        if palette.query_one(CommandList).option_count:
            return
    raise AssertionError("the command palette listed nothing")


def neutral_app(root: Path, clock: ManualClock, language: str, **start: object) -> IntervisieApp:
    settings = Settings(language=language, bell=False, flash=False, blink=False, ticking=False)
    return IntervisieApp(Store(root), clock=clock, settings=settings, **start)  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_every_screen_dialog_and_the_palette_speak_one_language(
    tmp_path: Path, clock: ManualClock, language: str
) -> None:
    protocol_file = tmp_path / "neutraal.yaml"
    protocol_file.write_text(NEUTRAL, encoding="utf-8")
    protocol = load_protocol(protocol_file)
    setup = Setup(group="Xy", participants=("Ann", "Bo", "Cas"), case_bringers=("Bo",))
    shown: dict[str, str] = {}

    async def look(pilot: Pilot[None], name: str) -> None:
        await pilot.pause()
        shown[name] = screen_text(app)

    app = neutral_app(tmp_path, clock, language)
    async with app.run_test(size=SIZE) as app_pilot:
        await look(app_pilot, "start")
        await app_pilot.press("tab", *"Xy")
        await look(app_pilot, "start, typing")
        await app_pilot.press("ctrl+p")
        await palette_listed(app_pilot, app)
        await look(app_pilot, "start, palette")
        await app_pilot.press("escape", "f9", *"Bo", "tab", *"Xyz", "ctrl+s")
        await look(app_pilot, "case screen, help question missing")
        await app_pilot.press("escape")
        await look(app_pilot, "case screen, unsaved")
        await app_pilot.press("y")

    app = neutral_app(tmp_path, clock, language, start=(protocol, setup))
    async with app.run_test(size=SIZE) as app_pilot:
        screen = session_screen(app)
        await app_pilot.press("ctrl+t")
        clock.advance(400)
        screen.tick()
        await look(app_pilot, "session, overrun")
        for key, name in (("f1", "help"), ("f3", "all notes"), ("f4", "jump"), ("ctrl+q", "confirm quit")):
            await app_pilot.press(key)
            await look(app_pilot, name)
            await app_pilot.press("escape")
        await app_pilot.press("ctrl+p")
        await palette_listed(app_pilot, app)
        await look(app_pilot, "session, palette")
        await app_pilot.press("escape")
        await app_pilot.press("ctrl+p", *Texts(language)("key.finish"))
        await app_pilot.pause()
        await app_pilot.press("enter")
        await look(app_pilot, "confirm finish")
        await app_pilot.press("y")
        await app_pilot.pause()
        assert isinstance(app.screen, EndScreen)
        await look(app_pilot, "end")

    app = neutral_app(tmp_path, clock, language, review=True)
    async with app.run_test(size=SIZE) as app_pilot:
        assert isinstance(app.screen, ReviewScreen)
        await look(app_pilot, "review")
        await app_pilot.press("ctrl+d")
        await look(app_pilot, "review, attendance export")

    assert set(shown) >= {"start, palette", "case screen, unsaved", "help", "session, palette", "end", "review"}
    found = {name: leaks(text, language) for name, text in shown.items() if leaks(text, language)}
    assert found == {}
    texts = Texts(language)
    assert texts("palette.placeholder") in shown["start, palette"]
    assert texts("system.quit") in shown["start, palette"] and texts("system.keys") in shown["session, palette"]
    assert texts("key.palette") in shown["start"] and texts("review.key.anonymous") in shown["review"]
    assert texts("start.prepare_keys") in shown["start"] and texts("casewrite.unsaved") in shown["case screen, unsaved"]


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_quit_in_the_palette_asks_like_ctrl_q_while_a_session_runs(
    tmp_path: Path, clock: ManualClock, language: str
) -> None:
    protocol_file = tmp_path / "neutraal.yaml"
    protocol_file.write_text(NEUTRAL, encoding="utf-8")
    setup = Setup(group="Xy", participants=("Ann", "Bo"))
    app = neutral_app(tmp_path, clock, language, start=(load_protocol(protocol_file), setup))
    texts = Texts(language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", "ctrl+p", *texts("system.quit"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert texts("confirm.quit").split("?")[0] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and session_screen(app).session.status.value == "running"


CLI_HELP = [
    [],
    ["run"],
    ["resume"],
    ["minutes"],
    *(["minutes", verb] for verb in ("list", "show", "search", "path", "export", "delete")),
    ["protocols"],
    *(["protocols", verb] for verb in ("list", "show", "validate")),
    *([verb] for verb in ("uitnodiging", "casus", "voorbereiding", "vraag", "energizer", "checklist")),
]
CLI_ERRORS = [
    ["frobnicate"],
    ["run"],
    ["run", "bestaat-niet"],
    ["minutes", "show"],
    ["minutes", "show", "bestaat-niet"],
    ["minutes", "export", "bestaat-niet"],
    ["minutes", "delete", "bestaat-niet"],
    ["protocols"],
    ["protocols", "show", "bestaat-niet"],
    ["uitnodiging", "--day", "morgen", "--time", "14:00"],
    ["uitnodiging", "--time", "14:00"],
    ["casus", "--edit", "bestaat-niet"],
    ["voorbereiding", "--group", "A"],
    ["vraag", "nu"],
    ["vraag", "check-in", "--skip", "-1"],
    ["energizer", "bestaat-niet"],
    ["--lang", "fr"],
    ["resume"],
    ["resume", "a/b"],
    ["minutes", "search", "x", "--limit", "0"],
    ["casus", "--group", "a\tb", "--name", "x"],
    ["uitnodiging", "--day", "2026-12-01", "--time", "14:00", "--host", "x y", "--no-save"],
]


@pytest.mark.parametrize(
    "argv",
    [
        ["--lang", "en", "run", "PROTOCOL"],
        ["--lang=en", "run", "PROTOCOL"],
        ["run", "PROTOCOL", "--lang", "en"],
        ["--lang", "en"],
    ],
    ids=["before-the-verb", "before-with-equals", "after-the-verb", "no-verb"],
)
def test_lang_anywhere_on_the_command_line_gives_english_screens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    protocol = tmp_path / "neutraal.yaml"
    protocol.write_text(NEUTRAL)
    seen: list[str] = []

    def look(app: IntervisieApp) -> None:
        async def scenario() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                seen.append(screen_text(app))

        asyncio.run(scenario())

    monkeypatch.setattr(IntervisieApp, "run", look)
    assert main([str(protocol) if arg == "PROTOCOL" else arg for arg in argv]) == 0
    assert leaks(seen[0], "en") == [] and re.search(r"\b(Start|Next|Help)\b", seen[0]), seen[0]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_verbs_help_and_a_typical_error_speak_one_language(
    capsys: pytest.CaptureFixture[str], language: str
) -> None:
    found: dict[str, list[str]] = {}
    for argv in CLI_HELP:
        with pytest.raises(SystemExit) as exit_:
            main([*argv, "--help", "--lang", language])
        out = capsys.readouterr().out
        assert exit_.value.code == 0 and out.count("\n") > 2
        if leaks(out, language):
            found[" ".join(argv) + " --help"] = leaks(out, language)
    for argv in CLI_ERRORS:
        code = main([*argv, "--lang", language] if argv[0] != "--lang" else argv)
        out, err = capsys.readouterr()
        assert code != 0 and out == "" and err.count("\n") == 1, (argv, err)
        if leaks(err, language):
            found[" ".join(argv)] = leaks(err, language)
    assert found == {}


def test_argparse_speaks_dutch_and_gettext_is_put_back(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    gettext = argparse._  # type: ignore[attr-defined]
    assert main(["protocols", "show", "--lang", "nl"]) == 2
    assert (
        capsys.readouterr().err
        == "intervisie: deze argumenten ontbreken: ID (zie 'intervisie protocols show --help')\n"
    )
    with pytest.raises(SystemExit):
        main(["protocols", "--help", "--lang", "nl"])
    out = capsys.readouterr().out
    assert out.startswith("gebruik: intervisie protocols") and "\nopties:\n" in out
    assert argparse._ is gettext  # type: ignore[attr-defined]


def test_the_language_comes_from_lang_then_the_settings_then_the_locale(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["protocols", "show", "bestaat-niet"]) == 1
    assert capsys.readouterr().err.startswith("intervisie: unknown protocol")
    settings = isolated_dirs / "config" / "intervisie-tui" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text('{"language": "nl"}')
    assert main(["protocols", "show", "bestaat-niet"]) == 1
    assert capsys.readouterr().err.startswith("intervisie: onbekende methode")
    assert main(["protocols", "show", "bestaat-niet", "--lang=en"]) == 1
    assert capsys.readouterr().err.startswith("intervisie: unknown protocol")


def test_plural_forms_count_one_and_many() -> None:
    nl, en = Texts("nl"), Texts("en")
    assert nl("review.deleted", count=1) == "Verwijderd: 1 bestand"
    assert nl("review.deleted", count=3) == "Verwijderd: 3 bestanden"
    assert en("review.deleted", count=1) == "Deleted: 1 file" and en("review.deleted", count=0) == "Deleted: 0 files"
    assert nl("start.warn_group", count=1, low=3, high=8).startswith("Let op: 1 deelnemer;")
    assert en("start.warn_group", count=9, low=3, high=8).startswith("Note: 9 participants;")


def test_both_tables_have_the_same_keys_and_the_same_fields() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert set(NL) == set(EN)
    assert {key: fields(NL[key]) for key in NL} == {key: fields(EN[key]) for key in EN}


def test_the_words_package_imports_nothing_but_itself() -> None:
    code = (
        "import sys, intervisie_tui.words\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'intervisie_tui')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == str(
        ["intervisie_tui", "intervisie_tui.words", "intervisie_tui.words.en", "intervisie_tui.words.nl"]
    )


# Carry-over: the action lists are found by their marker, whatever the labels say.


def minutes_file(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    front = f"---\nsession: {name}\ngroup: Xy\ndate: 2026-11-{name[-2:]}\nstart: 2026-11-{name[-2:]}T14:00\n---\n\n"
    (folder / f"{name}.md").write_text(front + body, encoding="utf-8")


def open_actions() -> list[str]:
    return [item.line() for item in Archive(minutes_dir(), index_path()).last_open_actions("Xy")]


def test_carry_over_reads_the_marked_lists_whatever_their_labels_say() -> None:
    body = (
        "# Xy\n\n## Plugh\n\n**Whatever the label:**\n\n"
        "<!-- intervisie:actions -->\n- [x] Ann: done\n- [ ] Bo: open\n\n"
        "**Hulpvraag:** x\n\nNotes\n\n## Typed by hand\n\n- [ ] Cas: not in an action list\n\n"
        "## Acties (renamed)\n\n<!-- intervisie:actions -->\n- [ ] Ann: new\n"
    )
    minutes_file(minutes_dir(), "s-22", body)
    assert open_actions() == ["Bo: open", "Ann: new"]


@pytest.mark.parametrize(
    ("review", "plan"),
    [("**Acties van de vorige keer:**", "## Actiepunten"), ("**Actions from last time:**", "## Action items")],
)
def test_carry_over_reads_older_minutes_without_the_marker_by_their_labels(review: str, plan: str) -> None:
    body = (
        f"# Xy\n\n## Plugh\n\n{review}\n\n- [ ] Bo: open\n\nNotes\n\n## Typed by hand\n\n- [ ] Cas: elsewhere\n\n"
        f"{plan}\n\n- [ ] Ann: new\n"
    )
    minutes_file(minutes_dir(), "s-21", body)
    assert open_actions() == ["Bo: open", "Ann: new"]


def test_minutes_written_now_carry_the_marker_before_both_lists(tmp_path: Path, clock: ManualClock) -> None:
    from intervisie_tui.core.minutes import render_minutes
    from intervisie_tui.core.session import Session

    protocol_file = tmp_path / "neutraal.yaml"
    protocol_file.write_text(NEUTRAL.replace("phases:", "review: {id: r, title: Terug, minutes: 5}\nphases:"))
    setup = Setup(group="Xy", participants=("Ann", "Bo"), open_actions=("Bo: open",))
    session = Session(load_protocol(protocol_file), setup, clock)
    session.set_field(2, "action-plan", "Ann: new")
    for language in ("nl", "en"):
        text = render_minutes(session, "s", language)
        assert text.count("<!-- intervisie:actions -->\n- [ ] ") == 2


@pytest.mark.parametrize(
    ("language", "anonymised", "attendance"),
    [("nl", "Inbrenger", "Bewijs van deelname"), ("en", "Case-bringer", "Proof of attendance")],
)
def test_minutes_export_follows_lang(
    clock: ManualClock, capsys: pytest.CaptureFixture[str], language: str, anonymised: str, attendance: str
) -> None:
    from .test_archive import saved_session

    saved_session(Store(), clock)
    (summary,) = Archive(minutes_dir(), index_path()).summaries()
    assert main(["minutes", "export", summary.id, "--lang", language]) == 0
    out = capsys.readouterr().out
    assert f"- [ ] {anonymised}: rooster maken" in out and "Bo" not in out
    assert main(["minutes", "export", summary.id, "--attendance", "--lang", language]) == 0
    assert f"# {attendance}" in capsys.readouterr().out


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_the_palettes_screenshot_is_reported_in_the_apps_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: ManualClock, language: str
) -> None:
    monkeypatch.chdir(tmp_path)
    app = neutral_app(tmp_path / "data", clock, language)
    texts = Texts(language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *texts("system.screenshot"))
        await palette_listed(pilot, app)
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.05)
            if app._notifications:
                break
        (notice,) = list(app._notifications)
    assert notice.title == texts("system.screenshot")
    assert notice.message.startswith(texts("screenshot.saved", path=""))
    saved = Path(notice.message.removeprefix(texts("screenshot.saved", path="")))
    assert saved.parent == tmp_path and saved.suffix == ".svg" and "<svg" in saved.read_text("utf-8")
    assert notice.severity == "information" and not leaks(notice.message, language)


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_a_palette_search_that_finds_nothing_says_so_in_the_apps_language(
    tmp_path: Path, clock: ManualClock, language: str
) -> None:
    app = neutral_app(tmp_path, clock, language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        palette = app.screen
        assert isinstance(palette, Palette)
        palette.no_matches_after = 0.001
        await pilot.press(*"qzxw")
        expected = Texts(language)("palette.no_matches")
        for _ in range(200):
            await pilot.pause(0.01)
            text = screen_text(app)
            if expected in text:
                break
    assert expected in text
    assert not leaks(text, language) and (language == "en" or "No matches" not in text)


# Problems in hand-written files: the validator, a broken protocol in the config folder, a missing file.

BROKEN_FILES = {
    "unknown-key.yaml": "id: x\nname: X\nphases:\n  - {name: a, title: b, minutes: -5}\n",
    "no-phases.yaml": "name: X\n",
    "empty.yaml": "",
    "syntax.yaml": "id: x\nname: [unclosed\n",
    "odd-syntax.yaml": "id: x\nname: X\nphases: [a, b]]\n",
    "energizers.yaml": "kind: energizers\nenergizers:\n  - {id: a, name: A, minutes: 90, how: x}\n",
    "questions.yaml": "kind: questions\nlanguage: nl\n",
}
# English words of the validator's messages, and Dutch ones, that must not show in the other language.
PROBLEM_WORDS = {
    "nl": (
        "missing",
        "must",
        "unknown key",
        "file is",
        "folder",
        "syntax error",
        "no such",
        "energizer takes",
        "needs",
    ),
    "en": ("ontbreekt", "moet", "onbekende", "bestand", "map", "syntaxfout", "bestaat niet", "duurt", "nodig"),
}


def problem_leaks(text: str, language: str) -> list[str]:
    return [word for word in PROBLEM_WORDS[language] if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_validator_names_every_problem_in_the_commands_language_at_its_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    for name, text in BROKEN_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(b"id: \xff\xfe\n")
    files = [str(tmp_path / name) for name in (*BROKEN_FILES, "binary.yaml")]
    assert main(["protocols", "validate", *files, str(tmp_path), "--lang", language]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 12 and all(re.match(rf"{re.escape(str(tmp_path))}[/\w.-]*:\d+:\d+: ", line) for line in lines)
    texts = Texts(language)
    said = "\n".join(lines)
    unknown = texts("problem.unknown_key", key="'name'", known="")
    assert f"unknown-key.yaml:4:6: phases[0].name: {unknown}" in said
    assert f"unknown-key.yaml:4:34: phases[0].minutes: {texts('problem.more_than', bound=0, value=-5)}" in said
    assert f"syntax.yaml:3:1: {texts('problem.yaml_syntax', reason='')}" in said
    assert (
        f"binary.yaml:1:5: {texts('problem.not_utf8')}" in said and f"empty.yaml:1:1: {texts('problem.empty')}" in said
    )
    assert said.endswith(
        f"{tmp_path}:1:1: {texts('problem.not_protocol_file', kind=texts('problem.file_kind.folder'))}"
    )
    assert problem_leaks(said, language) == [] and leaks(said, language) == []


def test_pyyamls_own_words_are_only_a_quoted_detail_after_a_dutch_lead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = tmp_path / "odd.yaml"
    odd.write_text("id: x\nname: *\n", encoding="utf-8")
    assert main(["protocols", "validate", str(odd), "--lang", "nl"]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith(f'{odd}:2:8: YAML-syntaxfout: melding van de YAML-lezer (Engels): "did not find')
    assert line.endswith('"')
    odd.write_text("id: x\nname: a\n  b: c\n", encoding="utf-8")
    assert main(["protocols", "validate", str(odd), "--lang", "nl"]) == 1
    assert capsys.readouterr().out == f"{odd}:3:4: YAML-syntaxfout: {Texts('nl')('problem.yaml.mapping_values')}\n"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_broken_protocol_in_the_config_folder_and_a_missing_file_speak_the_commands_language(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    folder = isolated_dirs / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True)
    (folder / "kapot.yaml").write_text("id: k\nname: K\nphases:\n  - {title: a, minutes: 3}\n", encoding="utf-8")
    texts = Texts(language)
    missing = texts("problem.missing_key", key="id")
    for _ in range(2):  # the second time from the cache of broken files
        assert main(["protocols", "list", "--lang", language]) == 0
        err = capsys.readouterr().err
        problem = f"{folder}/kapot.yaml:4:5: phases[0]: {missing}"
        assert err == f"intervisie: {texts('cli.skipped_protocol', problem=problem)}\n"
    assert main(["run", str(isolated_dirs / "nonexist.yaml"), "--lang", language]) == 1
    err = capsys.readouterr().err
    assert err == f"intervisie: {isolated_dirs}/nonexist.yaml:1:1: {texts('problem.no_file')}\n"


# The command line's own messages and help: warnings, bad values, metavars and help for every option.

CLI_MESSAGES = [
    (["uitnodiging", "--day", "2026-12-01", "--time", "10:00", "--size", "1", "--no-save"], "invite.warn_size"),
    (["uitnodiging", "--day", "2026-12-01", "--time", "10:00", "--size", "abc"], "cli.not_whole"),
    (["voorstel", "--group", "G", "--name", "A", "--question", "q", "--link", "ftp://x"], "error.link"),
    (["voorstel", "--group", "G", "--name", "A", "--question", "a\nb"], "error.question_one_line"),
]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_cli_warnings_and_bad_values_speak_the_commands_language(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], language: str
) -> None:
    texts = Texts(language)
    for argv, key in CLI_MESSAGES:
        main([*argv, "--lang", language])
        err = capsys.readouterr().err
        expected = texts(key, count=1, low=5, high=15, value="'abc'").split(":")[0].split(";")[0]
        assert err.count("\n") == 1 and expected in err and leaks(err, language) == [], (argv, err)
    assert "participants" not in texts("invite.warn_size", count=1, low=5, high=15)
    settings = isolated_dirs / "config" / "intervisie-tui" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text("{a", encoding="utf-8")
    assert main(["run", "zeven-stappen", "--lang", language]) == 1
    err = capsys.readouterr().err
    assert err == f"intervisie: {texts('settings.not_json', path=settings, line=1, col=2)}\n"


def test_the_invitation_says_one_minute_in_the_singular(capsys: pytest.CaptureFixture[str]) -> None:
    for language, duration in (("nl", "1 minuut"), ("en", "1 minute")):
        argv = ["uitnodiging", "--day", "2026-12-01", "--time", "10:00", "--minutes", "1", "--no-save"]
        assert main([*argv, "--lang", language]) == 0
        assert f"10:00–10:01 ({duration})" in capsys.readouterr().out


WORD = re.compile(r"[^\W\d_]{3,}")


def invitation_leaks(text: str, language: str) -> list[str]:
    """The other language's words in an invitation: the usual list, and every word of the other language's
    invitation texts that this language's do not have (`Wanneer`, `Kamernaam`, `voorbereiding`, `When`, ...)."""
    other = "en" if language == "nl" else "nl"

    def words(table: dict[str, str]) -> set[str]:
        return {w.lower() for key, value in table.items() if key.startswith("invite.doc.") for w in WORD.findall(value)}

    tables = {"nl": NL, "en": EN}
    foreign = words(tables[other]) - words(tables[language])
    found = [w for w in sorted(foreign) if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.IGNORECASE)]
    return leaks(text, language) + found


def test_a_word_of_the_other_language_in_an_invitation_is_a_leak() -> None:
    assert invitation_leaks("# Invitation\n- **Wanneer:** 10:00\n## Your preparation", "en") == ["wanneer"]
    assert invitation_leaks("# Uitnodiging\n## Je voorbereiding\nShare this link", "nl") == ["share", "this"]


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_the_invitation_speaks_the_language_it_is_made_in_on_the_screen_and_the_command_line(
    tmp_path: Path, clock: ManualClock, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = Texts(language)
    made: dict[str, str] = {}
    for protocol in ("chat-sessie", "chat-intervisie", "chat-vragenronde"):
        argv = ["uitnodiging", "--day", "2026-12-01", "--time", "10:00", "--group", "Xy", "--contact", "a@b.c"]
        assert main([*argv, "--protocol", protocol, "--no-save", "--lang", language]) == 0
        made[protocol] = capsys.readouterr().out
    app = neutral_app(tmp_path, clock, language)
    copied: list[str] = []
    app.copy_text = lambda text, report=None: copied.append(text)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", *"2026-12-01", "tab", *"10:00", "ctrl+y")
        await pilot.pause()
        made["F3 preview"] = str(app.screen.query_one("#invite-preview").render())
        assert copied == [app.screen.shown_text]  # type: ignore[attr-defined]
    made["F3 copied"] = copied[0]
    for name, text in made.items():
        assert text.startswith(f"# {texts('invite.doc.title', method='')}"), name
        for key in (
            "invite.doc.when",
            "invite.doc.rules_heading",
            "invite.doc.preparation_heading",
            "invite.doc.share",
        ):
            assert texts(key) in text, (name, key)
        assert invitation_leaks(text, language) == [], name


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_option_has_help_and_a_metavar_in_the_commands_language(
    capsys: pytest.CaptureFixture[str], language: str
) -> None:
    other = {"nl": ("TITLE", "GROUP", "MINUTES", "PROTOCOL", "HOST", "NAME", "TEXT"), "en": ("GROEP", "NAAM", "TEKST")}
    for verb in ("run", "uitnodiging", "casus", "voorbereiding", "voorstel", "vraag"):
        with pytest.raises(SystemExit):
            main([verb, "--help", "--lang", language])
        out = capsys.readouterr().out
        assert [word for word in other[language] if re.search(rf"\b{word}\b", out)] == [], (verb, out)
        lines = [*out.split("\n\n")[-1].splitlines(), ""]
        # An option alone on its line has its help on the next, indented deeper; without, it has none.
        bare = [i for i, line in enumerate(lines) if re.fullmatch(r"  -\S+( \S+)?", line)]
        assert [lines[i] for i in bare if not re.match(r" {4,}[^ -]", lines[i + 1])] == [], verb


VERB_NAMES = (("uitnodiging", "invite"), ("casus", "prepare"), ("voorbereiding", "prep-text"))
VERB_NAMES += (("voorstel", "propose"), ("vraag", "question"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_verbs_are_named_in_the_commands_language_first_and_answer_to_both_names(
    capsys: pytest.CaptureFixture[str], language: str
) -> None:
    with pytest.raises(SystemExit):
        main(["--help", "--lang", language])
    top = capsys.readouterr().out
    for dutch, english in VERB_NAMES:
        first, alias = (english, dutch) if language == "en" else (dutch, english)
        assert f"    {first} ({alias})" in top
        for name in (dutch, english):
            with pytest.raises(SystemExit):
                main([name, "--help", "--lang", language])
            usage = "gebruik:" if language == "nl" else "usage:"
            assert capsys.readouterr().out.split()[:3] == [usage, "intervisie", first]
    assert main(["frob", "--lang", language]) == 2
    choices = capsys.readouterr().err
    order = choices.index("'invite'") < choices.index("'uitnodiging'")
    assert order == (language == "en")


@pytest.mark.parametrize(("language", "word"), [("nl", "afgerond"), ("en", "finished")])
def test_minutes_list_shows_the_status_in_the_commands_language(
    clock: ManualClock, capsys: pytest.CaptureFixture[str], language: str, word: str
) -> None:
    from .test_archive import saved_session

    saved_session(Store(), clock)
    assert main(["minutes", "list", "--lang", language]) == 0
    assert capsys.readouterr().out.rstrip("\n").split("\t")[-1] == word
    (summary,) = Archive(minutes_dir(), index_path()).summaries()
    assert "status: finished" in summary.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("language", "shown"), [("nl", "1,5 min (1,5–2,5)"), ("en", "1.5 min (1.5–2.5)")])
def test_protocols_list_writes_minutes_as_the_language_does(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], language: str, shown: str
) -> None:
    folder = isolated_dirs / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True)
    (folder / "kort.yaml").write_text(
        "id: kort\nname: Kort\nphases:\n  - {id: a, title: A, minutes: 0.5}\n  - {id: b, title: B, minutes: [1, 2]}\n",
        encoding="utf-8",
    )
    assert main(["protocols", "list", "--lang", language]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("kort ")]
    assert shown in line


def test_the_invitation_plans_the_protocols_total_as_protocols_list_shows_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["protocols", "list", "--lang", "nl"]) == 0
    (line,) = [line for line in capsys.readouterr().out.splitlines() if line.startswith("duo-uitwisseling ")]
    listed = int(re.search(r"(\d+) min", line).group(1))  # type: ignore[union-attr]
    argv = ["uitnodiging", "--protocol", "duo-uitwisseling", "--day", "2026-12-01", "--time", "10:00", "--no-save"]
    assert main(argv) == 0
    assert f"({listed} minuten)" in capsys.readouterr().out and listed == 18
