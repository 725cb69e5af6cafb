"""The command palette in the app's language.

Owns `Palette`: Textual's command palette whose "no matches" line comes from the words package (Textual
writes it in English inside a private method, so that one method is given again here; textual is pinned to
a minor range for such private parts).
"""

from __future__ import annotations

from typing import Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class Palette(CommandPalette):
    """The command palette; `no_matches` is shown when a search finds nothing."""

    def __init__(self, no_matches: str, **options: Any) -> None:
        super().__init__(**options)
        self.no_matches = no_matches
        self.no_matches_after = self._NO_MATCHES_COUNTDOWN
        """Seconds of searching before "no matches" shows (Textual's delay, so it does not flash while typing)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(self.no_matches, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self.no_matches_after, show_no_matches)
