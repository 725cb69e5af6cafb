"""The real program in a pseudo-terminal: one write of text and a key, bytes that are not UTF-8, signals.

Pilot cannot show these: the driver reading the terminal, its decoder, and how the process ends. Each test
waits for a file or for the output to show something (polling against a deadline), never for a fixed time.
"""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import saved_notes

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

DEADLINE = 20.0
LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_TRACKING_OFF = b"\x1b[?1000l"


class Program:
    """`python -m intervisie_tui run zeven-stappen` in a 100×30 pseudo-terminal, its output collected."""

    def __init__(self, home: Path) -> None:
        self.home = home
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
            [sys.executable, "-m", "intervisie_tui", "run", "zeven-stappen", "--participants", "Ann,Bo"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def read(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.output += chunk
        except (BlockingIOError, OSError):
            pass

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    @property
    def data(self) -> Path:
        return self.home / "data" / "intervisie-tui"

    def minutes(self) -> str:
        files = list((self.home / "data" / "intervisie-tui" / "minutes").glob("*.md"))
        return files[0].read_text(encoding="utf-8") if files else ""

    def section(self, title: str) -> str:
        """The notes under one step's heading in the minutes."""
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", self.minutes(), re.M | re.S)
        return match.group(1) if match else ""

    def wait_for(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            self.read()
            if condition():
                return
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"timed out waiting for {what}; output ends {self.output[-300:]!r}")

    def wait_for_exit(self) -> int:
        deadline = time.monotonic() + DEADLINE
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read()
            time.sleep(0.05)
        self.read()
        code = self.process.wait(timeout=5)
        os.close(self.master)
        return code

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@pytest.fixture
def program(tmp_path: Path) -> Program:
    started = Program(tmp_path / "home")
    started.wait_for(lambda: "## Inventarisatie" in started.minutes(), "the first save")
    started.wait_for(lambda: b"Inventarisatie" in started.output, "the first screen")
    yield started  # type: ignore[misc]
    started.stop()


def test_text_and_ctrl_n_in_one_write_keep_the_text_in_its_step(program: Program) -> None:
    program.write("eerste notitie in één keer".encode() + b"\x0e")  # ctrl+n in the same write
    program.wait_for(lambda: "eerste notitie" in program.minutes(), "the note in the minutes")
    program.wait_for(lambda: "Stap 2 van 7" in program.output.decode(errors="replace"), "step 2 on screen")
    assert "eerste notitie in één keer" in program.section("Inventarisatie")
    assert "eerste notitie" not in program.section("Introductie van de kwestie")
    program.write(b"\x11")  # ctrl+q: the clock never ran, so it quits at once
    assert program.wait_for_exit() == 0


def test_a_paste_holding_an_escape_sequence_arrives_whole_and_in_order(program: Program) -> None:
    program.write(b"voor \x1b[200~T2 aaa \x1b[31m bbb einde\x1b[201~ na")
    program.wait_for(lambda: " na" in saved_notes(program.data), "the text after the paste, saved")
    assert saved_notes(program.data) == "voor T2 aaa \u241b[31m bbb einde na"
    program.write(b"\x11")
    assert program.wait_for_exit() == 0


def test_bytes_that_are_not_utf8_are_replaced_and_typing_goes_on(program: Program) -> None:
    program.write(b"caf\xe9 \xff\xfe en verder")
    program.write(b"\x1b\xe9")  # an 8-bit Alt key after ESC
    program.write(b" nog steeds")
    program.wait_for(lambda: "nog steeds" in saved_notes(program.data), "text typed after the bad bytes, saved")
    assert program.process.poll() is None, "the app must keep running"
    program.write(b"\x11")
    assert program.wait_for_exit() == 0
    notes = program.section("Inventarisatie")
    assert "caf\ufffd" in notes and "en verder" in notes and "nog steeds" in notes


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_sigterm_sighup_and_sigint_save_restore_the_terminal_and_exit(program: Program, number: int) -> None:
    program.write(b"\x14")  # ctrl+t: start the clock
    program.write(b"vlak voor het signaal")
    program.wait_for(lambda: b"vlak voor het signaal" in program.output, "the typed text on screen")
    program.process.send_signal(number)
    code = program.wait_for_exit()
    assert code == 128 + number
    assert "vlak voor het signaal" in program.section("Inventarisatie")
    assert "status: paused" in program.minutes()
    tail = program.output[program.output.rindex(b"vlak voor het signaal") :]
    assert LEAVE_ALTERNATE_SCREEN in tail and MOUSE_TRACKING_OFF in tail
