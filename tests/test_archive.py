"""Saved minutes read back: file names, front matter round trips, listing, search, carry-over and exports."""

from __future__ import annotations

import stat
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from intervisie_tui.core.actions import task_items
from intervisie_tui.core.archive import Archive, front_matter
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.exports import anonymise, attendance
from intervisie_tui.core.minutes import render_minutes
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import Store, atomic_write, safe_name

from .helpers import PEOPLE, bundled


def saved_session(store: Store, clock: ManualClock, group: str = "Groep A", **setup: object) -> Session:
    """Run a short seven-step session with notes and an action plan, finish it and save it."""
    defaults: dict[str, object] = {"group": group, "participants": PEOPLE, "case_bringers": ("Bo",), "moderator": "Ann"}
    defaults.update(setup)
    session = Session(bundled("zeven-stappen"), Setup(**defaults), clock)  # type: ignore[arg-type]
    files = store.new_session(session, clock)
    session.start()
    session.set_notes(0, "Bo vertelt over een lastige ouder; Cas luistert.")
    clock.advance(300)
    session.jump(5)
    session.set_field(5, "action-plan", "Bo: rooster maken\nCas: meelezen\nalgemene afspraak")
    clock.advance(600)
    session.finish()
    store.save(files, session)
    clock.advance(3600)
    return session


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("../../x", "x"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j"),
        ("x" * 300, "x" * 80),
        ("Groep 🌷 B", "Groep 🌷 B"),
        ("  ..verborgen.  ", "verborgen"),
        ("regel\nnieuw\x00", "regel nieuw"),
        ("abc\u202egpj.exe", "abcgpj.exe"),
        ("\u2067Groep\u2069 \u200bB\ufeff\u00ad", "Groep B"),
    ],
)
def test_hostile_titles_make_safe_file_names(title: str, expected: str) -> None:
    assert safe_name(title) == expected


