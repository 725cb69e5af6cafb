"""The invitation a moderator sends before a (chat) session.

Owns the room name (from `secrets`: 20 characters of a 32-letter alphabet, 100 bits, so nobody guesses it and
no other group lands in it by chance), the Jitsi Meet link on a configurable host (`--host`, or `jitsi_host` in
settings.json), the warnings the method's own limits give (a chat session of more than an hour, a group outside
5–15) and the invitation's Markdown text in the language it is made in (the app's, or the command's `--lang`):
when, where, how long, the chat rules, what to prepare, how to propose a topic and how to reach the moderator.
Its own words come from the words tables; the method's name, the group, the contact line and the link are
written as given. Saving goes through the store's atomic 0600 writes in a 0700 folder.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from ..words import DEFAULT, Texts
from .errors import UserError
from .paths import data_dir, user_config_path
from .protocol import Protocol
from .safe_text import visible

DEFAULT_HOST = "meet.jit.si"
DEFAULT_PROTOCOL = "chat-sessie"
# Lowercase letters and digits without the look-alikes l, o, 0 and 1: 32 symbols, 5 bits each.
ROOM_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
ROOM_LENGTH = 20
HOST_PATTERN = re.compile(r"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$")

# The preparation that a method asks of its participants, beyond the general lines (keys in the words tables).
PREPARATION = {
    "chat-intervisie": "invite.doc.preparation.chat_intervisie",
    "chat-vragenronde": "invite.doc.preparation.chat_vragenronde",
}


class InvitationError(UserError):
    """An invitation cannot be made as asked; the message says why in one line."""


def room_name() -> str:
    """A room name nobody can guess: `intervisie-` and four groups of five random symbols (100 bits)."""
    symbols = "".join(secrets.choice(ROOM_ALPHABET) for _ in range(ROOM_LENGTH))
    return "intervisie-" + "-".join(symbols[i : i + 5] for i in range(0, ROOM_LENGTH, 5))


def parse_day(text: str) -> date:
    """The day of the session from `YYYY-MM-DD`; raises InvitationError for anything else."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvitationError.words("cli.not_a_day", value=visible(text)) from None


def parse_time(text: str) -> time:
    """The start time from `HH:MM`; raises InvitationError for anything else."""
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError:
        raise InvitationError.words("cli.not_a_time", value=visible(text)) from None


def check_host(host: str) -> str:
    """A host name for the meeting link, lowercased; raises InvitationError for anything else."""
    host = host.strip().lower().removeprefix("https://").rstrip("/")
    if not HOST_PATTERN.match(host):
        raise InvitationError.words("error.not_a_host", host=host)
    return host


def configured_host(settings_file: Path | None = None) -> str:
    """The meeting host from `jitsi_host` in settings.json, else meet.jit.si."""
    path = settings_file or user_config_path() / "settings.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DEFAULT_HOST
    value = data.get("jitsi_host") if isinstance(data, dict) else None
    if not isinstance(value, str):
        return DEFAULT_HOST
    return check_host(value)


@dataclass(frozen=True)
class Invitation:
    """Everything an invitation says."""

    protocol: Protocol
    group: str
    day: date
    start: time
    minutes: int
    room: str
    host: str = DEFAULT_HOST
    contact: str = ""
    size: int | None = None
    language: str = DEFAULT

    @property
    def link(self) -> str:
        return f"https://{self.host}/{self.room}"

    def warnings(self, texts: Texts | None = None) -> list[str]:
        """What goes past the method's own limits (duration, group size), one line each, in `texts`' language."""
        texts = texts or Texts("en")
        found = []
        limit = self.protocol.total_minutes
        if limit is not None and limit.high is not None and self.minutes > limit.high:
            found.append(texts("invite.warn_minutes", minutes=self.minutes, limit=f"{limit.high:g}"))
        if self.size is not None and self.protocol.group_size is not None:
            low, high = self.protocol.group_size
            if not low <= self.size <= high:
                found.append(texts("invite.warn_size", count=self.size, low=low, high=high))
        return found

    def markdown(self) -> str:
        """The invitation as Markdown in its own language, ready to send."""
        texts = Texts(self.language)
        end_minutes = self.start.hour * 60 + self.start.minute + self.minutes
        end = f"{end_minutes // 60 % 24:02d}:{end_minutes % 60:02d}"
        duration = texts("invite.doc.minutes", count=self.minutes)
        title = texts("invite.doc.title", method=self.protocol.name)
        group, contact = visible(self.group), visible(self.contact)  # one line each, bidi controls shown
        lines = [
            f"# {title}" + (f" – {group}" if group else ""),
            "",
            f"- **{texts('invite.doc.when')}:** {self.day.isoformat()}, {self.start:%H:%M}–{end} ({duration})",
            f"- **{texts('invite.doc.where')}:** {self.link}",
            f"- **{texts('invite.doc.room')}** ({texts('invite.doc.room_hint', host=self.host)}): `{self.room}`",
        ]
        if contact:
            lines.append(f"- **{texts('invite.doc.contact')}:** {contact}")
        rules = texts("invite.doc.rules").splitlines()
        lines += ["", f"## {texts('invite.doc.rules_heading')}", "", *(f"- {rule}" for rule in rules), ""]
        preparation = texts("invite.doc.preparation").splitlines()
        if self.protocol.id in PREPARATION:
            preparation += texts(PREPARATION[self.protocol.id]).splitlines()
        lines += [f"## {texts('invite.doc.preparation_heading')}", "", *(f"- {step}" for step in preparation), ""]
        lines += [
            f"## {texts('invite.doc.topic_heading')}",
            "",
            texts("invite.doc.topic_intro"),
            "",
            *texts("topic.template").splitlines()[1:],
            "",
            texts("invite.doc.share"),
            "",
        ]
        return "\n".join(lines)


def save_invitation(invitation: Invitation, root: Path | None = None) -> Path:
    """Write the invitation to `invitations/` in the data folder (0600, never over an existing file)."""
    from .store import atomic_write, private_dir, safe_name

    folder = (root or data_dir()) / "invitations"
    name = invitation.group or Texts(invitation.language)("invite.doc.file")
    label = safe_name(f"{invitation.day.isoformat()} {invitation.start:%H%M} {name}")
    try:
        private_dir(folder.parent)
        private_dir(folder)
        path, number = folder / f"{label}.md", 1
        while path.exists():
            number += 1
            path = folder / f"{label} ({number}).md"
        atomic_write(path, invitation.markdown())
    except OSError as exc:
        raise InvitationError.words("invite.cannot_save", folder=folder, reason=exc.strerror or exc) from None
    return path
