"""Safe, position-aware YAML reading for hand-written files.

Owns turning bytes into plain Python data (dicts, lists, scalars) while remembering where every value and
key stood in the file, so that validation can point at `LINE:COL`. It refuses what a hand-written protocol
never needs and an attacker might send: huge files, non-UTF-8 bytes, duplicate keys, several documents,
alias expansions that explode, tags other than YAML's plain ones and numbers too long to be meant. A date
stays the text it was written as (no calendar check can fail on `2023-02-29`). Nothing here raises anything
but `YamlSourceError`.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from .diagnostics import MAX_PROTOCOL_BYTES, Document, PathKey, Phrase, Problem

# libyaml's safe loader when PyYAML was built with it (several times faster), else the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_NODES = 50_000
MAX_DEPTH = 64
MAX_NUMBER_CHARS = 32

_TAG = "tag:yaml.org,2002:"
_TEXT_TAGS = {f"{_TAG}str", f"{_TAG}timestamp"}
_CONSTRUCTED_TAGS = {f"{_TAG}null", f"{_TAG}bool", f"{_TAG}int", f"{_TAG}float"}


class YamlSourceError(Exception):
    """A file could not be read as YAML; carries the problem with its position."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _position_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def _position_of_index(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


# PyYAML's most common problems by its own (English) wording, each said in the reader's language.
_KNOWN_YAML_PROBLEMS = {
    "did not find expected ',' or ']'": "problem.yaml.flow_list",
    "did not find expected ',' or '}'": "problem.yaml.flow_mapping",
    "mapping values are not allowed": "problem.yaml.mapping_values",
    "did not find expected key": "problem.yaml.expected_key",
    "could not find expected ':'": "problem.yaml.expected_colon",
    "found character that cannot start any token": "problem.yaml.bad_start",
    "did not find expected '-' indicator": "problem.yaml.expected_dash",
    "found unexpected end of stream": "problem.yaml.unexpected_end",
    "found undefined alias": "problem.yaml.undefined_alias",
    "found unknown escape character": "problem.yaml.bad_escape",
}


def _reader_problem(exc: ReaderError, file: str, line: int, col: int) -> Problem:
    code = ord(exc.character) if isinstance(exc.character, str) else int(exc.character)
    return Problem(file, line, col, "problem.control_in_file", {"code": f"{code:04X}"})


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str, line: int, col: int) -> Problem:
    problem = exc.problem or str(exc)
    if exc.context and "expected a single document" in exc.context:
        return Problem(file, line, col, "problem.many_documents")
    known = next((key for wording, key in _KNOWN_YAML_PROBLEMS.items() if problem.startswith(wording)), None)
    context = f" ({exc.context})" if exc.context else ""
    reason = Phrase(known) if known else Phrase("problem.yaml.other", {"detail": f"{problem}{context}"})
    return Problem(file, line, col, "problem.yaml_syntax", {"reason": reason})


class _Builder:
    """Turns a composed node graph into plain data, counting nodes to stop alias bombs."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.document = Document(data=None)
        self.nodes = 0
        self.constructor = SafeConstructor()

    def fail(self, node: Node, what: str, /, **values: Any) -> YamlSourceError:
        mark = node.start_mark
        return YamlSourceError(Problem(self.file, mark.line + 1, mark.column + 1, what, values))

    def build(self, node: Node, path: PathKey) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, "problem.too_many_values", most=MAX_NODES)
        if len(path) > MAX_DEPTH:
            raise self.fail(node, "problem.too_deep", most=MAX_DEPTH)
        self.document.value_at[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        raise self.fail(node, "problem.unsupported_node")

    def _scalar(self, node: ScalarNode) -> Any:
        """Text, a date kept as text, or YAML's null, true/false and numbers; every other tag is refused."""
        if node.tag in _TEXT_TAGS:
            return str(node.value)
        if node.tag not in _CONSTRUCTED_TAGS:
            raise self.fail(node, "problem.unsupported_tag", tag=node.tag)
        if node.tag in (f"{_TAG}int", f"{_TAG}float") and len(node.value) > MAX_NUMBER_CHARS:
            raise self.fail(node, "problem.number_too_long", most=MAX_NUMBER_CHARS)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, KeyError, OverflowError):
            kind = node.tag.removeprefix(_TAG)
            raise self.fail(node, "problem.bad_tagged_value", kind=kind) from None

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, "problem.merge_key")
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, "problem.key_not_text")
            key = str(key_node.value)
            if key in result:
                raise self.fail(key_node, "problem.duplicate_key", key=key)
            child = (*path, key)
            self.document.key_at[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result


def read_yaml(raw: bytes, file: str) -> Document:
    """Parse one YAML document from bytes, safely, keeping positions. Raises YamlSourceError."""
    if len(raw) > MAX_PROTOCOL_BYTES:
        raise YamlSourceError(Problem(file, 1, 1, "problem.too_large", {"most": MAX_PROTOCOL_BYTES}))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position_of_offset(raw, exc.start)
        raise YamlSourceError(Problem(file, line, col, "problem.not_utf8")) from None
    if not text.strip():
        raise YamlSourceError(Problem(file, 1, 1, "problem.empty"))
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines()
        at_tab = line <= len(lines) and lines[line - 1][col - 1 : col] == "\t"
        problem = Problem(file, line, col, "problem.tab") if at_tab else _syntax_problem(exc, file, line, col)
        raise YamlSourceError(problem) from None
    except ReaderError as exc:
        line, col = _position_of_index(text, exc.position)
        raise YamlSourceError(_reader_problem(exc, file, line, col)) from None
    except yaml.YAMLError as exc:
        detail = Phrase("problem.yaml.other", {"detail": str(exc)})
        raise YamlSourceError(Problem(file, 1, 1, "problem.yaml_syntax", {"reason": detail})) from None
    if root is None:
        raise YamlSourceError(Problem(file, 1, 1, "problem.no_document"))
    builder = _Builder(file)
    try:
        builder.document.data = builder.build(root, ())
    except RecursionError:
        raise YamlSourceError(Problem(file, 1, 1, "problem.alias_loop")) from None
    return builder.document
