"""Plain-text descriptions of protocols, for the command line and the start screen.

Owns how a protocol's times read to a person: `50 min`, `5–30 min`, `open`, the total for one case-bringer
and what each further case-bringer adds.
"""

from __future__ import annotations

from .core.catalog import Catalog
from .core.protocol import Minutes, Phase, Protocol


def minutes_text(minutes: Minutes) -> str:
    """`5 min`, `5–30 min` or `open`."""
    if minutes.is_open or minutes.low is None or minutes.high is None:
        return "open"
    if minutes.is_range:
        return f"{minutes.low:g}–{minutes.high:g} min"
    return f"{minutes.low:g} min"


def total_text(protocol: Protocol) -> str:
    """The planned total for one case-bringer, its span where phases have ranges, and the cost of another."""
    low = sum((p.minutes.low or 0) for p in protocol.phases)
    high = sum((p.minutes.high or 0) for p in protocol.phases)
    default = protocol.planned_minutes(1)
    text = f"{default:g} min"
    if low != high:
        text += f" ({low:g}–{high:g})"
    per_bringer = sum((p.minutes.default or 0) for p in protocol.phases if p.per_case_bringer)
    if per_bringer:
        text += f", +{per_bringer:g} per extra case-bringer"
    return text


def protocol_table(catalog: Catalog) -> str:
    """One line per protocol: id, name, total time, and whether it is the user's own."""
    rows = [
        (e.protocol.id, e.protocol.name, total_text(e.protocol), "" if e.bundled else "(user)") for e in catalog.entries
    ]
    width_id = max((len(r[0]) for r in rows), default=2)
    width_name = max((len(r[1]) for r in rows), default=4)
    return "\n".join(f"{r[0]:<{width_id}}  {r[1]:<{width_name}}  {r[2]} {r[3]}".rstrip() for r in rows)


def _phase_line(phase: Phase) -> str:
    flags = [str(rule) for rule in sorted(phase.rules)]
    if phase.turns:
        flags.append("in turns")
    extra = f"  [{', '.join(flags)}]" if flags else ""
    return f"{phase.title} ({minutes_text(phase.minutes)}, {phase.speakers}){extra}"


def describe_protocol(protocol: Protocol) -> str:
    """A readable outline: name, description, then each phase with its time; repeated blocks marked."""
    lines = [f"{protocol.name} ({protocol.id})", f"Total: {total_text(protocol)}"]
    if protocol.group_size:
        lines.append(f"Group size: {protocol.group_size[0]}–{protocol.group_size[1]}")
    if protocol.description:
        lines += ["", protocol.description]
    lines.append("")
    if protocol.review:
        lines.append(f"   (when there are open actions) {_phase_line(protocol.review)}")
    in_block = False
    for number, phase in enumerate(protocol.phases, start=1):
        if phase.per_case_bringer and not in_block:
            lines.append("   For each case-bringer:")
        in_block = phase.per_case_bringer
        indent = "      " if in_block else "   "
        lines.append(f"{indent}{number}. {_phase_line(phase)}")
    if protocol.source:
        lines += ["", f"Source: {protocol.source}"]
    return "\n".join(lines)
