"""A participant's preparation text for an intervisie chat session, made from the group's minutes.

Owns what the text holds (seed 000): the participant's check-out contributions since the group's last
intervisie chat session, the follow-up actions they planned in those sessions, and the questions of what they
did and did not do with them. The minutes are read through `group_minutes` only, the one place that asks the
archive; check-out lines are the `Name: text` lines of a step whose title holds "check-out".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..words import Texts
from .actions import ActionItem, action_list_items

INTERVISIE_PROTOCOL = "chat-intervisie"
CHECK_OUT_HEADING = re.compile(r"^#{2,3} .*check-?out", re.IGNORECASE)
HEADING = re.compile(r"^#{1,6} ")
REFLECTION_QUESTIONS = ("prep.question.1", "prep.question.2", "prep.question.3", "prep.question.4")


@dataclass(frozen=True)
class SessionMinutes:
    """One of the group's sessions: when, which protocol, the minutes text and who took part."""

    date: str
    protocol: str
    text: str
    participants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preparation:
    """What one participant brings to the next intervisie chat session."""

    name: str
    group: str
    since: str
    check_outs: tuple[tuple[str, str], ...]
    actions: tuple[ActionItem, ...]

    def markdown(self, texts: Texts | None = None) -> str:
        """The preparation text, in the language of `texts` (Dutch by default)."""
        texts = texts or Texts(None)
        since = texts("prep.since", date=self.since) if self.since else texts("prep.since_ever")
        lines = [texts("prep.title", name=self.name, group=self.group), ""]
        lines += [texts("prep.check_outs", since=since), ""]
        lines += [f"- {day}: {text}" for day, text in self.check_outs] or [texts("prep.no_check_outs")]
        lines += ["", texts("prep.actions"), ""]
        lines += [item.markdown() for item in self.actions] or [texts("prep.no_actions")]
        lines += ["", texts("prep.reflection"), ""]
        lines += [f"- {texts(question)}" for question in REFLECTION_QUESTIONS]
        lines.append("")
        return "\n".join(lines)


def group_minutes(group: str, root: Path | None = None) -> list[SessionMinutes]:
    """The group's sessions, oldest first: the one function that reads the archive (re-point it here)."""
    from .archive import Archive
    from .paths import index_path, minutes_dir

    found = []
    for summary in Archive(minutes_dir(root), index_path(root)).summaries():
        if summary.group != group:
            continue
        try:
            text = summary.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found.append(SessionMinutes(summary.date, summary.protocol, text, summary.participants))
    return list(reversed(found))


def _sections(text: str, heading: re.Pattern[str]) -> list[str]:
    """The lines under every heading that matches, up to the next heading."""
    lines, inside = [], False
    for line in text.splitlines():
        if HEADING.match(line):
            inside = bool(heading.match(line))
            continue
        if inside:
            lines.append(line)
    return lines


def _owned(line: str, name: str) -> str:
    owner, sep, rest = line.strip().removeprefix("- ").partition(":")
    return rest.strip() if sep and owner.strip() == name and rest.strip() else ""


def _actions(text: str, name: str) -> list[ActionItem]:
    """The participant's task items in the minutes' action lists (core/actions.py finds those)."""
    return [item for item in action_list_items(text) if item.owner == name]


def preparation(group: str, name: str, root: Path | None = None) -> Preparation:
    """The preparation text of one participant from the group's minutes since its last intervisie chat."""
    sessions = group_minutes(group, root)
    last = max((i for i, s in enumerate(sessions) if s.protocol == INTERVISIE_PROTOCOL), default=-1)
    since = sessions[last].date if last >= 0 else ""
    check_outs: list[tuple[str, str]] = []
    actions: dict[str, ActionItem] = {}
    for session in sessions[last + 1 :]:
        for line in _sections(session.text, CHECK_OUT_HEADING):
            if text := _owned(line, name):
                check_outs.append((session.date, text))
        for item in _actions(session.text, name):
            actions[item.text] = item
    return Preparation(name, group, since, tuple(check_outs), tuple(actions.values()))
