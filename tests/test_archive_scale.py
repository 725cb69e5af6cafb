"""The archive at scale, as people use it: ranked and limited search with a count and snippets, edits and
deletions found at once, hostile notes printed visibly, a paged review table, and broken protocols that are
not parsed again while they are unchanged. No timings here: speed is measured in benchmarks/."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from intervisie_tui.cli import main
from intervisie_tui.core import archive, catalog, protocol_loader
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.protocol import Protocol
from intervisie_tui.core.store import Store
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.dialogs import ConfirmDialog
from intervisie_tui.ui.review_screen import PAGE, ReviewScreen

from .test_archive import saved_session
from .test_ui_review import SIZE, preview, review_app

# The command-line lines read here are the English ones; tests/test_language.py covers the Dutch.
pytestmark = pytest.mark.usefixtures("english_cli")


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def selected(app: IntervisieApp) -> str | None:
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen.selected.id if screen.selected else None


def copies(store: Store, clock: ManualClock, count: int, notes: list[str] | None = None) -> list[Path]:
    """`count` minutes files of sessions a day apart (s0000 the oldest), from one real saved session."""
    saved_session(store, clock)
    original = next(store.minutes_dir.glob("*.md"))
    text = original.read_text()
    session_id = text.split("session: ", 1)[1].split("\n", 1)[0]
    original.unlink()
    paths = []
    for number in range(count):
        day = (dt.date(2020, 1, 1) + dt.timedelta(days=number)).isoformat()
        body = text.replace(session_id, f"s{number:04d}").replace("2026-11-22", day)
        if notes is not None:
            body = body.replace("Bo vertelt over een lastige ouder", notes[number])
        path = store.minutes_dir / f"{day} s{number:04d}.md"
        path.write_text(body)
        paths.append(path)
    return paths


def test_search_ranks_limits_counts_and_snippets(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    notes = ["rooster " * (n % 5) + "overleg over het rooster" for n in range(30)]
    copies(Store(), clock, 30, notes)
    code, out, _ = cli(["minutes", "search", "roost", "--limit", "3"], capsys)
    lines = out.splitlines()
    assert code == 0 and lines[-1] == "3 of 30 sessions, best match first"
    assert len(lines) == 4
    best = [line.split("\t")[0] for line in lines[:3]]
    assert all(int(session_id[1:]) % 5 == 4 for session_id in best)  # the most mentions rank first
    assert all("«rooster»" in line.split("\t")[3] for line in lines[:3])
    code, out, _ = cli(["minutes", "search", "rooster"], capsys)
    assert out.splitlines()[-1] == "20 of 30 sessions, best match first"
    code, _, err = cli(["minutes", "search", "rooster", "--limit", "0"], capsys)
    assert code == 2 and err.count("\n") == 1


def test_an_edit_in_place_is_found_at_once_and_a_deleted_file_is_gone(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    paths = copies(Store(), clock, 5)
    assert cli(["minutes", "search", "kapstok"], capsys)[0] == 1
    with paths[2].open("r+") as file:  # in place, same inode, as an editor that writes over the file
        text = file.read()
        file.seek(0)
        file.write(text.replace("lastige ouder", "kapstok-vraag"))
        file.truncate()
    code, out, _ = cli(["minutes", "search", "kapstok"], capsys)
    assert code == 0 and out.startswith("s0002\t") and "«kapstok»" in out
    paths[2].unlink()
    assert cli(["minutes", "search", "kapstok"], capsys)[:2] == (1, "")
    code, out, _ = cli(["minutes", "search", "lastige"], capsys)
    assert out.splitlines()[-1] == "4 of 4 sessions, best match first"


def test_a_search_reads_only_what_changed_and_what_it_shows(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = copies(Store(), clock, 30, [f"overleg {n}" for n in range(30)])
    assert cli(["minutes", "search", "overleg"], capsys)[0] == 0  # the index is built
    index = isolated_dirs / "data" / "intervisie-tui" / "search-index.sqlite3"
    built = index.read_bytes()
    read: list[str] = []
    real = archive.read_minutes

    def counted(path: Path) -> str:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(archive, "read_minutes", counted)
    code, out, _ = cli(["minutes", "search", "overleg", "--limit", "2"], capsys)
    assert code == 0 and out.splitlines()[-1] == "2 of 30 sessions, best match first"
    assert len(read) == 2 and index.read_bytes() == built  # the two shown; nothing written
    read.clear()
    with paths[7].open("r+") as file:  # in place: the folder itself does not change
        text = file.read()
        file.seek(0)
        file.write(text.replace("overleg 7", "kapstok 7"))
        file.truncate()
    new = paths[0].with_name("2030-01-01 nieuw.md")
    new.write_text(paths[1].read_text().replace("s0001", "nieuw").replace("overleg 1", "kapstok 1"))
    code, out, _ = cli(["minutes", "search", "kapstok", "--limit", "1"], capsys)
    assert code == 0 and out.splitlines()[-1] == "1 of 2 sessions, best match first"
    assert sorted(read[:2]) == sorted([paths[7].name, new.name]) and len(read) == 3  # the changed two, the shown one


def test_a_file_gone_while_the_folder_is_read_is_left_out(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = copies(Store(), clock, 3)
    assert len(cli(["minutes", "list"], capsys)[1].splitlines()) == 3
    paths[0].write_text(paths[0].read_text() + "\nnog een regel\n")  # something changed: the folder is compared
    real = os.stat

    def vanishing(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path).endswith(paths[1].name):
            raise FileNotFoundError(2, "No such file or directory", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", vanishing)
    code, out, err = cli(["minutes", "list"], capsys)
    assert code == 0 and err == "" and [line.split("\t")[0] for line in out.splitlines()] == ["s0002", "s0000"]


@pytest.mark.parametrize(
    "hostile",
    ["[bold red]rood[/] [@click=app.quit]klik[/]", "kleur\x1b[31mrood\x1b]2;titel\x07 \x9b0m", "bel\x07 \u202egnirts"],
)
def test_hostile_notes_in_snippets_are_printed_visibly(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock, hostile: str
) -> None:
    copies(Store(), clock, 1, [f"zoekwoord {hostile} zoekwoord"])
    code, out, _ = cli(["minutes", "search", "zoekwoord"], capsys)
    assert code == 0 and "«zoekwoord»" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")


async def test_the_review_table_pages_and_keeps_selection_delete_and_export(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    copies(store, clock, PAGE * 2 + 30)
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE  # the first page only
        assert str(table.get_row_at(0)[0]).startswith("17-08-2020")  # newest first
        await pilot.press("ctrl+end")  # to the last row loaded: the next page comes
        assert table.row_count == 2 * PAGE
        await pilot.press("ctrl+end")
        assert table.row_count == 2 * PAGE + 30
        await pilot.press("ctrl+end")
        assert table.row_count == 2 * PAGE + 30 and "# Groep A" in preview(app)
        assert selected(app) == "s0000"
        await pilot.press("ctrl+e")
        assert (tmp_path / "exports").is_dir() and len(list((tmp_path / "exports").iterdir())) == 1
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog) and "01-01-2020" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE and len(list(store.minutes_dir.glob("*.md"))) == 2 * PAGE + 29
        assert not (store.minutes_dir / "2020-01-01 s0000.md").exists()


async def test_the_review_table_scrolls_to_more_rows(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    copies(store, clock, PAGE + 5)
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE
        table.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert table.row_count == PAGE + 5


async def test_review_opens_at_a_chosen_session_beyond_the_first_page(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    copies(store, clock, PAGE + 50)
    settings_app = review_app(tmp_path, clock)
    settings_app._select = "s0003"
    async with settings_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert selected(settings_app) == "s0003"


def test_a_broken_protocol_is_not_parsed_again_while_unchanged(
    isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = isolated_dirs / "config" / "intervisie-tui" / "protocols"
    folder.mkdir(parents=True)
    broken = folder / "kapot.yaml"
    broken.write_text("id: kapot\nphases: [\n")
    first = catalog.load_catalog().problems
    parsed: list[Path] = []
    real = protocol_loader.load_protocol

    def counted(path: Path) -> Protocol:
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(catalog, "load_protocol", counted)
    assert catalog.load_catalog().problems == first and first and parsed == []
    broken.write_text("id: kapot\nphases: {\n")
    assert catalog.load_catalog().problems and parsed == [broken]


def test_a_group_start_looks_only_at_that_groups_files_while_the_folder_is_unchanged(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run --group G` with a large archive: no list of every session, only G's own files checked for edits."""
    paths = copies(Store(), clock, 30)
    for path in paths[10:]:  # 10 sessions of Groep A, 20 of another group
        path.write_text(path.read_text().replace("Groep A", "Groep B"))
    assert cli(["minutes", "search", "ouder"], capsys)[0] == 0  # the index is in step, as after earlier use
    looked: list[str] = []
    real_key = archive.Archive._key

    def key(self: archive.Archive, name: str) -> Any:
        looked.append(name)
        return real_key(self, name)

    listed: list[object] = []
    real_listdir = os.listdir

    def listdir(path: Any = ".") -> list[str]:
        listed.append(path)
        return real_listdir(path)

    monkeypatch.setattr(archive.Archive, "_key", key)
    monkeypatch.setattr(archive.os, "listdir", listdir)
    minutes = Store().minutes_dir
    newest = archive.Archive(minutes).latest("Groep A")
    assert newest is not None and newest.id == "s0009"
    assert sorted(looked) == sorted(path.name for path in paths[:10]) and listed == []
    with paths[9].open("r+") as file:  # an edit in place in the group's newest file is seen at once
        text = file.read()
        file.seek(0)
        file.write(text.replace("Groep A", "Groep C"))
        file.truncate()
    looked.clear()
    newest = archive.Archive(minutes).latest("Groep A")
    assert newest is not None and newest.id == "s0008" and listed == []


