"""The real program in a pseudo-terminal, killed with SIGKILL while a note is being typed.

These tests wait for a file to change (polling against a deadline), because the program under test runs on
the real clock in its own process; they never sleep for a fixed time to make something happen.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import saved_notes

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

DEADLINE = 20.0


class Terminal:
    """`intervisie` running in a pseudo-terminal of 100×30."""

    def __init__(self, args: list[str], home: Path) -> None:
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "TERM": "xterm-256color",
            "COLUMNS": "100",
            "LINES": "30",
        }
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "intervisie_tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def drain(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.output = (self.output + chunk)[-200_000:]
        except (BlockingIOError, OSError):
            pass

    def type(self, text: str) -> None:
        for char in text:
            os.write(self.master, char.encode())
            self.drain()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def wait_for(condition: Callable[[], bool], what: str, terminal: Terminal) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        terminal.drain()
        if condition():
            return
        time.sleep(0.05)
    terminal.kill()
    raise AssertionError(f"timed out waiting for {what}")


def minutes_text(home: Path) -> str:
    files = list(data_folder(home).joinpath("minutes").glob("*.md"))
    return files[0].read_text(encoding="utf-8") if files else ""


def data_folder(home: Path) -> Path:
    return home / "data" / "intervisie-tui"


def test_kill_9_mid_typing_loses_nothing_older_than_a_second_and_resumes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = Terminal(["run", "zeven-stappen", "--group", "Groep A", "--participants", "Ann,Bo"], home)
    wait_for(lambda: "Inventarisatie" in minutes_text(home), "the first save", first)
    first.type("\x14")  # ctrl+t: start the clock
    first.type("eerste notitie")
    wait_for(lambda: "eerste notitie" in saved_notes(data_folder(home)), "the typed note on disk", first)
    assert "eerste notitie" not in minutes_text(home)  # typing goes to the journal; the minutes wait for an event
    first.type(" en nog wat")
    first.kill()
    assert "eerste notitie" in saved_notes(data_folder(home))

    second = Terminal(["resume"], home)
    wait_for(lambda: b"Inventarisatie" in second.output, "the resumed session on screen", second)
    wait_for(lambda: "eerste notitie" in minutes_text(home), "the minutes made whole from the journal", second)
    second.type(" — hervat")
    wait_for(lambda: "hervat" in saved_notes(data_folder(home)), "a note typed after resuming", second)
    assert "status: paused" in minutes_text(home)
    second.type("\x11")  # ctrl+q on a paused session asks to confirm
    wait_for(lambda: b"Sessie stoppen?" in second.output, "the question before quitting", second)
    second.type("y")
    assert second.process.wait(timeout=DEADLINE) == 0
    os.close(second.master)
    text = minutes_text(home)
    assert "eerste notitie" in text and text.index("eerste notitie") < text.index("hervat")


@pytest.mark.usefixtures("english_cli")
def test_a_second_instance_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = Terminal(["run", "duo-uitwisseling"], home)
    wait_for(lambda: "Stilte" in minutes_text(home), "the first save", first)
    result = subprocess.run(
        [sys.executable, "-m", "intervisie_tui", "resume"],
        env={**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")},
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        stdin=subprocess.DEVNULL,
    )
    first.kill()
    assert result.returncode == 1
    assert result.stderr == "intervisie: this session is already open in another intervisie window\n"
