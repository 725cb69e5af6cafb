"""The real program in a pseudo-terminal, killed with SIGKILL while a note is being typed.

These tests wait for a file to change (polling against a deadline), because the program under test runs on
the real clock in its own process; they never sleep for a fixed time to make something happen.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import saved_notes
from .pty_program import DEADLINE, AppInTerminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def test_kill_9_mid_typing_loses_nothing_older_than_a_second_and_resumes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = AppInTerminal(["run", "zeven-stappen", "--group", "Groep A", "--participants", "Ann,Bo"], home)
    first.wait_for(lambda: "Inventarisatie" in first.minutes(), "the first save")
    first.type("\x14")  # ctrl+t: start the clock
    first.type("eerste notitie")
    first.wait_for(lambda: "eerste notitie" in saved_notes(first.data), "the typed note on disk")
    assert "eerste notitie" not in first.minutes()  # typing goes to the journal; the minutes wait for an event
    first.type(" en nog wat")
    first.stop()
    assert "eerste notitie" in saved_notes(first.data)

    second = AppInTerminal(["resume"], home)
    second.wait_for(lambda: b"Inventarisatie" in second.output, "the resumed session on screen")
    second.wait_for(lambda: "eerste notitie" in second.minutes(), "the minutes made whole from the journal")
    second.type(" — hervat")
    second.wait_for(lambda: "hervat" in saved_notes(second.data), "a note typed after resuming")
    assert "status: paused" in second.minutes()
    second.type("\x11")  # ctrl+q on a paused session asks to confirm
    second.wait_for(lambda: b"Sessie stoppen?" in second.output, "the question before quitting")
    second.type("y")
    assert second.wait_for_exit() == 0
    text = second.minutes()
    assert "eerste notitie" in text and text.index("eerste notitie") < text.index("hervat")


@pytest.mark.usefixtures("english_cli")
def test_a_second_instance_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = AppInTerminal(["run", "duo-uitwisseling"], home)
    first.wait_for(lambda: "Stilte" in first.minutes(), "the first save")
    result = subprocess.run(
        [sys.executable, "-m", "intervisie_tui", "resume"],
        env={**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")},
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        stdin=subprocess.DEVNULL,
    )
    first.stop()
    assert result.returncode == 1
    assert result.stderr == "intervisie: this session is already open in another intervisie window\n"
