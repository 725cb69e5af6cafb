"""The invitation a moderator sends before a (chat) session, and the template for topic proposals.

Owns the room name (from `secrets`: 20 characters of a 32-letter alphabet, 100 bits, so nobody guesses it and
no other group lands in it by chance), the Jitsi Meet link on a configurable host (`--host`, or `jitsi_host` in
settings.json), the warnings the method's own limits give (a chat session of more than an hour, a group outside
5–15) and the invitation's Markdown text in Dutch: when, where, how long, the chat rules, what to prepare and
how to reach the moderator. Saving goes through the store's atomic 0600 writes in a 0700 folder.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from ..words import Texts
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

CHAT_RULES = (
    "Wat in de chat gedeeld wordt, blijft binnen de groep.",
    "Schrijf wat je echt denkt en voelt, niet wat wenselijk klinkt.",
    "Stel vragen uit nieuwsgierigheid en met de bedoeling de ander te helpen.",
    "Tijdens een stilte typt niemand, ook de moderator niet.",
    "Typt iedereen door elkaar, wacht dan even: de moderator brengt orde aan.",
    "De moderator bewaakt de tijd en de afspraken; volg zijn of haar aanwijzingen.",
)
PREPARATION = {
    "chat-intervisie": (
        "Verzamel je bijdragen aan de check-outs sinds de vorige intervisie.",
        "Vat de vervolgacties samen die je toen van plan was.",
        "Schrijf bij elke actie op wat je ervan gedaan hebt en wat niet, en waarom.",
        "Houd die tekst bij de hand: je plakt hem aan het begin van de sessie in de chat.",
    ),
    "chat-vragenronde": (
        "Breng je een casus in? Werk hem vooraf uit en eindig met één concrete hulpvraag.",
        "Ben je groepslid? Lees de gedeelde casussen en bedenk alvast een vraag die helpt.",
    ),
}
GENERAL_PREPARATION = (
    "Doe mee vanaf een laptop of computer, op een rustige plek.",
    "Zet meldingen van mail en andere apps uit.",
    "Open de link een paar minuten van tevoren, zodat je op tijd binnen bent.",
)
TOPIC_TEMPLATE = (
    "Een heldere vraag: …",
    "Een korte persoonlijke inleiding (waarom raakt deze vraag jou?): …",
    "Een link naar een bron om te lezen of te bekijken: …",
)


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
        """The invitation as Markdown, in Dutch, ready to send."""
        end_minutes = self.start.hour * 60 + self.start.minute + self.minutes
        end = f"{end_minutes // 60 % 24:02d}:{end_minutes % 60:02d}"
        unit = "minuut" if self.minutes == 1 else "minuten"
        lines = [
            f"# Uitnodiging: {self.protocol.name}" + (f" – {self.group}" if self.group else ""),
            "",
            f"- **Wanneer:** {self.day.isoformat()}, {self.start:%H:%M}–{end} ({self.minutes} {unit})",
            f"- **Waar:** {self.link}",
            f"- **Kamernaam** (als je die op de startpagina van {self.host} intypt): `{self.room}`",
        ]
        if self.contact:
            lines.append(f"- **Contact met de moderator:** {self.contact}")
        lines += ["", "## Afspraken in de chat", "", *(f"- {rule}" for rule in CHAT_RULES), ""]
        preparation = (*GENERAL_PREPARATION, *PREPARATION.get(self.protocol.id, ()))
        lines += ["## Je voorbereiding", "", *(f"- {step}" for step in preparation), ""]
        lines += [
            "## Een onderwerp voorstellen",
            "",
            "Heb je een onderwerp voor een volgende keer? Stuur de moderator:",
            "",
            *(f"- {item}" for item in TOPIC_TEMPLATE),
            "",
            "Deel deze link alleen met de deelnemers.",
            "",
        ]
        return "\n".join(lines)


def topic_proposal_template() -> str:
    """The three parts of a topic proposal, as lines to paste into the chat at check-out."""
    return "\n".join(TOPIC_TEMPLATE)


def save_invitation(invitation: Invitation, root: Path | None = None) -> Path:
    """Write the invitation to `invitations/` in the data folder (0600, never over an existing file)."""
    from .store import StoreError, atomic_write, private_dir, safe_name

    folder = (root or data_dir()) / "invitations"
    label = safe_name(f"{invitation.day.isoformat()} {invitation.start:%H%M} {invitation.group or 'uitnodiging'}")
    try:
        private_dir(folder.parent)
        private_dir(folder)
        path, number = folder / f"{label}.md", 1
        while path.exists():
            number += 1
            path = folder / f"{label} ({number}).md"
        atomic_write(path, invitation.markdown())
    except OSError as exc:
        raise StoreError(f"cannot save the invitation in {folder}: {exc.strerror or exc}") from None
    return path
