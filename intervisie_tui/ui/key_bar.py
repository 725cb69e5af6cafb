"""The session screen's footer: the keys that drive a session, always visible, clickable.

Owns one line of key hints drawn in the first frame. Textual's Footer builds a widget per key after the
screen has mounted, which made the session screen's first full frame arrive 80 ms later than the rest of
it (measured by benchmarks/startup.py); this bar is one widget that knows its keys from the start. A click
on a hint runs that key's action, as the Footer would.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget


class KeyBar(Widget):
    """`^t Start/pauze  ^n Volgende …` and, at the right, the command palette hint."""

    COMPONENT_CLASSES = {"key-bar--key"}
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    """

    def __init__(self, keys: list[tuple[str, str, str]], palette: str, *, id: str | None = None) -> None:
        """`keys` are (key, action, label); `palette` is the label of ctrl+p."""
        super().__init__(id=id)
        self.keys = keys
        self.palette = palette
        self._spans: list[tuple[int, int, str]] = []

    @staticmethod
    def short(key: str) -> str:
        return key.replace("ctrl+", "^")

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for key, action, label in self.keys:
            start = text.cell_len
            text.append(f" {self.short(key)} ", style=key_style)
            text.append(f"{label} ")
            self._spans.append((start, text.cell_len, action))
        hint = f" ^p {self.palette} "
        room = self.size.width - text.cell_len - len(hint)
        if room > 0:
            text.append(" " * room)
            start = text.cell_len
            text.append(" ^p ", style=key_style)
            text.append(f"{self.palette} ")
            self._spans.append((start, text.cell_len, "app.command_palette"))
        return text

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                await self.app.run_action(action, self.screen)
                return
