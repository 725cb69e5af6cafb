"""Action items: who does what, and whether it is done; what minutes list as `- [ ]` tasks.

Owns the one reading of task items back from Markdown as people left it: a `- [ ]` / `- [x]` list item outside
code blocks and HTML comments, with its owner where written as `Owner: text`. Typed notes are escaped when
written (core/markdown_text.py), so a `- [ ]` in a note is never read as a task.

A NamedTuple rather than a dataclass: the archive commands import this, and `dataclasses` brings `inspect`
with it, a tenth of the time a `minutes search` may take.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import markdown_text

# Owners that are the whole group rather than one person (compared without regard to case).
GROUP_OWNERS = frozenset({"iedereen", "allen", "allemaal", "groep", "de groep", "everyone", "all", "group"})
MAX_OWNER = 40

# Written on the line before each list of task items in the minutes (last time's actions as reviewed, this
# session's action plan); carry-over finds the lists by it, whatever the language of the labels around them.
ACTIONS_MARKER = "<!-- intervisie:actions -->"
_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")

_TASK = re.compile(r"^( {0,3}|\s*)[-*+] \[([ xX])\] (.*)$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,9}[.)]) ")


class ActionItem(NamedTuple):
    """One task from an action plan: who does what, and whether it is done."""

    owner: str
    text: str
    done: bool = False

    def line(self) -> str:
        """`Owner: text`, or just the text when nobody owns it."""
        return f"{self.owner}: {self.text}" if self.owner else self.text

    def markdown(self) -> str:
        """The task item as Markdown; owner and text are written as text, never as Markdown."""
        body = markdown_text.inline(self.text)
        if self.owner:
            body = f"{markdown_text.inline(self.owner)}: {body}"
        return f"- [{'x' if self.done else ' '}] {body}"

    def key(self) -> tuple[str, str]:
        """What makes two items the same action: the owner without regard to case, and the text."""
        return self.owner.casefold(), " ".join(self.text.split())


def task_items(text: str) -> list[ActionItem]:
    """Every task item in a Markdown text, in order; none from code blocks, HTML comments or front matter."""
    items: list[ActionItem] = []
    lines = text.split("\n")
    start = 0
    if lines and lines[0] == "---" and "---" in lines[1:]:
        start = lines.index("---", 1) + 1
    fence = ""
    in_comment = False
    previous_was_list = False
    for line in lines[start:]:
        if fence:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if in_comment:
            in_comment = "-->" not in line
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            continue
        match = _TASK.match(line)
        indented = match is not None and len(match.group(1)) > 3
        if match and (not indented or previous_was_list):
            items.append(_item(match.group(3), match.group(2) != " "))
        if line.strip():
            previous_was_list = _LIST_ITEM.match(line) is not None
    return items


def action_list_items(text: str) -> list[ActionItem]:
    """The task items of the minutes' action lists: each list starts after the marker and runs to the next heading.

    Minutes written before the marker existed are read by the labels the app wrote above the lists then
    (`**Acties van de vorige keer:**`, `## Actiepunten` and their English forms); a file with neither, written by
    hand, gives all its task items.
    """
    lines = text.split("\n")
    starts = {index for index, line in enumerate(lines) if line.strip() == ACTIONS_MARKER}
    if not starts:
        starts = {index for index, line in enumerate(lines) if line.strip() in _old_labels()}
    if not starts:
        return task_items(text)
    kept: list[str] = []
    inside = False
    for index, line in enumerate(lines):
        if index in starts:
            inside = True
        elif _HEADING.match(line):
            inside = False
        elif inside:
            kept.append(line)
    return task_items("\n".join(kept))


def _old_labels() -> frozenset[str]:
    """The lines above the action lists in minutes written without the marker, in every language."""
    from ..words import LANGUAGES, Texts

    labels: set[str] = set()
    for language in LANGUAGES:
        texts = Texts(language)
        labels |= {f"**{texts('minutes.review')}:**", f"## {texts('minutes.actions')}"}
    return frozenset(labels)


def _item(body: str, done: bool) -> ActionItem:
    body = markdown_text.unescape(body.strip().removesuffix("\\").strip())
    owner, sep, rest = body.partition(": ")
    if sep and rest.strip() and len(owner) <= MAX_OWNER:
        return ActionItem(owner.strip(), rest.strip(), done)
    return ActionItem("", body, done)


def open_items(items: list[ActionItem]) -> list[ActionItem]:
    """The items not ticked off, each action once: one ticked anywhere is closed everywhere."""
    seen = {item.key() for item in items if item.done}
    result = []
    for item in items:
        if item.key() not in seen:
            seen.add(item.key())
            result.append(item)
    return result
