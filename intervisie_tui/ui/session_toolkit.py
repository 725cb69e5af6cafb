"""The moderator's toolkit inside a running session: questions, breaks, energizers, shared cases, topic proposals.

Owns what the session screen's toolkit keys do (`TOOLKIT_KEYS`), so the screen only forwards them:
- a check-in or check-out step is offered one question from its deck when it opens (recorded with the
  engine's `set_question`, so it is in the minutes); F10 gives another, never one the group had in its
  recent sessions (read back from their minutes, and from the question history the CLI keeps) before the
  others are used up;
- F7 inserts a timed break now (the engine's `insert_break`); once a session has worked an hour without a
  break, a notification suggests one, once per stretch of work;
- F8 lists the energizers, and a break step says so when it opens;
- F9 lists the group's shared prepared cases; choosing one fills the next help-question (or learning-question)
  field and sets the case-bringer with the engine's `set_case_bringer`;
- F12 shows the topic-proposal template (and a check-out step says so when it opens) with the proposals the
  group sent in; one taken becomes the introduction step's messages (the engine's `take_proposal`), or, in a
  protocol without an introduction step, goes onto the clipboard and into the notes.
"""

from __future__ import annotations

import contextlib
import random
from typing import TYPE_CHECKING

from textual.widgets import Input, TextArea

from ..core.cases import CaseStore, PreparedCase
from ..core.kinds import kind_traits
from ..core.proposals import ProposalStore, TopicProposal
from ..core.protocol import Capture, StepKind
from ..core.question_deck import QuestionDeck, QuestionHistory, asked_in_minutes, recent_questions
from ..core.safe_text import visible
from ..core.toolkit import Energizer, Moment, Toolkit, load_toolkit
from .break_dialog import BreakDialog
from .cases_dialog import CasesDialog
from .energizer_dialog import EnergizerDialog
from .topic_dialog import TopicDialog
from .typed_app import intervisie_app

if TYPE_CHECKING:
    from .session_screen import SessionScreen

QUESTION_KEY, BREAK_KEY, ENERGIZER_KEY, CASES_KEY, TOPIC_KEY = "f10", "f7", "f8", "f9", "f12"
# key, action, label key, shown in the footer (the session screen's KEYS format)
TOOLKIT_KEYS: tuple[tuple[str, str, str, bool], ...] = (
    (QUESTION_KEY, "another_question", "key.question", False),
    (BREAK_KEY, "insert_break", "key.break", False),
    (ENERGIZER_KEY, "energizers", "key.energizers", False),
    (CASES_KEY, "shared_cases", "key.cases", False),
    (TOPIC_KEY, "topic_template", "key.topic", False),
)
# The fields a chosen case's help question goes into, in order of preference.
# The fields a chosen case fills, each with the case's own answer for it (the help question where it has none).
CASE_FIELDS = {Capture.HELP_QUESTION: "help_question", Capture.LEARNING_QUESTION: "learn"}


def key_name(key: str) -> str:
    return key.upper() if key.startswith("f") else key


