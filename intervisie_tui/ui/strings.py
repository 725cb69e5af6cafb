"""Every text the app shows, in Dutch (the default) and English.

Owns the choice of language (`--lang`, else the locale: English for an English locale, Dutch otherwise) and
the lookup `Texts(...)("key", name=value)`. A key missing in English falls back to Dutch.
"""

from __future__ import annotations

import locale
import os

from ..core.protocol import Capture, Rule

NL: dict[str, str] = {
    # keys and actions
    "key.toggle": "Start/pauze",
    "key.next": "Volgende",
    "key.previous": "Vorige stap",
    "key.speaker": "Spreker",
    "key.plus": "+1 min",
    "key.minus": "−1 min",
    "key.copy": "Kopieer",
    "key.notes": "Alle notities",
    "key.jump": "Naar stap",
    "key.help": "Hulp",
    "key.quit": "Stop",
    "key.finish": "Sessie afronden",
    "key.start": "Start sessie",
    "key.open_minutes": "Open notulen",
    "key.close": "Sluiten",
    # session screen
    "status.not_started": "Klaar om te beginnen · {shortcut} start de klok",
    "status.paused": "⏸ Gepauzeerd · {shortcut} gaat verder",
    "status.running": "▶ Loopt",
    "status.finished": "Afgerond",
    "overrun": "UITLOOP",
    "open_step": "open tijd",
    "step_of": "Stap {n} van {total}",
    "case_bringer": "Inbrenger: {name}",
    "figures": "Verstreken {elapsed} · gepland einde {planned} · verwacht einde {projected}",
    "ahead": "{minutes} min voor",
    "behind": "{minutes} min achter",
    "on_time": "op schema",
    "goal": "Doel",
    "say": "Zeg of plak",
    "tips": "Tips",
    "questions": "Voorbeeldvragen",
    "turn.now": "Aan het woord: {name} {used}/{share}",
    "turn.next": "Daarna: {name}",
    "turn.waiting": "Nog niet: {names}",
    "turn.done": "Iedereen is aan de beurt geweest.",
    "notes": "Notities",
    "field.placeholder": "typ hier (Tab of klik om naar dit veld te gaan)",
    "field.actions_placeholder": "Bo: rooster maken voor de komende week",
    "silence.title": "Stilte",
    "silence.body": "Niemand typt, ook de moderator niet.",
    "silence.locked": "Stilte: de notities zijn op slot tot de stilte voorbij is.",
    "alert.warning": "Nog {minutes} voor {step}",
    "alert.end": "De tijd voor {step} is om",
    "copied": "Prompt gekopieerd naar het klembord",
    "copied.fallback": "Prompt staat klaar; kon het klembord niet bereiken, kopieer hem uit het promptvenster",
    "save.failed": "Opslaan lukt niet ({reason}); je notities blijven bewaard in het geheugen",
    "save.recovered": "Opslaan lukt weer",
    "confirm.quit": "Sessie stoppen? De notulen zijn bewaard; ga later verder met 'intervisie resume'.",
    "confirm.finish": "Sessie afronden? De klok stopt en de notulen worden afgesloten.",
    "yes.quit": "Stoppen",
    "yes.finish": "Afronden",
    "no": "Doorgaan",
    "jump.title": "Naar welke stap?",
    "notes.title": "Alle notities (bewerkbaar)",
    "help.title": "Toetsen",
    "help.body": "Alle toetsen werken ook terwijl je typt. ctrl+p opent het commandopalet.",
    # start screen
    "start.title": "Nieuwe intervisie",
    "start.protocol": "Methode",
    "start.group": "Groep",
    "start.topic": "Onderwerp (optioneel)",
    "start.participants": "Deelnemers (met komma's)",
    "start.moderator": "Moderator / begeleider",
    "start.notulist": "Notulist",
    "start.case_bringers": "Inbrenger(s), in volgorde",
    "start.choices": "Duur per stap",
    "start.group.example": "bijv. Team onderbouw",
    "start.topic.example": "bijv. Lastige oudergesprekken",
    "start.participants.example": "bijv. Ann, Bo, Cas, Dirk",
    "start.moderator.example": "wie begeleidt",
    "start.notulist.example": "wie notuleert",
    "start.case_bringers.example": "bijv. Bo (of Bo, Cas)",
    "start.summary": "Gepland: {minutes} min · klaar rond {end}",
    "start.warn_group": "Let op: {n} deelnemers; deze methode is bedoeld voor {low}–{high}.",
    "start.warn_total": "Let op: {minutes} min is meer dan de {limit} min die deze methode aanhoudt.",
    "start.hint": "Enter start de sessie · Tab naar het volgende veld",
    # end screen
    "end.title": "Sessie afgerond",
    "end.total": "Gepland {planned} · werkelijk {actual} · {diff}",
    "end.saved": "Notulen opgeslagen in: {path}",
    "end.step": "Stap",
    "end.planned": "Gepland",
    "end.actual": "Werkelijk",
    "end.diff": "Verschil",
    # rules
    Rule.SILENCE: "stilte: niemand typt",
    Rule.CASE_BRINGER_LISTENS: "inbrenger luistert alleen",
    Rule.QUESTIONS_ONLY: "alleen vragen, geen adviezen",
    Rule.WRITE_FIRST: "eerst schrijven, dan spreken",
    # captured fields
    Capture.HELP_QUESTION: "Hulpvraag",
    Capture.LEARNING_QUESTION: "Leervraag",
    Capture.CORE_QUESTION: "Kernvraag",
    Capture.REFORMULATED_QUESTION: "Geherformuleerde hulpvraag",
    Capture.ACTION_PLAN: "Actieplan (één actie per regel, 'Naam: actie')",
}

