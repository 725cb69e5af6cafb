"""Loading and validating protocol files.

Owns the rules a protocol file must follow (the same rules as the shipped JSON Schema, kept in step by a
test) and the messages a moderator sees when a hand-written file breaks them: every problem at once, each as
`FILE:LINE:COL: path: message`, with a "did you mean" for a misspelt key. A problem is a key of the words
package with its values; the caller says it in the reader's language. Every value is checked: numbers
must be finite and within a day, text must hold no terminal control characters (a line break only where the
text may span lines), and a file must be a regular file (a FIFO or a device is never opened for reading).
Reading never raises anything but `ProtocolError`.

Two older spellings still load, so hand-written files keep working: `prompts:` (now `say:`, what the moderator
says or pastes; directions to the moderator go in `directions:`), and `rules: [silence]` (now `kind: silence`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .diagnostics import MAX_PROTOCOL_BYTES, Document, PathKey, Phrase, Problem, format_path
from .protocol import (
    Audience,
    Capture,
    Message,
    Minutes,
    Phase,
    Protocol,
    Role,
    Rule,
    Speakers,
    StepKind,
    Thresholds,
)
from .regular_files import NotRegularFileError, read_regular_file
from .safe_text import has_control

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
BLOCK_KEY = "per_case_bringer"
MAX_MINUTES = 24 * 60
MAX_GROUP_SIZE = 1000
SHOWN_CHARS = 40

TOP_KEYS = {
    "id",
    "name",
    "description",
    "source",
    "language",
    "roles",
    "group_size",
    "total_minutes",
    "thresholds",
    "review",
    "tips",
    "check_in",
    "check_out",
    "phases",
}
TOP_REQUIRED = ("id", "name", "phases")
PHASE_KEYS = {
    "id",
    "title",
    "minutes",
    "default_minutes",
    "kind",
    "goal",
    "say",
    "prompts",
    "directions",
    "notes_hint",
    "speakers",
    "turns",
    "rules",
    "capture",
    "tips",
    "questions",
    "thresholds",
    "optional",
}
PHASE_REQUIRED = ("id", "title", "minutes")
THRESHOLD_KEYS = {"warning", "danger"}
MESSAGE_KEYS = {"text", "to"}
LEGACY_SILENCE = "silence"

E = TypeVar("E", Speakers, Rule, Capture, Role, StepKind, Audience)


class ProtocolError(Exception):
    """A protocol file is not valid; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Checker:
    """Collects problems while walking a parsed document."""

    doc: Document
    file: str
    problems: list[Problem]

    def report(self, path: PathKey, what: str, /, *, of_key: bool = False, **values: Any) -> None:
        """A problem at `path`: the words package's key `what` with `values` (a value may be a Phrase)."""
        line, col = self.doc.position(path, of_key=of_key)
        self.problems.append(Problem(self.file, line, col, what, values, format_path(path)))

    def mapping(self, value: Any, path: PathKey, allowed: set[str], required: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.report(path, "problem.not_mapping", kind=kind_of(value))
            return None
        for key in value:
            if key not in allowed:
                close = _close_matches(key, sorted(allowed))
                if close:
                    self.report((*path, key), "problem.unknown_key_close", of_key=True, key=_shown(key), close=close[0])
                else:
                    known = ", ".join(sorted(allowed))
                    self.report((*path, key), "problem.unknown_key", of_key=True, key=_shown(key), known=known)
        for key in required:
            if key not in value:
                self.report(path, "problem.missing_key", key=key)
        return value

    def text(self, value: Any, path: PathKey, *, required: bool = False, multiline: bool = False) -> str:
        """Text as written, stripped; `multiline` lets it hold line breaks (a prompt, a goal), else one line."""
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.report(path, "problem.not_text", kind=kind_of(value))
            return ""
        text = value.strip()
        if has_control(text, multiline=multiline):
            char = next(c for c in text if has_control(c, multiline=multiline))
            if char == "\n":
                self.report(path, "problem.line_break")
            else:
                self.report(path, "problem.control", code=f"{ord(char):04X}")
            return ""
        return text

    def texts(self, value: Any, path: PathKey) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            return (self.text(value, path, multiline=True),)
        if not isinstance(value, list):
            self.report(path, "problem.not_texts", kind=kind_of(value))
            return ()
        return tuple(self.text(item, (*path, i), required=True, multiline=True) for i, item in enumerate(value))

    def identifier(self, value: Any, path: PathKey) -> str:
        text = self.text(value, path, required=True)
        if text and not ID_PATTERN.fullmatch(text):
            self.report(path, "problem.bad_id", value=_shown(text))
        return text

    def number(
        self, value: Any, path: PathKey, *, minimum: float, inclusive: bool, maximum: float = MAX_MINUTES
    ) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.report(path, "problem.not_number", kind=kind_of(value))
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.report(path, "problem.not_finite", value=_number_text(value))
            return None
        if value < minimum or (not inclusive and value == minimum):
            key = "problem.at_least" if inclusive else "problem.more_than"
            self.report(path, key, bound=f"{minimum:g}", value=_number_text(value))
            return None
        if value > maximum:
            self.report(path, "problem.at_most", bound=f"{maximum:g}", value=_number_text(value))
            return None
        return float(value)

    def flag(self, value: Any, path: PathKey) -> bool:
        if not isinstance(value, bool):
            self.report(path, "problem.not_flag", kind=kind_of(value))
            return False
        return value

    def choices(self, value: Any, path: PathKey, kind: type[E]) -> tuple[E, ...]:
        if value is None:
            return ()
        items = value if isinstance(value, list) else [value]
        found: list[E] = []
        for i, item in enumerate(items):
            item_path = (*path, i) if isinstance(value, list) else path
            found.extend(self.choice(item, item_path, kind, []))
        return tuple(found)

    def choice(self, value: Any, path: PathKey, kind: type[E], default: list[E]) -> list[E]:
        allowed = [member.value for member in kind]
        if isinstance(value, str) and value in allowed:
            return [kind(value)]
        close = _close_matches(value, allowed) if isinstance(value, str) else []
        shown = _shown(value) if isinstance(value, str) else kind_of(value)
        if close:
            self.report(path, "problem.not_allowed_close", value=shown, close=close[0])
        else:
            self.report(path, "problem.not_allowed", value=shown, allowed=", ".join(allowed))
        return default


def _close_matches(word: str, known: list[str]) -> list[str]:
    """The known word nearest to a misspelt one, for a "did you mean" (difflib loads only when needed)."""
    import difflib

    return difflib.get_close_matches(word, known, n=1, cutoff=0.6)


def _shown(text: str) -> str:
    """A value quoted for a message, cut short when long (the message is one line; it is made visible later)."""
    return f"'{text}'" if len(text) <= SHOWN_CHARS else f"'{text[:SHOWN_CHARS]}…'"


def _number_text(value: float) -> str | Phrase:
    """A number for a message; never fails, whatever its size."""
    if isinstance(value, float) and math.isnan(value):
        return ".nan"
    if isinstance(value, float) and math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    if isinstance(value, int) and abs(value) >= 10**15:
        return Phrase("problem.long_number")
    return f"{value:g}"


def kind_of(value: Any) -> Phrase:
    """What a value is, in words: "a mapping", "text", "empty"."""
    names: dict[type, str] = {dict: "mapping", list: "list", str: "text", bool: "flag", type(None): "empty"}
    for python_type, name in names.items():
        if isinstance(value, python_type):
            return Phrase(f"problem.kind.{name}")
    return Phrase("problem.kind.number" if isinstance(value, int | float) else "problem.kind.other")


def _range(check: Checker, value: Any, path: PathKey, *, allow_open: bool) -> Minutes | None:
    if allow_open and value == "open":
        return Minutes.open()
    if isinstance(value, list):
        if len(value) != 2:
            check.report(path, "problem.range_two")
            return None
        low = check.number(value[0], (*path, 0), minimum=0, inclusive=False)
        high = check.number(value[1], (*path, 1), minimum=0, inclusive=False)
        if low is None or high is None:
            return None
        if low >= high:
            check.report(path, "problem.range_order", low=f"{low:g}", high=f"{high:g}")
            return None
        return Minutes(low, high, low)
    if isinstance(value, str):
        check.report(path, "problem.minutes_open" if allow_open else "problem.minutes", value=_shown(value))
        return None
    minutes = check.number(value, path, minimum=0, inclusive=False)
    return Minutes.fixed(minutes) if minutes is not None else None


def _thresholds(check: Checker, value: Any, path: PathKey) -> Thresholds | None:
    mapping = check.mapping(value, path, THRESHOLD_KEYS, ())
    if mapping is None:
        return None
    defaults = Thresholds()
    warning = check.number(mapping.get("warning", defaults.warning), (*path, "warning"), minimum=0, inclusive=True)
    danger = check.number(mapping.get("danger", defaults.danger), (*path, "danger"), minimum=0, inclusive=True)
    if warning is None or danger is None:
        return None
    if danger > warning:
        check.report(path, "problem.danger_first", danger=f"{danger:g}", warning=f"{warning:g}")
    return Thresholds(warning=warning, danger=danger)


def _phase(check: Checker, value: Any, path: PathKey, *, per_case_bringer: bool) -> Phase | None:
    data = check.mapping(value, path, PHASE_KEYS, PHASE_REQUIRED)
    if data is None:
        return None
    phase_id = check.identifier(data.get("id"), (*path, "id")) if "id" in data else ""
    title = check.text(data.get("title"), (*path, "title"), required=True) if "title" in data else ""
    minutes = _range(check, data.get("minutes"), (*path, "minutes"), allow_open=True) if "minutes" in data else None
    if minutes is not None and "default_minutes" in data:
        default = check.number(data["default_minutes"], (*path, "default_minutes"), minimum=0, inclusive=False)
        if default is not None and not minutes.is_range:
            check.report((*path, "default_minutes"), "problem.default_needs_range")
        elif default is not None and minutes.low is not None and minutes.high is not None:
            if minutes.low <= default <= minutes.high:
                minutes = Minutes(minutes.low, minutes.high, default)
            else:
                check.report(
                    (*path, "default_minutes"),
                    "problem.default_outside",
                    value=f"{default:g}",
                    low=f"{minutes.low:g}",
                    high=f"{minutes.high:g}",
                )
    speakers = check.choice(data.get("speakers", "everyone"), (*path, "speakers"), Speakers, [Speakers.EVERYONE])
    thresholds = _thresholds(check, data["thresholds"], (*path, "thresholds")) if "thresholds" in data else None
    rules, silent = _rules(check, data.get("rules"), (*path, "rules"))
    kind = _kind(check, data, path, silent=silent)
    return Phase(
        id=phase_id,
        title=title,
        minutes=minutes or Minutes.open(),
        kind=kind,
        goal=check.text(data.get("goal"), (*path, "goal"), multiline=True),
        say=_say(check, data, path),
        directions=check.texts(data.get("directions"), (*path, "directions")),
        notes_hint=check.text(data.get("notes_hint"), (*path, "notes_hint"), multiline=True),
        speakers=speakers[0],
        turns=check.flag(data["turns"], (*path, "turns")) if "turns" in data else False,
        rules=rules,
        capture=check.choices(data.get("capture"), (*path, "capture"), Capture),
        tips=check.texts(data.get("tips"), (*path, "tips")),
        questions=check.texts(data.get("questions"), (*path, "questions")),
        thresholds=thresholds,
        per_case_bringer=per_case_bringer,
        optional=check.flag(data["optional"], (*path, "optional")) if "optional" in data else False,
    )


def _rules(check: Checker, value: Any, path: PathKey) -> tuple[frozenset[Rule], bool]:
    """The rule flags, and whether the older spelling `silence` was among them (it now means `kind: silence`)."""
    if value == LEGACY_SILENCE:
        return frozenset(), True
    if not isinstance(value, list) or LEGACY_SILENCE not in value:
        return frozenset(check.choices(value, path, Rule)), False
    found = [check.choice(item, (*path, i), Rule, []) for i, item in enumerate(value) if item != LEGACY_SILENCE]
    return frozenset(rule for rules in found for rule in rules), True


def _kind(check: Checker, data: dict[str, Any], path: PathKey, *, silent: bool) -> StepKind:
    if "kind" not in data:
        return StepKind.SILENCE if silent else StepKind.TALK
    kind = check.choice(data["kind"], (*path, "kind"), StepKind, [StepKind.TALK])[0]
    if silent and kind is not StepKind.SILENCE:
        check.report((*path, "rules"), "problem.silence_kind", kind=kind.value)
    return kind


def _say(check: Checker, data: dict[str, Any], path: PathKey) -> tuple[Message, ...]:
    """The messages of `say:` (or of its older name `prompts:`), each a text or `{text: ..., to: ...}`."""
    if "say" in data and "prompts" in data:
        check.report((*path, "prompts"), "problem.prompts_and_say", of_key=True)
    key = "say" if "say" in data else "prompts"
    value = data.get(key)
    items = [value] if isinstance(value, str | dict) else value
    if items is None:
        return ()
    if not isinstance(items, list):
        check.report((*path, key), "problem.not_messages", kind=kind_of(value))
        return ()
    messages = []
    for i, item in enumerate(items):
        item_path = (*path, key, i) if isinstance(value, list) else (*path, key)
        message = _message(check, item, item_path)
        if message is not None:
            messages.append(message)
    return tuple(messages)


def _message(check: Checker, value: Any, path: PathKey) -> Message | None:
    if not isinstance(value, dict):
        text = check.text(value, path, required=True, multiline=True)
        return Message(text) if text else None
    if check.mapping(value, path, MESSAGE_KEYS, ("text",)) is None or "text" not in value:
        return None
    text = check.text(value["text"], (*path, "text"), required=True, multiline=True)
    to = check.choice(value.get("to", "everyone"), (*path, "to"), Audience, [Audience.EVERYONE])[0]
    return Message(text, to) if text else None


def _phases(check: Checker, value: Any, path: PathKey) -> list[tuple[Phase, PathKey]]:
    """The valid phases in order, each with where it stands (for later checks across phases)."""
    if not isinstance(value, list) or not value:
        check.report(path, "problem.not_phases", kind=kind_of(value if value != [] else None))
        return []
    phases: list[tuple[Phase, PathKey]] = []
    for i, item in enumerate(value):
        item_path = (*path, i)
        if isinstance(item, dict) and BLOCK_KEY in item:
            check.mapping(item, item_path, {BLOCK_KEY}, ())
            block = item[BLOCK_KEY]
            block_path = (*item_path, BLOCK_KEY)
            if not isinstance(block, list) or not block:
                check.report(block_path, "problem.no_phases")
                continue
            for j, sub in enumerate(block):
                if isinstance(sub, dict) and BLOCK_KEY in sub:
                    check.report((*block_path, j), "problem.nested_block")
                    continue
                phase = _phase(check, sub, (*block_path, j), per_case_bringer=True)
                if phase:
                    phases.append((phase, (*block_path, j)))
            continue
        phase = _phase(check, item, item_path, per_case_bringer=False)
        if phase:
            phases.append((phase, item_path))
    return phases


def _group_size(check: Checker, value: Any, path: PathKey) -> tuple[int, int] | None:
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        check.report(path, "problem.group_size_form")
        return None
    low, high = value
    if not 1 <= low <= high <= MAX_GROUP_SIZE:
        check.report(path, "problem.group_size_order", most=MAX_GROUP_SIZE)
        return None
    return (low, high)


def _check_unique_ids(check: Checker, phases: list[tuple[Phase, PathKey]]) -> None:
    seen: set[str] = set()
    for phase, path in phases:
        if phase.id and phase.id in seen:
            check.report((*path, "id"), "problem.duplicate_phase", id=_shown(phase.id))
        seen.add(phase.id)


def protocol_from_document(doc: Document, file: str) -> Protocol:
    """Validate parsed data and build a Protocol; raises ProtocolError listing every problem."""
    check = Checker(doc, file, [])
    data = check.mapping(doc.data, (), TOP_KEYS, TOP_REQUIRED)
    if data is None:
        raise ProtocolError(check.problems)
    phases = _phases(check, data["phases"], ("phases",)) if "phases" in data else []
    review = _phase(check, data["review"], ("review",), per_case_bringer=False) if "review" in data else None
    _check_unique_ids(check, ([(review, ("review",))] if review else []) + phases)
    optional: dict[str, Callable[[Any, PathKey], Any]] = {
        "group_size": lambda v, p: _group_size(check, v, p),
        "total_minutes": lambda v, p: _range(check, v, p, allow_open=False),
        "thresholds": lambda v, p: _thresholds(check, v, p),
    }
    extra = {key: parse(data[key], (key,)) for key, parse in optional.items() if key in data}
    protocol = Protocol(
        id=check.identifier(data.get("id"), ("id",)) if "id" in data else "",
        name=check.text(data.get("name"), ("name",), required=True) if "name" in data else "",
        description=check.text(data.get("description"), ("description",), multiline=True),
        source=check.text(data.get("source"), ("source",)),
        language=check.text(data.get("language"), ("language",)) or "nl",
        roles=check.choices(data.get("roles"), ("roles",), Role),
        tips=check.texts(data.get("tips"), ("tips",)),
        check_in=check.flag(data["check_in"], ("check_in",)) if "check_in" in data else False,
        check_out=check.flag(data["check_out"], ("check_out",)) if "check_out" in data else False,
        phases=tuple(phase for phase, _ in phases),
        review=review,
        group_size=extra.get("group_size"),
        total_minutes=extra.get("total_minutes"),
        thresholds=extra.get("thresholds") or Thresholds(),
        raw=data,
    )
    if check.problems:
        check.problems.sort(key=lambda p: (p.line, p.col))
        raise ProtocolError(check.problems)
    return protocol


def unreadable(file: str, exc: OSError | ValueError) -> Problem:
    """The problem of a file that could not be read: missing, not allowed, or a name the system cannot take."""
    import errno

    if isinstance(exc, FileNotFoundError):
        return Problem(file, 1, 1, "problem.no_file")
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM):
        return Problem(file, 1, 1, "problem.no_access")
    if isinstance(exc, OSError) and exc.strerror:
        return Problem(file, 1, 1, "problem.cannot_read", {"reason": exc.strerror})
    return Problem(file, 1, 1, "problem.bad_file_name")


def load_protocol_bytes(raw: bytes, file: str) -> Protocol:
    """Parse and validate protocol YAML given as bytes."""
    from .yaml_source import YamlSourceError, read_yaml

    try:
        doc = read_yaml(raw, file)
    except YamlSourceError as exc:
        raise ProtocolError([exc.problem]) from None
    return protocol_from_document(doc, file)


def protocol_from_mapping(data: dict[str, Any], file: str = "<saved-session>") -> Protocol:
    """Rebuild a protocol from the plain data a session saved (positions are unknown there)."""
    return protocol_from_document(Document(data=data), file)


def load_protocol(path: Path) -> Protocol:
    """Read, parse and validate one protocol file; anything but a regular file is refused unread."""
    file = str(path)
    try:
        raw = read_regular_file(path, MAX_PROTOCOL_BYTES)
    except NotRegularFileError as exc:
        kind = Phrase(f"problem.file_kind.{exc.kind}")
        raise ProtocolError([Problem(file, 1, 1, "problem.not_protocol_file", {"kind": kind})]) from None
    except (OSError, ValueError) as exc:
        raise ProtocolError([unreadable(file, exc)]) from None
    return load_protocol_bytes(raw, file)
