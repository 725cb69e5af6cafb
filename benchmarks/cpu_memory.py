"""CPU and memory while a notulist types, and while a step only counts down.

1. Typing: for each size of notes already in the pane (empty and 1 MB, pasted in first), `intervisie run
   zeven-stappen` (the installed console script, run from outside the checkout) and a bare Textual app
   holding one TextArea are typed into side by side in 100×30 pseudo-terminals, in the same run: one key
   per write, 8 keys a second, the same key to both. The clock is stopped, so this is the cost of typing.
   Reported: % of one core (CPU time over wall time) for each, their ratio, and peak resident memory (VmHWM).
2. Counting: intervisie with the clock started and nobody typing, beside termdown counting down 5 minutes
   (pip install termdown) and the bare Textual app idle, for the same time.

Bars (issue 12): typing CPU ≤ 1.1 × the bare TextArea at every size; peak RSS ≤ 60 MiB (1 MB of notes
included); counting costs less CPU than termdown (without termdown: at most 1 % of a core). Exits 1 when a
bar is missed.

The app has run before, as when people work (its protocol cache is filled); `--first-start` adds the first
start after an install at the largest size (the YAML parser then reads the protocols), under the same bars.

    python benchmarks/cpu_memory.py [--seconds 60] [--sizes 0 1000000] [--first-start]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ptyrun import PtyProgram, intervisie, isolated_env, table
from typing_run import HERE, start, type_keys

CPU_RATIO_BAR = 1.1
RSS_BAR = 60.0
COUNTING_CPU_BAR = 1.0  # without termdown to compare with


def cpu_percent(programs: list[PtyProgram], seconds: float, *, typing: bool = False) -> list[float]:
    """% of one core each program used over `seconds` of wall time (typing into them with `typing`)."""
    before = [p.cpu_seconds() for p in programs]
    if typing:
        _, wall = type_keys(programs, seconds)
    else:
        started = time.monotonic()
        time.sleep(seconds)
        wall = time.monotonic() - started
    return [(p.cpu_seconds() - b) / wall * 100 for p, b in zip(programs, before, strict=True)]


def typing(size: int, seconds: float, home: Path, first_start: bool = False) -> tuple[float, float, float, float]:
    """(CPU % ours, CPU % bare, peak RSS ours, peak RSS bare) typing at `size` characters of notes."""
    programs = start(home, size, bare=True, first_start=first_start)
    try:
        ours, bare = cpu_percent(programs, seconds, typing=True)
        return ours, bare, programs[0].peak_rss_mib(), programs[1].peak_rss_mib()
    finally:
        for program in programs:
            program.kill()


def counting(seconds: float, home: Path) -> dict[str, tuple[float, float]]:
    """{program: (CPU %, peak RSS)} while intervisie's clock runs and nobody types."""
    programs = {
        "intervisie, clock running": PtyProgram(intervisie("run", "zeven-stappen"), isolated_env(home / "a"), cwd=home),
        "bare Textual app, idle": PtyProgram([sys.executable, str(HERE / "bare_app.py")], isolated_env(home / "b")),
    }
    termdown = shutil.which("termdown") or shutil.which("termdown", path=str(Path(sys.executable).parent))
    if termdown:
        programs["termdown 5m"] = PtyProgram([termdown, "5m"], isolated_env(home / "c"))
    try:
        programs["intervisie, clock running"].wait_for(b"Inventarisatie")
        programs["bare Textual app, idle"].wait_for(b"hallo")
        time.sleep(1.0)
        programs["intervisie, clock running"].type("\x14")  # ctrl+t
        time.sleep(1.0)
        cpu = cpu_percent(list(programs.values()), seconds)
        return {name: (c, p.peak_rss_mib()) for (name, p), c in zip(programs.items(), cpu, strict=True)}
    finally:
        for program in programs.values():
            program.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1_000_000])
    parser.add_argument(
        "--first-start", action="store_true", help="also type into the first start after an install (largest size)"
    )
    args = parser.parse_args()
    ok = True
    rows: list[tuple[object, ...]] = [
        ("typing, notes", "CPU % ours", "CPU % bare TextArea", "ratio", "RSS MiB ours", "RSS MiB bare")
    ]
    with tempfile.TemporaryDirectory() as folder:
        cases = [(size, False) for size in args.sizes] + ([(max(args.sizes), True)] if args.first_start else [])
        for size, first_start in cases:
            ours, bare, rss, bare_rss = typing(
                size, args.seconds, Path(folder) / f"typing-{size}-{first_start}", first_start
            )
            ratio = ours / max(bare, 0.01)
            ok &= ratio <= CPU_RATIO_BAR and rss <= RSS_BAR
            name = f"{size // 1000} KB" + (", first start after an install" if first_start else "")
            rows.append((name, f"{ours:.2f}", f"{bare:.2f}", f"{ratio:.2f}", f"{rss:.1f}", f"{bare_rss:.1f}"))
        print(table(rows))
        counted = counting(args.seconds, Path(folder) / "counting")
    print()
    print(
        table(
            [("counting, nobody types", "% of one core", "peak RSS MiB")]
            + [(name, f"{cpu:.2f}", f"{rss:.1f}") for name, (cpu, rss) in counted.items()]
        )
    )
    cpu, rss = counted["intervisie, clock running"]
    ok &= rss <= RSS_BAR
    if "termdown 5m" in counted:
        termdown_cpu = counted["termdown 5m"][0]
        ok &= cpu < termdown_cpu
        print(f"\ncounting: intervisie ÷ termdown {cpu / max(termdown_cpu, 0.01):.2f} (bar: below 1)")
    else:
        ok &= cpu <= COUNTING_CPU_BAR
        print(f"\n(termdown is not installed: pip install termdown to compare with it; bar {COUNTING_CPU_BAR} %)")
    print(
        f"bars: typing CPU ≤ {CPU_RATIO_BAR} × the bare TextArea at every size, peak RSS ≤ {RSS_BAR} MiB,"
        f" counting below termdown  {'OK' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
