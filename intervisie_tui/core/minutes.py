"""Session → Markdown minutes.

Owns the minutes format of DESIGN.md and docs/minutes-format.md: flat YAML front matter (session id, protocol,
title, group, an ISO date, ISO start and end, participants as a list of names, each role as its own key,
planned and actual minutes, tags), a time table (each plan as the moderator left it, ±minutes beside it), a
section per step in order (grouped per case-bringer where the protocol repeats), the captured questions, last
time's actions as reviewed, and this session's action plan as `- [ ]` task items with an owner. Everything a
person typed goes in as text (core/markdown_text.py), so no note can become Markdown structure. The labels
follow the session's language (Dutch by default).
"""

from __future__ import annotations

from ..words import Texts
from . import flat_yaml, markdown_text
from .actions import ACTIONS_MARKER, GROUP_OWNERS, ActionItem
from .protocol import Capture
from .session import Session, Status


def clock_minutes(seconds: float, texts: Texts | None = None) -> str:
    """Seconds as whole minutes (`12 min`), rounded to the nearest minute, never `-0`."""
    return (texts or Texts(None))("minutes.minutes", minutes=round(seconds / 60))


def parse_action(line: str, people: tuple[str, ...], default_owner: str = "") -> ActionItem:
    """`Name: text` names the owner when Name is one of the people (the full name or a first name only one of
    them has) or the whole group, in any case; otherwise the default owner has the whole line. A person's name is
    written as they were entered."""
    name, sep, rest = line.partition(":")
    key = name.strip().casefold()
    if sep and rest.strip():
        for person in people:
            if person.casefold() == key:
                return ActionItem(person, rest.strip())
        by_first_name = [person for person in people if person.split() and person.split()[0].casefold() == key]
        if len(by_first_name) == 1:
            return ActionItem(by_first_name[0], rest.strip())
        if key in GROUP_OWNERS:
            return ActionItem(name.strip(), rest.strip())
    return ActionItem(default_owner, line.strip())


def carried_actions(session: Session) -> list[ActionItem]:
    """Last session's open actions as reviewed in this one: ticked off, or still open."""
    people = session.setup.participants
    items = []
    for index, line in enumerate(session.setup.open_actions):
        owner, sep, text = line.partition(": ")
        item = parse_action(line, (*people, owner) if sep and text else people)
        items.append(ActionItem(item.owner, item.text, index in session.actions_done))
    return items


def action_items(session: Session) -> list[ActionItem]:
    """This session's action plan, line by line; carried actions are listed once, in the review of last time."""
    people = session.setup.participants
    items: list[ActionItem] = []
    for step, state in zip(session.steps, session.states, strict=True):
        text = state.fields.get(Capture.ACTION_PLAN, "")
        for line in text.splitlines():
            line = line.strip().removeprefix("- [ ]").removeprefix("-").strip()
            if line:
                items.append(parse_action(line, people, step.case_bringer or ""))
    return items


def _names(session: Session) -> list[str]:
    """Everyone taking part, once each: the participants, then anyone only named in a role."""
    setup = session.setup
    names = list(setup.participants)
    for extra in (setup.moderator, setup.notulist, *setup.case_bringers):
        if extra and extra not in names:
            names.append(extra)
    return names


def _roles(session: Session, name: str) -> list[str]:
    setup = session.setup
    return [
        role
        for role, holds in (
            ("moderator", name == setup.moderator),
            ("notulist", name == setup.notulist),
            ("case-bringer", name in setup.case_bringers),
        )
        if holds
    ]


def front_matter(session: Session, session_id: str) -> dict[str, flat_yaml.Value]:
    """The YAML front matter as flat properties: what a summary, a search or Obsidian reads without the body."""
    start = session.started_at or session.created_at
    end = session.ended_at
    setup = session.setup
    return {
        "session": session_id,
        "protocol": session.protocol.id,
        "protocol_name": session.protocol.name,
        "title": setup.title,
        "group": setup.group,
        "date": start.date() if start else None,
        "start": start.strftime("%Y-%m-%dT%H:%M") if start else None,
        "end": end.strftime("%Y-%m-%dT%H:%M") if end else None,
        "status": session.status.value,
        "participants": _names(session),
        "moderator": setup.moderator,
        "notulist": setup.notulist,
        "case_bringers": list(setup.case_bringers),
        "planned_minutes": round(session.planned_total() / 60),
        "actual_minutes": round(session.elapsed_total() / 60),
        "tags": ["intervisie", session.protocol.id],
    }


def _planned_text(planned: float | None, change: float, texts: Texts) -> str:
    """A plan as whole minutes (`6 min`), with the moderator's ±minutes beside it (`6 min (+1)`); `open` if none."""
    if planned is None:
        return texts("minutes.open")
    minutes = clock_minutes(planned, texts)
    step = round(change / 60)
    return texts("minutes.planned_change", planned=minutes, change=f"{step:+d}") if step else minutes


