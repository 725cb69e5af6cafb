"""Snapshots of the in-session toolkit: the question offered at a check-in, energizers, shared cases, topics.

In Dutch and English at 100×30, and in Dutch at 80×24, on a fixed manual clock (the deck's order is seeded by
the session, so the question offered is the same every run).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from intervisie_tui.core.cases import CaseStore, PreparedCase
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.proposals import ProposalStore, TopicProposal
from intervisie_tui.core.session import Setup

from .helpers import PEOPLE, make_app

CASES = {
    "question": ("zeven-stappen", ()),
    "energizers": ("zeven-stappen", ("f8",)),
    "cases": ("chat-vragenronde", ("f9",)),
    "topics": ("chat-vragenronde", ("f12",)),
}
VIEWS = [("nl", (100, 30)), ("en", (100, 30)), ("nl", (80, 24))]


@pytest.mark.parametrize(("language", "size"), VIEWS, ids=lambda v: v if isinstance(v, str) else f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("case", sorted(CASES))
def test_toolkit_views(case: str, language: str, size: tuple[int, int], snap_compare: Any) -> None:
    protocol_id, keys = CASES[case]
    for name, question in (
        ("Cas", "Hoe blijf ik rustig als een ouder boos wordt?"),
        ("Dirk", "Hoe plan ik [b]minder[/b]?"),
    ):
        CaseStore().save(PreparedCase("", "Groep A", name, {"help_question": question}, shared=True))
    ProposalStore().save(TopicProposal("Groep A", "Ann", "Hoe zeg ik vaker nee?", "", "https://example.org/nee"))
    setup = Setup(group="Groep A", participants=PEOPLE, check_in=True)
    app = make_app(None, ManualClock(), protocol_id, setup, language=language)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.app.workers.wait_for_complete()  # the question is offered once the group's minutes are read
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
