"""The checklist of conditions before a session, as a dialog over the start screen.

Owns showing the toolkit's checklist (the bundled one with the user's additions; `intervisie checklist` prints
the same) section by section, each point as an open box, scrollable in a small terminal. Its texts come from
files and are shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..core.toolkit import ChecklistSection
from .dialogs import Dialog
from .literal import literal
from .strings import Texts


class ChecklistDialog(Dialog[None]):
    """The checklist; Escape, Enter or the key that opened it closes it."""

    DEFAULT_CSS = """
    .checklist-box { height: 90%; padding: 0 1; }
    .checklist-box .dialog-question { margin-bottom: 0; }
    .checklist-box .dialog-hint { margin-top: 0; }
    #checklist-scroll { height: 1fr; }
    .checklist-section { text-style: bold; margin-top: 1; }
    """
    BINDINGS = [Binding("escape,enter,ctrl+l,q", "dismiss(None)", show=False)]

    def __init__(self, texts: Texts, sections: Sequence[ChecklistSection]) -> None:
        super().__init__(classes="dialog")
        self.texts, self.sections = texts, sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box checklist-box"):
            yield Static(literal(self.texts("checklist.title")), classes="dialog-question")
            with VerticalScroll(id="checklist-scroll"):
                for section in self.sections:
                    yield Static(literal(section.title), classes="checklist-section")
                    points = Content("\n").join(Content.assemble("[ ] ", literal(item)) for item in section.items)
                    yield Static(points)
            yield Static(literal(self.texts("checklist.hint")), classes="dialog-hint")
