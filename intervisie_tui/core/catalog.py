"""Finding protocols: the bundled ones, the user's own, and a file named on the command line.

Owns where protocol files live (inside the installed package, or the source tree's `protocols/` when run
from a checkout; the user's in `user_config_dir("intervisie-tui")/protocols/`) and how a name resolves to a
protocol. A broken user protocol (bad YAML, bad values, or not a regular file at all) is reported beside the
others as one positioned problem, never fatal; a user protocol with a bundled protocol's id takes its place.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Problem
from .errors import UserError
from .hashes import sha1
from .paths import protocol_cache_dir as cache_dir
from .paths import user_protocols_dir as user_dir
from .protocol import Protocol
from .protocol_loader import ProtocolError, load_protocol, protocol_from_mapping
from .regular_files import NotRegularFileError, read_regular_file

MAX_CACHE_BYTES = 4 * 1024 * 1024

BUNDLED_ORDER = (
    "zeven-stappen",
    "draaiboek-lang",
    "draaiboek-kort",
    "chat-sessie",
    "chat-intervisie",
    "chat-vragenronde",
    "duo-uitwisseling",
)
PROTOCOL_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """The folder of bundled protocols: in the installed package, else beside the source package."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "protocols"
    return installed if installed.is_dir() else package.parent / "protocols"


def load_cached(path: Path) -> Protocol:
    """Load a protocol file through a JSON cache keyed by path, size, modification time and version.

    The YAML file stays the source: a cache entry that does not match it, or cannot be read, is ignored and
    replaced. A broken file's problems are cached the same way, so a start does not parse it again while it
    is unchanged; they are the problems the YAML itself gave.
    """
    from .. import __version__

    try:
        stat = path.stat()
        key = sha1(f"{path.resolve()}|{__version__}".encode()).hexdigest()
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop
        return load_protocol(path)
    entry = cache_dir() / f"{key}.json"
    stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    cache_faults = (OSError, ValueError, KeyError, TypeError, RecursionError, NotRegularFileError, ProtocolError)
    problems: list[Problem] = []
    with contextlib.suppress(*cache_faults):
        cached = json.loads(read_regular_file(entry, MAX_CACHE_BYTES))
        if cached["stamp"] == stamp and "problems" in cached:
            problems = [Problem.from_json(problem) for problem in cached["problems"]]
        elif cached["stamp"] == stamp:
            return protocol_from_mapping(cached["raw"], str(path))
    if problems:
        raise ProtocolError(problems)
    try:
        protocol = load_protocol(path)
    except ProtocolError as exc:
        _store(entry, {"stamp": stamp, "problems": [problem.to_json() for problem in exc.problems]})
        raise
    _store(entry, {"stamp": stamp, "raw": protocol.raw})
    return protocol


def _store(entry: Path, record: dict[str, object]) -> None:
    with contextlib.suppress(OSError, TypeError, ValueError):
        from .store import atomic_write

        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write(entry, json.dumps(record))


@dataclass(frozen=True)
class Entry:
    """A protocol that loaded, with where it came from."""

    protocol: Protocol
    path: Path
    bundled: bool


@dataclass(frozen=True)
class Catalog:
    """Every protocol that could be found, and the problems of those that could not be loaded."""

    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]

    def get(self, protocol_id: str) -> Entry | None:
        for entry in self.entries:
            if entry.protocol.id == protocol_id:
                return entry
        return None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(entry.protocol.id for entry in self.entries)


def _files(folder: Path) -> list[Path]:
    """The protocol files of a folder by name; what they are is checked when they are read."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in PROTOCOL_SUFFIXES and not p.name.startswith("."))
    except OSError:
        return []


def load_catalog(user_folder: Path | None = None) -> Catalog:
    """Load the bundled protocols (default first) and the user's own."""
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    sources = [(bundled_dir(), True), (user_folder or user_dir(), False)]
    for folder, bundled in sources:
        for path in _files(folder):
            try:
                protocol = load_cached(path)
            except ProtocolError as exc:
                problems.extend(exc.problems)
                continue
            entries[protocol.id] = Entry(protocol, path, bundled)

    def rank(entry: Entry) -> tuple[int, str]:
        known = entry.protocol.id in BUNDLED_ORDER
        return (BUNDLED_ORDER.index(entry.protocol.id) if known else len(BUNDLED_ORDER), entry.protocol.id)

    ordered = sorted(entries.values(), key=rank)
    return Catalog(tuple(ordered), tuple(problems))


class UnknownProtocolError(UserError):
    """A protocol name is neither a known id nor a readable file; `name` and `known` let a front end say so."""

    def __init__(self, name: str, known: str) -> None:
        super().__init__(f"unknown protocol '{name}'; known protocols: {known}")
        self.name, self.known = name, known


def resolve(name: str, user_folder: Path | None = None) -> Protocol:
    """A protocol by id (the user's own first, then the bundled file of that id), or from a YAML file path.

    Only the files that can hold the id are read, so starting a session does not parse every protocol.
    Raises ProtocolError or UnknownProtocolError.
    """
    for path in _files(user_folder or user_dir()):
        try:
            protocol = load_cached(path)
        except ProtocolError:
            continue
        if protocol.id == name:
            return protocol
    bundled = bundled_dir() / f"{name}.yaml"
    if "/" not in name and bundled.is_file():
        return load_cached(bundled)
    path = Path(name)
    if path.suffix in PROTOCOL_SUFFIXES or path.exists():
        return load_protocol(path)
    known = ", ".join(load_catalog(user_folder).ids)
    raise UnknownProtocolError(name, known)
