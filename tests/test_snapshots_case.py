"""Snapshots of the case-writing screen while a participant types, and of a chat introduction with a proposal.

The case screen in Dutch and English at 100×30 and 80×24, the first answer's field focused with two lines typed
(the field keeps five lines in view at 80×24); the chat session's introduction step after F12 took a proposal.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.proposals import ProposalStore, TopicProposal
from intervisie_tui.core.session import Setup

from .helpers import PEOPLE, make_app

VIEWS = [("nl", (100, 30)), ("en", (100, 30)), ("nl", (80, 24)), ("en", (80, 24))]


@pytest.mark.parametrize(("language", "size"), VIEWS, ids=lambda v: v if isinstance(v, str) else f"{v[0]}x{v[1]}")
def test_case_screen_while_typing(language: str, size: tuple[int, int], snap_compare: Any) -> None:
    app = make_app(None, ManualClock(), None, language=language)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        pilot.app.screen.query_one("#group", Input).value = "Groep A"
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press(*"Bo", "tab", *"Een ouder werd boos [b]", "enter", *"en ik bleef rustig")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_chat_introduction_with_a_taken_proposal(snap_compare: Any) -> None:
    ProposalStore().save(TopicProposal("Groep A", "Ann", "Hoe zeg ik vaker nee?", "Ik zeg te vaak ja.", "https://x.nl"))
    app = make_app(None, ManualClock(), "chat-sessie", Setup(group="Groep A", participants=PEOPLE))

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press("f12", "enter")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)
