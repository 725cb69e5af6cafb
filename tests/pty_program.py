"""The real `intervisie` program in a 100×30 pseudo-terminal, for tests that Pilot cannot do.

Owns starting it with private data and config folders, reading what it draws, typing, waiting for a
condition against a deadline (polling, never a fixed sleep), and ending it. POSIX only.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

DEADLINE = 20.0
KEPT_OUTPUT = 200_000


class AppInTerminal:
    """`python -m intervisie_tui ARGS` in a pseudo-terminal of 100×30, its output collected."""

    def __init__(self, args: list[str], home: Path) -> None:
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
            [sys.executable, "-m", "intervisie_tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""
        self.closed = False

    @property
    def data(self) -> Path:
        return self.home / "data" / "intervisie-tui"

    def minutes(self) -> str:
        files = list((self.data / "minutes").glob("*.md"))
        return files[0].read_text(encoding="utf-8") if files else ""

    def section(self, title: str) -> str:
        """The notes under one step's heading in the minutes."""
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", self.minutes(), re.M | re.S)
        return match.group(1) if match else ""

    def read(self) -> None:
        try:
            while chunk := os.read(self.master, 65536):
                self.output = (self.output + chunk)[-KEPT_OUTPUT:]
        except (BlockingIOError, OSError):
            pass

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def type(self, text: str) -> None:
        """Type one character per write, as a person does."""
        for char in text:
            self.write(char.encode())
            self.read()

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
        self._close()
        return code

    def stop(self) -> None:
        """Kill the program (SIGKILL) if it still runs, and close the terminal."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._close()

    def _close(self) -> None:
        if not self.closed:
            self.closed = True
            os.close(self.master)