def test_file_names_are_dated_readable_and_unique(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    first = saved_session(store, clock, group="../../Groep A")
    names = sorted(p.name for p in (tmp_path / "minutes").iterdir())
    assert names == ["2026-11-22 1400 Groep A - zeven-stappen.md"]
    assert first.setup.group == "../../Groep A"
    session = Session(bundled("zeven-stappen"), Setup(group="../../Groep A"), ManualClock())
    again = store.new_session(session, ManualClock())
    store.save(again, session)
    names = sorted(p.name for p in (tmp_path / "minutes").iterdir())
    assert names == ["2026-11-22 1400 Groep A - zeven-stappen (2).md", "2026-11-22 1400 Groep A - zeven-stappen.md"]
    assert all(p.parent == tmp_path / "minutes" for p in (tmp_path / "minutes").iterdir())


def test_a_right_to_left_override_in_a_group_name_never_reaches_the_file_name(
    tmp_path: Path, clock: ManualClock
) -> None:
    store = Store(tmp_path)
    session = saved_session(store, clock, group="abc\u202egpj.exe")
    assert session.setup.group == "abc\u202egpj.exe"
    names = [p.name for p in (tmp_path / "minutes").iterdir()]
    assert names == ["2026-11-22 1400 abcgpj.exe - zeven-stappen.md"]
    assert not any(unicodedata.category(c) == "Cf" for p in tmp_path.rglob("*") for c in p.name)


def test_files_are_private(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path / "data")
    saved_session(store, clock)
    for folder in (tmp_path / "data", tmp_path / "data" / "minutes", tmp_path / "data" / "sessions"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in (tmp_path / "data").rglob("*.*"):
        if file.is_file():
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_front_matter_round_trips(tmp_path: Path, clock: ManualClock) -> None:
    session = saved_session(Store(tmp_path), clock, title="Casus: 'lastig' # of niet?")
    text = render_minutes(session, "id-1")
    data = front_matter(text)
    assert data["title"] == "Casus: 'lastig' # of niet?"
    assert data["participants"] == ["Ann", "Bo", "Cas", "Dirk"]
    assert (data["moderator"], data["notulist"], data["case_bringers"]) == ("Ann", "", ["Bo"])
    assert (data["planned_minutes"], data["actual_minutes"], data["status"]) == (50, 15, "finished")
    assert (data["date"], data["start"], data["end"]) == (date(2026, 11, 22), "2026-11-22T14:00", "2026-11-22T14:15")
    assert data["tags"] == ["intervisie", "zeven-stappen"]
    assert "open_actions" not in data
    assert all(not isinstance(value, dict) for value in data.values())
    assert "\ndate: 2026-11-22\nstart: 2026-11-22T14:00\n" in text


def test_minutes_read_well_in_plain_markdown(tmp_path: Path, clock: ManualClock) -> None:
    text = render_minutes(saved_session(Store(tmp_path), clock), "id-1")
    assert "# Groep A – Intervisie in zeven stappen" in text
    assert "| Inventarisatie | 5 min | 5 min | +0 |" in text
    assert "| Introductie van de kwestie | 5 min | – | |" in text
    assert "## Inventarisatie\n\n*Gepland 5 min · Werkelijk 5 min*\n\nBo vertelt over een lastige ouder" in text
    assert text.endswith(
        "## Actiepunten\n\n<!-- intervisie:actions -->\n"
        "- [ ] Bo: rooster maken\n- [ ] Cas: meelezen\n- [ ] Bo: algemene afspraak\n"
    )


def test_listing_is_newest_first_with_stable_ids(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    saved_session(store, clock, group="Groep B", case_bringers=("Cas",))
    (tmp_path / "minutes" / "vreemd.md").write_text("# geen notulen van ons\n")
    (tmp_path / "minutes" / "kapot.md").write_text("---\nsession: [\n---\n")
    summaries = store.archive().summaries()
    assert [(s.group, s.case_bringers) for s in summaries] == [("Groep B", ("Cas",)), ("Groep A", ("Bo",))]
    assert summaries[1].line() == (
        "2026-11-22-1400-groep-a-zeven-stappen\t2026-11-22\t14:00\tGroep A\tzeven-stappen\tBo\t15 min\tfinished"
    )
    assert [s.id for s in store.archive().summaries()] == [s.id for s in summaries]


def test_search_finds_all_words_and_follows_edits_and_deletions(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    archive = store.archive()
    assert [s.group for s, _ in archive.search("lastige ouder")] == ["Groep A"]
    assert "«lastige»" in archive.search("lastige")[0][1]
    assert archive.search("ouder stagiair") == []
    path = next((tmp_path / "minutes").glob("*.md"))
    atomic_write(path, path.read_text().replace("lastige ouder", "stagiair"))
    assert archive.search("ouder") == [] and len(archive.search("stagiair")) == 1
    path.write_text(path.read_text().replace("stagiair", "mentor"))  # in place, as an editor saves
    assert archive.search("stagiair") == [] and len(archive.search("mentor")) == 1
    path.unlink()
    assert archive.search("mentor") == [] and archive.summaries() == []


def test_a_damaged_index_is_rebuilt_from_the_markdown(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock)
    store.archive().summaries()
    (tmp_path / "search-index.sqlite3").write_bytes(b"not a database at all" * 100)
    assert len(Archive(tmp_path / "minutes", tmp_path / "search-index.sqlite3").search("lastige")) == 1


def test_task_items_keep_owner_and_state() -> None:
    text = (
        "---\ntitle: x\n---\n- [ ] Bo: rooster maken\n- [x] Cas: klaar\n\\- \\[ \\] getypt in een notitie\n"
        "```\n- [ ] in code\n```\n~~~~\n- [ ] ook code\n```\n~~~~\n<!--\n- [ ] verborgen\n-->\n"
        "    - [ ] ingesprongen code\n* [X] Dirk: ook een taak\n- [ ] los \\*punt\\*\n"
    )
    assert [(i.owner, i.text, i.done) for i in task_items(text)] == [
        ("Bo", "rooster maken", False),
        ("Cas", "klaar", True),
        ("Dirk", "ook een taak", True),
        ("", "los *punt*", False),
    ]


def test_the_next_session_reviews_last_times_open_actions(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock)
    carried = store.archive().last_open_actions("Groep A")
    assert [item.line() for item in carried] == ["Bo: rooster maken", "Cas: meelezen", "Bo: algemene afspraak"]
    session = Session(
        bundled("zeven-stappen"),
        Setup(group="Groep A", participants=PEOPLE, open_actions=tuple(i.line() for i in carried)),
        clock,
    )
    assert session.steps[0].key == "terugblik"
    session.mark_action(0, True)
    text = render_minutes(session, "id-2")
    review = "**Acties van de vorige keer:**\n\n<!-- intervisie:actions -->\n"
    review += "- [x] Bo: rooster maken\n- [ ] Cas: meelezen"
    assert review in text
    assert "## Actiepunten" not in text and text.count("meelezen") == 1
    assert store.archive().last_open_actions("Groep Z") == []


def test_anonymised_copy_replaces_names_everywhere(tmp_path: Path, clock: ManualClock) -> None:
    text = render_minutes(saved_session(Store(tmp_path), clock, notulist="Dirk"), "id-1")
    text = text.replace("lastige ouder", "lastige ouder van Pietje")
    result = anonymise(text, ("Pietje",))
    for name in ("Ann", "Bo ", "Bo:", "Cas", "Dirk", "Pietje"):
        assert name not in result
    assert "Inbrenger vertelt over een lastige ouder van X.; C. luistert." in result
    assert "- Moderator\n" in result and "- [ ] Inbrenger: rooster maken" in result


def test_attendance_proof_has_no_content(tmp_path: Path, clock: ManualClock) -> None:
    text = render_minutes(saved_session(Store(tmp_path), clock), "id-1")
    proof = attendance(text)
    assert "- **Datum:** 2026-11-22" in proof and "- **Duur:** 15 min" in proof
    assert "- **Deelnemers:** Ann, Bo, Cas, Dirk" in proof
    assert "lastige" not in proof and "rooster" not in proof