EN: dict[str, str] = {
    "key.toggle": "Start/pause",
    "key.next": "Next",
    "key.previous": "Previous step",
    "key.speaker": "Speaker",
    "key.plus": "+1 min",
    "key.minus": "−1 min",
    "key.copy": "Copy",
    "key.notes": "All notes",
    "key.jump": "Go to step",
    "key.help": "Help",
    "key.quit": "Quit",
    "key.finish": "Finish session",
    "key.start": "Start session",
    "key.open_minutes": "Open minutes",
    "key.close": "Close",
    "status.not_started": "Ready · {shortcut} starts the clock",
    "status.paused": "⏸ Paused · {shortcut} continues",
    "status.running": "▶ Running",
    "status.finished": "Finished",
    "overrun": "OVERRUN",
    "open_step": "open time",
    "step_of": "Step {n} of {total}",
    "case_bringer": "Case-bringer: {name}",
    "figures": "Elapsed {elapsed} · planned end {planned} · projected end {projected}",
    "ahead": "{minutes} min ahead",
    "behind": "{minutes} min behind",
    "on_time": "on time",
    "goal": "Goal",
    "say": "Say or paste",
    "tips": "Tips",
    "questions": "Example questions",
    "turn.now": "Speaking: {name} {used}/{share}",
    "turn.next": "Next: {name}",
    "turn.waiting": "Not yet: {names}",
    "turn.done": "Everyone has had a turn.",
    "notes": "Notes",
    "field.placeholder": "type here (Tab or click to get to this field)",
    "field.actions_placeholder": "Bo: make a timetable for next week",
    "silence.title": "Silence",
    "silence.body": "Nobody types, the moderator included.",
    "silence.locked": "Silence: the notes are locked until the silence ends.",
    "alert.warning": "{minutes} left for {step}",
    "alert.end": "Time is up for {step}",
    "copied": "Prompt copied to the clipboard",
    "copied.fallback": "Could not reach the clipboard; copy the prompt from the prompt pane",
    "save.failed": "Cannot save ({reason}); your notes are kept in memory",
    "save.recovered": "Saving works again",
    "confirm.quit": "Quit the session? The minutes are saved; continue later with 'intervisie resume'.",
    "confirm.finish": "Finish the session? The clock stops and the minutes are closed.",
    "yes.quit": "Quit",
    "yes.finish": "Finish",
    "no": "Continue",
    "jump.title": "Go to which step?",
    "notes.title": "All notes (editable)",
    "help.title": "Keys",
    "help.body": "Every key also works while you type. ctrl+p opens the command palette.",
    "start.title": "New intervisie",
    "start.protocol": "Method",
    "start.group": "Group",
    "start.topic": "Topic (optional)",
    "start.participants": "Participants (comma-separated)",
    "start.moderator": "Moderator / facilitator",
    "start.notulist": "Note-taker",
    "start.case_bringers": "Case-bringer(s), in order",
    "start.choices": "Minutes per step",
    "start.group.example": "e.g. Year 1 team",
    "start.topic.example": "e.g. Difficult parent meetings",
    "start.participants.example": "e.g. Ann, Bo, Cas, Dirk",
    "start.moderator.example": "who facilitates",
    "start.notulist.example": "who takes notes",
    "start.case_bringers.example": "e.g. Bo (or Bo, Cas)",
    "start.summary": "Planned: {minutes} min · done around {end}",
    "start.warn_group": "Note: {n} participants; this method is meant for {low}–{high}.",
    "start.warn_total": "Note: {minutes} min is more than the {limit} min this method keeps to.",
    "start.hint": "Enter starts the session · Tab to the next field",
    "end.title": "Session finished",
    "end.total": "Planned {planned} · actual {actual} · {diff}",
    "end.saved": "Minutes saved in: {path}",
    "end.step": "Step",
    "end.planned": "Planned",
    "end.actual": "Actual",
    "end.diff": "Difference",
    Rule.SILENCE: "silence: nobody types",
    Rule.CASE_BRINGER_LISTENS: "case-bringer only listens",
    Rule.QUESTIONS_ONLY: "questions only, no advice",
    Rule.WRITE_FIRST: "write first, then speak",
    Capture.HELP_QUESTION: "Help question",
    Capture.LEARNING_QUESTION: "Learning question",
    Capture.CORE_QUESTION: "Core question",
    Capture.REFORMULATED_QUESTION: "Reformulated question",
    Capture.ACTION_PLAN: "Action plan (one action per line, 'Name: action')",
}

LANGUAGES = {"nl": NL, "en": EN}


def pick_language(requested: str | None) -> str:
    """The UI language: the one asked for, else English for an English locale, else Dutch."""
    if requested in LANGUAGES:
        return requested
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else "nl"
    code = locale.getlocale()[0] or ""
    return "en" if code.lower().startswith("en") else "nl"


class Texts:
    """Looks up UI texts in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "nl"
        self._table = LANGUAGES[self.language]

    def __call__(self, key: str, **values: object) -> str:
        text = self._table.get(key) or NL.get(key, key)
        return text.format(**values) if values else text
