"""The end screen: planned against actual per step, the total overrun, and where the minutes are.

Owns what a moderator sees after finishing: a table of every step, the totals, the minutes file path (the file
the app actually wrote, and the people's edited file kept beside it when there is one), and a key to open them
in the review screen. Plans are the ones the moderator left with ±1 minute: the difference is counted from them,
and the planned column shows the minutes added or taken beside the time.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ..core.session import Session
from ..core.store import SessionFiles, Store
from . import timefmt
from .breakpoints import preset_breakpoints
from .literal import literal, literal_text
from .session_view import pace_text
from .strings import Texts
from .typed_app import intervisie_app


class EndScreen(Screen[None]):
    """Planned vs actual per step, total overrun, and the minutes file."""

    DEFAULT_CSS = """
    #end { padding: 1 2; }
    #end-title { text-style: bold; color: $accent; }
    #end-total { margin-bottom: 1; }
    #end-table { height: 1fr; }
    #end-path { margin-top: 1; color: $text-muted; }
    EndScreen.-short #end { padding: 0 2; }
    EndScreen.-short #end-total { margin-bottom: 0; }
    EndScreen.-short #end-path { margin-top: 0; }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (16, "-tall")]
    """Below 16 lines the spacing gives way, so the minutes' path (which holds the group's name) stays on screen."""

    def __init__(self, session: Session, store: Store, files: SessionFiles, texts: Texts) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.session, self.store, self.files, self.texts = session, store, files, texts
        self._bindings.bind("o", "open_minutes", self.texts("key.open_minutes"), priority=True)
        self._bindings.bind("q,ctrl+q", "app.quit", self.texts("key.quit"), priority=True)

    def compose(self) -> ComposeResult:
        session, texts = self.session, self.texts
        planned = session.planned_total(with_extensions=True)
        pace = pace_text(session.elapsed_total() - planned, texts)
        with Vertical(id="end"):
            yield Static(texts("end.title"), id="end-title")
            yield Static(
                texts(
                    "end.total",
                    planned=planned_with_change(planned, session.extensions_total()),
                    actual=timefmt.elapsed(session.elapsed_total()),
                    diff=pace,
                ),
                id="end-total",
            )
            yield DataTable(id="end-table", cursor_type="row", zebra_stripes=True)
            yield Static(literal(self.saved_text(), multiline=True), id="end-path")
        yield Footer()

    def saved_text(self) -> str:
        """Where the app wrote the minutes; and, when people changed the first file meanwhile, that it stays too."""
        written = self.store.minutes_path(self.files)
        text = self.texts("end.saved", path=timefmt.display_path(written))
        if written != self.files.minutes and self.files.minutes.exists():
            text += "\n" + self.texts("end.kept", path=timefmt.display_path(self.files.minutes))
        return text

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        texts = self.texts
        table.add_columns(texts("end.step"), texts("end.planned"), texts("end.actual"), texts("end.diff"))
        for step in self.session.steps:
            actual = self.session.elapsed(step.index)
            planned = self.session.planned(step.index)
            diff = "" if planned is None else timefmt.minutes_difference(actual - planned)
            extension = self.session.states[step.index].extension
            planned_text = "–" if planned is None else planned_with_change(planned, extension)
            table.add_row(literal_text(step.label_in(self.texts)), planned_text, timefmt.elapsed(actual), diff)
        intervisie_app(self).set_terminal_title(f"{texts('end.title')} · intervisie")

    def action_open_minutes(self) -> None:
        from ..core.archive import ArchiveError
        from .review_screen import ReviewScreen

        try:
            select = self.store.archive().listed_id(self.store.minutes_path(self.files)) or self.files.session_id
        except ArchiveError:
            select = self.files.session_id
        self.app.push_screen(ReviewScreen(self.store, self.texts, select=select))


def planned_with_change(planned: float, change: float) -> str:
    """`11:00` or, after the moderator added or took minutes, `11:00 (+1 min)`."""
    if not timefmt.whole_minutes(change):
        return timefmt.elapsed(planned)
    return f"{timefmt.elapsed(planned)} ({timefmt.minutes_difference(change)})"
