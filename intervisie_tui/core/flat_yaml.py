"""Flat YAML front matter written and read back without the YAML library, as PyYAML writes and reads it.

Owns the minutes' front matter text. A running session writes its minutes at every checkpoint; loading PyYAML
for that alone cost about 1 MiB of the app's memory for the whole session (the protocols come from a cache).
The values are the front matter's only kinds: text, whole numbers, a date, nothing (None) and lists of text.

A text is written plain where a YAML 1.1 reader (PyYAML, Obsidian) reads it back as the same text: it starts
with a letter, a digit, a character beyond ASCII or one of `( ) / _ .`, holds only those, spaces and a few
marks, and is not a word or number
YAML would turn into something else (`yes`, `null`, `12`, `1.5`, `2026-11-22`, `12:30`). Anything else is
quoted: in single quotes where every character is printable, else in double quotes with escapes. The output is
what `yaml.safe_dump(..., allow_unicode=True, sort_keys=False)` gives for short, ordinary values (tested), and
always reads back to the same values (tested with hostile text).

`load` reads that flat form back without PyYAML, for the archive and the search (which read every new or
edited file's front matter, and paid 15-20 ms and 2.7 MiB to import PyYAML for it). It reads only lines it
can read exactly as PyYAML does: `key: value` and `key:` with `- item` lines, where each value is `null`,
`[]`, a whole number, a date, a plain text the writer would write plain, or a text in single quotes; anything
else (comments, indentation, double quotes, other spellings of null or true, a line break PyYAML would read
differently) makes it answer None, and the caller reads the file with PyYAML. Tested against PyYAML on what
the writer writes and on generated text that looks like YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

Value = str | int | dt.date | None | Sequence[str]

# Marks that may follow the first character of a plain text; ":" and "#" only where YAML reads no structure.
_PLAIN_MARKS = frozenset(" -_.,'()/+&!?%=@~;:#")
# Marks a plain text may start with (with a letter or digit); others are YAML's indicators or a sign.
_PLAIN_FIRST = frozenset("()/_.")
# What a YAML 1.1 reader resolves to a boolean, a null, a number or a date when it stands plain and starts
# with a letter, a digit or one of those marks (the only plain texts written here).
_NOT_TEXT = re.compile(
    r"""(?x)
    (?: y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL
      | 0b[0-1_]+ | 0[0-7_]+ | 0|[1-9][0-9_]* | 0x[0-9a-fA-F_]+ | [1-9][0-9_]*(?::[0-5]?[0-9])+
      | [0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)? | [0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
      | \.[0-9_]+(?:[eE][-+][0-9]+)? | \.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | [0-9]{4}-[0-9]{2}-[0-9]{2}
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?
    )$""",
)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ESCAPES = {
    "\0": "0",
    "\a": "a",
    "\b": "b",
    "\t": "t",
    "\n": "n",
    "\v": "v",
    "\f": "f",
    "\r": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}


def dump(mapping: Mapping[str, Value]) -> str:
    """The mapping as block YAML, one key per line in the given order, without a final newline."""
    lines: list[str] = []
    for key, value in mapping.items():
        if isinstance(value, str | int | dt.date) or value is None:
            lines.append(f"{key}: {scalar(value)}")
        elif not value:
            lines.append(f"{key}: []")
        else:
            lines += [f"{key}:", *(f"- {scalar(item)}" for item in value)]
    return "\n".join(lines)


def scalar(value: str | int | dt.date | None) -> str:
    """One value as a YAML scalar that reads back as the same value."""
    if value is None:
        return "null"
    if not isinstance(value, str):
        return str(value)
    if _plain(value):
        return value
    if all(_printable(char) and char not in "\t\n\r\x85\u2028\u2029\ufeff" for char in value):
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _plain(text: str) -> bool:
    if not text or text[-1] in " :" or ": " in text or " #" in text or text.startswith("...") or _NOT_TEXT.match(text):
        return False
    if not (text[0] in _PLAIN_FIRST or _word_char(text[0])):
        return False
    return all(char in _PLAIN_MARKS or _word_char(char) for char in text)


def _word_char(char: str) -> bool:
    """A letter or digit, or any other printable character beyond ASCII but YAML's line breaks and the BOM."""
    return char.isalnum() or (char >= "\xa0" and _printable(char) and char not in "\u2028\u2029\ufeff")


def _printable(char: str) -> bool:
    """YAML's printable characters (YAML 1.1, section 5.1)."""
    code = ord(char)
    return (
        code in (0x09, 0x0A, 0x0D, 0x85)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append("\\" + _ESCAPES[char])
        elif _printable(char) and char != "\ufeff":
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


class _NotFlatError(Exception):
    """The text is not in the flat form `load` reads exactly as PyYAML does."""


def load(text: str) -> dict[str, Any] | None:
    """The mapping a flat front matter holds, as PyYAML's safe loader gives it; None when it is not that form."""
    if any(not _printable(char) or char in "\r\x85\u2028\u2029\ufeff" for char in text):
        return None
    data: dict[str, Any] = {}
    lines = text.split("\n")
    index = 0
    try:
        while index < len(lines):
            key, sep, value = lines[index].partition(":")
            if not sep or not _KEY.fullmatch(key) or not _plain(key):
                raise _NotFlatError
            index += 1
            if value:
                if not value.startswith(" "):
                    raise _NotFlatError
                data[key] = [] if value == " []" else _scalar(value[1:])
                continue
            items = []
            while index < len(lines) and lines[index].startswith("- "):
                items.append(_scalar(lines[index][2:]))
                index += 1
            if not items:
                raise _NotFlatError
            data[key] = items
    except _NotFlatError:
        return None
    return data


def _scalar(text: str) -> str | int | dt.date | None:
    if text == "null":
        return None
    if _INT.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: PyYAML says why
            raise _NotFlatError from None
    date = _DATE.fullmatch(text)
    if date:
        try:
            return dt.date(*(int(part) for part in date.groups()))
        except ValueError:  # PyYAML says why
            raise _NotFlatError from None
    if len(text) >= 2 and text[0] == text[-1] == "'" and "'" not in text[1:-1].replace("''", ""):
        return text[1:-1].replace("''", "'")
    if _plain(text):
        return text
    raise _NotFlatError
