"""The UI's way into the words package: screens import `Texts` from here (the words live in intervisie_tui/words)."""

from __future__ import annotations

from ..words import EN, LANGUAGES, NL, Texts, pick_language

__all__ = ["EN", "LANGUAGES", "NL", "Texts", "pick_language"]
