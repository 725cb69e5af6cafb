"""Every user-facing word lives in intervisie_tui/words: a scan of the source fails on text anywhere else.

The scan reads the UI (`ui/`), the command line (`cli*.py`) and the modules that write documents (minutes,
exports, protocol outlines, step labels, preparation texts, invitations), and looks at every string literal and
every literal part of an f-string in them. Text is a literal with a word of three letters or more that is not a
lone token such as a key, an action or an option ("key.toggle", "app.quit", "escape,f3", "--lang"): "Opslaan",
"Quit", "ronde {n}", "cannot lock the session: ". Code is left alone: docstrings, dict keys, subscripts, comparisons,
regular expressions and date formats, lookups (`texts("…")`, `.get("…")`), CSS, type variables. A few words
are the same in every language and no leak: the unit "min", the product "intervisie", Rich style names.
The checks of hand-written files (YAML reading, protocol and toolkit validation) are scanned too: their problems
are keys with values, said in the reader's language. The core's other error messages (store, archive) are not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "intervisie_tui"
DOCUMENT_MODULES = (
    *("core/minutes.py", "core/exports.py", "core/steps.py", "core/prep_text.py", "protocol_text.py"),
    "core/invitation.py",
)
PROBLEM_MODULES = ("core/diagnostics.py", "core/yaml_source.py", "core/protocol_loader.py", "core/toolkit.py")
# Calls whose string arguments are code, not text.
CODE_CALLS = frozenset(
    {"compile", "sub", "match", "fullmatch", "search", "split", "strftime", "strptime", "normalize", "get"}
    | {"texts", "Texts", "TypeVar", "ParamSpec", "getattr", "hasattr", "query_one", "query", "remove_class"}
    | {"add_class", "set_class", "has_class", "partition", "startswith", "endswith", "removeprefix", "run_action"}
)
# Keywords that name things rather than say them.
CODE_KEYWORDS = frozenset({"id", "classes", "name", "variant", "dest", "action", "style"})
# Names whose values are code: stylesheets and export lists.
CODE_NAMES = frozenset({"DEFAULT_CSS", "CSS", "__all__"})
# Words that read the same in Dutch and English, or are names: no leak whichever language shows them.
SAME_IN_BOTH = frozenset({"min", "intervisie", "bold", "reverse", "dim", "red", "italic", "underline", "strike"})
WORD = re.compile(r"[^\W\d_]{3,}")
# A lone token: no space and not capitalised, or a constant's name ("app.quit", "escape,f3", "--lang", "SIGTERM").
TOKEN = re.compile(r"[^\sA-Z]\S*|[A-Z][A-Z0-9_]*")


def is_text(literal: str) -> bool:
    """Whether a literal reads as words to a person rather than as a key, an option or a format."""
    words = WORD.findall(re.sub(r"\{[^{}]*\}|%\(\w+\)\w|%\w", " ", literal))
    if not [word for word in words if word.lower() not in SAME_IN_BOTH]:
        return False
    return not TOKEN.fullmatch(literal)


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _code(tree: ast.AST) -> set[int]:
    """The ids of the literals that are code: docstrings, keys, subscripts, comparisons, lookups, ids, CSS."""
    parts: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            parts.append(node.value)
        if isinstance(node, ast.Dict):
            parts += [key for key in node.keys if key is not None]
        elif isinstance(node, ast.Subscript):
            parts.append(node.slice)
        elif isinstance(node, ast.Compare):
            parts += [node.left, *node.comparators]
        elif isinstance(node, ast.Call) and _name(node.func) in CODE_CALLS:
            parts += [*node.args, *(keyword.value for keyword in node.keywords)]
        elif isinstance(node, ast.Call):
            parts += [keyword.value for keyword in node.keywords if keyword.arg in CODE_KEYWORDS]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_name(target) in CODE_NAMES for target in targets) and node.value is not None:
                parts.append(node.value)
    return {id(sub) for part in parts for sub in ast.walk(part)}


def scan(source: str, relative: str) -> list[str]:
    """`file:line: literal` for every user-facing text in a module (`relative` to the package)."""
    tree = ast.parse(source)
    code = _code(tree)
    return sorted(
        {
            f"{relative}:{node.lineno}: {node.value!r}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in code
            and is_text(node.value)
        }
    )


def scanned_modules() -> list[Path]:
    """The UI, the command line and the document writers; the words package itself is where text belongs."""
    modules = [*PACKAGE.joinpath("ui").glob("*.py"), *PACKAGE.glob("cli*.py")]
    return sorted([*modules, *(PACKAGE / name for name in (*DOCUMENT_MODULES, *PROBLEM_MODULES))])


def test_no_user_facing_text_outside_the_words_package() -> None:
    found = [
        line
        for path in scanned_modules()
        for line in scan(path.read_text("utf-8"), path.relative_to(PACKAGE).as_posix())
    ]
    assert found == []


# Calls whose first argument is a key of the words package (in the core only `UserError.words`: a saved
# session's `raw.texts("participants")` reads a field there).
LOOKUPS = frozenset({"texts", "t", "words", "CommandError", "report", "fail", "Phrase"})


def test_every_key_looked_up_has_a_text() -> None:
    """`texts("key")` with a key neither table has would show the key itself to a person."""
    from intervisie_tui.words import NL

    unknown = []
    modules = [(path, LOOKUPS) for path in scanned_modules()]
    modules += [(path, frozenset({"words"})) for path in PACKAGE.joinpath("core").glob("*.py")]
    for path, lookups in modules:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) in lookups and node.args:
                key = node.args[0]
                if (
                    isinstance(key, ast.Constant)
                    and isinstance(key.value, str)
                    and key.value not in NL
                    and f"{key.value}.one" not in NL
                ):
                    unknown.append(f"{path.name}:{node.lineno}: {key.value}")
    assert unknown == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('self.notify("Opgeslagen")', 1),
        ('print(f"{PROG}: skipped {name}")', 1),
        ('raise CommandError("unknown protocol")', 1),
        ('parser.add_argument("--lang", help="language of the screens")', 1),
        ('keys = [("ctrl+p", "Command palette")]', 1),
        ("label = f'ronde {step.round}'", 1),
        ('Static(self.texts("start.title"), id="title")', 0),
        ('self.bind("ctrl+q", "app.quit", self.texts("key.quit"))', 0),
        ("print(visible(f\"{name}: {texts('cli.valid')}\"))", 0),
        ('"""A docstring with words."""\nprint("--lang")', 0),
        ('DEFAULT_CSS = "Widget { height: auto; }"', 0),
        ('row = {"Moderator": 1}\nvalue = data.get("Case bringer")', 0),
        ('text = f"{minutes} min"', 0),
    ],
)
def test_the_scan_finds_words_and_leaves_code_alone(source: str, expected: int) -> None:
    """The scan itself: a Dutch or English text is found wherever it is; keys, options, CSS and docstrings are not."""
    assert len(scan(source, "ui/probe.py")) == expected
