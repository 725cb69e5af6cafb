"""Typing the way a notulist types, for the benchmarks: notes pasted in first, then one key per write.

Owns what typing_cost.py and cpu_memory.py share: ordinary notes of a given size, a bracketed paste,
waiting until a program has settled, typing a common Dutch sentence into several programs at once (the
same key to each, 8 keys a second), and a process's write counters.
"""

from __future__ import annotations

import sys
import termios
import time
from pathlib import Path

from ptyrun import PtyProgram, intervisie, isolated_env

HERE = Path(__file__).resolve().parent
KEYS_PER_SECOND = 8.0
SENTENCE = "De inbrenger vertelt wat er gebeurde en de groep luistert zonder te oordelen. "
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


def filler(size: int) -> str:
    """`size` characters of ordinary notes: lines of about sixty characters."""
    line = "Ann: vraagt door op het moment dat het misging, wat voelde je?\n"
    return (line * (size // len(line) + 1))[:size]


def settle(program: PtyProgram, quiet: float = 2.0, limit: float = 60.0) -> None:
    """Wait until the program has drawn nothing for `quiet` seconds (a paste processed, a save done)."""
    deadline = time.monotonic() + limit
    last, since = program.mark(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = program.mark()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


def exact_output(program: PtyProgram) -> None:
    """Turn the pty's output processing off (Textual leaves it on: each "\\n" arrives as "\\r\\n"), so the
    bytes read from the terminal are the bytes the program wrote to it."""
    attrs = termios.tcgetattr(program.master)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(program.master, termios.TCSANOW, attrs)


def start(home: Path, size: int, *, bare: bool, first_start: bool = False) -> list[PtyProgram]:
    """`intervisie run zeven-stappen` (the installed script, outside the checkout) and, with `bare`, the bare
    TextArea: each holding `size` characters of notes pasted in, settled, the save after the paste landed.

    As people work, the app has run before (its cache of parsed protocols is filled, so a session never loads
    the YAML parser); `first_start` measures the first start after an install or upgrade instead.
    """
    if not first_start:
        earlier = PtyProgram(intervisie("run", "zeven-stappen"), isolated_env(home / "ours"), cwd=home)
        earlier.wait_for(b"Inventarisatie")
        earlier.kill()
    programs = [PtyProgram(intervisie("run", "zeven-stappen"), isolated_env(home / "ours"), cwd=home)]
    programs[0].wait_for(b"Inventarisatie")
    exact_output(programs[0])
    if bare:
        programs.append(
            PtyProgram([sys.executable, str(HERE / "bare_textarea.py")], isolated_env(home / "bare"), cwd=home)
        )
        programs[1].wait_for(b"hallo")
    if size:
        text = filler(size)
        for program in programs:
            program.type(PASTE_START + text + PASTE_END)
    for program in programs:
        settle(program)
    time.sleep(2.5)  # the save after the paste
    return programs


def type_keys(programs: list[PtyProgram], seconds: float) -> tuple[int, float]:
    """Type the sentence into every program, one key per write at 8 keys a second; (keys, wall seconds)."""
    started = time.monotonic()
    keys = 0
    while time.monotonic() - started < seconds:
        key = SENTENCE[keys % len(SENTENCE)]
        for program in programs:
            program.type(key)
        keys += 1
        time.sleep(max(0.0, started + keys / KEYS_PER_SECOND - time.monotonic()))
    return keys, time.monotonic() - started


def io_counters(pid: int) -> tuple[int, int]:
    """(characters written by any write call, bytes sent to the block layer) of a process so far."""
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["wchar"]), int(fields["write_bytes"])
