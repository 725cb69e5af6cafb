"""Typed text as Markdown that renders as exactly that text: never a heading, a list, code, HTML or a link.

Owns the escaping of everything a person or a protocol file puts into the minutes. CommonMark lets a backslash
escape any ASCII punctuation character, so each character that could start Markdown syntax is escaped: the
inline ones (emphasis, code spans, links and images, HTML and entities, tables, strikethrough, and Obsidian's
math, comments, highlights and block ids) everywhere, the block ones (headings, quotes, lists, thematic breaks,
setext underlines) at the start of a line. Leading spaces become no-break spaces, so indentation shows but
never makes a code block. Every line of a note ends in a backslash hard line break (CommonMark's own, which
pandoc and Obsidian honour), so the lines a notulist typed stay separate lines; blank lines stay paragraph
breaks. Control characters are made visible (core/safe_text.py), and a lone carriage return, which CommonMark
reads as a line end, is one of them; a one-line text's bidi controls are too (a note keeps them as typed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .safe_text import visible

# Escaped wherever they appear.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$^#])")
# Escaped only as a run of two or more: Obsidian's %%comment%% and ==highlight==.
_DOUBLED = re.compile(r"([%=])(?=[%=])|(?<=[%=])([%=])")
# At the start of a line (after the escapes above): list and quote markers, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([-+=>])|^(\d{1,9})([.)])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")

NBSP = "\u00a0"
_BATCH_LINES = 256


def _escape_line(line: str) -> str:
    """One line of text, escaped so that it renders literally whatever context it starts in."""
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)].replace("\t", "    ").replace(" ", NBSP)
    body = _INLINE.sub(r"\\\1", body.rstrip())
    body = _DOUBLED.sub(lambda m: "\\" + (m.group(1) or m.group(2)), body)
    body = _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", body)
    return indent + body


def _clean(text: str) -> str:
    return visible(text.replace("\r\n", "\n"), multiline=True)


def inline(text: str) -> str:
    """A single-line text (a name, a title, a field) for use inside a line of Markdown; line breaks become spaces."""
    return _escape_line(visible(" ".join(_clean(text).split("\n")).strip()))


def block(text: str) -> str:
    """A multi-line text (a note) as Markdown paragraphs whose every line renders as its own line."""
    return "\n".join(block_pieces(text))


def block_pieces(text: str) -> list[str]:
    """`block(text)` as pieces of whole lines, to be joined with newlines ([] for a blank text).

    Streams: the lines are escaped one at a time and joined in batches, so a megabyte of notes costs about
    two copies of itself (the cleaned text and the pieces), not a list of every line twice; a caller that
    writes the pieces one by one never needs the whole text as one string.
    """
    escaped = (_escape_line(line) for line in _lines(_clean(text)))
    pieces: list[str] = []
    batch: list[str] = []
    last: str | None = None  # the last line put out
    line = next(escaped, None)
    while line is not None:
        following = next(escaped, None)
        if line.strip(" " + NBSP):
            last = line + "\\" if following is not None and following.strip(" " + NBSP) else line
            batch.append(last)
        elif last:  # a run of blank lines is one paragraph break
            last = ""
            batch.append(last)
        if len(batch) >= _BATCH_LINES and last:  # a piece never ends in a paragraph break
            pieces.append("\n".join(batch))
            batch = []
        line = following
    if batch and not batch[-1]:
        batch.pop()  # nor does the text
    if batch:
        pieces.append("\n".join(batch))
    return pieces


def _lines(text: str) -> Iterator[str]:
    """The lines of `text.strip("\\n")`, as `split("\\n")` gives them, one at a time (the text is not copied)."""
    start, end = 0, len(text)
    while start < end and text[start] == "\n":
        start += 1
    while end > start and text[end - 1] == "\n":
        end -= 1
    while (stop := text.find("\n", start, end)) != -1:
        yield text[start:stop]
        start = stop + 1
    yield text[start:end]


def unescape(text: str) -> str:
    """Markdown inline text back to what was typed: backslash escapes removed, no-break indentation kept."""
    return _ESCAPED.sub(r"\1", text)
