"""The start screen: choose a protocol, say who takes part, and start.

Owns the form a moderator fills in before a session: the protocol (the seven-step one preselected, so Enter
starts), the group, participants and their roles, the case-bringers in order, a choice inside each duration
range, whether to open with a check-in and close with a check-out, the planned total and end time, and warnings
(never blocks) about group size and total time. The last group's participants and roles come back by
themselves; its case-bringers do not (the group chooses anew). It offers to resume the latest session when
that one was interrupted (starting a new one keeps it), and shows the checklist of conditions on request. F3
opens the invitation screen and F4 the preparation texts, both for the group typed here; F9 the case-writing
screen (ui/case_screen.py) for that group. For a protocol with an introduction step (chat-sessie), the group's
topic proposals are listed; the one highlighted becomes its words.

Every field is a one-line compact input, so the text typed is visible while it has focus, and only the fields
and buttons take focus: Tab walks them in the order they are shown.
"""

from __future__ import annotations

from datetime import timedelta

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ..core.added_steps import added_phases, check_in_phase, check_out_phase, has_own
from ..core.catalog import Catalog
from ..core.clock import Clock
from ..core.proposals import TopicProposal
from ..core.protocol import Protocol
from ..core.safe_text import visible
from ..core.session import Session, Setup, Status
from ..core.store import SessionFiles, SessionFinishedError, Store, StoreError
from ..names import names
from ..protocol_text import describe_protocol, minutes_text
from .breakpoints import preset_breakpoints
from .checklist_dialog import ChecklistDialog
from .dialogs import show_help
from .literal import NAME_CELLS, literal, short_name
from .notes_area import FieldInput, NamesInput
from .settle import keys_delivered, move_focus
from .strings import Texts
from .toggles import OnOffBox
from .topic_dialog import proposal_label
from .typed_app import intervisie_app

NAME_LISTS = ("participants", "case-bringers")
"""The fields that hold a list of names (a pasted column of names becomes one list)."""