def _step_table(session: Session, texts: Texts) -> list[str]:
    """Planned against actual per step; the plans are the ones the moderator left with ±1 minute."""
    lines = [
        f"| {texts('minutes.step')} | {texts('minutes.planned')} | {texts('minutes.actual')} "
        f"| {texts('minutes.difference')} |",
        "|---|---:|---:|---:|",
    ]
    for step in session.steps:
        planned = session.planned(step.index)
        actual = session.elapsed(step.index)
        planned_text = _planned_text(planned, session.states[step.index].extension, texts)
        label = markdown_text.inline(step.label_in(texts))
        if not session.states[step.index].visited:
            lines.append(f"| {label} | {planned_text} | – | |")
            continue
        diff = "" if planned is None else f"{round((actual - planned) / 60):+d}"
        lines.append(f"| {label} | {planned_text} | {clock_minutes(actual, texts)} | {diff} |")
    planned_total = session.planned_total(with_extensions=True)
    total_planned = _planned_text(planned_total, session.extensions_total(), texts)
    total_diff = round((session.elapsed_total() - planned_total) / 60)
    lines.append(
        f"| **{texts('minutes.total')}** | **{total_planned}** | "
        f"**{clock_minutes(session.elapsed_total(), texts)}** | **{total_diff:+d}** |"
    )
    return lines


def _step_section(session: Session, index: int, texts: Texts, level: str) -> list[str]:
    step = session.steps[index]
    state = session.states[index]
    planned = _planned_text(session.planned(index), state.extension, texts)
    actual = clock_minutes(session.elapsed(index), texts)
    lines = [
        f"{level} {markdown_text.inline(step.phase.title)}",
        "",
        f"*{texts('minutes.planned')} {planned} · {texts('minutes.actual')} {actual}*",
        "",
    ]
    if step.index == 0 and session.setup.open_actions:
        lines += [f"**{texts('minutes.review')}:**", "", ACTIONS_MARKER]
        lines += [item.markdown() for item in carried_actions(session)]
        lines.append("")
    proposal = session.setup.proposal
    if proposal is not None and index == session.introduction_index():
        label = texts("minutes.proposal", name=markdown_text.inline(proposal.name))
        lines += [f"**{label}:** {markdown_text.inline(proposal.question)}", ""]
        for part in (markdown_text.block(proposal.introduction), markdown_text.inline(proposal.link)):
            lines += [part, ""] if part else []
    for capture in step.phase.capture:
        value = state.fields.get(capture, "").strip()
        if capture is Capture.ACTION_PLAN or not value:
            continue
        lines += [f"**{texts(f'minutes.{capture}')}:** {markdown_text.inline(value)}", ""]
    lines += [*(markdown_text.block_pieces(state.notes) or [texts("minutes.no_notes")]), ""]
    return lines


def render_minutes(session: Session, session_id: str, language: str = "nl") -> str:
    """The complete Markdown minutes of a session as it stands now."""
    return "\n".join(minutes_lines(session, session_id, language))


def minutes_pieces(session: Session, session_id: str, language: str = "nl") -> list[str]:
    """`render_minutes` as pieces to be written one after the other (a large note is never one string)."""
    pieces: list[str] = []
    for line in minutes_lines(session, session_id, language):
        pieces += [line, "\n"]
    return pieces[:-1]


def minutes_lines(session: Session, session_id: str, language: str = "nl") -> list[str]:
    """The minutes' lines, to be joined with newlines; a note's lines come in pieces of many lines."""
    items = action_items(session)
    texts = Texts(language)
    setup = session.setup
    heading = " – ".join(part for part in (setup.title or setup.group, session.protocol.name) if part)
    lines = [
        "---",
        flat_yaml.dump(front_matter(session, session_id)),
        "---",
        "",
        f"# {markdown_text.inline(heading)}",
        "",
    ]
    # The day and time the session was opened: when its clock first ran, else when it was made.
    end = session.ended_at
    when = (session.started_at or session.created_at).strftime(texts("minutes.when"))
    if end:
        when += f"–{end.strftime('%H:%M')}"
    if session.status is not Status.FINISHED:
        when += f" ({texts('minutes.in_progress')})"
    lines += [when, ""]
    people = ", ".join(
        markdown_text.inline(f"{name} ({', '.join(texts(f'role.{r}') for r in roles)})" if roles else name)
        for name, roles in ((name, _roles(session, name)) for name in _names(session))
    )
    if people:
        lines += [f"**{texts('minutes.participants')}:** {people}", ""]
    lines += [*_step_table(session, texts), ""]
    current_round: int | None = None
    for step in session.steps:
        if step.round is not None and step.round != current_round:
            who = step.case_bringer or texts("minutes.round", n=step.round)
            lines += [f"## {texts('minutes.case_bringer')}: {markdown_text.inline(who)}", ""]
        current_round = step.round
        lines += _step_section(session, step.index, texts, "###" if step.round is not None else "##")
    if items:
        lines += [f"## {texts('minutes.actions')}", "", ACTIONS_MARKER, *(item.markdown() for item in items), ""]
    return lines
