"""`intervisie minutes search` the way people search, against ripgrep over the same files, at 1k/10k/100k sessions.

The minutes are made by the app's own code (a seven-step session with notes and an action plan per file,
rendered by the real renderer) once per size into a cache folder (`--corpus`, default
/tmp/intervisie-bench-archive/<size>/) and reused by later runs. The installed console script runs from outside
the checkout with a private XDG_DATA_HOME, a new process each time, for a rare word (in 1 of 97 sessions) and a
common one (in nearly every session), in three states: warm (nothing changed since the last search), cold after
a save (a new session's minutes written with the app's atomic write just before) and cold after an edit (a
minutes file changed in place by hand, same inode and folder, just before). Beside each run, alternating with
it, `rg -i WORD` over the minutes folder in the same state, its output read through a pipe as a terminal would
(ripgrep stops at the first match when it writes to /dev/null). Also: the index's size against the minutes',
the time to bring the index in step after one new file, and (first run or `--build`) a full build.

Bars (issue 12): every search faster than ripgrep in the same state; the index at most 0.5 x the minutes.
Also printed: the interpreter's own start (`python -c pass`, as the console script starts it) beside ripgrep's
whole search at the smallest size, the floor no Python program goes below.
Exits 1 when a bar is missed.

    python benchmarks/archive.py [--sizes 1000 10000 100000] [--corpus DIR] [--runs 5] [--build]
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from ptyrun import isolated_env, median, table

from intervisie_tui.core.archive import Archive
from intervisie_tui.core.catalog import resolve
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.minutes import render_minutes
from intervisie_tui.core.protocol import Protocol
from intervisie_tui.core.session import Session, Setup
from intervisie_tui.core.store import atomic_write

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
COMMON = "werkdruk"
INDEX_BAR = 0.5
PEOPLE = ["Ann", "Bo", "Cas", "Dirk", "Eva", "Fien", "Gert", "Hans"]
START = datetime(2024, 1, 8, 14, 0)
DEFAULT_CORPUS = Path("/tmp/intervisie-bench-archive")


def minutes_of(protocol: Protocol, number: int, when: datetime, rng: random.Random) -> tuple[str, str]:
    """The file name and text of session `number`, started at `when`, with notes in every step."""
    clock = ManualClock(when.astimezone())
    people = tuple(rng.sample(PEOPLE, 5))
    setup = Setup(group=f"Groep {number % 40}", participants=people, case_bringers=(people[1],))
    session = Session(protocol, setup, clock)
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
    return name, render_minutes(session, f"sessie-{number}")


def generate(home: Path, count: int) -> None:
    """`count` sessions' minutes in home's data folder; made beside it and moved in when complete."""
    partial = home.with_name(f"{home.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    minutes = partial / "data" / "intervisie-tui" / "minutes"
    minutes.mkdir(parents=True)
    protocol = resolve("zeven-stappen")
    rng = random.Random(count)
    for number in range(count):
        name, text = minutes_of(protocol, number, START + timedelta(days=7 * number), rng)
        (minutes / name).write_text(text, encoding="utf-8")
    partial.rename(home)


def corpus(size: int, folder: Path) -> Path:
    """A home folder holding `size` sessions, made the first time and reused after."""
    home = folder / str(size)
    if not (home / "data" / "intervisie-tui" / "minutes").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        print(f"making {size} sessions' minutes in {home} (once) ...", file=sys.stderr, flush=True)
        generate(home, size)
    return home


def console_script() -> list[str]:
    """The `intervisie` command as installed beside this Python (what a user types)."""
    script = Path(sys.executable).parent / "intervisie"
    if not script.exists():
        raise SystemExit("install the package first (pip install .): the benchmark runs the installed command")
    return [str(script)]


def interpreter_of(script: list[str]) -> str:
    """The Python the console script starts (its #! line): what every search pays before our first line."""
    first = Path(script[0]).read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("#!").split()[0]


class Changes:
    """What a person does between two searches: save a new session, or edit a file in place."""

    def __init__(self, minutes: Path) -> None:
        self.minutes = minutes
        self.protocol = resolve("zeven-stappen")
        self.rng = random.Random(0)
        self.template = min(minutes.glob("*.md"))
        self.added: list[Path] = []

    def save(self) -> None:
        """A session finished now: its minutes written the way the app writes them."""
        name, text = minutes_of(self.protocol, 10**7 + len(self.added), datetime.now(), self.rng)
        target = self.minutes / name
        atomic_write(target, text)
        self.added.append(target)

    def edit(self) -> None:
        """A word changed in an editor that writes in place (same inode; the folder does not change)."""
        with self.template.open("r+", encoding="utf-8") as file:
            text = file.read()
            file.seek(0)
            file.write(
                text.replace(COMMON, COMMON.title(), 1) if COMMON in text else text.replace(COMMON.title(), COMMON, 1)
            )
            file.truncate()

    def undo(self) -> None:
        for path in self.added:
            path.unlink(missing_ok=True)


def alternating(
    first: list[str], second: list[str], env: dict[str, str], cwd: Path, runs: int, before: Callable[[], None] | None
) -> tuple[float, float]:
    """Median seconds of each command over `runs` runs, taken in turn; `before` runs untimed before each run."""
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for argv, times in zip((first, second), samples, strict=True):
            if before is not None:
                before()
            started = time.perf_counter()
            subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)
            times.append(time.perf_counter() - started)
    return median(samples[0]), median(samples[1])