class StartScreen(Screen[None]):
    """Collects a protocol and a Setup, then asks the app to start the session."""

    DEFAULT_CSS = """
    #start { padding: 0 1; }
    #start-title { text-style: bold; color: $accent; }
    #prepare-keys { color: $text-muted; margin-bottom: 1; }
    #resume { height: auto; margin-bottom: 1; background: $warning 15%; }
    #resume-text { width: 1fr; padding: 0 1; }
    #resume-button { margin-left: 1; }
    #start-top { height: 12; }
    #protocols { width: 46; height: 100%; }
    #protocol-info-scroll { width: 1fr; height: 100%; padding: 0 1; }
    #form { grid-size: 2; grid-columns: 30 1fr; grid-rows: 1; grid-gutter: 0 1; height: auto; margin-top: 1; }
    .form-label { color: $text-muted; height: 1; }
    .form-input { background: $boost; }
    .form-input:focus { background: $accent 30%; }
    #choices { height: auto; margin-top: 1; }
    .section-label { text-style: bold; }
    .choice-row { height: 1; }
    .choice-row .form-label { width: 30; }
    .choice { width: 10; background: $boost; }
    #openings { height: auto; margin-top: 1; }
    #openings Checkbox { margin-right: 2; }
    #openings Checkbox:focus { background: $accent 30%; }
    #proposal-row { height: auto; margin-top: 1; }
    #proposal-row .form-label { width: 30; }
    #start-proposals { width: 1fr; height: auto; max-height: 4; background: $boost; }
    #summary { margin-top: 1; text-style: bold; }
    #warnings { color: $warning; }
    #start-actions { height: 3; margin-top: 1; }
    #start-hint { color: $text-muted; padding: 1 2; }
    StartScreen.-short #prepare-keys { display: none; }
    StartScreen.-narrow #protocol-info-scroll { display: none; }
    StartScreen.-narrow #protocols { width: 1fr; }
    StartScreen.-narrow #form { grid-columns: 14 1fr; }
    StartScreen.-narrow #openings { layout: vertical; }
    StartScreen.-narrow #resume { layout: vertical; }
    StartScreen.-narrow #resume-button { margin: 0 1; }
    StartScreen.-short #start-title { display: none; }
    StartScreen.-short #start-top { height: 5; }
    StartScreen.-short #resume { margin-bottom: 0; }
    StartScreen.-medium #protocols { width: 36; }
    """

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-medium"), (96, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    def __init__(self, catalog: Catalog, store: Store, clock: Clock, texts: Texts) -> None:
        super().__init__()
        preset_breakpoints(self)
        self.catalog, self.store, self.clock, self.texts = catalog, store, clock, texts
        self._bindings.bind("ctrl+s", "start", self.texts("key.start"), priority=True)
        self._bindings.bind("tab", "next_field", show=False, priority=True)
        self._bindings.bind("shift+tab", "previous_field", show=False, priority=True)
        self._bindings.bind("ctrl+r", "resume", self.texts("key.resume"), priority=True)
        self._bindings.bind("ctrl+l", "checklist", self.texts("key.checklist"), priority=True)
        self._bindings.bind("ctrl+q", "app.quit", self.texts("key.quit"), priority=True)
        self._bindings.bind("f3", "invitation", self.texts("key.invitation"), show=False, priority=True)
        self._bindings.bind("f4", "prep_text", self.texts("key.prep_text"), show=False, priority=True)
        self._bindings.bind("f9", "write_case", self.texts("key.case"), show=False, priority=True)
        self._bindings.bind("f1", "help", self.texts("key.help"), show=False, priority=True)
        self.interrupted: tuple[SessionFiles, Session] | None = None
        self.proposals: tuple[TopicProposal, ...] = ()
        self._starting = False

    @property
    def protocol(self) -> Protocol:
        options = self.query_one("#protocols", OptionList)
        index = options.highlighted or 0
        return self.catalog.entries[index].protocol

    def compose(self) -> ComposeResult:
        texts = self.texts
        with VerticalScroll(id="start", can_focus=False):
            yield Static(texts("start.title"), id="start-title")
            yield Static(texts("start.prepare_keys"), id="prepare-keys")
            with Horizontal(id="resume"):
                yield Static("", id="resume-text")
                yield Button(texts("key.resume"), id="resume-button", variant="warning", compact=True)
            with Horizontal(id="start-top"):
                yield OptionList(
                    *(Option(literal(e.protocol.name), id=e.protocol.id) for e in self.catalog.entries),
                    id="protocols",
                )
                with VerticalScroll(id="protocol-info-scroll", can_focus=False):
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
                    field = NamesInput if field_id in NAME_LISTS else FieldInput
                    yield field(id=field_id, classes="form-input", placeholder=texts(f"{key}.example"), compact=True)
            yield Vertical(id="choices")
            with Horizontal(id="openings"):
                yield OnOffBox(texts("start.check_in"), id="check-in", compact=True)
                yield OnOffBox(texts("start.check_out"), id="check-out", compact=True)
            with Horizontal(id="proposal-row"):
                yield Static(texts("start.proposal"), classes="form-label")
                yield OptionList(id="start-proposals", compact=True)
            yield Static("", id="summary")
            yield Static("", id="warnings")
            with Horizontal(id="start-actions"):
                yield Button(texts("key.start"), id="start-button", variant="success")
                yield Static(texts("start.hint"), id="start-hint")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._offer_resume()
        group = self.store.last_group()
        if group:
            self.query_one("#group", Input).value = visible(group)
            self._fill_remembered(group)
        options = self.query_one("#protocols", OptionList)
        options.highlighted = 0
        self.set_focus(options)
        self._protocol_changed()

    def _fill_remembered(self, group: str) -> None:
        remembered = self.store.last_participants(group)
        for field_id in ("participants", "moderator", "notulist"):
            value = remembered.get(field_id)
            widget = self.query_one(f"#{field_id}", Input)
            if isinstance(value, str) and not widget.value:
                widget.value = visible(value)

    def _find_interrupted(self) -> tuple[SessionFiles, Session] | None:
        """The latest saved session when it was not finished; a damaged one is reported, never offered."""
        try:
            if not any(self.store.sessions_dir.glob("*.json")):
                return None
            files, session = self.store.load(None, self.clock)
        except SessionFinishedError:
            return None
        except StoreError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return None
        except OSError:
            return None
        return None if session.status is Status.FINISHED else (files, session)

    def _offer_resume(self) -> None:
        """Show the interrupted session, its group and step, with the key that resumes it."""
        files_session = self._find_interrupted()
        self.interrupted = files_session
        self.refresh_bindings()
        self.query_one("#resume").display = files_session is not None
        if files_session is not None:
            session = files_session[1]
            who = short_name(session.setup.group or session.setup.title) or self.texts("start.resume.no_group")
            text = self.texts(
                "start.resume",
                group=who,
                n=session.current + 1,
                total=len(session.steps),
                step=short_name(session.step.title, 2 * NAME_CELLS),
            )
            self.query_one("#resume-text", Static).update(literal(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+r (and its footer key) only while there is an interrupted session to resume."""
        return self.interrupted is not None if action == "resume" else True

    def action_help(self) -> None:
        show_help(self, self.texts)

    @on(Button.Pressed, "#resume-button")
    def action_resume(self) -> None:
        if self.interrupted is not None and self.app.screen is self:
            intervisie_app(self).resume_session(*self.interrupted)

    async def action_next_field(self) -> None:
        await move_focus(self)

    async def action_previous_field(self) -> None:
        await move_focus(self, back=True)

    def action_checklist(self) -> None:
        from ..core.toolkit import load_toolkit

        self.app.push_screen(ChecklistDialog(self.texts, load_toolkit().checklist))

    async def action_invitation(self) -> None:
        """F3: the invitation screen, for this screen's group and, when it is a chat protocol, its method."""
        from ..core.invitation import DEFAULT_PROTOCOL
        from .invitation_screen import InvitationScreen

        await keys_delivered(self.app)
        if self.app.screen is not self:
            return
        setup, protocol = self.setup(), self.protocol
        if not protocol.id.startswith("chat-"):
            entry = self.catalog.get(DEFAULT_PROTOCOL)
            protocol = entry.protocol if entry is not None else protocol
        host = intervisie_app(self).settings.jitsi_host
        screen = InvitationScreen(
            self.texts, protocol, self.store.root, group=setup.group, size=len(setup.participants), host=host
        )
        self.app.push_screen(screen)

    async def action_prep_text(self) -> None:
        """F4: the preparation texts of this screen's group's participants."""
        from .prep_text_screen import PrepTextScreen

        await keys_delivered(self.app)
        if self.app.screen is not self:
            return
        setup = self.setup()
        self.app.push_screen(PrepTextScreen(self.texts, self.store, group=setup.group, participants=setup.participants))

    def action_write_case(self) -> None:
        """F9: write or edit a prepared case, for the group in the form."""
        from ..core.cases import CaseStore
        from .case_screen import CaseScreen

        group = self.query_one("#group", Input).value.strip()
        self.app.push_screen(CaseScreen(CaseStore(self.store.root), self.texts, group=group))

    @on(OptionList.OptionHighlighted, "#protocols")
    def _highlighted(self) -> None:
        self._protocol_changed()

    @on(OptionList.OptionSelected, "#protocols")
    @on(OptionList.OptionSelected, "#start-proposals")
    @on(Input.Submitted)
    @on(Button.Pressed, "#start-button")
    async def _submitted(self) -> None:
        await self.action_start()

    @on(Checkbox.Changed)
    def _opening_changed(self) -> None:
        self._update_summary()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "group":
            self._fill_remembered(event.value.strip())
            self._offer_proposals()
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
                value = FieldInput(
                    f"{phase.minutes.default:g}", id=f"choice-{phase.id}", type="number", classes="choice", compact=True
                )
                widgets.append(Horizontal(label, value, classes="choice-row"))
        if widgets:
            widgets.insert(0, Static(self.texts("start.choices"), classes="section-label"))
        box.mount_all(widgets)
        box.display = bool(widgets)
        for checkbox_id, phase, default in (
            ("check-in", check_in_phase(), protocol.check_in),
            ("check-out", check_out_phase(), protocol.check_out),
        ):
            checkbox = self.query_one(f"#{checkbox_id}", Checkbox)
            checkbox.display = not has_own(protocol, phase)
            with checkbox.prevent(Checkbox.Changed):
                checkbox.value = default
        self._offer_proposals()
        self._update_summary()

    def _offer_proposals(self) -> None:
        """For a protocol with an introduction step: the group's topic proposals to take as its messages."""
        from ..core.kinds import kind_traits
        from ..core.proposals import ProposalStore

        group = self.query_one("#group", Input).value.strip()
        takes = any(kind_traits(phase.kind).takes_proposal for phase in self.protocol.phases)
        self.proposals = tuple(ProposalStore(self.store.root).all(group)) if takes and group else ()
        options = self.query_one("#start-proposals", OptionList)
        options.clear_options()
        options.add_option(Option(self.texts("start.proposal.none"), id="none"))
        options.add_options([Option(proposal_label(p), id=str(i)) for i, p in enumerate(self.proposals)])
        options.highlighted = 0
        self.query_one("#proposal-row").display = bool(self.proposals)

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
            check_in=self.query_one("#check-in", Checkbox).value,
            check_out=self.query_one("#check-out", Checkbox).value,
            proposal=self.chosen_proposal(),
        )

    def chosen_proposal(self) -> TopicProposal | None:
        """The topic proposal highlighted in the list (when it is shown); None for the method's own words."""
        index = self.query_one("#start-proposals", OptionList).highlighted
        return self.proposals[index - 1] if self.proposals and index else None

    def _update_summary(self) -> None:
        protocol = self.protocol
        setup = self.setup()
        minutes = protocol.planned_minutes(max(len(setup.case_bringers), 1), setup.choices)
        added = sum(
            (phase.minutes.choose(None) or 0.0)
            for phase in added_phases(
                protocol, check_in=setup.wants_check_in(protocol), check_out=setup.wants_check_out(protocol)
            )
            if phase is not None
        )
        end = self.clock.now() + timedelta(minutes=minutes + added)
        self.query_one("#summary", Static).update(
            self.texts("start.summary", minutes=f"{minutes + added:g}", end=end.strftime("%H:%M"))
        )
        warnings = []
        size = protocol.group_size
        if size and setup.participants and not size[0] <= len(setup.participants) <= size[1]:
            warnings.append(self.texts("start.warn_group", count=len(setup.participants), low=size[0], high=size[1]))
        limit = protocol.total_minutes
        if limit and limit.high is not None and minutes > limit.high:
            warnings.append(self.texts("start.warn_total", minutes=f"{minutes:g}", limit=f"{limit.high:g}"))
        shown = self.query_one("#warnings", Static)
        shown.update("\n".join(warnings))
        shown.display = bool(warnings)

    async def action_start(self) -> None:
        """Start the session with what the fields show, including keys typed just before ctrl+s.

        Once: an Enter pressed twice, or Enter and ctrl+s together, start one session, and an Enter still queued
        for this screen when the session's screen is on top does nothing.
        """
        if self._starting or self.app.screen is not self:
            return
        self._starting = True
        try:
            await keys_delivered(self.app)
            self._start()
        finally:
            self._starting = False

    def _start(self) -> None:
        setup = self.setup()
        if setup.group:
            self.store.remember_group(
                setup.group,
                {
                    "participants": ", ".join(setup.participants),
                    "moderator": setup.moderator,
                    "notulist": setup.notulist,
                },
            )
        intervisie_app(self).start_session(self.protocol, setup)
