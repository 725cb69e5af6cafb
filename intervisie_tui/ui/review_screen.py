"""The review screen: past sessions newest first, their minutes, search, open actions and exports.

Owns what `intervisie minutes` shows: a table of sessions (date, group, protocol, case-bringer, duration), the
selected minutes rendered as Markdown, a search box over all minutes, the open actions of the selected group
(core/archive.py's one definition), the two exports (anonymised, attendance only), written to the data folder
under names without a person's name and copied to the clipboard, and deleting a session for good after a
confirmation. Files the archive cannot read are named in a notification and skipped.

The table is paged: the first frame holds one page of the newest sessions (after a quick look at the folder's
names only); more rows are added as the cursor or the scroll nears the end, and every file is checked in a
worker after the first frame, which reloads the rows shown when it found an edit.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Markdown

from ..core import markdown_text
from ..core.archive import ArchiveError, MinutesFileError, MinutesSummary, read_minutes
from ..core.errors import UserError
from ..core.exports import anonymise, attendance, export_name
from ..core.privacy import delete_session, record_export
from ..core.safe_text import visible
from ..core.store import Store, atomic_write, private_dir
from . import timefmt
from .breakpoints import preset_breakpoints
from .dialogs import ConfirmDialog, show_help
from .literal import short_name
from .notes_area import FieldInput, run_own_binding
from .settle import keys_delivered
from .strings import Texts
from .typed_app import intervisie_app

PAGE = 100
NEAR_END = 10


class SessionTable(DataTable[Text]):
    """The table of sessions, moving its cursor as each key reaches it: Textual moves it only after the key
    has gone round to the app, later than a priority key read with it (Down then ctrl+t acted on the row
    left)."""

    async def _on_key(self, event: events.Key) -> None:
        await run_own_binding(self, event)


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
        self.total = 0
        self.words = ""
        self.shown_text = ""
        self.aside = False  # the preview shows open actions or an export, not the selected minutes
        self.shown_for: str | None = None  # the id of the session that was selected when the preview was made
        for key, action, label in (
            ("ctrl+f", "search", "review.key.search"),
            ("ctrl+t", "open_actions", "review.key.actions"),
            ("ctrl+e", "export_anonymous", "review.key.anonymous"),
            ("ctrl+d", "export_attendance", "review.key.attendance"),
            ("ctrl+y", "copy", "review.key.copy"),
            ("delete", "delete", "review.key.delete"),
            ("escape", "back", "key.close"),
        ):
            self._bindings.bind(key, action, self.texts(label), priority=key not in ("escape", "delete"))
        self._bindings.bind("f1", "help", self.texts("key.help"), show=False, priority=True)

    def compose(self) -> ComposeResult:
        yield FieldInput(placeholder=self.texts("review.search"), id="review-search")
        with Horizontal(id="review-body"):
            yield SessionTable(id="review-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="review-preview"):
                yield Markdown("", id="review-markdown")
        yield Footer(compact=True, show_command_palette=False)  # ctrl+p still works; its hint left no room

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(self.texts(f"review.col.{c}") for c in ("date", "group", "protocol", "bringer", "time")))
        self.load(quick=True)
        self.set_focus(table)
        self.watch(table, "scroll_y", self._scrolled, init=False)
        self.call_after_refresh(self.run_worker, self._check_every_file, thread=True, exit_on_error=False)

    def _check_every_file(self) -> None:
        """After the first frame: every file's stat; the rows shown are read again when one changed, and each
        file that cannot be read is named."""
        try:
            archive = self.store.archive()
            changed = archive.refresh()
            problems = archive.problems()
        except ArchiveError:
            return
        if changed:
            self.app.call_from_thread(self.load)
        if problems:
            self.app.call_from_thread(self._report, problems)

    def _report(self, problems: list[tuple[Path, MinutesFileError]]) -> None:
        for path, reason in problems:
            message = self.texts("review.skipped", path=visible(path.name), reason=reason.message(self.texts))
            self.notify(message, severity="warning", timeout=10, markup=False)

    def load(self, quick: bool = False) -> None:
        """The listing (or the search results) from the top, as far down as needed to show `select`."""
        try:
            archive = self.store.archive()
            if self.words:
                found = archive.search(self.words, limit=PAGE)
                self.show([summary for summary, _ in found], found.total)
                return
            total = archive.count("names" if quick else "none")
            wanted = archive.position(self.select) if self.select else None
            rows = max(PAGE, (wanted or 0) + NEAR_END + 1)
            self.show(archive.page(0, rows, "none"), total)
        except ArchiveError as exc:
            self.notify(visible(exc.message(self.texts)), severity="error", timeout=10, markup=False)
            self.show([], 0)

    def _more(self) -> None:
        """The next page of the listing, added below the rows shown."""
        if self.words or len(self.summaries) >= self.total:
            return
        try:
            page = self.store.archive().page(len(self.summaries), PAGE, "none")
        except ArchiveError as exc:
            self.notify(visible(exc.message(self.texts)), severity="error", timeout=10, markup=False)
            return
        if not page:
            self.total = len(self.summaries)
        self.summaries += page
        self._add_rows(page)

    def _scrolled(self) -> None:
        table = self.query_one(DataTable)
        if table.scroll_y >= table.max_scroll_y - NEAR_END:
            self._more()

    def _when(self, summary: MinutesSummary) -> str:
        """The session's date and time as a person reads it: `22-11-2026 14:00` in Dutch, ISO in English."""
        date = summary.dutch_date() if self.texts.language == "nl" else summary.date
        return f"{date} {summary.start}".strip()

    def show(self, summaries: list[MinutesSummary], total: int) -> None:
        selected = self.selected
        keep = self.select or (selected.id if selected else None)
        self.summaries, self.total, self.select = summaries, total, None
        table = self.query_one(DataTable)
        table.clear()
        self._add_rows(summaries)
        if not summaries:
            self._preview(self._nothing_shown())
            return
        ids = [s.id for s in summaries]
        table.move_cursor(row=ids.index(keep) if keep in ids else 0)
        self._preview_selected()

    def _nothing_shown(self) -> str:
        """Why the table is empty: a search without hits names its words (literally); else the archive is empty."""
        if self.words:
            return self.texts("review.no_hits", words=markdown_text.inline(self.words))
        return self.texts("review.empty")

    def _add_rows(self, summaries: list[MinutesSummary]) -> None:
        table = self.query_one(DataTable)
        for summary in summaries:
            cells = (
                self._when(summary),
                short_name(summary.group) or "–",
                summary.protocol,
                ", ".join(short_name(name) for name in summary.case_bringers) or "–",
                f"{summary.actual_minutes} min",
            )
            table.add_row(*(Text(visible(cell)) for cell in cells), key=str(summary.path))

    @property
    def selected(self) -> MinutesSummary | None:
        table = self.query_one(DataTable)
        if not self.summaries or table.cursor_row is None or table.cursor_row >= len(self.summaries):
            return None
        return self.summaries[table.cursor_row]

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._follow_cursor()
        if event.cursor_row >= len(self.summaries) - NEAR_END:
            self._more()

    def _follow_cursor(self) -> None:
        """The preview follows the cursor, replaced only when it belongs to another row than the one under the
        cursor now: a highlight can arrive after an action on its row (Down ctrl+t in one read) opened its
        actions, which must stay open."""
        selected = self.selected
        if selected is not None and selected.id != self.shown_for:
            self._preview_selected()

    def _preview_selected(self) -> None:
        summary = self.selected
        if summary is None:
            return
        self._preview(self._read(summary))

    async def _settled(self) -> MinutesSummary | None:
        """The row under the cursor once the keys typed before a priority key are in (Down then ctrl+t in one
        read: the table moves after ctrl+t is read), with the preview brought up to date for it."""
        await keys_delivered(self.app)
        self._follow_cursor()
        return self.selected

    def _read(self, summary: MinutesSummary) -> str:
        try:
            return read_minutes(summary.path)
        except MinutesFileError as exc:
            self.notify(f"{visible(summary.path.name)}: {exc.message(self.texts)}", severity="error", markup=False)
            return ""

    def _preview(self, text: str, aside: bool = False) -> None:
        self.shown_text, self.aside = text, aside
        selected = self.selected
        self.shown_for = selected.id if selected else None
        body = text
        if text.startswith("---\n") and "\n---\n" in text[4:]:
            body = text[text.index("\n---\n", 4) + 5 :]
        self.query_one("#review-markdown", Markdown).update(visible(body, multiline=True))

    @on(Input.Submitted, "#review-search")
    def _search(self, event: Input.Submitted) -> None:
        self.words, self.select = event.value.strip(), None
        self.load()
        self.set_focus(self.query_one(DataTable))

    def action_help(self) -> None:
        show_help(self, self.texts)

    def action_search(self) -> None:
        self.set_focus(self.query_one("#review-search", Input))

    async def action_open_actions(self) -> None:
        """The selected group's open actions, as the next session of the group will carry them over."""
        summary = await self._settled()
        if summary is None:
            return
        try:
            items = self.store.archive().last_open_actions(summary.group)
        except ArchiveError as exc:
            self.notify(exc.message(self.texts), severity="error", markup=False)
            return
        group = markdown_text.inline(summary.group or "–")
        lines = [f"# {self.texts('review.open_actions', group=group)}", "", *(item.markdown() for item in items)]
        if not items:
            lines.append(self.texts("review.no_open_actions"))
        self._preview("\n".join(lines) + "\n", aside=True)

    def _export(self, summary: MinutesSummary, text: str, suffix: str) -> None:
        try:
            folder = private_dir(self.store.root / "exports")
            target = folder / export_name(self._read(summary), suffix, self.texts.language)
            atomic_write(target, text)
            record_export(self.store.root, summary.id, target)
        except OSError as exc:
            self.notify(visible(str(exc.strerror or exc)), severity="error", markup=False)
            return
        self._preview(text, aside=True)
        intervisie_app(self).copy_text(text)
        message = self.texts("review.exported", path=visible(timefmt.display_path(target)))
        self.notify(message, timeout=8, markup=False)

    async def action_export_anonymous(self) -> None:
        summary = await self._settled()
        if summary is not None:
            text = anonymise(self._read(summary), (), self.texts.language)
            self._export(summary, text, self.texts("export.kind.anonymous"))

    async def action_export_attendance(self) -> None:
        summary = await self._settled()
        if summary is not None:
            text = attendance(self._read(summary), self.texts.language)
            self._export(summary, text, self.texts("export.kind.attendance"))

    def action_delete(self) -> None:
        """Delete the selected session for good, after a confirmation that names only its date and time."""
        summary = self.selected
        if summary is None:
            return

        def answered(answer: bool | None) -> None:
            if not answer:
                return
            try:
                removed = delete_session(self.store.root, self.store.archive(), summary)
            except (OSError, UserError) as exc:
                self.notify(str(getattr(exc, "strerror", None) or exc), severity="error", markup=False)
                return
            self.notify(self.texts("review.deleted", count=len(removed)), timeout=6)
            self.select = None
            self.load()

        question = self.texts("review.confirm_delete", when=self._when(summary))
        dialog = ConfirmDialog(
            question, self.texts("review.yes_delete"), self.texts("review.no_delete"), dangerous=True
        )
        self.app.push_screen(dialog, answered)

    async def action_copy(self) -> None:
        await self._settled()

        def report(copied: bool) -> None:
            self.notify(self.texts("review.copied" if copied else "clipboard.failed"), timeout=4, markup=False)

        if self.shown_text:
            intervisie_app(self).copy_text(self.shown_text, report)

    def action_back(self) -> None:
        """Escape steps back one thing at a time: from open actions or an export to the minutes, from a search
        to the whole list, and only then out of the review."""
        search = self.query_one("#review-search", Input)
        if self.aside:
            self.aside = False
            self._preview_selected()
        elif self.words or search.value:
            search.value, self.words = "", ""
            self.load()
            self.set_focus(self.query_one(DataTable))
        elif len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()
