"""Finding protocols: the bundled ones, the user's own, and a file named on the command line.

Owns where protocol files live (inside the installed package, or the source tree's `protocols/` when run
from a checkout; the user's in `user_config_dir("intervisie-tui")/protocols/`) and how a name resolves to a
protocol. A broken user protocol is reported beside the others, never fatal; a user protocol with a
bundled protocol's id takes its place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir

from .errors import UserError
from .protocol import Protocol
from .protocol_loader import ProtocolError, load_protocol
from .yaml_source import Problem

APP_NAME = "intervisie-tui"
DEFAULT_PROTOCOL = "zeven-stappen"
BUNDLED_ORDER = (
    "zeven-stappen",
    "draaiboek-lang",
    "draaiboek-kort",
    "chat-sessie",
    "chat-intervisie",
    "duo-uitwisseling",
)
PROTOCOL_SUFFIXES = (".yaml", ".yml")


def bundled_dir() -> Path:
    """The folder of bundled protocols: in the installed package, else beside the source package."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "protocols"
    return installed if installed.is_dir() else package.parent / "protocols"


def user_dir() -> Path:
    """The folder where a user keeps protocols of their own."""
    return Path(user_config_dir(APP_NAME)) / "protocols"


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
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in PROTOCOL_SUFFIXES and p.is_file())
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
                protocol = load_protocol(path)
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
    """A protocol name is neither a known id nor a readable file."""


def resolve(name: str, user_folder: Path | None = None) -> Protocol:
    """A protocol by id (the user's own first, then the bundled file of that id), or from a YAML file path.

    Only the files that can hold the id are read, so starting a session does not parse every protocol.
    Raises ProtocolError or UnknownProtocolError.
    """
    for path in _files(user_folder or user_dir()):
        try:
            protocol = load_protocol(path)
        except ProtocolError:
            continue
        if protocol.id == name:
            return protocol
    bundled = bundled_dir() / f"{name}.yaml"
    if "/" not in name and bundled.is_file():
        return load_protocol(bundled)
    path = Path(name)
    if path.suffix in PROTOCOL_SUFFIXES or path.exists():
        return load_protocol(path)
    known = ", ".join(load_catalog(user_folder).ids)
    raise UnknownProtocolError(f"unknown protocol '{name}'; known protocols: {known}")
