"""Saves that fail (a full disk, a read-only folder) at every point: what the user sees, and that the text survives.

The store's save raises the OSError the operating system would raise; the real app runs on top of it. The
app must never claim a save it did not make, must keep the session open until the moderator chooses, and
must offer a way to keep the text: an emergency copy elsewhere or the clipboard.
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, Static

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.session import Session
from intervisie_tui.core.store import SessionFiles, Store
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.dialogs import ConfirmDialog, UnsavedDialog
from intervisie_tui.ui.end_screen import EndScreen

from .helpers import make_app, saved_minutes, session_screen, shown

SIZE = (100, 34)
ERRORS = [errno.ENOSPC, errno.EROFS]


class Disk:
    """Both ways the store writes (a checkpoint and a journal append), which fail with `error` while one is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.error: int | None = None
        self.attempts = 0
        for name in ("save", "journal"):
            monkeypatch.setattr(Store, name, self._failing(getattr(Store, name)))

    def _failing(self, original: Callable[[Store, SessionFiles, Session], None]) -> Callable[..., None]:
        def write(store: Store, files: SessionFiles, session: Session) -> None:
            self.attempts += 1
            if self.error is not None:
                raise OSError(self.error, os.strerror(self.error))
            original(store, files, session)

        return write


def notifications(app: IntervisieApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def saved_notes(root: Path, clock: ManualClock) -> list[str]:
    _files, session = Store(root).load(None, clock)
    return [state.notes for state in session.states]


async def press(app: IntervisieApp, button: str) -> None:
    app.screen.query_one(f"#{button}", Button).press()


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path, tmp_path: Path) -> Disk:
    """A failing disk; the home folder exists (it takes the emergency copy) and the temp folder is private."""
    isolated_dirs.mkdir(parents=True, exist_ok=True)
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr("tempfile.tempdir", None)
    return Disk(monkeypatch)


@pytest.mark.parametrize("error", ERRORS)
async def test_a_failing_save_while_typing_is_reported_once_and_stays_on_screen(
    tmp_path: Path, clock: ManualClock, disk: Disk, error: int
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        disk.error = error
        await pilot.press(*"eerste")
        assert screen.save_now() is False
        await pilot.press(*" notitie", "ctrl+t")
        reason = os.strerror(error)
        assert (
            notifications(app).count(f"Opslaan lukt niet ({reason}); je notities blijven bewaard in het geheugen") == 1
        )
        assert "NIET OPGESLAGEN" in shown(app, "#status")
        assert screen.session.states[0].notes == "eerste notitie"
        disk.error = None
        await pilot.press("ctrl+t")
        assert "Opslaan lukt weer" in notifications(app)
        assert "NIET OPGESLAGEN" not in shown(app, "#status")
    assert saved_notes(tmp_path, clock)[0] == "eerste notitie"


@pytest.mark.parametrize("error", ERRORS)
async def test_next_step_on_a_failing_disk_keeps_every_step_in_memory(
    tmp_path: Path, clock: ManualClock, disk: Disk, error: int
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        disk.error = error
        await pilot.press(*"stap een", "ctrl+n", *"stap twee", "ctrl+n")
        assert [s.notes for s in screen.session.states[:2]] == ["stap een", "stap twee"]
        disk.error = None
        await pilot.press("ctrl+n")
    assert saved_notes(tmp_path, clock)[:2] == ["stap een", "stap twee"]


@pytest.mark.parametrize("error", ERRORS)
async def test_quit_on_a_failing_disk_says_so_and_leaves_an_emergency_copy(
    tmp_path: Path, clock: ManualClock, disk: Disk, error: int, isolated_dirs: Path
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", *"vertrouwelijk verslag")
        disk.error = error
        await pilot.press("ctrl+q")
        dialog = app.screen
        assert isinstance(dialog, UnsavedDialog), "quit must not ask 'the minutes are saved' while they are not"
        body = str(dialog.query_one("#unsaved-body", Static).render())
        assert f"Opslaan in de gegevensmap lukt niet ({os.strerror(error)})" in body
        await press(app, "copy")
        await pilot.pause()
        copies = list(isolated_dirs.glob("intervisie-noodkopie*.md"))
        assert len(copies) == 1 and "vertrouwelijk verslag" in copies[0].read_text(encoding="utf-8")
        assert copies[0].stat().st_mode & 0o777 == 0o600
        result = str(dialog.query_one("#unsaved-result", Static).render())
        assert result == f"Noodkopie bewaard in: {copies[0]}"
        assert app.is_running, "the app stays open until the moderator chooses"
        await press(app, "leave")
        await pilot.pause()
    assert app.return_code == 1
    assert app.error is not None and str(copies[0]) in app.error and "niet opgeslagen" in app.error


@pytest.mark.parametrize("error", ERRORS)
async def test_finish_on_a_failing_disk_offers_the_clipboard_and_a_retry(
    tmp_path: Path, clock: ManualClock, disk: Disk, error: int
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = session_screen(app)
        screen.session.jump(len(screen.session.steps) - 1)
        screen._changed()
        await pilot.press(*"slotwoord")
        disk.error = error
        await pilot.press("ctrl+n", "enter")
        dialog = app.screen
        assert isinstance(dialog, UnsavedDialog), "finish must not show 'Notulen opgeslagen' while they are not"
        await press(app, "clipboard")
        await pilot.pause()
        assert "slotwoord" in app.clipboard
        await press(app, "retry")
        await pilot.pause()
        assert app.screen is dialog
        assert str(dialog.query_one("#unsaved-result", Static).render()).startswith("Nog steeds niet opgeslagen")
        disk.error = None
        await press(app, "retry")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "Notulen opgeslagen in" in shown(app, "#end-path")
    assert "slotwoord" in saved_minutes(tmp_path)


async def test_back_from_the_unsaved_dialog_returns_to_the_session(
    tmp_path: Path, clock: ManualClock, disk: Disk
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", *"nog bezig")
        disk.error = errno.ENOSPC
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, UnsavedDialog)
        await pilot.press("escape")
        assert session_screen(app).session.states[0].notes == "nog bezig"
        disk.error = None
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
    assert app.return_code == 0
    assert saved_notes(tmp_path, clock)[0] == "nog bezig"


async def test_sigterm_on_a_failing_disk_leaves_an_emergency_copy_and_a_non_zero_exit(
    tmp_path: Path, clock: ManualClock, disk: Disk, isolated_dirs: Path
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"voor het signaal")
        disk.error = errno.EROFS
        app.end_on_signal(signal.SIGTERM)
        await pilot.pause()
    copies = list(isolated_dirs.glob("intervisie-noodkopie*.md"))
    assert len(copies) == 1 and "voor het signaal" in copies[0].read_text(encoding="utf-8")
    assert app.return_code == 128 + signal.SIGTERM
    assert app.error is not None and str(copies[0]) in app.error


async def test_sigterm_saves_what_is_on_screen(tmp_path: Path, clock: ManualClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+t", *"net getypt")
        app.end_on_signal(signal.SIGTERM)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM and app.error is None
    _files, session = Store(tmp_path).load(None, clock)
    assert session.states[0].notes == "net getypt" and not session.running
