"""The moderator's toolkit: check-in and check-out questions, energizers and the checklist before a session.

Owns the three data-file kinds beside protocols (`kind: questions`, `kind: energizers`, `kind: checklist`), read
with the same safe YAML reader and reported the same way (`FILE:LINE:COL: path: message`, never a traceback;
control characters refused). The bundled files live in the package's `data/` folder; a user adds files of the
same kinds in `user_config_dir("intervisie-tui")/questions/`, `energizers/` and `checklist/`, which extend the
bundled ones. A broken user file is reported beside the rest, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from .diagnostics import Document, PathKey, Phrase, Problem
from .paths import user_config_path
from .protocol_loader import Checker, unreadable

KINDS = ("questions", "energizers", "checklist")
SUFFIXES = (".yaml", ".yml")
MAX_ENERGIZER_MINUTES = 60


class Moment(StrEnum):
    """When in a session a question is asked."""

    CHECK_IN = "check-in"
    CHECK_OUT = "check-out"

    @property
    def key(self) -> str:
        return self.value.replace("-", "_")


@dataclass(frozen=True)
class Energizer:
    """A short exercise that brings energy back, with how it goes and how long it takes."""

    id: str
    name: str
    minutes: float
    how: str


@dataclass(frozen=True)
class ChecklistSection:
    """A heading of the checklist and its points."""

    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ToolkitFile:
    """What one toolkit file holds; only the parts of its kind are filled."""

    kind: str
    check_in: tuple[str, ...] = ()
    check_out: tuple[str, ...] = ()
    energizers: tuple[Energizer, ...] = ()
    sections: tuple[ChecklistSection, ...] = ()


@dataclass(frozen=True)
class Toolkit:
    """The bundled toolkit with the user's additions, and the problems of files that could not be read."""

    check_in: tuple[str, ...]
    check_out: tuple[str, ...]
    energizers: tuple[Energizer, ...]
    checklist: tuple[ChecklistSection, ...]
    problems: tuple[Problem, ...] = ()

    def questions(self, moment: Moment) -> tuple[str, ...]:
        return self.check_in if moment is Moment.CHECK_IN else self.check_out

    def energizer(self, energizer_id: str) -> Energizer | None:
        return next((e for e in self.energizers if e.id == energizer_id), None)


