"""Exports of saved minutes that may leave the group: anonymised, and attendance only.

Owns two transformations of a minutes file and the names their files get. The anonymised copy replaces every
participant's name by a role or initials: the full name and each part of it (not the Dutch particles such as
"van" or "de"), in any capitalisation, with the possessive and inflected endings of Dutch and English ("Kims",
"Bo's", "Bo’s", "Thomas'"), and likewise the group's name, any further names asked for (a pupil, a client),
and the session id (which is made of the group's name). A name is matched as typed and as the minutes spell it:
Markdown-escaped in the body (`Eva\\_Smit`, core/markdown_text.py) and YAML-quoted in the front matter
(`O''Brien`); its parts are split at spaces and hyphens and again at any other mark (`Dirk [DJ] Jansen` has
the parts `Dirk`, `[DJ]`, `DJ`, `Jansen`). The attendance proof keeps only date, duration,
participants and protocol, which is what professional registers ask for; no content of the session. Export
files are named by date, time, protocol and kind only, never by a name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import yaml

from ..words import Texts
from . import markdown_text
from .archive import clock_value, front_matter, names_value, number_value, text_value

# Parts of a name that are ordinary words too: replacing them would scrub half of every Dutch sentence.
PARTICLES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "op", "in", "'t", "d'", "la", "le", "du", "da", "di"}
    | {"del", "della", "dos", "von", "zu", "vd", "v.d.", "v/d"}
)
# What may follow a name: the Dutch/English genitive s, an apostrophe (straight or curly) with or without s.
SUFFIX = r"(?:['’]s|['’]|s)?"
# A mark that may stand escaped by a backslash (CommonMark escapes any ASCII punctuation).
_PUNCTUATION = frozenset('!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~')
_APOSTROPHES = "'’"


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def _initials(name: str) -> str:
    return "".join(f"{part[0].upper()}." for part in name.split() if part[0].isalnum())


def _replacements(data: dict[str, Any], extra: tuple[str, ...], language: str) -> dict[str, str]:
    """Name → stand-in: a role for moderator, notulist and case-bringers (numbered), initials for the rest."""
    texts = Texts(language)
    bringers = [_norm(n) for n in names_value(data.get("case_bringers"))]
    mapping: dict[str, str] = {}

    def add(name: str, stand_in: str) -> None:
        if name and name.casefold() not in {key.casefold() for key in mapping}:
            mapping[name] = stand_in

    roles = {"moderator": _norm(text_value(data.get("moderator"))), "notulist": _norm(text_value(data.get("notulist")))}
    for person in data.get("participants") or ():  # the older format: {name, roles}
        if isinstance(person, dict):
            for role in names_value(person.get("roles")):
                if role in roles and not roles[role]:
                    roles[role] = _norm(text_value(person.get("name")))
    for index, name in enumerate(bringers):
        add(name, f"{texts('export.case-bringer')}{f' {index + 1}' if len(bringers) > 1 else ''}")
    for role, name in roles.items():
        add(name, texts(f"export.{role}"))
    for name in names_value(data.get("participants")):
        add(_norm(name), _initials(name) or texts("export.other"))
    add(_norm(text_value(data.get("group"))), texts("export.group"))
    for name in extra:
        add(_norm(name), texts("export.name"))
    return _with_parts(mapping)


def _with_parts(mapping: dict[str, str]) -> dict[str, str]:
    """`mapping` with each name's parts added (same stand-in): at spaces and hyphens, then at any other mark."""
    result = {_canonical(name): stand_in for name, stand_in in mapping.items()}
    for name, stand_in in mapping.items():
        for part in re.split(r"[\s\-]+", name):
            pieces = [part] + [p for p in re.split(r"[\W_]+", part) if p != part]
            for piece in pieces:
                key = _canonical(piece)
                if len(piece) > 1 and any(c.isalnum() for c in piece) and key not in PARTICLES:
                    result.setdefault(key, stand_in)
    return result


def _canonical(spelling: str) -> str:
    """A name as typed from any of its spellings: escapes dropped, YAML's doubled quote single, lower case."""
    text = re.sub(r"\\(?=[!-/:-@\[-`{-~])", "", spelling).replace("''", "'").replace("’", "'")
    return " ".join(text.split()).lower()