class SessionToolkit:
    """The toolkit of one session screen."""

    def __init__(self, screen: SessionScreen) -> None:
        self.screen = screen
        self._toolkit: Toolkit | None = None
        self._asked: list[str] | None = None
        self._decks: dict[Moment, QuestionDeck] = {}
        self._greeted: set[str] = set()
        self._offered: set[str] = set()
        self._reading = False
        self._another_asked = False
        self._suggested_at: float | None = None

    @property
    def toolkit(self) -> Toolkit:
        if self._toolkit is None:
            self._toolkit = load_toolkit()
        return self._toolkit

    def _notify(self, text_key: str, /, *, timeout: float = 6, severity: str = "information", **values: object) -> None:
        message = self.screen.texts(text_key, **values)
        self.screen.notify(message, timeout=timeout, severity=severity, markup=False)  # type: ignore[arg-type]

    # ----- questions ----------------------------------------------------------------------------------------

    def _deck(self, moment: Moment) -> QuestionDeck | None:
        """The moment's deck, once the group's recent questions are read; None before that or without questions."""
        if moment not in self._decks and self._asked is not None:
            questions = self.toolkit.questions(moment)
            if not questions:
                return None
            screen = self.screen
            group = screen.session.setup.group
            history = QuestionHistory(screen.store.root).recent(group, moment) if group.strip() else ()
            # Seeded by the session and moment: a resumed session offers its questions in the same order.
            rng = random.Random(f"{screen.files.session_id}/{moment.value}")
            deck = QuestionDeck(questions, recent_questions(history, self._asked), rng)
            asked = screen.session.question()
            if asked in deck.order:  # a resumed step goes on from the question it asked
                deck.position = deck.order.index(asked)
            self._decks[moment] = deck
        return self._decks.get(moment)

    def _read_asked(self) -> None:
        """In a thread, so a large archive never delays the screen: the questions of the group's recent minutes."""
        from ..core.archive import ArchiveError

        screen = self.screen
        try:
            asked = asked_in_minutes(screen.store.archive(), screen.session.setup.group, before=screen.files.session_id)
        except ArchiveError:
            asked = []
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile: nothing left to offer in
            screen.app.call_from_thread(self._asked_read, asked)

    def _asked_read(self, asked: list[str]) -> None:
        self._asked = asked
        self.screen._take_widgets()
        if self._offer():
            self._show_field(Capture.QUESTION, self.screen.session.question())
            self.screen._changed()
        elif self._another_asked:
            self.another_question()
        self._another_asked = False

    def _offer(self) -> bool:
        """Offer a question when the current step asks one and has none yet; whether one was offered now."""
        session = self.screen.session
        step = session.step
        moment = kind_traits(step.kind).question_moment
        if moment is None or step.key in self._offered or session.question().strip():
            return False
        if self._asked is None:
            self._start_reading()
            return False
        self._offered.add(step.key)
        deck = self._deck(moment)
        if deck is None:
            self._notify("question.none", moment=visible(step.title))
            return False
        session.set_question(session.current, deck.current)
        self._notify("question.offered", moment=visible(step.title), shortcut=key_name(QUESTION_KEY))
        return True

    def _start_reading(self) -> None:
        if not self._reading:
            self._reading = True
            self.screen.run_worker(self._read_asked, thread=True, name="recent questions", exit_on_error=False)

    def step_entered(self) -> None:
        """A step is shown: offer a question in a check-in or check-out, point at the energizers or the template."""
        self._offer()
        step = self.screen.session.step
        if step.key in self._greeted:
            return
        self._greeted.add(step.key)
        if step.kind is StepKind.BREAK:
            self._notify("break.energizers", shortcut=key_name(ENERGIZER_KEY), timeout=10)
        if step.kind is StepKind.CHECK_OUT:
            self._notify("topic.at_check_out", shortcut=key_name(TOPIC_KEY), timeout=10)

    def another_question(self) -> None:
        session = self.screen.session
        moment = kind_traits(session.step.kind).question_moment
        if moment is None:
            self._notify("question.only_here")
            return
        if self._asked is None:  # still reading the group's minutes: the next question follows then
            self._another_asked = True
            self._start_reading()
            return
        deck = self._deck(moment)
        if deck is None:
            self._notify("question.none", moment=visible(session.step.title))
            return
        question = deck.next()
        session.set_question(session.current, question)
        self._show_field(Capture.QUESTION, question)
        self.screen._changed()

    def _show_field(self, capture: Capture, text: str) -> None:
        """Put a value into the current step's field widget, so what is on screen is what the session holds."""
        for field in self.screen.query(f"#field-{capture}").results(Input):
            field.value = text

    # ----- breaks and energizers ----------------------------------------------------------------------------

    def tick(self) -> None:
        """Suggest a break, once per stretch of work, when the session has run an hour without one."""
        session = self.screen.session
        if session.break_due() and self._suggested_at != session.work_mark:
            self._suggested_at = session.work_mark
            self._notify("break.suggest", shortcut=key_name(BREAK_KEY), timeout=30, severity="warning")

    def insert_break(self) -> None:
        def chosen(minutes: int | None) -> None:
            if minutes is None:
                return
            if self.screen.session.insert_break(minutes):
                self.screen._changed()
            else:
                self._notify("break.not_now")

        self.screen.app.push_screen(BreakDialog(self.screen.texts), chosen)

    def energizers(self) -> None:
        self.screen.app.push_screen(EnergizerDialog(self.screen.texts, self.toolkit.energizers), self._note_energizer)

    def _note_energizer(self, energizer: Energizer | None) -> None:
        """The chosen energizer goes into the current step's notes as a line of its own."""
        if energizer is None:
            return
        self._note(self.screen.texts("energizers.noted", name=energizer.name, minutes=f"{energizer.minutes:g}"))

    # ----- shared cases -------------------------------------------------------------------------------------

    def shared_cases(self) -> None:
        group = self.screen.session.setup.group
        if not group.strip():
            self._notify("cases.no_group")
            return
        cases = CaseStore(self.screen.store.root).shared_cases(group)
        self.screen.app.push_screen(CasesDialog(self.screen.texts, group, cases), self._use_case)

    def _use_case(self, case: PreparedCase | None) -> None:
        if case is None:
            return
        session = self.screen.session
        for index in range(session.current, len(session.steps)):
            capture = next((c for c in CASE_FIELDS if c in session.steps[index].phase.capture), None)
            if capture is not None:
                break
        else:
            self._notify("cases.no_field")
            return
        answer = case.answers.get(CASE_FIELDS[capture], "").strip() or case.help_question
        session.set_field(index, capture, answer)
        if index == session.current:
            self._show_field(capture, answer)
        session.set_case_bringer(case.name)
        field, step = self.screen.texts(capture), visible(session.steps[index].title)
        self._notify("cases.chosen", name=visible(case.name), field=field, step=step)
        if session.has_rounds:
            self._notify("cases.bringer_fixed")
        self.screen._changed()

    # ----- topic proposals ----------------------------------------------------------------------------------

    def topic_template(self) -> None:
        group = self.screen.session.setup.group
        proposals = ProposalStore(self.screen.store.root).all(group) if group.strip() else []
        copy = intervisie_app(self.screen).copy_text
        self.screen.app.push_screen(TopicDialog(self.screen.texts, copy, proposals), self._use_proposal)

    def _use_proposal(self, proposal: TopicProposal | None) -> None:
        """A chosen proposal becomes the introduction step's messages (what F2 copies there) when the protocol
        has one; otherwise its parts go onto the clipboard, ready to paste, and into the step's notes."""
        if proposal is None:
            return
        session = self.screen.session
        if session.take_proposal(proposal):
            index = session.introduction_index()
            step = visible(session.steps[index].title) if index is not None else ""
            self._notify("topic.prompts", name=visible(proposal.name), step=step, timeout=10)
            self.screen._changed()
            return
        texts = self.screen.texts
        noted = texts("topic.noted", name=proposal.name, question=proposal.question)
        self._note("\n".join((noted, *proposal.messages()[1:])))
        name = visible(proposal.name)

        def report(copied: bool) -> None:
            self._notify("topic.taken" if copied else "topic.taken.fallback", name=name)

        intervisie_app(self.screen).copy_text("\n\n".join(proposal.messages()), report)

    def _note(self, text: str) -> None:
        """Add lines to the current step's notes, on a line of their own, as if typed there."""
        notes = self.screen.query_one("#notes", TextArea)
        before = "\n" if notes.text and not notes.text.endswith("\n") else ""
        notes.insert(f"{before}{text}\n", notes.document.end)
        notes.move_cursor(notes.document.end)
        self.screen._take_widgets()
