"""The archive: `intervisie minutes list` and `minutes search` over 100, 1,000 and 10,000 saved sessions.

Generates realistic minutes with the real renderer (a seven-step session with notes and actions per file),
then times the commands as a user runs them (a new process each time, median of 5), cold (the search
index deleted first, so it is rebuilt from the Markdown) and warm, beside ripgrep searching the same files
for the same word. Bar: at 10,000 sessions a warm `minutes search` is faster than ripgrep.

    python benchmarks/archive.py [--sizes 100 1000 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from ptyrun import isolated_env, median, table

from intervisie_tui.core.catalog import resolve
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.minutes import render_minutes
from intervisie_tui.core.session import Session, Setup

WORDS = [
    "ouder",
    "leerling",
    "collega",
    "planning",
    "rooster",
    "stage",
    "gesprek",
    "grens",
    "feedback",
    "werkdruk",
    "motivatie",
    "structuur",
    "conflict",
    "team",
    "overdracht",
    "dienst",
    "patiënt",
    "familie",
    "zorgplan",
    "begeleiding",
    "toets",
    "klas",
    "mentor",
]
NEEDLE = "zeldzaamwoord"
RUNS = 5


def generate(folder: Path, count: int) -> None:
    protocol = resolve("zeven-stappen")
    minutes = folder / "data" / "intervisie-tui" / "minutes"
    minutes.mkdir(parents=True, exist_ok=True)
    start = datetime(2024, 1, 8, 14, 0).astimezone()
    rng = random.Random(count)
    for number in range(count):
        clock = ManualClock(start + timedelta(days=7 * number))
        people = tuple(rng.sample(["Ann", "Bo", "Cas", "Dirk", "Eva", "Fien", "Gert", "Hans"], 5))
        session = Session(
            protocol, Setup(group=f"Groep {number % 40}", participants=people, case_bringers=(people[1],)), clock
        )
        session.start()
        for step in range(len(session.steps)):
            words = rng.choices(WORDS, k=40)
            if number % 97 == 0 and step == 2:
                words.append(NEEDLE)
            session.set_notes(step, " ".join(words))
            clock.advance(rng.randint(200, 700))
            session.next()
        session.set_field(5, "action-plan", f"{people[1]}: {' '.join(rng.choices(WORDS, k=5))}")
        session.finish()
        name = f"{clock.now():%Y-%m-%d %H%M} Groep {number % 40} - zeven-stappen {number}.md"
        (minutes / name).write_text(render_minutes(session, f"sessie-{number}"), encoding="utf-8")


def console_script() -> list[str]:
    """The `intervisie` command as installed beside this Python (what a user types), else `python -m`."""
    script = Path(sys.executable).parent / "intervisie"
    return [str(script)] if script.exists() else [sys.executable, "-m", "intervisie_tui"]


def timed(argv: list[str], env: dict[str, str], before: object = None) -> float:
    samples = []
    for _ in range(RUNS):
        if callable(before):
            before()
        started = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        samples.append(time.perf_counter() - started)
    return median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args()
    ripgrep = shutil.which("rg")
    rows: list[tuple[object, ...]] = [
        ("sessions", "list cold", "list warm", "search cold", "search warm", "ripgrep", "search/ripgrep")
    ]
    verdict = True
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder)
            generate(home, size)
            env = isolated_env(home, XDG_CACHE_HOME=str(home / "cache"))
            data = home / "data" / "intervisie-tui"
            index = data / "search-index.sqlite3"

            def drop_index(index: Path = index) -> None:
                index.unlink(missing_ok=True)

            program = [*console_script(), "minutes"]
            list_cold = timed([*program, "list"], env, drop_index)
            list_warm = timed([*program, "list"], env)
            search_cold = timed([*program, "search", NEEDLE], env, drop_index)
            search_warm = timed([*program, "search", NEEDLE], env)
            rg = timed([ripgrep, "-l", NEEDLE, str(data / "minutes")], env) if ripgrep else float("nan")
            ratio = search_warm / rg if ripgrep else float("nan")
            rows.append(
                (
                    size,
                    *(f"{value * 1000:.0f} ms" for value in (list_cold, list_warm, search_cold, search_warm, rg)),
                    f"{ratio:.2f}",
                )
            )
            if size == max(args.sizes) and ripgrep:
                verdict = search_warm < rg
    print(table(rows))
    if not ripgrep:
        print("(ripgrep is not installed: apt-get install ripgrep to compare with it)")
    print(f"\nbar: a warm search over {max(args.sizes)} sessions beats ripgrep  {'OK' if verdict else 'MISSED'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    raise SystemExit(main())
