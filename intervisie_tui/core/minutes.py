"""Session → Markdown minutes.

Owns the minutes format of DESIGN.md: YAML front matter (protocol, title, group, date, times, participants with
roles, planned and actual minutes), a time table, a section per step in order (grouped per case-bringer
where the protocol repeats), the captured questions, and the action plan as `- [ ]` task items with an owner.
The labels follow the session's language (Dutch by default).
"""

from __future__ import annotations

from typing import Any

from .actions import ActionItem
from .protocol import Capture
from .session import Session, Status

LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "step": "Stap",
        "planned": "Gepland",
        "actual": "Werkelijk",
        "difference": "Verschil",
        "total": "Totaal",
        "case_bringer": "Inbrenger",
        "round": "Ronde",
        "actions": "Actiepunten",
        "no_notes": "_Geen notities._",
        "open": "open",
        "in_progress": "Sessie loopt nog",
        "participants": "Deelnemers",
        "review": "Acties van de vorige keer",
        Capture.HELP_QUESTION: "Hulpvraag",
        Capture.LEARNING_QUESTION: "Leervraag",
        Capture.CORE_QUESTION: "Kernvraag",
        Capture.REFORMULATED_QUESTION: "Geherformuleerde hulpvraag",
        Capture.ACTION_PLAN: "Actieplan",
        "moderator": "moderator",
        "notulist": "notulist",
        "case-bringer": "inbrenger",
    },
    "en": {
        "step": "Step",
        "planned": "Planned",
        "actual": "Actual",
        "difference": "Difference",
        "total": "Total",
        "case_bringer": "Case-bringer",
        "round": "Round",
        "actions": "Action items",
        "no_notes": "_No notes._",
        "open": "open",
        "in_progress": "Session in progress",
        "participants": "Participants",
        "review": "Actions from last time",
        Capture.HELP_QUESTION: "Help question",
        Capture.LEARNING_QUESTION: "Learning question",
        Capture.CORE_QUESTION: "Core question",
        Capture.REFORMULATED_QUESTION: "Reformulated question",
        Capture.ACTION_PLAN: "Action plan",
        "moderator": "moderator",
        "notulist": "note-taker",
        "case-bringer": "case-bringer",
    },
}


def clock_minutes(seconds: float) -> str:
    """Seconds as whole minutes (`12 min`), rounded to the nearest minute, never `-0`."""
    minutes = round(seconds / 60)
    return f"{minutes} min"


def parse_action(line: str, people: set[str], default_owner: str = "") -> ActionItem:
    """`Name: text` names the owner when Name is one of the people; otherwise the default owner has it."""
    name, sep, rest = line.partition(":")
    if sep and name.strip() in people:
        return ActionItem(name.strip(), rest.strip())
    return ActionItem(default_owner, line.strip())


def carried_actions(session: Session) -> list[ActionItem]:
    """Last session's open actions as reviewed in this one: ticked off, or still open."""
    people = set(session.setup.participants)
    items = []
    for index, line in enumerate(session.setup.open_actions):
        item = parse_action(line, people | {line.partition(":")[0].strip()})
        items.append(ActionItem(item.owner, item.text, index in session.actions_done))
    return items


def action_items(session: Session) -> list[ActionItem]:
    """Open actions carried on from last time, then every action-plan line of this session."""
    people = set(session.setup.participants)
    items: list[ActionItem] = [item for item in carried_actions(session) if not item.done]
    for step, state in zip(session.steps, session.states, strict=True):
        text = state.fields.get(Capture.ACTION_PLAN, "")
        for line in text.splitlines():
            line = line.strip().removeprefix("- [ ]").removeprefix("-").strip()
            if line:
                items.append(parse_action(line, people, step.case_bringer or ""))
    return items


def _participants(session: Session) -> list[dict[str, Any]]:
    setup = session.setup
    names = list(setup.participants)
    for extra in (setup.moderator, setup.notulist, *setup.case_bringers):
        if extra and extra not in names:
            names.append(extra)
    result = []
    for name in names:
        roles = [
            role
            for role, holds in (
                ("moderator", name == setup.moderator),
                ("notulist", name == setup.notulist),
                ("case-bringer", name in setup.case_bringers),
            )
            if holds
        ]
        result.append({"name": name, "roles": roles})
    return result


