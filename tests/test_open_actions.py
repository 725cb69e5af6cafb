"""The group's open actions: counted once and right across sessions, ticked in the app or in an editor."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Markdown

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import Store

from .helpers import bundled
from .test_ui_review import SIZE, review_app

PEOPLE = ("Ann", "Bo", "Chantal")


def session_of(store: Store, clock: ManualClock, plan: str, notes: str = "", tick: tuple[int, ...] = ()) -> Path:
    """One finished session of Groep A that carries the open actions over and adds an action plan."""
    carried = store.archive().last_open_actions("groep a")  # group names match without regard to case
    setup = Setup(
        group="Groep A",
        participants=PEOPLE,
        case_bringers=("Chantal",),
        open_actions=tuple(i.line() for i in carried),
    )
    session = Session(bundled("zeven-stappen"), setup, clock)
    files = store.new_session(session, clock)
    session.start()
    for index in tick:
        session.mark_action(index, True)
    plan_step = next(s.index for s in session.steps if "action-plan" in s.phase.capture)
    session.set_field(plan_step, "action-plan", plan)
    session.set_notes(plan_step, notes)
    clock.advance(600)
    session.finish()
    store.save(files, session)
    clock.advance(7 * 24 * 3600)
    return store.archive().get(files.session_id).path  # type: ignore[union-attr]


def lines(store: Store) -> list[str]:
    return [item.line() for item in store.archive().last_open_actions("Groep A")]


def test_actions_are_carried_once_closed_for_good_and_owned_without_regard_to_case(
    tmp_path: Path, clock: ManualClock
) -> None:
    store = Store(tmp_path)
    notes = "- [ ] geen actie, een notitie\n```\n- [ ] ook geen actie\n```"
    first = session_of(store, clock, "bo: rooster maken\nIedereen: artikel lezen\nCHANTAL: mentor bellen", notes)
    assert lines(store) == ["Bo: rooster maken", "Iedereen: artikel lezen", "Chantal: mentor bellen"]
    assert "Chantal: Iedereen" not in first.read_text()

    second = session_of(store, clock, "Ann: agenda maken", tick=(0,))  # Bo's rooster is done
    text = second.read_text()
    assert text.count("artikel lezen") == 1 and text.count("rooster maken") == 1
    assert "- [x] Bo: rooster maken" in text
    assert lines(store) == ["Iedereen: artikel lezen", "Chantal: mentor bellen", "Ann: agenda maken"]

    # Ticked off in an editor: closed for good, and never carried again.
    second.write_text(second.read_text().replace("- [ ] Chantal: mentor bellen", "- [x] Chantal: mentor bellen"))
    assert lines(store) == ["Iedereen: artikel lezen", "Ann: agenda maken"]
    third = session_of(store, clock, "")
    assert "mentor bellen" not in third.read_text() and "rooster maken" not in third.read_text()
    assert lines(store) == ["Iedereen: artikel lezen", "Ann: agenda maken"]
    assert first.read_text().count("- [ ]") == 3  # older minutes are left as they were


def test_an_action_ticked_anywhere_in_older_minutes_counts_once(tmp_path: Path, clock: ManualClock) -> None:
    """Minutes of the previous version listed a carried action twice; one tick closes both."""
    store = Store(tmp_path)
    path = session_of(store, clock, "Bo: rooster maken\nAnn: agenda")
    path.write_text(path.read_text() + "\n- [x] Bo: rooster maken\n- [ ] ann: agenda\n")
    assert lines(store) == ["Ann: agenda"]


async def test_an_action_ticked_in_the_peoples_file_is_done_though_the_app_wrote_its_own_version(
    tmp_path: Path, clock: ManualClock
) -> None:
    """The people's file was edited while the session ran, so the app finished in `… (versie van de app).md`."""
    store = Store(tmp_path)
    session = Session(bundled("zeven-stappen"), Setup(group="Groep A", participants=PEOPLE), clock)
    files = store.new_session(session, clock)
    session.start()
    plan_step = next(s.index for s in session.steps if "action-plan" in s.phase.capture)
    session.set_field(plan_step, "action-plan", "iedereen: boek lezen\nBo: rooster maken")
    store.save(files, session)
    people = files.minutes
    people.write_text(people.read_text().replace("- [ ] iedereen: boek lezen", "- [x] iedereen: boek lezen"))
    clock.advance(600)
    session.finish()
    notice = store.save(files, session)
    assert notice is not None and notice.kind == "conflict" and notice.path != people
    assert "- [ ] iedereen: boek lezen" in notice.path.read_text() and "- [x] iedereen" in people.read_text()
    assert sorted(s.id for s in store.archive().summaries()) == [files.session_id, f"{files.session_id}~2"]
    assert lines(store) == ["Bo: rooster maken"]  # done in one copy is done; Bo's counted once
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        await pilot.pause()
        shown = str(app.screen.query_one("#review-markdown", Markdown).source)
    assert shown.count("rooster maken") == 1 and "boek lezen" not in shown
    # Ticked afterwards in the app's version only (in Obsidian, say): done as well.
    notice.path.write_text(notice.path.read_text().replace("- [ ] Bo: rooster maken", "- [x] Bo: rooster maken"))
    assert lines(store) == []
