"""Plain-text descriptions of protocols, for the command line and the start screen.

Owns how a protocol's times read to a person: `50 min`, `5–30 min`, `open`, the total for one case-bringer
(with the check-in and check-out the app adds by default) and what each further case-bringer adds. Every
text taken from a protocol passes through `safe_text.visible`, so nothing in a protocol file can reach the
terminal as a control code.
"""

from __future__ import annotations

from .core.added_steps import added_phases
from .core.catalog import Catalog
from .core.kinds import step_flags
from .core.protocol import Minutes, Phase, Protocol
from .core.safe_text import visible

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "open": "open",
        "total": "Total",
        "per_extra": "+{minutes:g} per extra case-bringer",
        "group_size": "Group size",
        "review": "(when there are open actions)",
        "for_each": "For each case-bringer:",
        "in_turns": "in turns",
        "source": "Source",
        "everyone": "everyone",
        "moderator": "moderator",
        "case-bringer": "case-bringer",
        "others": "others",
        "silence": "silence",
        "break": "break",
        "check-in": "check-in",
        "check-out": "check-out",
        "added": "added by the app, optional",
        "case-bringer-listens": "case-bringer listens",
        "questions-only": "questions only",
        "write-first": "write first",
        "optional": "optional",
    },
    "nl": {
        "open": "open",
        "total": "Totaal",
        "per_extra": "+{minutes:g} per extra inbrenger",
        "group_size": "Groepsgrootte",
        "review": "(als er open acties zijn)",
        "for_each": "Per inbrenger:",
        "in_turns": "om de beurt",
        "source": "Bron",
        "everyone": "iedereen",
        "moderator": "moderator",
        "case-bringer": "inbrenger",
        "others": "de anderen",
        "silence": "stilte",
        "break": "pauze",
        "check-in": "check-in",
        "check-out": "check-out",
        "added": "toegevoegd door de app, optioneel",
        "case-bringer-listens": "inbrenger luistert",
        "questions-only": "alleen vragen",
        "write-first": "eerst schrijven",
        "optional": "optioneel",
    },
}


def minutes_text(minutes: Minutes, language: str = "en") -> str:
    """`5 min`, `5–30 min` or `open`."""
    if minutes.is_open or minutes.low is None or minutes.high is None:
        return WORDS[language]["open"]
    if minutes.is_range:
        return f"{minutes.low:g}–{minutes.high:g} min"
    return f"{minutes.low:g} min"


def total_text(protocol: Protocol, language: str = "en") -> str:
    """The planned total for one case-bringer, its span where phases have ranges, and the cost of another;
    the check-in and check-out the app adds by default count in."""
    phases = [*protocol.phases, *_default_added(protocol)]
    low = sum((p.minutes.low or 0) for p in phases)
    high = sum((p.minutes.high or 0) for p in phases)
    default = protocol.planned_minutes(1) + sum((p.minutes.default or 0) for p in _default_added(protocol))
    text = f"{default:g} min"
    if low != high:
        text += f" ({low:g}–{high:g})"
    per_bringer = sum((p.minutes.default or 0) for p in protocol.phases if p.per_case_bringer)
    if per_bringer:
        text += ", " + WORDS[language]["per_extra"].format(minutes=per_bringer)
    return text


def _default_added(protocol: Protocol) -> list[Phase]:
    """The check-in and check-out a session of this protocol gets unless the moderator turns them off."""
    return [p for p in added_phases(protocol, check_in=protocol.check_in, check_out=protocol.check_out) if p]


def protocol_table(catalog: Catalog) -> str:
    """One line per protocol: id, name, total time, and whether it is the user's own."""
    rows = [
        (visible(e.protocol.id), visible(e.protocol.name), total_text(e.protocol), "" if e.bundled else "(user)")
        for e in catalog.entries
    ]
    width_id = max((len(r[0]) for r in rows), default=2)
    width_name = max((len(r[1]) for r in rows), default=4)
    return "\n".join(f"{r[0]:<{width_id}}  {r[1]:<{width_name}}  {r[2]} {r[3]}".rstrip() for r in rows)


def _phase_line(phase: Phase, words: dict[str, str], language: str, *, added: bool = False) -> str:
    flags = [words[flag] for flag in step_flags(phase)] + ([words["added"]] if added else [])
    if phase.turns:
        flags.append(words["in_turns"])
    if phase.optional:
        flags.append(words["optional"])
    extra = f"  [{', '.join(flags)}]" if flags else ""
    return f"{visible(phase.title)} ({minutes_text(phase.minutes, language)}, {words[phase.speakers]}){extra}"


def describe_protocol(protocol: Protocol, language: str = "en") -> str:
    """A readable outline: name, description, then each phase with its time; repeated blocks marked."""
    words = WORDS.get(language, WORDS["en"])
    lines = [
        f"{visible(protocol.name)} ({visible(protocol.id)})",
        f"{words['total']}: {total_text(protocol, language)}",
    ]
    if protocol.group_size:
        lines.append(f"{words['group_size']}: {protocol.group_size[0]}–{protocol.group_size[1]}")
    if protocol.description:
        lines += ["", visible(protocol.description, multiline=True)]
    lines.append("")
    opening, closing = added_phases(protocol, check_in=protocol.check_in, check_out=protocol.check_out)
    if opening:
        lines.append(f"   + {_phase_line(opening, words, language, added=True)}")
    if protocol.review:
        lines.append(f"   {words['review']} {_phase_line(protocol.review, words, language)}")
    in_block = False
    for number, phase in enumerate(protocol.phases, start=1):
        if phase.per_case_bringer and not in_block:
            lines.append(f"   {words['for_each']}")
        in_block = phase.per_case_bringer
        indent = "      " if in_block else "   "
        lines.append(f"{indent}{number}. {_phase_line(phase, words, language)}")
    if closing:
        lines.append(f"   + {_phase_line(closing, words, language, added=True)}")
    if protocol.source:
        lines += ["", f"{words['source']}: {visible(protocol.source)}"]
    return "\n".join(lines)