def sync_time(minutes: Path, change: Callable[[], None] | None, runs: int) -> float:
    """Median seconds for an Archive to bring its index in step with the folder after `change`."""
    samples = []
    for _ in range(runs):
        archive = Archive(minutes)
        if change is not None:
            change()
        started = time.perf_counter()
        archive.refresh()
        samples.append(time.perf_counter() - started)
    return median(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="where the generated minutes are kept")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build", action="store_true", help="time a full build of the index (deletes it first)")
    args = parser.parse_args()
    ripgrep = shutil.which("rg")
    if ripgrep is None:
        raise SystemExit("ripgrep is needed for the comparison: apt-get install ripgrep")
    search = [*console_script(), "minutes", "search"]
    rows: list[tuple[object, ...]] = [("sessions", "word", "state", "search", "ripgrep", "search/rg", "")]
    sizes: list[tuple[object, ...]] = [
        ("sessions", "minutes", "index", "index/minutes", "", "full build", "in step: none new", "one new file")
    ]
    verdict = True
    floors: list[str] = []
    for size in args.sizes:
        home = corpus(size, args.corpus)
        env = isolated_env(home, XDG_CACHE_HOME=str(home / "cache"))
        data = home / "data" / "intervisie-tui"
        minutes = data / "minutes"
        index = data / "search-index.sqlite3"
        changes = Changes(minutes)
        build = "-"
        if args.build or not index.exists():
            index.unlink(missing_ok=True)
            started = time.perf_counter()
            subprocess.run([*search, NEEDLE], env=env, cwd=home, capture_output=True, check=False)
            build = ms(time.perf_counter() - started)
        try:
            subprocess.run([*search, NEEDLE], env=env, cwd=home, capture_output=True, check=False)
            if size == min(args.sizes):  # what no Python program can go below: the interpreter's own start
                python, rg = alternating(
                    [interpreter_of(search), "-c", "pass"],
                    [ripgrep, "-i", NEEDLE, str(minutes)],
                    env,
                    home,
                    args.runs,
                    None,
                )
                floors.append(
                    f"the interpreter alone (`python -c pass`, as the console script starts it): {ms(python)}; "
                    f"ripgrep's whole search for the rare word at {size:,} sessions: {ms(rg)} ({python / rg:.2f} x)"
                )
            for word, kind in ((NEEDLE, "rare"), (COMMON, "common")):
                for state, before in (("warm", None), ("after a save", changes.save), ("after an edit", changes.edit)):
                    ours, rg = alternating(
                        [*search, word], [ripgrep, "-i", word, str(minutes)], env, home, args.runs, before
                    )
                    ok = ours < rg
                    verdict = verdict and ok
                    rows.append((size, kind, state, ms(ours), ms(rg), f"{ours / rg:.2f}", "OK" if ok else "MISSED"))
            none_new = sync_time(minutes, None, args.runs)
            one_new = sync_time(minutes, changes.save, args.runs)
        finally:
            changes.undo()
        subprocess.run([*search, NEEDLE], env=env, cwd=home, capture_output=True, check=False)
        listing = index.with_name(index.name + "-listing")  # the last look at the folder, beside the index
        index_bytes = index.stat().st_size + (listing.stat().st_size if listing.exists() else 0)
        text_bytes = sum(path.stat().st_size for path in minutes.glob("*.md"))
        ok = index_bytes <= INDEX_BAR * text_bytes
        verdict = verdict and ok
        sizes.append(
            (
                size,
                f"{text_bytes / 2**20:.1f} MiB",
                f"{index_bytes / 2**20:.1f} MiB",
                f"{index_bytes / text_bytes:.2f}",
                "OK" if ok else "MISSED",
                build,
                ms(none_new),
                ms(one_new),
            )
        )
    print(table(rows))
    print(*floors, sep="\n")
    print()
    print(table(sizes))
    bars = f"every search faster than ripgrep; index at most {INDEX_BAR} x the minutes"
    print(f"\nbars: {bars}  {'OK' if verdict else 'MISSED'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    raise SystemExit(main())
