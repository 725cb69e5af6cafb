"""The real program in a pseudo-terminal: one write of text and a key, bytes that are not UTF-8, signals.

Pilot cannot show these: the driver reading the terminal, its decoder, and how the process ends. Each test
waits for a file or for the output to show something (polling against a deadline), never for a fixed time.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import saved_notes
from .pty_program import AppInTerminal

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

LEAVE_ALTERNATE_SCREEN = b"\x1b[?1049l"
MOUSE_TRACKING_OFF = b"\x1b[?1000l"


@pytest.fixture
def program(tmp_path: Path) -> Iterator[AppInTerminal]:
    started = AppInTerminal(["run", "zeven-stappen", "--participants", "Ann,Bo"], tmp_path / "home")
    started.wait_for(lambda: "## Inventarisatie" in started.minutes(), "the first save")
    started.wait_for(lambda: b"Inventarisatie" in started.output, "the first screen")
    yield started
    started.stop()


def test_text_and_ctrl_n_in_one_write_keep_the_text_in_its_step(program: AppInTerminal) -> None:
    program.write("eerste notitie in één keer".encode() + b"\x0e")  # ctrl+n in the same write
    program.wait_for(lambda: "eerste notitie" in program.minutes(), "the note in the minutes")
    program.wait_for(lambda: "Stap 2 van 7" in program.output.decode(errors="replace"), "step 2 on screen")
    assert "eerste notitie in één keer" in program.section("Inventarisatie")
    assert "eerste notitie" not in program.section("Introductie van de kwestie")
    program.write(b"\x11")  # ctrl+q: the clock never ran, so it quits at once
    assert program.wait_for_exit() == 0


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads the process's memory maps")
def test_the_running_app_has_no_tls_library_loaded(program: AppInTerminal) -> None:
    """asyncio would load OpenSSL (about 4 MiB resident) for TLS the app never uses (issue 12: peak memory)."""
    maps = Path(f"/proc/{program.process.pid}/maps").read_text()
    assert "libpython" in maps or "python" in maps  # the maps are the program's
    loaded = {line.split()[-1].rsplit("/", 1)[-1] for line in maps.splitlines() if "/" in line}
    assert not [name for name in loaded if name.startswith(("_ssl", "libssl"))]
    program.write(b"\x11")
    assert program.wait_for_exit() == 0


def test_a_paste_holding_an_escape_sequence_arrives_whole_and_in_order(program: AppInTerminal) -> None:
    program.write(b"voor \x1b[200~T2 aaa \x1b[31m bbb einde\x1b[201~ na")
    program.wait_for(lambda: " na" in saved_notes(program.data), "the text after the paste, saved")
    assert saved_notes(program.data) == "voor T2 aaa \u241b[31m bbb einde na"
    program.write(b"\x11")
    assert program.wait_for_exit() == 0


def test_bytes_that_are_not_utf8_are_replaced_and_typing_goes_on(program: AppInTerminal) -> None:
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
def test_sigterm_sighup_and_sigint_save_restore_the_terminal_and_exit(program: AppInTerminal, number: int) -> None:
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
