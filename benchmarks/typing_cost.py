"""Typing the way a notulist types: CPU, memory and disk per key, one key at a time, against a bare TextArea.

For each size of notes already in the pane (empty, 200 KB, 1 MB: pasted in first, as one bracketed paste),
`intervisie run zeven-stappen` (the installed console script, run from outside the checkout) and a bare
Textual app holding one TextArea are typed into side by side in 100×30 pseudo-terminals: a common Dutch
sentence, one key per write, 8 keys a second. Then both sit idle for a while, and then intervisie's clock
runs while nobody types. Reported per program: % of one core while typing, peak resident memory; for
intervisie also the bytes it handed to files per typed key (characters written by the process less what it
drew on the terminal), the bytes that reached the disk (the block layer's count, which includes the file
system's own blocks), and what it wrote while nothing changed (and while only the clock ran: a few bytes to
note the time are fine, a rewrite is not).

Bars (DESIGN.md, issue 12): CPU ≤ 1.1 × the bare TextArea at every size; peak RSS ≤ 60 MiB; ≤ 2 KB per key
(plus the key) to files at every size; nothing written while idle. Exits 1 when a bar is missed.

    python benchmarks/typing_cost.py [--seconds 60] [--idle 20] [--sizes 0 200000 1000000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from ptyrun import PtyProgram, intervisie, isolated_env, table

HERE = Path(__file__).resolve().parent
KEYS_PER_SECOND = 8.0
CPU_RATIO_BAR = 1.1
RSS_BAR = 60.0
BYTES_PER_KEY_BAR = 2048
SENTENCE = "De inbrenger vertelt wat er gebeurde en de groep luistert zonder te oordelen. "
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


def filler(size: int) -> str:
    """`size` characters of ordinary notes: lines of about sixty characters."""
    line = "Ann: vraagt door op het moment dat het misging, wat voelde je?\n"
    return (line * (size // len(line) + 1))[:size]


def io_counters(pid: int) -> tuple[int, int]:
    """(characters written by any write call, bytes sent to the block layer) of a process so far."""
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["wchar"]), int(fields["write_bytes"])


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


def measure(size: int, seconds: float, idle: float, home: Path) -> dict[str, float]:
    ours = PtyProgram(intervisie("run", "zeven-stappen"), isolated_env(home / "ours"), cwd=home)
    bare = PtyProgram([sys.executable, str(HERE / "bare_textarea.py")], isolated_env(home / "bare"), cwd=home)
    try:
        ours.wait_for(b"Inventarisatie")
        bare.wait_for(b"hallo")
        if size:
            text = filler(size)
            for program in (ours, bare):
                program.type(PASTE_START + text + PASTE_END)
        settle(ours)
        settle(bare)
        time.sleep(2.5)  # let the last save after the paste land before counting
        cpu0 = {p: p.cpu_seconds() for p in (ours, bare)}
        io0, drawn0 = io_counters(ours.pid), ours.mark()
        started = time.monotonic()
        keys = 0
        while time.monotonic() - started < seconds:
            key = SENTENCE[keys % len(SENTENCE)]
            ours.type(key)
            bare.type(key)
            keys += 1
            time.sleep(max(0.0, started + keys / KEYS_PER_SECOND - time.monotonic()))
        wall = time.monotonic() - started
        cpu = {p: (p.cpu_seconds() - cpu0[p]) / wall * 100 for p in (ours, bare)}
        time.sleep(2.5)  # the last keys' save
        io1, drawn1 = io_counters(ours.pid), ours.mark()
        time.sleep(idle)
        io2, drawn2 = io_counters(ours.pid), ours.mark()
        ours.type("\x14")  # ctrl+t: the clock runs, nobody types
        time.sleep(1.0)
        io3, drawn3 = io_counters(ours.pid), ours.mark()
        time.sleep(idle)
        io4, drawn4 = io_counters(ours.pid), ours.mark()
        to_files = (io1[0] - io0[0]) - (drawn1 - drawn0)
        return {
            "keys": keys,
            "cpu_ours": cpu[ours],
            "cpu_bare": cpu[bare],
            "rss_ours": ours.peak_rss_mib(),
            "rss_bare": bare.peak_rss_mib(),
            "file_bytes_per_key": to_files / keys,
            "disk_bytes_per_key": (io1[1] - io0[1]) / keys,
            "idle_file_bytes": (io2[0] - io1[0]) - (drawn2 - drawn1),
            "idle_disk_bytes": io2[1] - io1[1],
            "running_file_bytes": (io4[0] - io3[0]) - (drawn4 - drawn3),
        }
    finally:
        ours.kill()
        bare.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--idle", type=float, default=20.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 200_000, 1_000_000])
    args = parser.parse_args()
    rows: list[tuple[object, ...]] = [
        (
            "notes",
            "keys",
            "CPU % ours",
            "CPU % bare",
            "ratio",
            "RSS MiB ours",
            "RSS MiB bare",
            "B/key to files",
            "B/key to disk",
            f"idle {args.idle:.0f}s B files/disk",
            f"clock running {args.idle:.0f}s B files",
        )
    ]
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            r = measure(size, args.seconds, args.idle, Path(folder) / str(size))
            ratio = r["cpu_ours"] / max(r["cpu_bare"], 0.01)
            ok &= ratio <= CPU_RATIO_BAR and r["rss_ours"] <= RSS_BAR
            ok &= r["file_bytes_per_key"] <= BYTES_PER_KEY_BAR + 1 and r["idle_file_bytes"] <= 0
            rows.append(
                (
                    f"{size // 1000} KB",
                    int(r["keys"]),
                    f"{r['cpu_ours']:.2f}",
                    f"{r['cpu_bare']:.2f}",
                    f"{ratio:.2f}",
                    f"{r['rss_ours']:.1f}",
                    f"{r['rss_bare']:.1f}",
                    f"{r['file_bytes_per_key']:.0f}",
                    f"{r['disk_bytes_per_key']:.0f}",
                    f"{r['idle_file_bytes']:.0f}/{r['idle_disk_bytes']:.0f}",
                    f"{r['running_file_bytes']:.0f}",
                )
            )
    print(table(rows))
    print(
        f"\nbars: CPU ≤ {CPU_RATIO_BAR} × bare TextArea, RSS ≤ {RSS_BAR} MiB, ≤ {BYTES_PER_KEY_BAR} B per key to files,"
        f" nothing written while idle  {'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
