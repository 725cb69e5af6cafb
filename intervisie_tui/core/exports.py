"""Exports of saved minutes that may leave the group: anonymised, and attendance only.

Owns two transformations of a minutes file. The anonymised copy replaces every participant's name (and any
further names asked for, such as a pupil's) by a role or initials, in the front matter and the notes alike.
The attendance proof keeps only date, duration, participants and protocol, which is what professional
registers ask for; no content of the session.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .archive import front_matter

ROLE_NAMES = {
    "nl": {"moderator": "Moderator", "notulist": "Notulist", "case-bringer": "Inbrenger", "other": "Deelnemer"},
    "en": {"moderator": "Moderator", "notulist": "Note-taker", "case-bringer": "Case-bringer", "other": "Participant"},
}


def _replacements(data: dict[str, Any], extra: tuple[str, ...], language: str) -> dict[str, str]:
    """Name → stand-in: a role for moderator, notulist and case-bringers (numbered), initials for the rest."""
    words = ROLE_NAMES.get(language, ROLE_NAMES["nl"])
    mapping: dict[str, str] = {}
    bringers = [str(n) for n in data.get("case_bringers") or ()]
    for person in data.get("participants") or ():
        if not isinstance(person, dict) or not person.get("name"):
            continue
        name, roles = str(person["name"]), [str(r) for r in person.get("roles") or ()]
        if "case-bringer" in roles and name in bringers:
            number = f" {bringers.index(name) + 1}" if len(bringers) > 1 else ""
            mapping[name] = f"{words['case-bringer']}{number}"
        elif "moderator" in roles:
            mapping[name] = words["moderator"]
        elif "notulist" in roles:
            mapping[name] = words["notulist"]
        else:
            mapping[name] = "".join(f"{part[0].upper()}." for part in name.split() if part)
    for name in extra:
        if name.strip() and name.strip() not in mapping:
            mapping[name.strip()] = "X."
    return mapping


def anonymise(text: str, extra_names: tuple[str, ...] = (), language: str = "nl") -> str:
    """The minutes with every participant's name and every extra name replaced, everywhere in the file."""
    mapping = _replacements(front_matter(text), extra_names, language)
    if not mapping:
        return text
    names = sorted(mapping, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")
    return pattern.sub(lambda m: mapping[m.group(1)], text)


def attendance(text: str, language: str = "nl") -> str:
    """Proof of attendance: date, times, duration, participants and protocol; none of the content."""
    data = front_matter(text)
    nl = language != "en"
    people = [str(p.get("name")) for p in data.get("participants") or () if isinstance(p, dict)]
    kept: dict[str, Any] = {
        "protocol": data.get("protocol"),
        "protocol_name": data.get("protocol_name"),
        "group": data.get("group"),
        "date": data.get("date"),
        "start": data.get("start"),
        "end": data.get("end"),
        "actual_minutes": data.get("actual_minutes"),
        "participants": people,
    }
    heading = "Bewijs van deelname aan intervisie" if nl else "Proof of attendance at intervisie"
    labels = (
        ("Datum", "Tijd", "Duur", "Methode", "Groep", "Deelnemers")
        if nl
        else ("Date", "Time", "Duration", "Method", "Group", "Participants")
    )
    when = f"{kept['start'] or ''}–{kept['end'] or ''}".strip("–")
    lines = [
        "---",
        yaml.safe_dump(kept, allow_unicode=True, sort_keys=False).rstrip(),
        "---",
        "",
        f"# {heading}",
        "",
        f"- **{labels[0]}:** {kept['date'] or ''}",
        f"- **{labels[1]}:** {when}",
        f"- **{labels[2]}:** {kept['actual_minutes'] or 0} min",
        f"- **{labels[3]}:** {kept['protocol_name'] or kept['protocol'] or ''}",
        f"- **{labels[4]}:** {kept['group'] or ''}",
        f"- **{labels[5]}:** {', '.join(people)}",
        "",
    ]
    return "\n".join(lines)
