"""Start-up: launch to the first full session screen, against a bare Textual app launched the same way.

Both run in a 100×30 pseudo-terminal, alternating, and the clock stops when the last parts of the first
full frame (the footer's command-palette hint and each app's own text) have arrived. Bar: the ratio of medians is at
most 1.5.

    python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ptyrun import PtyProgram, intervisie, isolated_env, median, table

BAR = 1.5
HERE = Path(__file__).resolve().parent
# What the last parts of each first frame to arrive say: the label, the footer's palette hint, and for
# intervisie the step title, the session figures and the key bar's palette hint.
BARE = (b"hallo", b"palette")
OURS = (b"Inventarisatie", b"Verstreken", b"palet ")


def first_frame(argv: list[str], markers: tuple[bytes, ...], home: Path) -> float:
    """Seconds from launch until every marker of a full frame has arrived; a fresh data folder, the cache
    shared as a user's is."""
    program = PtyProgram(argv, isolated_env(home, XDG_CACHE_HOME=str(home.parent / "cache")))
    try:
        return max(program.wait_for(marker) for marker in markers)
    finally:
        program.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bare: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        first_frame([sys.executable, str(HERE / "bare_app.py")], BARE, Path(folder) / "warm-up")
        first_frame(intervisie("run", "zeven-stappen"), OURS, Path(folder) / "warm-up")
        for run in range(args.runs):
            home = Path(folder) / str(run)
            bare.append(first_frame([sys.executable, str(HERE / "bare_app.py")], BARE, home))
            ours.append(first_frame(intervisie("run", "zeven-stappen"), OURS, home))
    ratio = median(ours) / median(bare)
    print(
        table(
            [
                ("program", "median ms", "min ms", "max ms", "runs"),
                (
                    "bare Textual app",
                    f"{median(bare) * 1000:.0f}",
                    f"{min(bare) * 1000:.0f}",
                    f"{max(bare) * 1000:.0f}",
                    len(bare),
                ),
                (
                    "intervisie run zeven-stappen",
                    f"{median(ours) * 1000:.0f}",
                    f"{min(ours) * 1000:.0f}",
                    f"{max(ours) * 1000:.0f}",
                    len(ours),
                ),
            ]
        )
    )
    print(f"\nratio {ratio:.2f} (bar: at most {BAR})  {'OK' if ratio <= BAR else 'MISSED'}")
    return 0 if ratio <= BAR else 1


if __name__ == "__main__":
    raise SystemExit(main())
