"""The review screen: past sessions newest first, their minutes, search, open actions and exports.

Owns what `intervisie minutes` shows: a table of sessions (date, group, protocol, case-bringer, duration), the
selected minutes rendered as Markdown, a search box over all minutes, the open actions across the selected
group's sessions, and the two exports (anonymised, attendance only), written to the data folder and copied
to the clipboard.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Markdown

from ..core.archive import ArchiveError, MinutesSummary, task_items
from ..core.exports import anonymise, attendance
from ..core.safe_text import visible
from ..core.store import Store, atomic_write, private_dir, safe_name
from . import timefmt
from .breakpoints import preset_breakpoints
from .literal import literal_text
from .strings import Texts


class ReviewScreen(Screen[None]):
    """Browse, search and export saved minutes."""

    DEFAULT_CSS = """
    #review-search { margin: 0 1; }
    #review-body { height: 1fr; }
    #review-table { width: 50%; }
    #review-preview { width: 1fr; padding: 0 1; }
    ReviewScreen.-narrow #review-table { width: 1fr; height: 40%; }
    ReviewScreen.-narrow #review-body { layout: vertical; }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]

    def __init__(self, store: Store, texts: Texts, select: str | None = None) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.store, self.texts, self.select = store, texts, select
        self.summaries: list[MinutesSummary] = []
        self.shown_text = ""
        for key, action, label in (
            ("ctrl+f", "search", "review.key.search"),
            ("ctrl+t", "open_actions", "review.key.actions"),
            ("ctrl+e", "export_anonymous", "review.key.anonymous"),
            ("ctrl+d", "export_attendance", "review.key.attendance"),
            ("ctrl+y", "copy", "review.key.copy"),
            ("escape", "back", "key.close"),
        ):
            self._bindings.bind(key, action, self.texts(label), priority=key != "escape")

    def compose(self) -> ComposeResult:
        yield Input(placeholder=self.texts("review.search"), id="review-search")
        with Horizontal(id="review-body"):
            yield DataTable(id="review-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="review-preview"):
                yield Markdown("", id="review-markdown")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(self.texts(f"review.col.{c}") for c in ("date", "group", "protocol", "bringer", "time")))
        self.show(self._summaries())
        table.focus()

    def _summaries(self, words: str = "") -> list[MinutesSummary]:
        try:
            archive = self.store.archive()
            return [summary for summary, _ in archive.search(words)] if words else archive.summaries()
        except ArchiveError as exc:
            self.notify(visible(str(exc)), severity="error", timeout=10, markup=False)
            return []

    def show(self, summaries: list[MinutesSummary]) -> None:
        self.summaries = summaries
        table = self.query_one(DataTable)
        table.clear()
        for summary in summaries:
            table.add_row(
                literal_text(f"{summary.date[2:]} {summary.start}"),
                literal_text(summary.group or "–"),
                literal_text(summary.protocol),
                literal_text(", ".join(summary.case_bringers) or "–"),
                literal_text(f"{summary.actual_minutes} min"),
                key=summary.id,
            )
        if not summaries:
            self._preview(self.texts("review.empty"))
            return
        ids = [s.id for s in summaries]
        table.move_cursor(row=ids.index(self.select) if self.select in ids else 0)
        self._preview_selected()

    @property
    def selected(self) -> MinutesSummary | None:
        table = self.query_one(DataTable)
        if not self.summaries or table.cursor_row is None or table.cursor_row >= len(self.summaries):
            return None
        return self.summaries[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._preview_selected()

    def _preview_selected(self) -> None:
        summary = self.selected
        if summary is None:
            return
        try:
            text = summary.path.read_text(encoding="utf-8")
        except OSError as exc:
            text = f"*{exc.strerror or exc}*"
        self._preview(text)

    def _preview(self, text: str) -> None:
        self.shown_text = text
        body = text
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            body = text[text.index("\n---\n", 4) + 5 :]
        self.query_one("#review-markdown", Markdown).update(visible(body, multiline=True))

    @on(Input.Submitted, "#review-search")
    def _search(self, event: Input.Submitted) -> None:
        self.show(self._summaries(event.value.strip()))
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#review-search", Input).focus()

    def action_open_actions(self) -> None:
        """All open action items of the selected group's sessions, newest first."""
        summary = self.selected
        if summary is None:
            return
        lines = [f"# {self.texts('review.open_actions', group=summary.group or '–')}", ""]
        for other in self._summaries():
            if other.group != summary.group:
                continue
            try:
                items = [i for i in task_items(other.path.read_text(encoding="utf-8")) if not i.done]
            except OSError:
                continue
            if items:
                lines += [f"## {other.date} {other.start} · {other.protocol_name}", ""]
                lines += [item.markdown() for item in items] + [""]
        self._preview("\n".join(lines))

    def _export(self, text: str, suffix: str) -> None:
        summary = self.selected
        if summary is None:
            return
        folder = private_dir(self.store.root / "exports")
        target = folder / f"{safe_name(summary.path.stem, 60)} ({suffix}).md"
        try:
            atomic_write(target, text)
        except OSError as exc:
            self.notify(visible(str(exc.strerror or exc)), severity="error", markup=False)
            return
        self._preview(text)
        copy = getattr(self.app, "copy_text", None)
        if copy is not None:
            copy(text)
        message = self.texts("review.exported", path=visible(timefmt.display_path(target)))
        self.notify(message, timeout=8, markup=False)

    def action_export_anonymous(self) -> None:
        summary = self.selected
        if summary is not None:
            self._export(anonymise(summary.path.read_text(encoding="utf-8"), (), self.texts.language), "anoniem")

    def action_export_attendance(self) -> None:
        summary = self.selected
        if summary is not None:
            self._export(attendance(summary.path.read_text(encoding="utf-8"), self.texts.language), "deelname")

    def action_copy(self) -> None:
        copy = getattr(self.app, "copy_text", None)
        if copy is not None and self.shown_text:
            copy(self.shown_text)
            self.notify(self.texts("review.copied"), timeout=4)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()
