"""Every user-facing word lives in intervisie_tui/words: a scan of the source fails on text anywhere else.

What counts as text: a string literal (or the literal part of an f-string) with a word of three letters or more
that is not a lone lowercase token such as a key, an action or an option name ("key.toggle", "app.quit",
"--lang"). It is looked for where text reaches a person: arguments of the calls that show, print or parse
(notify, Static, print, add_argument, …) and messages of errors raised in the UI and the command line, and
every literal of the modules that write documents (minutes, exports, protocol outlines, step labels,
preparation texts). Docstrings, dict keys, subscripts, `.get()` and regular expressions are code, not text.
The core's error messages (store, archive, protocol loading) are English in both languages and not scanned.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "intervisie_tui"
# The calls whose string arguments a person reads.
SINKS = frozenset(
    {
        "print",
        "input",
        "notify",
        "Label",
        "Static",
        "Button",
        "Markdown",
        "Input",
        "TextArea",
        "Binding",
        "bind",
        "SystemCommand",
        "CommandPalette",
        "Text",
        "Option",
        "add_column",
        "add_columns",
        "add_row",
        "update",
        "write",
        "fail",
        "error",
        "exit",
        "add_argument",
        "add_parser",
        "add_subparsers",
        "add_argument_group",
        "ArgumentParser",
        "_Parser",
        "CommandError",
        "set_terminal_title",
    }
)
# Keywords that name things rather than say them.
CODE_KEYWORDS = frozenset({"id", "classes", "name", "dest", "action", "variant", "cursor_type", "group", "type"})
# Modules that write documents a person reads: every literal in them is looked at.
DOCUMENT_MODULES = ("core/minutes.py", "core/exports.py", "core/steps.py", "core/prep_text.py", "protocol_text.py")
# Calls whose string arguments are code: regular expressions, dates, lookups.
CODE_CALLS = frozenset(
    {"compile", "sub", "match", "fullmatch", "search", "split", "strftime", "strptime", "get", "texts", "Texts"}
)
WORD = re.compile(r"[^\W\d_]{3,}")
# A lone token: no space, not capitalised ("app.quit", "escape,f3", "dismiss(None)", "--lang").
TOKEN = re.compile(r"[^\sA-Z]\S*")


def is_text(literal: str) -> bool:
    """Whether a literal reads as words to a person rather than as a key, an option or a format."""
    if not WORD.search(re.sub(r"\{[^{}]*\}|%\(\w+\)\w|%\w", " ", literal)):
        return False
    return not TOKEN.fullmatch(literal)


def _literals(node: ast.AST) -> list[tuple[int, str]]:
    """The string literals in an expression, not those inside a lookup of words (`texts("key")`)."""
    found: list[tuple[int, str]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Call) and _name(current.func) in CODE_CALLS:
            continue
        if isinstance(current, ast.Constant) and isinstance(current.value, str):
            found.append((current.lineno, current.value))
        stack.extend(ast.iter_child_nodes(current))
    return found


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _code_positions(tree: ast.AST) -> set[int]:
    """Literals that are code in a document module: dict keys, subscripts, comparisons, lookups."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        parts: list[ast.AST] = []
        if isinstance(node, ast.Dict):
            parts = [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Subscript):
            parts = [node.slice]
        elif isinstance(node, ast.Compare):
            parts = [node.left, *node.comparators]
        elif isinstance(node, ast.Call) and _name(node.func) in CODE_CALLS:
            parts = [*node.args, *(k.value for k in node.keywords)]
        for part in parts:
            ids.update(id(sub) for sub in ast.walk(part))
    return ids


def scan(source: str, relative: str) -> list[str]:
    """`file:line: literal` for every user-facing text in a module (`relative` to the package)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: list[tuple[int, str]] = []
    if relative in DOCUMENT_MODULES:
        skip |= _code_positions(tree)
        found += [
            (node.lineno, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        ]
    for node in ast.walk(tree) if not relative.startswith("core/") else ():
        if isinstance(node, ast.Call) and _name(node.func) in SINKS:
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg not in CODE_KEYWORDS)]:
                found += _literals(arg)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            found += [lit for arg in node.exc.args for lit in _literals(arg)]
    return sorted({f"{relative}:{line}: {text!r}" for line, text in found if is_text(text)})


def sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "words" not in p.relative_to(PACKAGE).parts)


def test_no_user_facing_text_outside_the_words_package() -> None:
    found = [line for p in sources() for line in scan(p.read_text(encoding="utf-8"), p.relative_to(PACKAGE).as_posix())]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('self.notify("Opgeslagen")', 1),
        ('print(f"{PROG}: skipped {name}")', 1),
        ('raise CommandError("unknown protocol")', 1),
        ('parser.add_argument("--lang", help="language of the screens")', 1),
        ('Static(self.texts("start.title"), id="title")', 0),
        ('self.bind("ctrl+q", "app.quit", self.texts("key.quit"))', 0),
        ("print(visible(f\"{name}: {texts('cli.valid')}\"))", 0),
        ('"""A docstring with words."""\nprint("--lang")', 0),
    ],
)
def test_the_scan_finds_text_in_a_sink_and_nothing_else(source: str, expected: int) -> None:
    """The scan itself: a Dutch or English literal at a sink is found; keys, options and docstrings are not."""
    assert len(scan(source, "ui/probe.py")) == expected


def test_a_document_module_is_scanned_everywhere_but_its_keys() -> None:
    source = 'lines = ["| Stap | Gepland |"]\nvalue = data.get("participants")\nrow = {"moderator": 1}\n'
    assert scan(source, "core/minutes.py") == ["core/minutes.py:1: '| Stap | Gepland |'"]
    assert scan(source, "core/archive.py") == []
