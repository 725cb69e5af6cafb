"""Start-up: time to the first full frame, as a person starts the program, in three comparisons.

1. `intervisie run zeven-stappen` against a bare Textual app launched the same way (bar: at most 1.5 x).
2. `intervisie run zeven-stappen --group G` with 100,000 saved sessions (G has sessions, so the first step
   reviews last time's open actions) against the same command with none saved (bar: at most 1.1 x).
3. `intervisie minutes` (the review screen: the table of sessions and the newest minutes) with 100,000 saved
   sessions against 10 (bar: at most 1.5 x).

Every program runs in a 100x30 pseudo-terminal, the installed console script from outside the checkout with a
private XDG_DATA_HOME; the commands of a comparison alternate, and the clock stops when the last parts of the
first full frame (each screen's own text and the footer's palette hint) have arrived. The saved sessions are the
ones benchmarks/archive.py makes with the app's own code, kept in its cache folder (`--corpus`) and reused; their
search index is built before the runs, as it is on a machine that has run the program before. What a run leaves
in the data folder besides the minutes and the index is removed after it.

    python benchmarks/startup.py [--runs 15] [--corpus DIR] [--large 100000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from archive import DEFAULT_CORPUS, corpus
from ptyrun import PtyProgram, intervisie, isolated_env, median, table

HERE = Path(__file__).resolve().parent
GROUP = "Groep 7"
# What the last parts of each first frame to arrive say: the label, the footer's palette hint, and for
# intervisie the step title, the session figures and the key bar's palette hint; with saved sessions of the
# group also the first step that reviews last time's actions; for the review screen the table's header and
# rows, the newest minutes and the footer's first key.
BARE = (b"hallo", b"palette")
OURS = (b"Inventarisatie", b"Verstreken", b"palet ")
REVIEWED = (*OURS, b"Terugblik")
REVIEW = (b"Datum", b"zeven-stappen", b"Deelnemers", b"Sluiten")
Launch = Callable[[], float]


def first_frame(argv: list[str], markers: tuple[bytes, ...], home: Path, cwd: Path) -> float:
    """Seconds from launch until every marker of a full frame has arrived."""
    program = PtyProgram(argv, isolated_env(home, XDG_CACHE_HOME=str(cwd / "cache")), cwd=cwd)
    try:
        return max(program.wait_for(marker) for marker in markers)
    finally:
        program.kill()


def in_home(argv: list[str], markers: tuple[bytes, ...], home: Path, cwd: Path) -> Launch:
    """A launch in `home` that leaves its data folder as it found it (the minutes and the index stay)."""
    data = home / "data" / "intervisie-tui"

    def launch() -> float:
        before = set(data.iterdir()) if data.is_dir() else set()
        try:
            return first_frame(argv, markers, home, cwd)
        finally:
            for path in (set(data.iterdir()) if data.is_dir() else set()) - before:
                shutil.rmtree(path) if path.is_dir() else path.unlink()

    return launch


def compare(first: Launch, second: Launch, runs: int) -> tuple[list[float], list[float]]:
    """Each launch once to warm up, then `runs` times each, in turn."""
    first()
    second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(first())
        times[1].append(second())
    return times


def row(name: str, samples: list[float]) -> tuple[object, ...]:
    return (name, *(f"{value * 1000:.0f}" for value in (median(samples), min(samples), max(samples))), len(samples))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="where benchmarks/archive.py keeps its minutes"
    )
    parser.add_argument("--large", type=int, default=100000, help="how many saved sessions the large archive holds")
    args = parser.parse_args()
    large, small = corpus(args.large, args.corpus), corpus(10, args.corpus)
    run = intervisie("run", "zeven-stappen", "--group", GROUP)
    review = intervisie("minutes")
    verdict = True
    lines = [("program", "median ms", "min ms", "max ms", "runs")]
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        for home in (large, small):  # the index is in step, as after any earlier use
            subprocess.run(
                [*intervisie("minutes", "list")], env=isolated_env(home), cwd=scratch, capture_output=True, check=False
            )
        comparisons = (
            (
                "intervisie run zeven-stappen",
                "bare Textual app",
                in_home(intervisie("run", "zeven-stappen"), OURS, scratch / "none", scratch),
                in_home([sys.executable, str(HERE / "bare_app.py")], BARE, scratch / "bare", scratch),
                1.5,
            ),
            (
                f"run --group at {args.large} sessions",
                "run --group at none",
                in_home(run, REVIEWED, large, scratch),
                in_home(run, OURS, scratch / "none", scratch),
                1.1,
            ),
            (
                f"review screen at {args.large} sessions",
                "review screen at 10",
                in_home(review, REVIEW, large, scratch),
                in_home(review, REVIEW, small, scratch),
                1.5,
            ),
        )
        for name, baseline, ours, theirs, bar in comparisons:
            mine, base = compare(ours, theirs, args.runs)
            ratio = median(mine) / median(base)
            ok = ratio <= bar
            verdict = verdict and ok
            lines += [row(baseline, base), row(name, mine)]
            ratios.append(f"{name} / {baseline}: {ratio:.2f} (bar: at most {bar})  {'OK' if ok else 'MISSED'}")
    print(table(lines))
    print()
    print("\n".join(ratios))
    return 0 if verdict else 1


if __name__ == "__main__":
    raise SystemExit(main())
