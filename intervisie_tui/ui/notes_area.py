"""The text widgets people type notes and fields into.

Owns three guards. Textual runs a widget's own key bindings (Ctrl+U, Home, End, Ctrl+Z, ...) only after the
key has gone round: to the widget, back up to the app, then the action; the text typed right after such a
key in the same read (SSH, remote desktop, a text expander, a fast typist) is already in the widget by then,
so Ctrl+U then "Onderwerp" erased the word and End then "x" put the x before the cursor moved. These widgets
run their own bindings when the key reaches them, in order with the keys around it.

Textual 8.2's TextArea divides by its content width when it draws a placeholder, which is
zero for a moment while a small terminal lays out; then it draws a blank line instead of crashing. And
Textual writes whatever a TextArea or Input holds to the terminal as it is, control characters included, so
text that arrives by paste or is loaded from a file has its control characters made visible first (typed
keys cannot carry them); a paste's line ends, which terminals send as CR, become new lines.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, TextArea

from ..core.safe_text import pasted, visible


async def run_own_binding(widget: Widget, event: events.Key) -> None:
    """Run the widget's own (non-priority) binding for a key as the key arrives, in order with typed text;
    the key then goes no further (Textual would otherwise run the binding again, late)."""
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()
            event.prevent_default()
            return


class NotesArea(TextArea):
    """A soft-wrapping TextArea that survives a zero width and never holds terminal control."""

    def __init__(self, text: str = "", **options: Any) -> None:
        super().__init__(visible(text, multiline=True), **options)

    def render_line(self, y: int) -> Strip:
        if self.content_size.width <= 0:
            return Strip.blank(self.size.width)
        return super().render_line(y)

    def load_text(self, text: str) -> None:
        super().load_text(visible(text, multiline=True))

    async def _on_paste(self, event: events.Paste) -> None:
        """Runs before TextArea's own paste handler, which then inserts the cleaned text."""
        event.text = pasted(event.text)

    async def _on_key(self, event: events.Key) -> None:
        """Runs before TextArea's own key handler (which inserts what is typed)."""
        await run_own_binding(self, event)


class FieldInput(Input):
    """A one-line field that never holds terminal control."""

    def __init__(self, value: str = "", **options: Any) -> None:
        super().__init__(visible(value), **options)

    def _on_paste(self, event: events.Paste) -> None:
        """Runs before Input's own paste handler, which inserts the first line: cleaned as one line of text."""
        event.text = visible(pasted(event.text).split("\n")[0])

    async def _on_key(self, event: events.Key) -> None:
        """Runs before Input's own key handler (which inserts what is typed)."""
        await run_own_binding(self, event)


class NamesInput(FieldInput):
    """A field for a list of names: a pasted list of several lines becomes names separated by commas."""

    def _on_paste(self, event: events.Paste) -> None:
        """Runs before FieldInput's handler: one name per line (a column copied from a sheet) joins into one line."""
        names = (line.strip(" \t,;") for line in pasted(event.text).split("\n"))
        event.text = ", ".join(name for name in names if name)
