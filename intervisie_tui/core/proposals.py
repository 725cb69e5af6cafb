"""Topic proposals for a chat session (seed 000): a clear question, a short personal introduction, a link.

Participants send the moderator proposals for the next chat's topic; the moderator keeps them per group
(`intervisie voorstel`) and, in a chat session's introduction step, takes one as the words to paste. Owns a
proposal's file (`proposals/<group>/<id>.md` in the data folder, 0600: flat front matter that holds the three
parts, then the parts for people to read), the checks on each part, and reading a group's proposals back,
newest first. A saved proposal is never overwritten: each save is a new file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from .cases import CaseError, check_answer, check_label
from .paths import data_dir

LINK = re.compile(r"^https?://\S+$")


@dataclass(frozen=True)
class TopicProposal:
    """One proposal: who sent it, for which group, and its three parts."""

    group: str
    name: str
    question: str
    introduction: str = ""
    link: str = ""
    id: str = ""
    created: str = ""
    path: Path | None = None

    def messages(self) -> tuple[str, ...]:
        """The parts to paste into the chat, in order: the question, the introduction, the link."""
        return tuple(part for part in (self.question, self.introduction, self.link) if part)


def checked(proposal: TopicProposal) -> TopicProposal:
    """The proposal as saved: one-line group, name, question and link (http or https), a plain introduction."""
    link = proposal.link.strip()
    if link and not LINK.match(link):
        raise CaseError.words("error.link")
    return replace(
        proposal,
        group=check_label("group", proposal.group),
        name=check_label("name", proposal.name),
        question=_question(proposal.question),
        introduction=check_answer("introduction", proposal.introduction),
        link=link,
    )


def _question(text: str) -> str:
    question = check_answer("question", text)
    if not question:
        raise CaseError.words("error.proposal_question")
    if "\n" in question:
        raise CaseError.words("error.question_one_line")
    return question


class ProposalStore:
    """The topic proposals in a data folder."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or data_dir()) / "proposals"

    def _folder(self, group: str) -> Path:
        from .store import safe_name

        return self.root / (safe_name(group) or "_")

    def render(self, proposal: TopicProposal) -> str:
        import yaml

        from .markdown_text import block, inline

        front: dict[str, Any] = {
            "proposal": proposal.id,
            "group": proposal.group,
            "name": proposal.name,
            "created": proposal.created,
            "question": proposal.question,
            "introduction": proposal.introduction,
            "link": proposal.link,
        }
        lines = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False).rstrip(), "---", ""]
        lines += [f"# {inline(proposal.question)}", "", f"_{inline(proposal.name)}, {proposal.created}_", ""]
        if proposal.introduction:
            lines += [block(proposal.introduction), ""]
        if proposal.link:
            lines += [f"<{proposal.link}>", ""]
        return "\n".join(lines)

    def save(self, proposal: TopicProposal, today: date | None = None) -> TopicProposal:
        """Write a new proposal file (0600) and return the proposal with its id and path."""
        from .store import StoreError, atomic_write, private_dir

        proposal = checked(proposal)
        today_text = (today or date.today()).isoformat()
        folder = self._folder(proposal.group)
        slug = re.sub(r"[^a-z0-9]+", "-", proposal.name.lower()).strip("-")[:40] or "x"
        base = f"{today_text}-{slug}"
        try:
            for private in (self.root.parent, self.root, folder):
                private_dir(private)
            number, proposal_id = 1, base
            while (folder / f"{proposal_id}.md").exists():
                number += 1
                proposal_id = f"{base}-{number}"
            proposal = replace(proposal, id=proposal_id, created=today_text, path=folder / f"{proposal_id}.md")
            assert proposal.path is not None
            atomic_write(proposal.path, self.render(proposal))
        except OSError as exc:
            raise StoreError(f"cannot save the proposal in {folder}: {exc.strerror or exc}") from None
        return proposal

    def all(self, group: str) -> list[TopicProposal]:
        """The group's readable proposals, newest first; a file without a question is left out."""
        from .archive import front_matter, same_group

        found: list[TopicProposal] = []
        try:
            paths = sorted(self._folder(group).glob("*.md"))
        except OSError:
            return []
        for path in paths:
            try:
                data = front_matter(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            question = str(data.get("question") or "").strip()
            if not question or not same_group(str(data.get("group") or ""), group):
                continue
            found.append(
                TopicProposal(
                    group=str(data["group"]),
                    name=str(data.get("name") or ""),
                    question=question,
                    introduction=str(data.get("introduction") or "").strip(),
                    link=str(data.get("link") or "").strip(),
                    id=str(data.get("proposal") or path.stem),
                    created=str(data.get("created") or ""),
                    path=path,
                )
            )
        return sorted(found, key=lambda p: (p.created, p.id), reverse=True)