def test_the_first_search_after_the_app_saved_a_session_reads_it_without_pyyaml(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    """A cold search reads the new file's front matter; the app's own flat form needs no YAML library."""
    store = Store()
    saved_session(store, clock)
    assert cli(["minutes", "search", "ouder"], capsys)[0] == 0  # the index is in step
    saved_session(store, clock, group="Team [Zuid]: 'x' # y", participants=("Ann", "Zoë", "yes", "12"))
    script = (
        "import sys\nfrom intervisie_tui.cli_search import main\n"
        "code = main(['minutes', 'search', 'ouder'])\n"
        "print(code, 'yaml' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=os.environ, check=True)
    lines = done.stdout.splitlines()
    assert lines[-1] == "0 False"
    assert "Team [Zuid]: 'x' # y" in done.stdout and lines[-2] == "2 of 2 sessions, best match first"


def test_a_word_said_many_times_counts_once_and_a_huge_limit_means_all(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    """A tester pasted one word 150 times: 39 s and 1.6 GB; 2,000 times: an English SQLite error. A limit of
    99999999999999999999 was an internal error."""
    copies(Store(), clock, 12, [f"mentor patiënt {n}" for n in range(12)])
    assert archive.search_terms("Patiënt patient PATIENT mentor mentor") == ["patiënt", "mentor"]
    assert len(archive.search_terms(" ".join(f"w{n}" for n in range(100)))) == archive.MAX_SEARCH_TERMS
    once = cli(["minutes", "search", "mentor", "patient"], capsys)
    assert once[0] == 0 and once[1].splitlines()[-1] == "12 of 12 sessions, best match first"
    assert cli(["minutes", "search", *["mentor"] * 2000, "Patient"], capsys) == once
    code, out, err = cli(["minutes", "search", "mentor", "--limit", "99999999999999999999"], capsys)
    assert code == 0 and err == "" and out.splitlines()[-1] == "12 of 12 sessions, best match first"


def test_a_same_size_edit_whose_modification_time_was_put_back_is_found(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    """As `rsync -t`, `cp -p` over the file or `touch -r` leave it: same inode, same size, the old mtime."""
    paths = copies(Store(), clock, 5)
    assert cli(["minutes", "search", "zebrapad"], capsys)[0] == 1
    before = paths[2].stat()
    with paths[2].open("r+") as file:
        text = file.read()
        file.seek(0)
        file.write(text.replace("lastige ouder", "zebrapad oude"))  # 13 characters for 13
    os.utime(paths[2], ns=(before.st_atime_ns, before.st_mtime_ns))
    after = paths[2].stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    code, out, _ = cli(["minutes", "search", "zebrapad"], capsys)
    assert code == 0 and out.startswith("s0002\t") and "«zebrapad»" in out
    assert cli(["minutes", "search", "lastige"], capsys)[1].splitlines()[-1] == "4 of 4 sessions, best match first"


def test_front_matter_keys_are_not_words_of_the_minutes_and_values_show_where_they_matched(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    """A tester searched `notulist` and `NOT`: every session matched (the key is in every file), no snippet."""
    copies(Store(), clock, 3)
    for key in ("notulist", "status", "case_bringers", "planned"):
        assert cli(["minutes", "search", key], capsys)[:2] == (1, ""), key
    code, out, _ = cli(["minutes", "search", "finished"], capsys)  # a value only the front matter holds
    assert code == 0 and out.splitlines()[-1] == "3 of 3 sessions, best match first"
    assert all("«finished»" in line for line in out.splitlines()[:-1])


def test_a_sessions_own_id_finds_that_session_first(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    """A tester pasted `sessie-41` from `minutes list`: bm25 ranked sessie-410, -88, ... first and it last."""
    copies(Store(), clock, 12, ["gewoon" if n == 1 else "over s0001: " + "s0001 " * 5 for n in range(12)])
    code, out, _ = cli(["minutes", "search", "S0001", "--limit", "1"], capsys)
    assert code == 0 and out.startswith("s0001\t") and out.splitlines()[-1] == "1 of 12 sessions, best match first"
    code, out, _ = cli(["minutes", "search", "s0001"], capsys)
    assert code == 0 and out.startswith("s0001\t") and len(out.splitlines()) == 13  # 12 sessions and the count