class ToolkitError(Exception):
    """A toolkit file is not valid; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def bundled_data_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "data"


def user_toolkit_dir(kind: str) -> Path:
    """Where a user keeps files of one kind: `questions/`, `energizers/` or `checklist/` in the config folder."""
    return user_config_path() / kind


def _line(check: Checker, value: Any, path: PathKey) -> str:
    """One required line of text (the checker refuses control characters and line breaks)."""
    return check.text(value, path, required=True)


def _lines(check: Checker, value: Any, path: PathKey) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        check.report(path, "problem.no_texts")
        return ()
    return tuple(text for i, item in enumerate(value) if (text := _line(check, item, (*path, i))))


def _questions(check: Checker, data: dict[str, Any]) -> ToolkitFile:
    check.mapping(data, (), {"kind", "language", "check_in", "check_out"}, ())
    if "check_in" not in data and "check_out" not in data:
        check.report((), "problem.needs_questions")
    found = {m: _lines(check, data[m.key], (m.key,)) if m.key in data else () for m in Moment}
    return ToolkitFile("questions", check_in=found[Moment.CHECK_IN], check_out=found[Moment.CHECK_OUT])


def _energizer(check: Checker, value: Any, path: PathKey) -> Energizer | None:
    data = check.mapping(value, path, {"id", "name", "minutes", "how"}, ("id", "name", "minutes", "how"))
    if data is None or not {"id", "name", "minutes", "how"} <= set(data):
        return None
    energizer_id = check.identifier(data["id"], (*path, "id"))
    name = _line(check, data["name"], (*path, "name"))
    minutes = check.number(data["minutes"], (*path, "minutes"), minimum=0, inclusive=False)
    if minutes is not None and minutes > MAX_ENERGIZER_MINUTES:
        check.report((*path, "minutes"), "problem.energizer_long", most=MAX_ENERGIZER_MINUTES)
    how = _line(check, data["how"], (*path, "how"))
    if not (energizer_id and name and how and minutes):
        return None
    return Energizer(energizer_id, name, minutes, how)


def _energizers(check: Checker, data: dict[str, Any]) -> ToolkitFile:
    check.mapping(data, (), {"kind", "language", "energizers"}, ("energizers",))
    items = data.get("energizers")
    if "energizers" in data and (not isinstance(items, list) or not items):
        check.report(("energizers",), "problem.no_energizers")
        return ToolkitFile("energizers")
    found = [_energizer(check, item, ("energizers", i)) for i, item in enumerate(items or [])]
    seen: set[str] = set()
    for i, energizer in enumerate(found):
        if energizer and energizer.id in seen:
            check.report(("energizers", i, "id"), "problem.duplicate_energizer", id=energizer.id)
        if energizer:
            seen.add(energizer.id)
    return ToolkitFile("energizers", energizers=tuple(e for e in found if e))


def _checklist(check: Checker, data: dict[str, Any]) -> ToolkitFile:
    check.mapping(data, (), {"kind", "language", "sections"}, ("sections",))
    sections = data.get("sections")
    if "sections" in data and (not isinstance(sections, list) or not sections):
        check.report(("sections",), "problem.no_sections")
        return ToolkitFile("checklist")
    found: list[ChecklistSection] = []
    for i, item in enumerate(sections or []):
        section = check.mapping(item, ("sections", i), {"title", "items"}, ("title", "items"))
        if section is None or not {"title", "items"} <= set(section):
            continue
        title = _line(check, section["title"], ("sections", i, "title"))
        items = _lines(check, section["items"], ("sections", i, "items"))
        if title and items:
            found.append(ChecklistSection(title, items))
    return ToolkitFile("checklist", sections=tuple(found))


def toolkit_from_document(doc: Document, file: str, expected_kind: str | None = None) -> ToolkitFile:
    """Validate a parsed toolkit file; raises ToolkitError listing every problem."""
    check = Checker(doc, file, [])
    data = doc.data
    if not isinstance(data, dict):
        check.mapping(data, (), set(), ())
        raise ToolkitError(check.problems)
    kind = data.get("kind")
    if kind not in KINDS:
        where: PathKey = ("kind",) if "kind" in data else ()
        check.report(where, "problem.kind_choice", kinds=", ".join(KINDS))
        raise ToolkitError(check.problems)
    if expected_kind and kind != expected_kind:
        check.report(("kind",), "problem.kind_folder", kind=expected_kind)
        raise ToolkitError(check.problems)
    if "language" in data:
        check.text(data["language"], ("language",))
    parse = {"questions": _questions, "energizers": _energizers, "checklist": _checklist}[kind]
    result = parse(check, data)
    if check.problems:
        check.problems.sort(key=lambda p: (p.line, p.col))
        raise ToolkitError(check.problems)
    return result


def load_toolkit_file(path: Path, expected_kind: str | None = None) -> ToolkitFile:
    """Read, parse and validate one toolkit file; raises ToolkitError."""
    from .diagnostics import MAX_PROTOCOL_BYTES
    from .regular_files import NotRegularFileError, read_regular_file
    from .yaml_source import YamlSourceError, read_yaml

    file = str(path)
    try:
        raw = read_regular_file(path, MAX_PROTOCOL_BYTES)
    except NotRegularFileError as exc:
        kind = Phrase(f"problem.file_kind.{exc.kind}")
        raise ToolkitError([Problem(file, 1, 1, "problem.not_data_file", {"kind": kind})]) from None
    except (OSError, ValueError) as exc:
        raise ToolkitError([unreadable(file, exc)]) from None
    try:
        doc = read_yaml(raw, file)
    except YamlSourceError as exc:
        raise ToolkitError([exc.problem]) from None
    return toolkit_from_document(doc, file, expected_kind)


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    except OSError:
        return []


def load_toolkit(user_root: Path | None = None) -> Toolkit:
    """The bundled questions, energizers and checklist, extended with the user's files of each kind.

    `user_root` is the folder holding `questions/`, `energizers/` and `checklist/` (default: the config folder).
    """
    parts: list[ToolkitFile] = []
    problems: list[Problem] = []
    for kind in KINDS:
        sources = [bundled_data_dir() / f"{kind}.yaml", *_files((user_root or user_config_path()) / kind)]
        for path in sources:
            try:
                parts.append(load_toolkit_file(path, kind))
            except ToolkitError as exc:
                problems.extend(exc.problems)
    energizers: dict[str, Energizer] = {}
    for part in parts:
        energizers.update((e.id, e) for e in part.energizers)
    return Toolkit(
        check_in=_unique(q for part in parts for q in part.check_in),
        check_out=_unique(q for part in parts for q in part.check_out),
        energizers=tuple(energizers.values()),
        checklist=tuple(section for part in parts for section in part.sections),
        problems=tuple(problems),
    )


def _unique(texts: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(texts))


def is_toolkit_document(doc: Document) -> bool:
    """Whether parsed data claims to be a toolkit file (it has a 'kind'), not a protocol."""
    return isinstance(doc.data, dict) and "kind" in doc.data


def validate_data_file(path: Path) -> list[Problem]:
    """Every problem of a protocol or toolkit file (chosen by its 'kind' key); empty when it is valid."""
    from .diagnostics import MAX_PROTOCOL_BYTES
    from .protocol_loader import ProtocolError, load_protocol
    from .regular_files import NotRegularFileError, read_regular_file
    from .yaml_source import YamlSourceError, read_yaml

    try:
        doc = read_yaml(read_regular_file(path, MAX_PROTOCOL_BYTES), str(path))
    except (OSError, ValueError, NotRegularFileError, YamlSourceError):
        doc = None  # load_protocol reports why, in the same words as for any protocol file
    try:
        if doc is not None and is_toolkit_document(doc):
            toolkit_from_document(doc, str(path))
        else:
            load_protocol(path)
    except (ProtocolError, ToolkitError) as exc:
        return list(exc.problems)
    return []
