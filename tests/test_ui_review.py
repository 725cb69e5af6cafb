"""The review screen, carry-over into a new session, and a disk that refuses to save."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Markdown, SelectionList

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Setup
from intervisie_tui.core.store import Store
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.review_screen import ReviewScreen
from intervisie_tui.ui.settings import Settings
from intervisie_tui.words import Texts

from .helpers import PEOPLE, make_app, session_screen
from .test_archive import saved_session
from .test_hostile_input import screen_text

SIZE = (100, 30)


def review_app(root: Path | None, clock: ManualClock, language: str = "nl") -> IntervisieApp:
    settings = Settings(language=language, bell=False, flash=False, blink=False, ticking=False)
    return IntervisieApp(Store(root), clock=clock, settings=settings, review=True)


def preview(app: IntervisieApp) -> str:
    return str(app.screen.query_one("#review-markdown", Markdown).source)


async def test_review_lists_sessions_newest_first_and_previews_them(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    saved_session(store, clock, group="Groep B")
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["Groep B", "Groep A"]
        assert preview(app).startswith("\n# Groep B")
        await pilot.press("down")
        assert "# Groep A" in preview(app)


async def test_review_search_filters_the_table(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    saved_session(store, clock, group="Groep B", case_bringers=("Cas",))
    path = next(p for p in (tmp_path / "minutes").glob("*.md") if "Groep B" in p.name)
    path.write_text(path.read_text().replace("lastige ouder", "stagebegeleiding"))
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"stagebegel", "enter")
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1 and str(table.get_row_at(0)[1]) == "Groep B"
        app.screen.query_one(Input).value = ""
        await pilot.press("ctrl+f", "enter")
        assert table.row_count == 2


async def test_review_shows_a_groups_open_actions_and_exports(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t")
        assert "# Open acties van Groep A" in preview(app) and "- [ ] Bo: rooster maken" in preview(app)
        await pilot.press("ctrl+e")
        anonymous = next((tmp_path / "exports").glob("*(anoniem).md")).read_text()
        assert "Bo" not in anonymous and app.clipboard == anonymous
        await pilot.press("ctrl+d")
        proof = next((tmp_path / "exports").glob("*(deelname).md")).read_text()
        assert "lastige" not in proof and "Bewijs van deelname" in proof


async def test_an_empty_archive_says_so(tmp_path: Path, clock: ManualClock) -> None:
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE):
        assert "Nog geen notulen" in preview(app)


@pytest.mark.parametrize(
    ("language", "no_hits", "empty"),
    [
        ("nl", "Geen notulen gevonden met „[/x] *nee*”", "Nog geen notulen"),
        ("en", "No minutes found with “[/x] *nee*”", "No minutes yet"),
    ],
)
async def test_a_search_without_hits_names_its_words_literally(
    tmp_path: Path, clock: ManualClock, language: str, no_hits: str, empty: str
) -> None:
    saved_session(Store(tmp_path), clock, group="Groep A")
    app = review_app(tmp_path, clock, language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"[/x] *nee*", "enter")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 0
        shown = screen_text(app)
        assert no_hits in shown and empty not in shown


async def test_a_5000_character_group_is_cut_short_in_the_table(tmp_path: Path, clock: ManualClock) -> None:
    saved_session(Store(tmp_path), clock, group="G" + "x" * 5000, case_bringers=("C" + "x" * 5000,))
    app = review_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        group, bringers = (str(cell) for cell in table.get_row_at(0)[1:4:2])
        assert group == "G" + "x" * 38 + "…" and bringers == "C" + "x" * 38 + "…"
        assert table.virtual_size.width < 160  # every column fits within two screen widths


async def test_a_new_session_of_the_group_reviews_last_times_actions(tmp_path: Path, clock: ManualClock) -> None:
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    app = make_app(tmp_path, clock, setup=Setup(group="Groep A", participants=PEOPLE, case_bringers=("Cas",)))
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        assert screen.session.steps[0].key == "terugblik"
        actions = app.screen.query_one("#review-actions", SelectionList)
        actions.focus()
        boxes = [actions.render_line(y).text[:3] for y in range(3)]
        assert boxes == ["▐ ▌"] * 3  # open: an empty box, readable without colour (a tester saw X for both)
        await pilot.press("space")
        assert screen.session.actions_done == {0}
        assert [actions.render_line(y).text[:3] for y in range(3)] == ["▐X▌", "▐ ▌", "▐ ▌"]
        await pilot.press("ctrl+n")
    newest = store.archive().summaries()[0]
    text = newest.path.read_text()
    assert "- [x] Bo: rooster maken" in text
    assert [i.line() for i in store.archive().last_open_actions("Groep A")] == [
        "Cas: meelezen",
        "Bo: algemene afspraak",
    ]


async def test_a_refusing_disk_warns_once_keeps_the_notes_and_recovers(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        store = session_screen(app).store
        real_save = store.save

        def full_disk(*args: Any) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store, "save", full_disk)
        await pilot.press(*"niet kwijtraken", "ctrl+n", "ctrl+o")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert sum("Opslaan lukt niet (No space left on device)" in m for m in messages) == 1
        assert session_screen(app).session.states[0].notes == "niet kwijtraken"
        monkeypatch.setattr(store, "save", real_save)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert any("Opslaan lukt weer" in n.message for n in app._notifications)
    assert "niet kwijtraken" in next((tmp_path / "minutes").glob("*.md")).read_text()


async def test_an_unusable_data_folder_ends_with_one_line(tmp_path: Path, clock: ManualClock) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("dit is een bestand, geen map")
    app = make_app(blocker, clock)
    async with app.run_test(size=SIZE):
        pass
    assert app.error == Texts("nl")("error.data_folder_not_folder", folder=blocker)
    assert blocker.read_text() == "dit is een bestand, geen map"


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_every_review_key_is_named_whole_in_the_footer_at_80_columns(
    tmp_path: Path, clock: ManualClock, language: str
) -> None:
    texts = Texts(language)
    settings = Settings(language=language, bell=False, flash=False, blink=False, ticking=False)
    app = IntervisieApp(Store(tmp_path), clock=clock, settings=settings, review=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = [strip.text for strip in app.screen._compositor.render_strips()][-1]
    labels = ["search", "actions", "anonymous", "attendance", "copy", "delete"]
    assert all(f" {texts(f'review.key.{label}')} " in f" {footer} " for label in labels), footer
    assert f" {texts('key.close')} " in f" {footer} ", footer


async def test_escape_steps_back_one_thing_at_a_time_and_an_empty_actions_list_says_so(
    tmp_path: Path, clock: ManualClock
) -> None:
    """A tester pressed Escape on a group's open actions and the whole program closed; for a group with every
    action ticked off, ctrl+t showed an empty pane."""
    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    saved_session(store, clock, group="Groep B")
    ticked = next(p for p in (tmp_path / "minutes").glob("*.md") if "Groep B" in p.name)
    ticked.write_text(ticked.read_text().replace("- [ ]", "- [x]"))
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "# Groep B" in preview(app)
        await pilot.press("ctrl+t")
        assert "Open acties van Groep B" in preview(app) and "Geen open acties" in preview(app)
        await pilot.press("escape")
        assert app.is_running and "# Groep B" in preview(app)
        await pilot.press("down", "ctrl+t")
        assert "- [ ] Bo: rooster maken" in preview(app) and "Geen open acties" not in preview(app)
        await pilot.press("ctrl+e", "escape")  # from an export back to the minutes, too
        assert app.is_running and "# Groep A" in preview(app)
        await pilot.press("ctrl+f", *"lastige", "enter", "escape")
        assert app.is_running and app.screen.query_one(Input).value == ""
        assert app.screen.query_one(DataTable).row_count == 2
        await pilot.press("escape")
    assert app.return_code == 0


async def test_a_search_typed_in_the_same_instant_as_ctrl_f_goes_into_the_search_field(
    tmp_path: Path, clock: ManualClock
) -> None:
    from textual import events

    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    saved_session(store, clock, group="Groep B")
    path = next(p for p in (tmp_path / "minutes").glob("*.md") if "Groep B" in p.name)
    path.write_text(path.read_text().replace("lastige ouder", "stagebegeleiding"))
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(events.Key("ctrl+f", None))
        for char in "stagebegel":
            app.post_message(events.Key(char, char))
        app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert app.screen.query_one(Input).value == "stagebegel"
        assert table.row_count == 1 and str(table.get_row_at(0)[1]) == "Groep B"


async def test_down_and_ctrl_t_read_at_once_keep_the_actions_open_and_escape_closes_only_them(
    tmp_path: Path, clock: ManualClock
) -> None:
    """A tester typed Down, ctrl+t and Escape: the cursor's highlight arrived after ctrl+t and put the minutes
    back over the actions, so the pane seemed never to open and Escape closed the whole program."""
    from textual import events

    store = Store(tmp_path)
    saved_session(store, clock, group="Groep A")
    saved_session(store, clock, group="Groep B")
    app = review_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("down", "ctrl+t"):
            app.post_message(events.Key(key, None))
        for _ in range(4):
            await pilot.pause()
        assert "# Open acties van Groep A" in preview(app) and "- [ ] Bo: rooster maken" in preview(app)
        await pilot.press("escape")
        assert app.is_running and "# Groep A" in preview(app) and "Open acties" not in preview(app)