def _spelling(name: str) -> str:
    """A pattern for a name as typed, Markdown-escaped (`Eva\\_Smit`) or YAML-quoted (`O''Brien`), any spacing."""
    out = []
    for char in name:
        if char.isspace():
            out.append(r"\s+")
        elif char in _APOSTROPHES:
            out.append(r"\\?(?:''?|’)")
        elif char in _PUNCTUATION:
            out.append(r"\\?" + re.escape(char))
        else:
            out.append(re.escape(char))
    return "".join(out)


def _scrubber(mapping: dict[str, str]) -> Callable[[str], str]:
    """A function replacing every name of `mapping`, in any case and with its endings, by its stand-in."""
    if not mapping:
        return lambda text: text
    lookup = {_canonical(name): stand_in for name, stand_in in mapping.items()}
    names = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(_spelling(n) for n in names) + r")(" + SUFFIX + r")(?!\w)", re.IGNORECASE
    )

    def replace(match: re.Match[str]) -> str:
        ending = "'s" if match.group(2) and match.group(2)[-1:] in "sS" else match.group(2) and "'"
        return lookup[_canonical(match.group(1))] + (ending or "")

    return lambda text: pattern.sub(replace, unicodedata.normalize("NFC", text))


def anonymise(text: str, extra_names: tuple[str, ...] = (), language: str = "nl") -> str:
    """The minutes with every participant's name, the group and every extra name replaced, everywhere."""
    data = front_matter(text)
    scrub = _scrubber(_replacements(data, extra_names, language))
    session_id = text_value(data.get("session"))
    if session_id:
        text = re.sub(r"^session: .*$", f"session: {_neutral_id(data)}", text, count=1, flags=re.MULTILINE)
    return scrub(text)


def _neutral_id(data: dict[str, Any]) -> str:
    """An id for an export made of date, time and protocol only."""
    date = text_value(data.get("date"))[:10]
    return re.sub(
        r"[^a-z0-9]+", "-", f"{date} {clock_value(data.get('start'))} {text_value(data.get('protocol'))}".lower()
    )


def export_name(text: str, kind: str, language: str = "nl") -> str:
    """The file name of an export: `2026-11-22 1400 zeven-stappen (anoniem).md`, never a person's name."""
    data = front_matter(text)
    scrub = _scrubber(_replacements(data, (), language))
    when = f"{text_value(data.get('date'))[:10]} {clock_value(data.get('start')).replace(':', '')}".strip()
    name = scrub(f"{when} {text_value(data.get('protocol'))} ({kind})")
    return re.sub(r"[^\w .()-]+", "-", name).strip(" .-")[:100] + ".md"


def attendance(text: str, language: str = "nl", scrub: tuple[str, ...] = ()) -> str:
    """Proof of attendance: date, times, duration, participants and protocol; none of the content.

    With `scrub`, those names (someone who asks not to be named, say) are replaced in it as in `anonymise`.
    """
    data = front_matter(text)
    texts = Texts(language)
    people = list(names_value(data.get("participants")))
    date = data.get("date")
    kept: dict[str, Any] = {
        "protocol": text_value(data.get("protocol")),
        "protocol_name": text_value(data.get("protocol_name")),
        "group": text_value(data.get("group")),
        "date": date if isinstance(date, dt.date) else text_value(date),
        "start": text_value(data.get("start")),
        "end": text_value(data.get("end")),
        "actual_minutes": number_value(data.get("actual_minutes")),
        "participants": people,
    }
    label = {key: texts(f"export.attendance.{key}") for key in ("date", "time", "duration", "method", "group")}
    when = f"{clock_value(kept['start'])}–{clock_value(kept['end'])}".strip("–")
    lines = [
        "---",
        yaml.safe_dump(kept, allow_unicode=True, sort_keys=False).rstrip(),
        "---",
        "",
        f"# {texts('export.attendance.title')}",
        "",
        f"- **{label['date']}:** {kept['date'] or ''}",
        f"- **{label['time']}:** {when}",
        f"- **{label['duration']}:** {texts('minutes.minutes', minutes=kept['actual_minutes'] or 0)}",
        f"- **{label['method']}:** {markdown_text.inline(kept['protocol_name'] or kept['protocol'])}",
        f"- **{label['group']}:** {markdown_text.inline(kept['group'])}",
        f"- **{texts('export.attendance.participants')}:** {markdown_text.inline(', '.join(people))}",
        "",
    ]
    scrubbed = _with_parts({_norm(name): texts("export.name") for name in scrub if name.strip()})
    return _scrubber(scrubbed)("\n".join(lines))
