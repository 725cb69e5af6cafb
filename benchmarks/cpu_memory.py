"""CPU and memory while a step counts down, with a note typed now and then.

Runs, side by side in 100×30 pseudo-terminals for the same time: `intervisie run zeven-stappen` with the
clock started and a few words typed every five seconds, the bare Textual app idle, and termdown counting
down (when installed). Reports % of one core (CPU time over wall time) and peak resident memory (VmHWM).
Bars for intervisie: at most 1 % of a core, at most 60 MiB.

    python benchmarks/cpu_memory.py [--seconds 60]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from ptyrun import PtyProgram, intervisie, isolated_env, table

CPU_BAR = 1.0
RSS_BAR = 60.0
HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        programs = {
            "intervisie (counting, typing)": PtyProgram(intervisie("run", "zeven-stappen"), isolated_env(home / "a")),
            "bare Textual app (idle)": PtyProgram(
                [sys.executable, str(HERE / "bare_app.py")], isolated_env(home / "b")
            ),
        }
        termdown = shutil.which("termdown") or shutil.which("termdown", path=str(Path(sys.executable).parent))
        if termdown:
            programs["termdown 5m"] = PtyProgram([termdown, "5m"], isolated_env(home / "c"))
        programs["intervisie (counting, typing)"].wait_for(b"Inventarisatie")
        programs["bare Textual app (idle)"].wait_for(b"hallo")
        time.sleep(1.0)
        ours = programs["intervisie (counting, typing)"]
        ours.type("\x14")
        start_cpu = {name: p.cpu_seconds() for name, p in programs.items()}
        started = time.monotonic()
        next_note = started
        while (now := time.monotonic()) - started < args.seconds:
            if now >= next_note:
                ours.type("een paar woorden ")
                next_note += 5.0
            time.sleep(0.2)
        wall = time.monotonic() - started
        rows: list[tuple[object, ...]] = [("program", "% of one core", "peak RSS MiB")]
        results = {}
        for name, program in programs.items():
            cpu = (program.cpu_seconds() - start_cpu[name]) / wall * 100
            rss = program.peak_rss_mib()
            results[name] = (cpu, rss)
            rows.append((name, f"{cpu:.2f}", f"{rss:.1f}"))
            program.kill()
    print(table(rows))
    if not termdown:
        print("(termdown is not installed: pip install termdown to compare with it)")
    cpu, rss = results["intervisie (counting, typing)"]
    bare_cpu, bare_rss = results["bare Textual app (idle)"]
    print(f"\nratios to the bare app: CPU {cpu / max(bare_cpu, 0.01):.1f}x, memory {rss / bare_rss:.2f}x")
    ok = cpu <= CPU_BAR and rss <= RSS_BAR
    print(f"bars: CPU at most {CPU_BAR} %, memory at most {RSS_BAR} MiB  {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
