"""The anonymised export leaves no name in: a corpus of spellings, the group, the session id, the file name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intervisie_tui.cli import main
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.exports import anonymise, attendance, export_name
from intervisie_tui.core.minutes import render_minutes
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import Store

from .helpers import bundled

GROUP = "Team Zonnebloem"
SPELLINGS = [
    "Kim",
    "kim",
    "KIM",
    "Kims",
    "Kim's",
    "Kim’s",
    "kim's",
    "Kim de Vries",
    "Vries",
    "Daan",
    "Daans",
    "DAAN'S",
    "Bo",
    "Bo's",
    "Bo’s",
    "bo",
    "Thomas",
    "Thomas'",
    "Thomas’",
    "Pietje",
    "Pietjes",
    "Zonnebloem",
    "zonnebloem",
    "Team Zonnebloem",
]
SECRET_WORDS = ("kim", "vries", "daan", "bo", "thomas", "pietje", "zonnebloem")


def minutes(clock: ManualClock) -> str:
    setup = Setup(
        title="Casus van Kim",
        group=GROUP,
        participants=("Kim de Vries", "Daan", "Bo", "Thomas van Dijk"),
        case_bringers=("Kim de Vries",),
        moderator="Daan",
        notulist="Thomas van Dijk",
    )
    session = Session(bundled("zeven-stappen"), setup, clock)
    session.start()
    session.set_notes(0, "\n".join(f"{word} zegt iets." for word in SPELLINGS))
    session.set_field(5, "action-plan", "kim: rooster\nDaans idee uitwerken")
    session.finish()
    return render_minutes(session, "2026-11-22-1400-team-zonnebloem-zeven-stappen")


def leaks(text: str) -> list[str]:
    words = re.findall(r"\w+", text.casefold())
    return [w for w in words if w in SECRET_WORDS or w in {"kims", "daans", "pietjes"}]


def test_every_spelling_of_every_name_is_replaced(clock: ManualClock) -> None:
    result = anonymise(minutes(clock), ("Pietje",))
    assert leaks(result) == []
    assert "Inbrenger zegt iets." in result and "Moderator's" in result and "- [ ] Inbrenger: rooster" in result
    assert "session: 2026-11-22-14-00-zeven-stappen" in result
    assert "van de" in result or "van " in result  # particles are ordinary words and stay
    assert export_name(minutes(clock), "anoniem") == "2026-11-22 1400 zeven-stappen (anoniem).md"


def test_attendance_with_scrub_replaces_those_names(
    clock: ManualClock, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proof = attendance(minutes(clock), scrub=("Bo",))
    assert "Bo" not in proof and "X." in proof and "Kim de Vries" in proof
    Store().minutes_dir.mkdir(parents=True)
    (Store().minutes_dir / "m.md").write_text(minutes(clock))
    assert (
        main(["minutes", "export", "2026-11-22-1400-team-zonnebloem-zeven-stappen", "--attendance", "--scrub", "Bo"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Bewijs van deelname" in out and not re.search(r"\bBo\b", out)


MARKDOWN_PEOPLE = ("Eva_Smit", "Sean O'Brien", "Anna*Maria Kok", "Dirk [DJ] Jansen", "Lotte & Co", "José Núñez")
MARKDOWN_GROUP = "Team_<Zuid>"
MARKDOWN_SPELLINGS = [
    "Eva_Smit zei iets.",
    "Eva_Smits boek.",
    "eva_smit's idee, EVA_SMIT.",
    "Anna*Maria lachte, Anna, Maria, Kok.",
    "Team_<Zuid> en Zuid, team_<zuid>.",
    "Dirk [DJ] Jansen, [DJ], DJ's, Jansens.",
    "Sean O'Brien, O’Brien, Brien's, Sean.",
    "Lotte & Co, Lotte's, Co.",
    "José Núñez, NÚÑEZ, josé.",
    "`Eva_Smit` en <Eva_Smit> en [Eva_Smit](x) en **Eva_Smit** en Eva_Smit&Co",
]
# Every part of every name above, and of the third party named only with --scrub.
MARKDOWN_SECRETS = frozenset(
    {"eva", "smit", "sean", "brien", "anna", "maria", "kok", "dirk", "dj", "jansen", "lotte", "co", "josé"}
    | {"núñez", "team", "zuid", "pim", "pimmetje"}
)


def markdown_minutes(clock: ManualClock) -> str:
    setup = Setup(
        title="Casus van Eva_Smit",
        group=MARKDOWN_GROUP,
        participants=MARKDOWN_PEOPLE,
        case_bringers=("Eva_Smit",),
        notulist="José Núñez",
    )
    session = Session(bundled("zeven-stappen"), setup, clock)
    session.start()
    session.set_notes(0, "\n".join(MARKDOWN_SPELLINGS) + "\nPim_<Pimmetje> belde.")
    session.set_field(5, "action-plan", "Eva_Smit: rooster\nDirk [DJ] Jansen: lezen")
    session.finish()
    return render_minutes(session, "2026-11-22-1400-team-zuid-zeven-stappen")


def name_parts_left(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", text.lower()) if w in MARKDOWN_SECRETS]


def test_names_with_markdown_characters_leave_no_part_in_any_export(
    clock: ManualClock, isolated_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = markdown_minutes(clock)
    assert "Eva\\_Smit zei iets." in text and "Team\\_\\<Zuid\\>" in text  # the body is Markdown-escaped
    Store().minutes_dir.mkdir(parents=True)
    (Store().minutes_dir / "m.md").write_text(text)
    session_id = "2026-11-22-1400-team-zuid-zeven-stappen"
    assert main(["minutes", "export", session_id, "--scrub", "Pim_<Pimmetje>,Eva_Smit,Team_<Zuid>"]) == 0
    anonymous = capsys.readouterr().out
    assert name_parts_left(anonymous) == []
    assert "Inbrenger zei iets." in anonymous and "- [ ] Inbrenger: rooster" in anonymous
    assert "- [ ] D.J.: lezen" in anonymous and "X. belde." in anonymous
    everyone = ",".join((*MARKDOWN_PEOPLE, MARKDOWN_GROUP))
    assert main(["minutes", "export", session_id, "--attendance", "--scrub", everyone]) == 0
    proof = capsys.readouterr().out
    assert "Bewijs van deelname" in proof and name_parts_left(proof) == []
    assert name_parts_left(export_name(text, "anoniem")) == []
    assert name_parts_left(anonymise(text, ("Pim_<Pimmetje>",), "en")) == []
