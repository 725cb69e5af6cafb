"""Typed note to disk, and what a kill -9 loses.

1. Latency: types 50 notes (a unique word each) into the notes pane of `intervisie run zeven-stappen` in a
   pseudo-terminal and measures, per note, the time until the word is on disk: in the saved state with its
   journal replayed, read as `intervisie resume` reads it (the Markdown minutes follow at the next step
   change, quit or finish). Bar: at most 1.5 s (median and max reported).
2. Kills: 50 times, starts a session, types characters steadily, and kills the process with SIGKILL at a
   random moment; then counts the characters typed more than 1.5 s before the kill that a resume would not
   restore (state plus journal). Bar: zero.

    python benchmarks/note_to_disk.py [--notes 50] [--kills 50]
"""

from __future__ import annotations

import argparse
import random
import string
import tempfile
import time
from pathlib import Path

from ptyrun import PtyProgram, intervisie, isolated_env, median, table

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.store import Store, StoreError

LATENCY_BAR = 1.5
SAFE_AFTER = 1.5


def minutes_text(home: Path) -> str:
    for path in (home / "data" / "intervisie-tui" / "minutes").glob("*.md"):
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            return ""
    return ""


def saved_notes(home: Path) -> str:
    """The first step's notes as a resume would restore them (state plus journal), read without touching
    anything; '' before the first save."""
    try:
        _, session = Store(home / "data" / "intervisie-tui").load(None, ManualClock(), touch=False)
    except StoreError:
        return ""
    return session.states[0].notes


def start(home: Path) -> PtyProgram:
    program = PtyProgram(intervisie("run", "zeven-stappen"), isolated_env(home))
    program.wait_for(b"Inventarisatie")
    deadline = time.monotonic() + 10
    while "Inventarisatie" not in minutes_text(home) and time.monotonic() < deadline:
        time.sleep(0.01)
    return program


def latencies(count: int, folder: Path) -> list[float]:
    home = folder / "latency"
    program = start(home)
    found: list[float] = []
    try:
        for number in range(count):
            word = f"noot{number:03d}" + "".join(random.choices(string.ascii_lowercase, k=4))
            program.type(f"{word} ")
            typed = time.monotonic()
            while word not in saved_notes(home):
                if time.monotonic() - typed > 10:
                    raise TimeoutError(f"{word} never reached the minutes")
                time.sleep(0.005)
            found.append(time.monotonic() - typed)
            time.sleep(random.uniform(0.0, 0.6))
    finally:
        program.kill()
    return found


def kills(count: int, folder: Path) -> list[int]:
    lost_counts: list[int] = []
    for attempt in range(count):
        home = folder / f"kill-{attempt}"
        program = start(home)
        typed: list[tuple[float, str]] = []
        kill_at = time.monotonic() + random.uniform(1.0, 4.0)
        counter = 0
        while time.monotonic() < kill_at:
            char = string.ascii_lowercase[counter % 26]
            counter += 1
            program.type(char)
            typed.append((time.monotonic(), char))
            time.sleep(random.uniform(0.02, 0.12))
        killed = time.monotonic()
        program.kill()
        everything = "".join(char for _, char in typed)
        safe = sum(1 for moment, _ in typed if killed - moment > SAFE_AFTER)
        saved = saved_notes(home)
        kept = next(
            (i for i, (a, b) in enumerate(zip(saved, everything, strict=False)) if a != b),
            min(len(saved), len(everything)),
        )
        lost_counts.append(max(safe - kept, 0))
    return lost_counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=50)
    parser.add_argument("--kills", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        times = latencies(args.notes, Path(folder))
        lost = kills(args.kills, Path(folder))
    rows = [
        ("measure", "value", "bar"),
        (f"note to disk, median of {len(times)}", f"{median(times):.2f} s", f"≤ {LATENCY_BAR} s"),
        (f"note to disk, max of {len(times)}", f"{max(times):.2f} s", f"≤ {LATENCY_BAR} s"),
        ("kill -9 runs", len(lost), ""),
        (f"characters older than {SAFE_AFTER} s lost", sum(lost), "0"),
    ]
    print(table(rows))
    ok = max(times) <= LATENCY_BAR and sum(lost) == 0
    print(f"\n{'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
