"""What typing and waiting write to disk: bytes per typed key, and nothing while nothing changes.

For each size of notes already in the pane (empty, 200 KB, 1 MB: pasted in first, as one bracketed paste),
`intervisie run zeven-stappen` (the installed console script, run from outside the checkout) is typed into
in a 100×30 pseudo-terminal, one key per write, 8 keys a second. Reported: the bytes it handed to files per
typed key (characters written by the process less what it drew on the terminal), the bytes that reached the
disk (the block layer's count, which includes the file system's own blocks), and what it wrote in `--idle`
seconds while nothing changed, first with the clock stopped, then with the clock running (counted from a
second after it started, once the start's own record landed).

Bars (issue 12): ≤ 2 KB per key plus the key itself at every size, whatever the notes' size; nothing
written while idle with the clock stopped, and with it running only its time (one journal line of at most
100 bytes per 15 s, so that a crash loses at most 15 s of it). Exits 1 when a bar is missed.

    python benchmarks/typing_cost.py [--seconds 30] [--idle 16] [--sizes 0 200000 1000000]
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from ptyrun import table
from typing_run import SENTENCE, io_counters, start, type_keys

from intervisie_tui.core.journal import CLOCK_MARK_SECONDS

BYTES_PER_KEY_BAR = 2048
CLOCK_LINE_BYTES = 100  # one journal line with the running clock's time


def measure(size: int, seconds: float, idle: float, home: Path) -> dict[str, float]:
    (ours,) = start(home, size, bare=False)
    try:
        io0, drawn0 = io_counters(ours.pid), ours.mark()
        keys, _ = type_keys([ours], seconds)
        time.sleep(2.5)  # the last keys' save
        io1, drawn1 = io_counters(ours.pid), ours.mark()
        time.sleep(idle)
        io2, drawn2 = io_counters(ours.pid), ours.mark()
        ours.type("\x14")  # ctrl+t: the clock runs, nobody types
        time.sleep(1.0)
        io3, drawn3 = io_counters(ours.pid), ours.mark()
        time.sleep(idle)
        io4, drawn4 = io_counters(ours.pid), ours.mark()
        return {
            "keys": keys,
            "file_bytes_per_key": ((io1[0] - io0[0]) - (drawn1 - drawn0)) / keys,
            "disk_bytes_per_key": (io1[1] - io0[1]) / keys,
            "idle_file_bytes": (io2[0] - io1[0]) - (drawn2 - drawn1),
            "idle_disk_bytes": io2[1] - io1[1],
            "running_file_bytes": (io4[0] - io3[0]) - (drawn4 - drawn3),
        }
    finally:
        ours.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--idle", type=float, default=16.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 200_000, 1_000_000])
    args = parser.parse_args()
    key_bytes = max(len(key.encode()) for key in SENTENCE)
    bar = BYTES_PER_KEY_BAR + key_bytes
    rows: list[tuple[object, ...]] = [
        (
            "notes",
            "keys",
            "B/key to files",
            f"÷ bar {bar} B",
            "B/key to disk",
            f"idle {args.idle:.0f}s B files/disk",
            f"clock running {args.idle:.0f}s B files",
        )
    ]
    ok = True
    per_key: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            r = measure(size, args.seconds, args.idle, Path(folder) / str(size))
            per_key.append(r["file_bytes_per_key"])
            clock_bar = CLOCK_LINE_BYTES * math.ceil(args.idle / CLOCK_MARK_SECONDS)
            ok &= r["file_bytes_per_key"] <= bar and r["idle_file_bytes"] <= 0 and r["running_file_bytes"] <= clock_bar
            rows.append(
                (
                    f"{size // 1000} KB",
                    int(r["keys"]),
                    f"{r['file_bytes_per_key']:.0f}",
                    f"{r['file_bytes_per_key'] / bar:.3f}",
                    f"{r['disk_bytes_per_key']:.0f}",
                    f"{r['idle_file_bytes']:.0f}/{r['idle_disk_bytes']:.0f}",
                    f"{r['running_file_bytes']:.0f}",
                )
            )
    print(table(rows))
    if len(per_key) > 1:
        print(f"\nbytes per key, largest notes ÷ empty notes: {per_key[-1] / max(per_key[0], 1):.2f}")
    print(
        f"bars: ≤ {BYTES_PER_KEY_BAR} B per key plus the key to files at every size, nothing written while idle"
        f" with the clock stopped, ≤ {CLOCK_LINE_BYTES} B per {CLOCK_MARK_SECONDS} s with it running"
        f"  {'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
