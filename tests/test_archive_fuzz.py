"""Broken minutes files, copies with the same id, a damaged index, and deleting a session for good.

One file the archive cannot read is skipped with one line naming it; it never breaks another file, the
listing, search, show, export, carry-over or the review screen. Generated front matters (type changes,
out-of-range numbers, truncation, junk bytes) go through the archive and the command line.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Button, DataTable

from intervisie_tui.cli import main
from intervisie_tui.core.archive import Archive
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.exports import anonymise, attendance, export_name
from intervisie_tui.core.privacy import emergency_copy_name, record_export
from intervisie_tui.core.store import Store
from intervisie_tui.ui.dialogs import ConfirmDialog

from .test_archive import saved_session
from .test_ui_review import SIZE, review_app

GOOD_ID = "2026-11-22-1400-groep-a-zeven-stappen"
BROKEN = {
    "minutes-as-text.md": "---\nsession: a\nprotocol: p\nplanned_minutes: 50 min\nactual_minutes: [1, 2]\n---\n",
    "list-as-text.md": "---\nsession: b\nprotocol: [x, y]\ngroup: {a: 1}\ntitle: [Kim, Bo]\n---\n",
    "overflow.md": "---\nsession: c\nprotocol: p\nactual_minutes: 1.0e+400\nplanned_minutes: 99999999999999\n---\n",
    "invalid-yaml.md": "---\nsession: [\n---\n",
    "impossible-date.md": "---\nsession: d\nprotocol: p\ndate: 2023-02-30\n---\n",
    "binary.md": "\x00\x01\x02\xff junk",
    "latin-1.md": b"---\nsession: e\nprotocol: p\ntitle: caf\xe9\n---\n",
    "no-front-matter.md": "# Gewoon een notitie\n",
    "not-a-mapping.md": "---\n- a\n- b\n---\n",
    "deep.md": "---\nsession: " + "[" * 5000 + "\n---\n",
    "deep-but-valid.md": "---\nsession: f\ngroup: " + "[" * 3000 + "]" * 3000 + "\n---\n",
    "refers-to-itself.md": "---\nsession: &a [*a]\n---\nhi\n",
    "alias-bomb.md": "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    + "e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nsession: g\n---\n",
}
UNREADABLE = {"invalid-yaml.md", "impossible-date.md", "binary.md", "latin-1.md", "no-front-matter.md"}
UNREADABLE |= {"not-a-mapping.md", "deep.md", "deep-but-valid.md", "refers-to-itself.md", "alias-bomb.md"}


def write(folder: Path, name: str, content: str | bytes) -> None:
    data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_each_broken_file_is_one_line_and_breaks_nothing_else(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    store = Store()
    saved_session(store, clock)
    for name, content in BROKEN.items():
        write(store.minutes_dir, name, content)
    code, out, err = cli(["minutes", "list"], capsys)
    assert code == 0 and out.startswith(f"{GOOD_ID}\t2026-11-22\t14:00\tGroep A")
    assert {"a", "b", "c"} <= {line.split("\t")[0] for line in out.splitlines()}
    assert "a\t\t\t-\tp\t-\t0 min" in out and "c\t\t\t-\tp\t-\t0 min" in out
    skipped = err.splitlines()
    assert len(skipped) == len(UNREADABLE) and "Traceback" not in err
    for name in UNREADABLE:
        assert sum(name in line for line in skipped) == 1
    # in the command's language (Dutch by default), also for reasons kept in the index
    assert "latin-1.md: het bestand is geen UTF-8-tekst" in err and "invalid-yaml.md: de front matter is geen" in err
    _, _, english = cli(["--lang", "en", "minutes", "list"], capsys)
    assert "latin-1.md: the file is not UTF-8 text" in english and "invalid-yaml.md: the front matter is not" in english
    for args in (["minutes", "search", "lastige"], ["minutes", "show", GOOD_ID], ["minutes", "export", GOOD_ID]):
        code, out, err = cli(args, capsys)
        assert code == 0 and out and len(err.splitlines()) == len(UNREADABLE), args
    assert store.archive().last_open_actions("Groep A")[0].line() == "Bo: rooster maken"
    for content in BROKEN.values():
        text = content if isinstance(content, str) else content.decode("latin-1")
        anonymise(text, ("Kim",))
        attendance(text)
        export_name(text, "anoniem")


async def test_the_review_screen_lists_copies_and_names_what_it_skips(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock)
    original = next(store.minutes_dir.glob("*.md"))
    copy = original.with_name(f"{original.stem} (sync-conflict 2026).md")
    copy.write_text(original.read_text())
    for name, content in BROKEN.items():
        write(store.minutes_dir, name, content)
    assert {s.id for s in store.archive().summaries()} >= {GOOD_ID, f"{GOOD_ID}~2"}
    assert store.archive().get(GOOD_ID).path == original  # type: ignore[union-attr]
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        assert table.row_count == 5  # the session, its copy, and the three files read as well as they can be
        await app.workers.wait_for_complete()  # the files are checked after the first frame
        await pilot.pause()
        skipped = [n.message for n in app._notifications if n.message.startswith("Overgeslagen")]
        assert len(skipped) == len(UNREADABLE)


def test_a_corrupted_index_is_rebuilt_by_itself(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock)
    archive = store.archive()
    assert len(archive.search("lastige")) == 1
    index = archive.index_path
    data = bytearray(index.read_bytes())
    data[len(data) // 3 : len(data) // 3 + 2000] = os.urandom(2000)  # garbage in the middle of the pages
    index.write_bytes(bytes(data))
    assert len(archive.search("lastige")) == 1 and len(archive.summaries()) == 1
    index.write_bytes(b"\x00garbage" * 500)
    assert len(archive.search("lastige")) == 1


def test_reading_works_where_the_index_cannot_be_written(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock)
    (tmp_path / "a-file").write_text("")
    archive = Archive(store.minutes_dir, tmp_path / "a-file" / "index.sqlite3")  # a folder that cannot be made
    assert len(archive.search("lastige")) == 1


front_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.dates(),
    st.datetimes(),
)
KEYS = ("session", "protocol", "date", "start", "group", "participants", "case_bringers", "actual_minutes")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.dictionaries(st.sampled_from(KEYS), front_value),
    cut=st.integers(min_value=0, max_value=400),
    junk=st.binary(max_size=40),
)
def test_generated_front_matters_never_break_the_archive_or_the_cli(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], values: dict[str, object], cut: int, junk: bytes
) -> None:
    store = Store()
    if not any(store.minutes_dir.glob("*.md")):
        saved_session(store, ManualClock())
    good = {"session": "fuzz", "protocol": "p"}
    text = "---\n" + yaml.safe_dump({**good, **values}, allow_unicode=True) + "---\n# body\n"
    data = text.encode()[: max(cut, 4)] + junk if junk else text.encode()
    (store.minutes_dir / "fuzz.md").write_bytes(data)
    code, out, err = cli(["minutes", "list"], capsys)
    assert code == 0 and GOOD_ID in out and "Traceback" not in err
    listed = len(out.splitlines()) == 2
    assert listed != (err.count("fuzz.md") == 1)  # either read as well as it can be, or skipped with one line
    assert err.count("\n") == (0 if listed else 1)
    assert store.archive().last_open_actions("Groep A")
    code, out, err = cli(["minutes", "search", "lastige"], capsys)
    assert code == 0 and GOOD_ID in out


def test_delete_removes_minutes_state_index_entries_and_exports(
    isolated_dirs: Path, capsys: pytest.CaptureFixture[str], clock: ManualClock
) -> None:
    store = Store()
    saved_session(store, clock)
    summary = store.archive().get(GOOD_ID)
    assert summary is not None
    export = store.root / "exports" / "2026-11-22 1400 zeven-stappen (anoniem).md"
    export.parent.mkdir()
    export.write_text("anoniem")
    record_export(store.root, GOOD_ID, export)
    (store.sessions_dir / f"{GOOD_ID}.json").write_text("{}")
    isolated_dirs.mkdir(exist_ok=True)
    copy = isolated_dirs / emergency_copy_name(GOOD_ID, dt.datetime(2026, 11, 22, 14, 20, 5))
    copy.write_text("noodkopie")
    others = [isolated_dirs / emergency_copy_name(f"{GOOD_ID}-2", dt.datetime(2026, 11, 22, 14, 20, 5))]
    others += [isolated_dirs / f"intervisie-noodkopie {GOOD_ID}.md", isolated_dirs / f"mijn {copy.name}"]
    for other in others:
        other.write_text("niet van deze sessie")
    code, out, err = cli(["--lang", "en", "minutes", "delete", GOOD_ID], capsys)
    assert code == 0 and err == ""
    *lines, count = out.splitlines()
    removed = {Path(line.removeprefix("removed ")).name for line in lines}
    assert removed == {summary.path.name, f"{GOOD_ID}.json", export.name, copy.name}  # no lock file is left
    assert count == "4 files removed"
    assert not summary.path.exists() and not export.exists() and not copy.exists()
    assert all(other.exists() for other in others)
    assert list(store.sessions_dir.iterdir()) == []
    assert store.archive().search("lastige") == []
    assert b"lastige" not in store.archive().index_path.read_bytes()
    code, _, err = cli(["minutes", "delete", GOOD_ID], capsys)
    assert code == 1 and err.count("\n") == 1


async def test_the_review_screen_deletes_after_a_confirmation(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    saved_session(store, clock, group="Groep B")
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog) and "22-11-2026 15:15" in app.screen.question
        await pilot.press("n")
        assert table.row_count == 2
        await pilot.press("delete")
        focused = app.screen.focused
        assert isinstance(focused, Button) and focused.id == "no" and str(focused.label) == "Nee, bewaren"
        await pilot.press("enter")
        await pilot.pause()
        assert table.row_count == 2 and len(store.archive().summaries()) == 2
        await pilot.press("delete", "y")
        await pilot.pause()
        assert table.row_count == 1 and str(table.get_row_at(0)[1]) == "Groep A"
    assert [s.group for s in store.archive().summaries()] == ["Groep A"]
