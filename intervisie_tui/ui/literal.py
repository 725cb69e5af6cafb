"""Text from people and protocol files, ready to be shown: literal, never markup, never terminal control.

Owns the one way the UI turns such a string into something a widget shows. A plain `str` handed to a
Static, a notification, an option list, a selection list or a table cell is read as Textual/Rich markup
there ("Eva [/stagiair]" crashes, "[coach]" vanishes, "[@click=app.quit]" becomes a button), and Textual
writes control characters to the terminal as they are (an ESC in a title could set the window title). Every
shown string therefore goes through `safe_text.visible` and into a `Content` or a `Text`, which are literal.
A name on a one-line place (the step's header, the turns, the clock's speaker, the resume offer) is cut to
`NAME_CELLS` with an ellipsis, so a pasted 5000-character name never pushes the notes off the screen.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.content import Content

from ..core.safe_text import visible

NAME_CELLS = 40
"""The most terminal cells a name takes in a line that also says other things."""


def short_name(name: str, cells: int = NAME_CELLS) -> str:
    """`name` made visible and, when longer than `cells`, cut to fit them with an ellipsis at the end."""
    shown = visible(name)
    if cell_len(shown) <= cells:
        return shown
    return set_cell_size(shown, cells - 1).rstrip() + "…"


def literal(text: str, *, multiline: bool = False) -> Content:
    """`text` as Textual content shown exactly as written, control characters made visible."""
    return Content(visible(text, multiline=multiline))


def literal_text(text: str, *, multiline: bool = False, style: str = "") -> Text:
    """`text` as a Rich `Text` (for tables and Rich-built panes), shown exactly as written."""
    return Text(visible(text, multiline=multiline), style=style)
