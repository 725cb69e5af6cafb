"""Running a terminal program in a pseudo-terminal for the benchmarks: start it, type, read what it draws.

Owns the pty plumbing the benchmark scripts share: a fixed window size, a reader thread that keeps the
program's output flowing (a program that cannot write blocks) and records when each byte arrived, typing,
signals, and /proc readings of CPU time and peak memory. Linux only.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Sequence
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
TITLE = re.compile(rb"\x1b\]2;([^\x07]*)\x07")


def isolated_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment whose data and config folders live under `home`.

    Bytecode caching stays on (PYTHONDONTWRITEBYTECODE is dropped): a user's installed program has its
    .pyc files, and a benchmark that recompiled every module each run would measure the compiler.
    """
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "TEXTUAL")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        TERM="xterm-256color",
        COLORTERM="truecolor",
        LANG="C.UTF-8",
    )
    env.update(extra)
    return env


class PtyProgram:
    """A program in a pseudo-terminal of a given size."""

    def __init__(
        self, argv: Sequence[str], env: dict[str, str], cols: int = 100, rows: int = 30, cwd: Path | None = None
    ) -> None:
        folder = cwd or Path(env["HOME"])
        folder.mkdir(parents=True, exist_ok=True)
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=folder,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self.changed:
                self.output += chunk
                self.changed.notify_all()

    def wait_for(self, marker: bytes, timeout: float = 30.0, start: int = 0) -> float:
        """Seconds since launch at which `marker` first appeared after byte `start`."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while marker not in self.output[start:]:
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"{marker!r} did not appear within {timeout} s")
                self.changed.wait(left)
        return time.perf_counter() - self.started

    def mark(self) -> int:
        with self.lock:
            return len(self.output)

    def last_title(self) -> str:
        """The last terminal title (OSC 2) the program wrote."""
        with self.lock:
            titles = TITLE.findall(bytes(self.output[-20000:]))
        return titles[-1].decode("utf-8", "replace") if titles else ""

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def signal(self, sig: int) -> None:
        self.process.send_signal(sig)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def peak_rss_mib(self) -> float:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        with contextlib.suppress(OSError):
            os.close(self.master)


def intervisie(*args: str) -> list[str]:
    """The installed console script beside this Python (as a user runs it), else the module."""
    script = Path(sys.executable).parent / "intervisie"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "intervisie_tui", *args]


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def table(rows: Sequence[Sequence[object]]) -> str:
    """A plain text table, first row the header."""
    text = [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in text) for i in range(len(text[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in text]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
