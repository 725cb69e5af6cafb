"""Cases prepared in advance: a participant answers guiding questions and ends with one concrete help question.

Owns the guide (what happened, in order; a striking moment; surprising or fitting a picture you had; what you
want to learn; the help question), the Markdown file of a prepared case (`cases/<group>/<id>.md` in the data
folder, 0600: flat front matter that holds the answers, then the answers readable for people) and the rule
that a case stays private until its author marks it shared. A case file changed by hand since the app wrote
it is never overwritten. `shared_cases(group)` is what a session offers in its inventory step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from .errors import UserError
from .paths import data_dir
from .safe_text import has_control


@dataclass(frozen=True)
class GuideQuestion:
    """One question of the case guide: its key in files and flags, the question, and a hint."""

    key: str
    question: str
    hint: str
    required: bool = False


GUIDE = (
    GuideQuestion(
        "events",
        "Wat is er gebeurd? Vertel het stap voor stap, in de volgorde waarin het ging.",
        "Wie waren erbij (zonder namen), waar, wanneer, wat deed jij en wat deden anderen.",
    ),
    GuideQuestion(
        "moment",
        "Welk moment springt er voor jou uit?",
        "Het moment waar je steeds aan terugdenkt, of waarop het kantelde.",
    ),
    GuideQuestion(
        "picture",
        "Verraste dat moment je, of paste het bij een beeld dat je al had?",
        "Welk beeld was dat, en klopt het nog?",
    ),
    GuideQuestion(
        "learn",
        "Wat wil je van deze situatie leren?",
        "Over je eigen handelen of inzicht, niet over de ander.",
    ),
    GuideQuestion(
        "help_question",
        "Wat is je hulpvraag aan de groep, in één concrete vraag?",
        "Bijvoorbeeld: hoe kan ik … zodat …?",
        required=True,
    ),
)
GUIDE_KEYS = tuple(q.key for q in GUIDE)
MAX_ANSWER = 20_000


class CaseError(UserError):
    """A prepared case cannot be saved or read as asked; the message says why in one line."""


@dataclass(frozen=True)
class PreparedCase:
    """A case as its author prepared it."""

    id: str
    group: str
    name: str
    answers: dict[str, str]
    shared: bool = False
    created: str = ""
    updated: str = ""
    path: Path | None = None

    @property
    def help_question(self) -> str:
        return self.answers.get("help_question", "")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "x"


def check_answer(key: str, text: str) -> str:
    """An answer as saved: trimmed, no control characters (newlines and tabs allowed), not too long."""
    text = text.strip()
    if has_control(text, multiline=True):
        raise CaseError.words("error.answer_control", key=key)
    if len(text) > MAX_ANSWER:
        raise CaseError.words("error.answer_long", key=key, limit=MAX_ANSWER)
    return text


def check_label(what: str, text: str) -> str:
    """A group or person's name: one line of plain text."""
    text = text.strip()
    if not text:
        raise CaseError.words(f"error.{what}_needed")
    if has_control(text) or len(text) > 80:
        raise CaseError.words(f"error.{what}_one_line")
    return text


def _escape_line(line: str) -> str:
    """A line of an answer that can never become a heading, list, quote, rule, table or HTML."""
    line = line.replace("&", "&amp;").replace("<", "&lt;")
    if re.match(r"^\s*([#>*+=|`~_-]|\d+[.)])", line):
        return "\\" + line.lstrip()
    return line


class CaseStore:
    """The prepared cases in a data folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or data_dir()) / "cases"

    def _folder(self, group: str) -> Path:
        from .store import safe_name

        return self.root / (safe_name(group) or "_")

    def render(self, case: PreparedCase) -> str:
        """The case file: front matter with the answers (the source), then the answers for people to read."""
        import yaml

        front: dict[str, Any] = {
            "case": case.id,
            "group": case.group,
            "name": case.name,
            "shared": case.shared,
            "created": case.created,
            "updated": case.updated,
        }
        front.update({key: case.answers.get(key, "") for key in GUIDE_KEYS})
        lines = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).rstrip(), "---", ""]
        lines += [f"# Casus van {_escape_line(case.name)}", ""]
        lines.append("_Gedeeld met de groep._" if case.shared else "_Privé: nog niet gedeeld._")
        lines.append("")
        for question in GUIDE:
            answer = case.answers.get(question.key, "").strip()
            lines += [f"## {question.question}", ""]
            lines += [_escape_line(line) for line in answer.splitlines()] if answer else ["_(nog niet ingevuld)_"]
            lines.append("")
        return "\n".join(lines)

    def save(self, case: PreparedCase, today: date | None = None) -> PreparedCase:
        """Write a new or edited case (0600); an edit refuses a file changed by hand since the app wrote it."""
        from .store import StoreError, atomic_write, private_dir

        today_text = (today or date.today()).isoformat()
        if not case.help_question:
            raise CaseError.words("error.case_needs_help_question")
        folder = self._folder(case.group)
        try:
            for private in (self.root.parent, self.root, folder):
                private_dir(private)
            if case.path is None:
                base = f"{_slug(case.group)}-{today_text}-{_slug(case.name)}"
                case_id, number = base, 1
                while self.find(case_id) is not None:
                    number += 1
                    case_id = f"{base}-{number}"
                case = replace(case, id=case_id, created=today_text, path=folder / f"{case_id}.md")
            else:
                self._refuse_hand_edits(case.path)
            case = replace(case, updated=today_text)
            assert case.path is not None
            atomic_write(case.path, self.render(case))
        except OSError as exc:
            raise StoreError(f"cannot save the case in {folder}: {exc.strerror or exc}") from None
        return case

    def _refuse_hand_edits(self, path: Path) -> None:
        current = path.read_text(encoding="utf-8")
        case = self._parse(path, current)
        if case is None or self.render(case) != current:
            raise CaseError.words("error.case_hand_edited", path=path)

    def _parse(self, path: Path, text: str) -> PreparedCase | None:
        from .archive import front_matter

        data = front_matter(text)
        if not data.get("case") or not data.get("group"):
            return None
        return PreparedCase(
            id=str(data["case"]),
            group=str(data["group"]),
            name=str(data.get("name") or ""),
            answers={key: str(data.get(key) or "") for key in GUIDE_KEYS},
            shared=data.get("shared") is True,
            created=str(data.get("created") or ""),
            updated=str(data.get("updated") or ""),
            path=path,
        )

    def all(self, group: str | None = None) -> list[PreparedCase]:
        """Every readable case (of one group when given), newest first."""
        folders = [self._folder(group)] if group is not None else self._group_folders()
        found: list[PreparedCase] = []
        for folder in folders:
            try:
                paths = sorted(folder.glob("*.md"))
            except OSError:
                continue
            for path in paths:
                try:
                    case = self._parse(path, path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    continue
                if case is not None and (group is None or case.group == group):
                    found.append(case)
        return sorted(found, key=lambda c: (c.updated, c.id), reverse=True)

    def _group_folders(self) -> list[Path]:
        try:
            return sorted(p for p in self.root.iterdir() if p.is_dir())
        except OSError:
            return []

    def find(self, case_id: str) -> PreparedCase | None:
        return next((case for case in self.all() if case.id == case_id), None)

    def shared_cases(self, group: str) -> list[PreparedCase]:
        """The group's cases their authors have shared: what a session's inventory step can offer."""
        return [case for case in self.all(group) if case.shared]
