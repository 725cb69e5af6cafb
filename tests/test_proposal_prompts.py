"""A saved topic proposal as the chat introduction's messages (issue 11, seed 000).

The moderator takes a proposal the group sent in (F12 in a session); the session then holds it, so the
introduction step's messages (what the prompt pane shows and F2 copies, one message at a time) are the
proposal's question, introduction and link, as data. It is saved with the session (a checkpoint and the journal
after it), restored on resume, and written into the introduction's section of the minutes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.minutes import render_minutes
from intervisie_tui.core.proposals import ProposalStore, TopicProposal
from intervisie_tui.core.protocol import StepKind
from intervisie_tui.core.session import Session, SessionStateError, Setup
from intervisie_tui.core.store import Store
from intervisie_tui.ui.strings import Texts
from intervisie_tui.ui.topic_dialog import TopicDialog

from .helpers import PEOPLE, bundled, make_app, saved_minutes, session_screen, shown
from .test_hostile_input import hostile

PROPOSAL = TopicProposal("Chatgroep", "Ann", "Hoe zeg ik nee?", "Ik zeg te vaak ja.\nDan loop ik vast.", "https://x.nl")
DEFAULT_INTRO = ("Het onderwerp van vandaag is deze vraag: …", "Lees of bekijk samen deze bron: …")


def chat(clock: ManualClock, **setup: object) -> Session:
    return Session(bundled("chat-sessie"), Setup(group="Chatgroep", participants=PEOPLE, **setup), clock)  # type: ignore[arg-type]


def intro(session: Session) -> int:
    index = session.introduction_index()
    assert index is not None
    return index


def test_the_chat_sessions_introduction_step_takes_a_proposal_as_its_messages(clock: ManualClock) -> None:
    session = chat(clock)
    index = intro(session)
    assert session.steps[index].kind is StepKind.INTRODUCTION and session.steps[index].phase.id == "inleiding"
    assert session.messages(index) == DEFAULT_INTRO
    assert session.take_proposal(PROPOSAL)
    assert session.messages(index) == ("Hoe zeg ik nee?", "Ik zeg te vaak ja.\nDan loop ik vast.", "https://x.nl")
    assert session.messages(0) == tuple(m.text for m in session.steps[0].phase.say)  # other steps keep theirs
    assert session.take_proposal(TopicProposal("Chatgroep", "Bo", "Wanneer stop ik?"))  # another replaces it
    assert session.messages(index) == ("Wanneer stop ik?",)


def test_a_protocol_without_an_introduction_step_or_a_finished_session_takes_none(clock: ManualClock) -> None:
    for protocol_id in ("chat-intervisie", "zeven-stappen"):
        session = Session(bundled(protocol_id), Setup(group="G", participants=PEOPLE), clock)
        assert session.introduction_index() is None and not session.take_proposal(PROPOSAL)
        assert session.setup.proposal is None
    session = chat(clock)
    session.finish()
    assert not session.take_proposal(PROPOSAL) and session.messages(intro(session)) == DEFAULT_INTRO


def test_the_proposal_is_saved_restored_and_in_the_minutes(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    session = chat(clock)
    files = store.new_session(session, clock)
    store.save(files, session)
    session.start()
    session.take_proposal(PROPOSAL)
    store.journal(files, session)  # the setup changed: a checkpoint, as a crash after it must keep the proposal
    _, restored = Store(tmp_path).load(files.session_id, clock, touch=False)
    assert restored.setup == session.setup and restored.setup.proposal is not None
    assert restored.messages(intro(restored)) == PROPOSAL.messages()
    state = json.loads(files.state.read_text(encoding="utf-8"))
    assert state["session"]["setup"]["proposal"] == {
        "name": "Ann",
        "question": "Hoe zeg ik nee?",
        "introduction": "Ik zeg te vaak ja.\nDan loop ik vast.",
        "link": "https://x.nl",
    }
    minutes = files.minutes.read_text(encoding="utf-8")
    section = minutes.split("## Inleiding van de moderator", 1)[1].split("\n## ", 1)[0]
    expected = (
        "**Onderwerpvoorstel van Ann:** Hoe zeg ik nee?\n\nIk zeg te vaak ja.\\\nDan loop ik vast.\n\nhttps://x.nl\n"
    )
    assert expected in section
    assert "Topic proposal by Ann:** Hoe zeg ik nee?" in render_minutes(restored, files.session_id, "en")


def test_a_session_saved_without_a_proposal_restores_without_one(clock: ManualClock) -> None:
    data = chat(clock).to_dict()
    assert "proposal" not in data["setup"]
    assert Session.from_dict(data, clock).setup.proposal is None


@pytest.mark.parametrize(
    "damage",
    [
        "not a mapping",
        {"name": "Ann", "question": "", "introduction": "", "link": ""},
        {"name": "Ann", "question": 3, "introduction": "", "link": ""},
        {"name": "Ann", "question": "Q", "introduction": ""},
    ],
)
def test_a_damaged_saved_proposal_is_refused_with_a_reason(clock: ManualClock, damage: object) -> None:
    data = chat(clock).to_dict()
    data["setup"]["proposal"] = damage
    with pytest.raises(SessionStateError, match=r"setup\.proposal"):
        Session.from_dict(data, clock)


@settings(max_examples=40, deadline=None)
@given(question=hostile.filter(lambda text: bool(text.strip())), introduction=hostile, name=hostile)
def test_hostile_proposal_text_round_trips_as_data(question: str, introduction: str, name: str) -> None:
    clock = ManualClock()
    session = chat(clock)
    assert session.take_proposal(TopicProposal("Chatgroep", name, question, introduction))
    restored = Session.from_dict(json.loads(json.dumps(session.to_dict())), clock)
    assert restored.messages(intro(restored)) == session.messages(intro(session))
    assert restored.messages(intro(restored))[0] == question
    minutes = render_minutes(restored, "s", "nl").split("\n## ")
    assert sum(1 for part in minutes if part.startswith("Inleiding van de moderator")) == 1


# ----- in the app ---------------------------------------------------------------------------------------------


async def test_f12_takes_a_proposal_as_the_introductions_prompts_and_f2_copies_them(
    tmp_path: Path, clock: ManualClock
) -> None:
    ProposalStore(tmp_path).save(PROPOSAL)
    copied: list[str] = []
    app = make_app(tmp_path, clock, "chat-sessie", Setup(group="Chatgroep", participants=PEOPLE))

    def copy_text(text: str, report: Callable[[bool], None] | None = None) -> None:
        copied.append(text)
        if report is not None:
            report(True)

    app.copy_text = copy_text  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        screen = session_screen(app)
        index = intro(screen.session)
        await pilot.press("f12")
        assert isinstance(app.screen, TopicDialog)
        await pilot.press("enter")
        assert app.screen is screen and copied == []  # nothing pasted yet: the words wait at the introduction
        message = Texts("nl")("topic.prompts", name="Ann", step="Inleiding van de moderator")
        assert message in [n.message for n in app._notifications]
        screen.session.jump(index)
        screen._changed()
        await pilot.pause()
        prompts = shown(app, "#prompt")
        assert "Hoe zeg ik nee?" in prompts and "https://x.nl" in prompts and "deze vraag: …" not in prompts
        for _ in range(4):
            await pilot.press("f2")
        assert copied == ["Hoe zeg ik nee?", "Ik zeg te vaak ja.\nDan loop ik vast.", "https://x.nl", "Hoe zeg ik nee?"]
        await pilot.press("ctrl+n")
    assert "**Onderwerpvoorstel van Ann:** Hoe zeg ik nee?" in saved_minutes(tmp_path)


async def test_the_start_screen_offers_the_groups_proposals_for_a_chat_session(
    tmp_path: Path, clock: ManualClock
) -> None:
    from textual.widgets import Input, OptionList

    from intervisie_tui.ui.start_screen import StartScreen

    ProposalStore(tmp_path).save(PROPOSAL)
    app = make_app(tmp_path, clock, None)
    async with app.run_test(size=(100, 30)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        start.query_one("#group", Input).value = "Chatgroep"
        await pilot.pause()
        assert not start.query_one("#proposal-row").display  # the seven steps have no introduction to take it
        protocols = start.query_one("#protocols", OptionList)
        protocols.highlighted = next(i for i, e in enumerate(start.catalog.entries) if e.protocol.id == "chat-sessie")
        await pilot.pause()
        assert start.query_one("#proposal-row").display
        offered = start.query_one("#start-proposals", OptionList)
        assert offered.option_count == 2 and "Ann: Hoe zeg ik nee?" in str(offered.get_option_at_index(1).prompt)
        assert start.setup().proposal is None  # the method's own words unless one is chosen
        offered.focus()
        await pilot.press("down", "ctrl+s")
        await pilot.pause()
        screen = session_screen(app)
        assert screen.session.setup.proposal is not None
        assert screen.session.messages(intro(screen.session)) == PROPOSAL.messages()
