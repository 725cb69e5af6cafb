"""Plain-text descriptions of protocols, for the command line and the start screen.

Owns how a protocol's times read to a person: `50 min`, `5–30 min`, `open`, the total for one case-bringer
(with the check-in and check-out the app adds by default) and what each further case-bringer adds. Every
text taken from a protocol passes through `safe_text.visible`, so nothing in a protocol file can reach the
terminal as a control code.
"""

from __future__ import annotations

from .core.added_steps import added_phases, default_added, planned_total
from .core.catalog import Catalog
from .core.kinds import step_flags
from .core.protocol import Minutes, Phase, Protocol
from .core.safe_text import visible
from .words import Texts


def number_text(value: float, language: str = "en") -> str:
    """A number of minutes as the language writes it, to a tenth at most: `5`, `1,5` in Dutch, `1.5` in English."""
    return f"{round(value, 1):g}".replace(".", Texts(language)("number.decimal_mark"))


def minutes_text(minutes: Minutes, language: str = "en") -> str:
    """`5 min`, `5–30 min` or `open`."""
    if minutes.is_open or minutes.low is None or minutes.high is None:
        return Texts(language)("outline.open")
    if minutes.is_range:
        low, high = number_text(minutes.low, language), number_text(minutes.high, language)
        return Texts(language)("outline.range", low=low, high=high)
    return Texts(language)("outline.minutes", minutes=number_text(minutes.low, language))


def total_text(protocol: Protocol, language: str = "en") -> str:
    """The planned total for one case-bringer, its span where phases have ranges, and the cost of another;
    the check-in and check-out the app adds by default count in."""
    phases = [*protocol.phases, *default_added(protocol)]
    low = sum((p.minutes.low or 0) for p in phases)
    high = sum((p.minutes.high or 0) for p in phases)
    text = Texts(language)("outline.minutes", minutes=number_text(planned_total(protocol), language))
    if round(low, 1) != round(high, 1):
        text += f" ({number_text(low, language)}–{number_text(high, language)})"
    per_bringer = sum((p.minutes.default or 0) for p in protocol.phases if p.per_case_bringer)
    if per_bringer:
        text += ", " + Texts(language)("outline.per_extra", minutes=number_text(per_bringer, language))
    return text


def protocol_table(catalog: Catalog, language: str = "en") -> str:
    """One line per protocol: id, name, total time, and whether it is the user's own."""
    user = Texts(language)("outline.user")
    rows = [
        (visible(e.protocol.id), visible(e.protocol.name), total_text(e.protocol, language), "" if e.bundled else user)
        for e in catalog.entries
    ]
    width_id = max((len(r[0]) for r in rows), default=2)
    width_name = max((len(r[1]) for r in rows), default=4)
    return "\n".join(f"{r[0]:<{width_id}}  {r[1]:<{width_name}}  {r[2]} {r[3]}".rstrip() for r in rows)


def _phase_line(phase: Phase, texts: Texts, *, added: bool = False) -> str:
    flags = [texts(f"outline.{flag}") for flag in step_flags(phase)] + ([texts("outline.added")] if added else [])
    if phase.turns:
        flags.append(texts("outline.in_turns"))
    if phase.optional:
        flags.append(texts("outline.optional"))
    extra = f"  [{', '.join(flags)}]" if flags else ""
    speakers = texts(f"outline.{phase.speakers}")
    return f"{visible(phase.title)} ({minutes_text(phase.minutes, texts.language)}, {speakers}){extra}"


def describe_protocol(protocol: Protocol, language: str = "en") -> str:
    """A readable outline: name, description, then each phase with its time; repeated blocks marked."""
    texts = Texts(language)
    lines = [
        f"{visible(protocol.name)} ({visible(protocol.id)})",
        f"{texts('outline.total')}: {total_text(protocol, texts.language)}",
    ]
    if protocol.group_size:
        lines.append(f"{texts('outline.group_size')}: {protocol.group_size[0]}–{protocol.group_size[1]}")
    if protocol.description:
        lines += ["", visible(protocol.description, multiline=True)]
    lines.append("")
    opening, closing = added_phases(protocol, check_in=protocol.check_in, check_out=protocol.check_out)
    if opening:
        lines.append(f"   + {_phase_line(opening, texts, added=True)}")
    if protocol.review:
        lines.append(f"   {texts('outline.review')} {_phase_line(protocol.review, texts)}")
    in_block = False
    for number, phase in enumerate(protocol.phases, start=1):
        if phase.per_case_bringer and not in_block:
            lines.append(f"   {texts('outline.for_each')}")
        in_block = phase.per_case_bringer
        indent = "      " if in_block else "   "
        lines.append(f"{indent}{number}. {_phase_line(phase, texts)}")
    if closing:
        lines.append(f"   + {_phase_line(closing, texts, added=True)}")
    if protocol.source:
        lines += ["", f"{texts('outline.source')}: {visible(protocol.source)}"]
    return "\n".join(lines)
