"""The start screen: choose a protocol, say who takes part, and start.

Owns the form a moderator fills in before a session: the protocol (the seven-step one preselected, so Enter
starts), the group, participants and their roles, the case-bringers in order, a choice inside each duration
range, the planned total and end time, and warnings (never blocks) about group size and total time. The last
group's participants come back by themselves.
"""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..core.catalog import Catalog
from ..core.clock import Clock
from ..core.protocol import Protocol
from ..core.session import Setup
from ..core.store import Store
from ..names import names
from ..protocol_text import describe_protocol, minutes_text
from .breakpoints import preset_breakpoints
from .literal import literal
from .strings import Texts


class StartScreen(Screen[None]):
    """Collects a protocol and a Setup, then asks the app to start the session."""

    DEFAULT_CSS = """
    #start { padding: 0 1; }
    #start-title { text-style: bold; color: $accent; margin-bottom: 1; }
    #start-top { height: 12; }
    #protocols { width: 46; height: 100%; }
    #protocol-info-scroll { width: 1fr; height: 100%; padding: 0 1; }
    #form { grid-size: 2; grid-columns: 30 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto; margin-top: 1; }
    .form-label { color: $text-muted; height: 1; }
    .form-input { border: none; height: 1; background: $boost; }
    .form-input:focus { background: $accent 30%; }
    #choices { height: auto; margin-top: 1; }
    .section-label { text-style: bold; }
    .choice-row { height: 1; }
    .choice-row .form-label { width: 30; }
    .choice { border: none; height: 1; width: 10; background: $boost; }
    #summary { margin-top: 1; text-style: bold; }
    #warnings { color: $warning; }
    #start-actions { height: 3; margin-top: 1; }
    #start-hint { color: $text-muted; padding: 1 2; }
    StartScreen.-narrow #protocol-info-scroll { display: none; }
    StartScreen.-narrow #protocols { width: 1fr; }
    StartScreen.-narrow #form { grid-columns: 14 1fr; }
    StartScreen.-medium #protocols { width: 36; }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (96, "-wide")]

    def __init__(self, catalog: Catalog, store: Store, clock: Clock, texts: Texts) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.catalog, self.store, self.clock, self.texts = catalog, store, clock, texts
        self._bindings.bind("ctrl+s", "start", self.texts("key.start"), priority=True)
        self._bindings.bind("ctrl+q", "app.quit", self.texts("key.quit"), priority=True)

    @property
    def protocol(self) -> Protocol:
        options = self.query_one("#protocols", OptionList)
        index = options.highlighted or 0
        return self.catalog.entries[index].protocol

    def compose(self) -> ComposeResult:
        texts = self.texts
        with VerticalScroll(id="start"):
            yield Static(texts("start.title"), id="start-title")
            with Horizontal(id="start-top"):
                yield OptionList(
                    *(Option(literal(e.protocol.name), id=e.protocol.id) for e in self.catalog.entries),
                    id="protocols",
                )
                with VerticalScroll(id="protocol-info-scroll"):
                    yield Static("", id="protocol-info")
            with Grid(id="form"):
                for key, field_id in (
                    ("start.group", "group"),
                    ("start.topic", "topic"),
                    ("start.participants", "participants"),
                    ("start.moderator", "moderator"),
                    ("start.notulist", "notulist"),
                    ("start.case_bringers", "case-bringers"),
                ):
                    yield Static(texts(key), classes="form-label")
                    yield Input(id=field_id, classes="form-input", placeholder=texts(f"{key}.example"))
            yield Vertical(id="choices")
            yield Static("", id="summary")
            yield Static("", id="warnings")
            with Horizontal(id="start-actions"):
                yield Button(texts("key.start"), id="start-button", variant="success")
                yield Static(texts("start.hint"), id="start-hint")
        yield Footer()

    def on_mount(self) -> None:
        group = self.store.last_group()
        if group:
            self.query_one("#group", Input).value = group
            self._fill_remembered(group)
        options = self.query_one("#protocols", OptionList)
        options.highlighted = 0
        options.focus()
        self._protocol_changed()

    def _fill_remembered(self, group: str) -> None:
        remembered = self.store.last_participants(group)
        for field_id in ("participants", "moderator", "notulist", "case-bringers"):
            value = remembered.get(field_id)
            widget = self.query_one(f"#{field_id}", Input)
            if isinstance(value, str) and not widget.value:
                widget.value = value

    @on(OptionList.OptionHighlighted, "#protocols")
    def _highlighted(self) -> None:
        self._protocol_changed()

    @on(OptionList.OptionSelected, "#protocols")
    @on(Input.Submitted)
    @on(Button.Pressed, "#start-button")
    def _submitted(self) -> None:
        self.action_start()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "group":
            self._fill_remembered(event.value.strip())
        self._update_summary()

    def _protocol_changed(self) -> None:
        protocol = self.protocol
        info = literal(describe_protocol(protocol, self.texts.language), multiline=True)
        self.query_one("#protocol-info", Static).update(info)
        box = self.query_one("#choices", Vertical)
        box.remove_children()
        widgets: list[Static | Input | Horizontal] = []
        for phase in protocol.all_phases():
            if phase.minutes.is_range and phase.minutes.default is not None:
                label = Static(
                    literal(f"{phase.title} ({minutes_text(phase.minutes, self.texts.language)})"),
                    classes="form-label",
                )
                value = Input(f"{phase.minutes.default:g}", id=f"choice-{phase.id}", type="number", classes="choice")
                widgets.append(Horizontal(label, value, classes="choice-row"))
        if widgets:
            widgets.insert(0, Static(self.texts("start.choices"), classes="section-label"))
        box.mount_all(widgets)
        box.display = bool(widgets)
        self._update_summary()

    def choices(self) -> dict[str, float]:
        chosen: dict[str, float] = {}
        for widget in self.query(".choice").results(Input):
            try:
                chosen[(widget.id or "").removeprefix("choice-")] = float(widget.value)
            except ValueError:
                continue
        return chosen

    def setup(self) -> Setup:
        def value(field_id: str) -> str:
            return self.query_one(f"#{field_id}", Input).value.strip()

        case_bringers = names(value("case-bringers"))
        participants = names(value("participants"))
        participants += tuple(
            n for n in (value("moderator"), value("notulist"), *case_bringers) if n and n not in participants
        )
        return Setup(
            title=value("topic"),
            group=value("group"),
            participants=participants,
            case_bringers=case_bringers,
            moderator=value("moderator"),
            notulist=value("notulist"),
            choices=self.choices(),
        )

    def _update_summary(self) -> None:
        protocol = self.protocol
        setup = self.setup()
        minutes = protocol.planned_minutes(max(len(setup.case_bringers), 1), setup.choices)
        end = self.clock.now() + timedelta(minutes=minutes)
        self.query_one("#summary", Static).update(
            self.texts("start.summary", minutes=f"{minutes:g}", end=end.strftime("%H:%M"))
        )
        warnings = []
        size = protocol.group_size
        if size and setup.participants and not size[0] <= len(setup.participants) <= size[1]:
            warnings.append(self.texts("start.warn_group", count=len(setup.participants), low=size[0], high=size[1]))
        limit = protocol.total_minutes
        if limit and limit.high is not None and minutes > limit.high:
            warnings.append(self.texts("start.warn_total", minutes=f"{minutes:g}", limit=f"{limit.high:g}"))
        self.query_one("#warnings", Static).update("\n".join(warnings))

    def action_start(self) -> None:
        setup = self.setup()
        if setup.group:
            self.store.remember_group(
                setup.group,
                {
                    "participants": ", ".join(setup.participants),
                    "moderator": setup.moderator,
                    "notulist": setup.notulist,
                    "case-bringers": ", ".join(setup.case_bringers),
                },
            )
        start = getattr(self.app, "start_session", None)
        if start is not None:
            start(self.protocol, setup)
