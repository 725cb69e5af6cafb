"""Copying never freezes the screen and reports what really happened.

`wl-copy` leaves a child behind that serves the clipboard with the inherited stdout and stderr still open.
Run on the UI thread with captured output, that froze the countdown until a 2 s timeout and then said the
copy had failed although it had worked. The fake tool here does the same (and waits for the test's word
before it exits), so the test can look at the screen while the copy is still under way.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Button, Static, TextArea
from textual.worker import WorkerState

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.ui import clipboard
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.dialogs import UnsavedDialog

from .helpers import make_app, session_screen, shown

SIZE = (100, 30)
FAKE_WL_COPY = """#!/bin/sh
# Like wl-copy: take the text, then leave a child that keeps stdout and stderr open after this one exits.
cat > "$FAKE_CLIPBOARD/copied.txt"
released() {
    n=0
    while [ ! -e "$FAKE_CLIPBOARD/release" ] && [ "$n" -lt 1000 ]; do sleep 0.01; n=$((n + 1)); done
}
( released; sleep 3 ) &
released
"""


@pytest.fixture
def fake_clipboard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose `wl-copy` is the fake tool, first on PATH; the copied text lands in it."""
    folder = tmp_path / "fake-clipboard"
    folder.mkdir()
    tool = folder / "wl-copy"
    tool.write_text(FAKE_WL_COPY, encoding="utf-8")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("FAKE_CLIPBOARD", str(folder))
    return folder


def notifications(app: IntervisieApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def copying(app: IntervisieApp) -> bool:
    return any(worker.name == "clipboard" and worker.state is WorkerState.RUNNING for worker in app.workers)


async def test_the_screen_keeps_working_while_the_tool_copies_and_then_reports_it_done(
    tmp_path: Path, clock: ManualClock, fake_clipboard: Path
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press("f2")
        assert copying(app), "the tool runs in a worker"
        await pilot.press("ctrl+t", *"Ann begint")
        clock.advance(61)
        screen.tick()
        assert copying(app), "still copying, and yet the keys and the clock went on"
        assert screen.query_one("#notes", TextArea).text == "Ann begint" and "Loopt" in shown(app, "#status")
        assert not any(m.startswith("Bericht 1/2 gekopieerd") for m in notifications(app)), (
            "not reported before it is known"
        )
        (fake_clipboard / "release").touch()
        await app.workers.wait_for_complete()
        await pilot.pause()
        prompt = app.clipboard
    assert (fake_clipboard / "copied.txt").read_text(encoding="utf-8") == prompt
    assert any(m.startswith("Bericht 1/2 gekopieerd") for m in notifications(app))
    assert not any("kon het klembord niet bereiken" in message for message in notifications(app))


async def test_without_a_clipboard_tool_the_fallback_is_reported(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.clipboard.startswith("Wie heeft er een situatie of casus"), "OSC 52 got the text at once"
    assert any("kon het klembord niet bereiken" in message for message in notifications(app))


def test_a_tool_that_never_ends_is_given_up_after_the_timeout(
    fake_clipboard: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clipboard, "TIMEOUT_SECONDS", 0.2)
    assert clipboard.copy_with_tool("x") is False
    assert (fake_clipboard / "copied.txt").read_text(encoding="utf-8") == "x"


def test_text_a_terminal_cannot_encode_still_reaches_the_tool(fake_clipboard: Path) -> None:
    (fake_clipboard / "release").touch()
    assert clipboard.copy_with_tool("Ann \ud800 Bo") is True
    assert (fake_clipboard / "copied.txt").read_text(encoding="utf-8") == "Ann ? Bo"


async def test_the_unsaved_dialog_says_the_notes_are_on_the_clipboard_once_the_tool_is_done(
    tmp_path: Path, clock: ManualClock, fake_clipboard: Path
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        await pilot.press(*"slotwoord")
        assert screen.autosave is not None
        screen.autosave.last_error = "No space left on device"
        screen._take_widgets()  # as every way to this dialog does: a failed save took the pane's text first
        dialog = UnsavedDialog(screen.texts, screen.autosave, screen._copy_all)
        await app.push_screen(dialog)
        dialog.query_one("#clipboard", Button).press()
        await pilot.pause()
        assert copying(app) and str(dialog.query_one("#unsaved-result", Static).render()) == ""
        (fake_clipboard / "release").touch()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(dialog.query_one("#unsaved-result", Static).render()) == "Alle notities staan op het klembord."
    assert "slotwoord" in (fake_clipboard / "copied.txt").read_text(encoding="utf-8")
