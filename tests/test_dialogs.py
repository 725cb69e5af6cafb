"""Dialogs that do not fit the terminal can still be read to their last line with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.core.clock import ManualClock

from .helpers import make_app


async def test_the_help_dialog_scrolls_to_its_last_line_at_80x24(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        box = app.screen.query_one("#help-scroll")
        assert box.max_scroll_y > 0, "the keys do not fit at 80x24"
        await pilot.press("pagedown", "pagedown")
        await pilot.wait_for_scheduled_animations()
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("pageup", "pageup")
        await pilot.wait_for_scheduled_animations()
        assert box.scroll_y == 0


async def test_the_quit_question_and_both_buttons_fit_a_40x12_terminal(tmp_path: Path, clock: ManualClock) -> None:
    """In a terminal the size of a stamp the dialog drops its padding rather than scroll its question away."""
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("ctrl+t")
        clock.advance(5)
        await pilot.press("ctrl+q")
        screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        box = app.screen.query_one(".dialog-box")
        assert box.max_scroll_y == 0
    assert "Sessie stoppen?" in screen and "Stoppen" in screen and "Doorgaan" in screen


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("opened_with", ["", "f3", "f4", "f9", "review"])
async def test_f1_on_every_screen_lists_that_screens_keys(
    tmp_path: Path, clock: ManualClock, language: str, opened_with: str
) -> None:
    """A tester pressed F1 on the start screen and nothing happened; every screen now answers F1 with its keys."""
    from intervisie_tui.core.store import Store
    from intervisie_tui.ui.app import IntervisieApp
    from intervisie_tui.ui.dialogs import HelpDialog
    from intervisie_tui.ui.settings import Settings
    from intervisie_tui.words import Texts

    settings = Settings(language=language, bell=False, flash=False, blink=False, ticking=False)
    app = IntervisieApp(Store(tmp_path), clock=clock, settings=settings, review=opened_with == "review")
    texts = Texts(language)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        if opened_with.startswith("f"):
            await pilot.press(opened_with)
        screen = app.screen
        await pilot.press("f1")
        assert isinstance(app.screen, HelpDialog)
        listed = "\n".join(str(label) for _, label in app.screen.keys)
        ours = [b for bs in screen._bindings.key_to_bindings.values() for b in bs if not b.action.startswith("app.")]
        named = {b.description for b in ours if b.description and b.action != "screen.copy_text"}
        assert named - {texts("key.help")} <= set(listed.split("\n")) and texts("key.palette_long") in listed
        assert len(named) >= 2
        assert "Focus" not in listed and "Copy selected" not in listed  # Textual's English names (a Dutch help)
        await pilot.press("escape")
        assert app.screen is screen