def front_matter(session: Session, session_id: str, items: list[ActionItem]) -> dict[str, Any]:
    """The YAML front matter as data: everything a summary or a search needs without reading the body."""
    start = session.started_at or session.created_at
    return {
        "session": session_id,
        "protocol": session.protocol.id,
        "protocol_name": session.protocol.name,
        "title": session.setup.title,
        "group": session.setup.group,
        "date": start.date().isoformat() if start else None,
        "start": start.strftime("%H:%M") if start else None,
        "end": session.ended_at.strftime("%H:%M") if session.ended_at else None,
        "status": session.status.value,
        "participants": _participants(session),
        "case_bringers": list(session.setup.case_bringers),
        "planned_minutes": round(session.planned_total() / 60),
        "actual_minutes": round(session.elapsed_total() / 60),
        "open_actions": sum(1 for item in items if not item.done),
    }


def _step_table(session: Session, labels: dict[str, str]) -> list[str]:
    lines = [
        f"| {labels['step']} | {labels['planned']} | {labels['actual']} | {labels['difference']} |",
        "|---|---:|---:|---:|",
    ]
    for step in session.steps:
        planned = step.planned_seconds
        actual = session.elapsed(step.index)
        planned_text = labels["open"] if planned is None else clock_minutes(planned)
        if not session.states[step.index].visited:
            lines.append(f"| {step.label} | {planned_text} | – | |")
            continue
        diff = "" if planned is None else f"{round((actual - planned) / 60):+d}"
        lines.append(f"| {step.label} | {planned_text} | {clock_minutes(actual)} | {diff} |")
    total_diff = round((session.elapsed_total() - session.planned_total()) / 60)
    lines.append(
        f"| **{labels['total']}** | **{clock_minutes(session.planned_total())}** | "
        f"**{clock_minutes(session.elapsed_total())}** | **{total_diff:+d}** |"
    )
    return lines


def _step_section(session: Session, index: int, labels: dict[str, str], level: str) -> list[str]:
    step = session.steps[index]
    state = session.states[index]
    planned = labels["open"] if step.planned_seconds is None else clock_minutes(step.planned_seconds)
    lines = [
        f"{level} {step.phase.title}",
        "",
        f"*{labels['planned']} {planned} · {labels['actual']} {clock_minutes(session.elapsed(index))}*",
        "",
    ]
    if step.index == 0 and session.setup.open_actions:
        lines += [f"**{labels['review']}:**", ""]
        lines += [item.markdown() for item in carried_actions(session)]
        lines.append("")
    for capture in step.phase.capture:
        value = state.fields.get(capture, "").strip()
        if capture is Capture.ACTION_PLAN or not value:
            continue
        lines += [f"**{labels[capture]}:** {value}", ""]
    lines += [state.notes.strip() or labels["no_notes"], ""]
    return lines


def render_minutes(session: Session, session_id: str, language: str = "nl") -> str:
    """The complete Markdown minutes of a session as it stands now."""
    import yaml

    items = action_items(session)
    labels = LABELS.get(language, LABELS["nl"])
    setup = session.setup
    heading = " – ".join(part for part in (setup.title or setup.group, session.protocol.name) if part)
    lines = [
        "---",
        yaml.safe_dump(front_matter(session, session_id, items), allow_unicode=True, sort_keys=False).rstrip(),
        "---",
        "",
        f"# {heading}",
        "",
    ]
    start, end = session.started_at, session.ended_at
    when = start.strftime("%Y-%m-%d %H:%M") if start else ""
    if end:
        when += f"–{end.strftime('%H:%M')}"
    if session.status is not Status.FINISHED:
        when += f" ({labels['in_progress']})"
    if when.strip():
        lines += [when.strip(), ""]
    people = ", ".join(
        f"{p['name']} ({', '.join(labels[r] for r in p['roles'])})" if p["roles"] else p["name"]
        for p in _participants(session)
    )
    if people:
        lines += [f"**{labels['participants']}:** {people}", ""]
    lines += [*_step_table(session, labels), ""]
    current_round: int | None = None
    for step in session.steps:
        if step.round is not None and step.round != current_round:
            who = step.case_bringer or f"{labels['round']} {step.round}"
            lines += [f"## {labels['case_bringer']}: {who}", ""]
        current_round = step.round
        lines += _step_section(session, step.index, labels, "###" if step.round is not None else "##")
    if items:
        lines += [f"## {labels['actions']}", "", *(item.markdown() for item in items), ""]
    return "\n".join(lines)
