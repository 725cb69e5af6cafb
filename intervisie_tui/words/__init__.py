"""Every word a person reads, in Dutch (the default) and English: screens, minutes, exports and the command line.

Owns the two tables (`nl.py`, `en.py`: key -> text), the choice of language (`--lang`, else the settings, else
the locale: English for an English locale, Dutch otherwise), the lookup `Texts(language)("key", name=value)` and
plural forms: a key with `.one` and `.other` variants picks by its `count` value, so
`texts("review.deleted", count=1)` reads "Verwijderd: 1 bestand", with 3 "… 3 bestanden". A key missing in English
falls back to Dutch. argparse's own messages ("usage:", "the following arguments are required") have a table of
their own, by argparse's wording, for the command line's gettext hook. Imports nothing from the app or from
Textual, so the core, the UI and the command line all use it.
"""

from __future__ import annotations

import os
import sys

from .en import EN
from .nl import ARGPARSE_NL, NL

LANGUAGES: dict[str, dict[str, str]] = {"nl": NL, "en": EN}
# argparse's messages by its own (English) wording; English needs no table.
ARGPARSE: dict[str, dict[str, str]] = {"nl": ARGPARSE_NL, "en": {}}
DEFAULT = "nl"


def pick_language(requested: str | None) -> str:
    """The language: the one asked for, else English for an English locale, else Dutch.

    The C and POSIX locales (what a bare environment, cron or CI has, which Python reports as en_US) say
    nothing about the person, so they give the default, Dutch. Only Windows, which sets no LANG, is asked
    for its locale.
    """
    if requested in LANGUAGES:
        return requested
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else "nl"
    if sys.platform == "win32":
        import locale

        code = locale.getlocale()[0] or ""
        return "en" if code.lower().startswith("en") else "nl"
    return DEFAULT


def plural_key(key: str, count: int) -> str:
    """The variant of a plural key for a number: `key.one` for exactly one, else `key.other`."""
    return f"{key}.one" if count in (1, -1) else f"{key}.other"


class Texts:
    """Looks up texts in one language (an unknown language is Dutch)."""

    def __init__(self, language: str | None) -> None:
        self.language = language if language in LANGUAGES else DEFAULT
        self._table = LANGUAGES[self.language]

    def __call__(self, key: str, /, **values: object) -> str:
        """The text of `key` with `{name}` fields filled in; a plural key picks its form by `count`."""
        count = values.get("count")
        if isinstance(count, int) and not isinstance(count, bool) and f"{key}.one" in NL:
            key = plural_key(key, count)
        text = self._table.get(key) or NL.get(key, key)
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """Whether the key has a text (in this language or the Dutch it falls back to)."""
        return key in self._table or key in NL


def argparse_text(language: str, message: str) -> str:
    """One of argparse's messages in a language (argparse's own English where there is no translation)."""
    return ARGPARSE.get(language, {}).get(message, message)


__all__ = ["ARGPARSE", "DEFAULT", "EN", "LANGUAGES", "NL", "Texts", "argparse_text", "pick_language", "plural_key"]
