"""What the session screen shows, as Rich text built from the engine's state.

Owns the rendering of the clock's face, the step list, the prompt pane, the silence view, the turns line and
the session figures, so that the screen only decides when to repaint. Plans are shown as the moderator changed
them with ±1 minute, with the change beside them. Nothing here reads a clock or changes the session. Every name
and protocol text passes through `safe_text.visible` here, and goes into a `Text` (never markup); a name in a
line that says more is cut short (`literal.short_name`).
"""

from __future__ import annotations

from rich.text import Text

from ..core.kinds import step_flags
from ..core.protocol import Audience, Capture, Speakers
from ..core.safe_text import visible
from ..core.session import Session, Status
from . import timefmt
from .countdown import ClockFace
from .literal import short_name
from .strings import Texts

StepRow = tuple[str, str, str, str]
"""A step-list row: label, label style, times, times style."""


def clock_face(session: Session, texts: Texts) -> ClockFace:
    """The countdown (or, in an open-ended step, the time used), how urgent, its label, title and speaker."""
    remaining = session.remaining()
    step = session.step
    level = "normal"
    if remaining is None:
        time, label = timefmt.elapsed(session.elapsed()), texts("open_step")
    else:
        time, label = timefmt.countdown(remaining), ""
        thresholds = session.protocol.thresholds_for(step.phase)
        if remaining < 0:
            level, label = "overrun", texts("overrun")
        elif remaining <= thresholds.danger * 60:
            level = "danger"
        elif remaining <= thresholds.warning * 60:
            level = "warning"
    speaker = ""
    if (name := session.current_speaker()) is not None:
        used = timefmt.elapsed(session.speaker_seconds(session.current, name))
        speaker = texts(
            "turn.now", name=short_name(name), used=used, share=timefmt.elapsed(session.speaker_share() or 0)
        )
    elif step.case_bringer:
        speaker = texts("case_bringer", name=short_name(step.case_bringer))
    return ClockFace(time, level, label, session.status is not Status.RUNNING, visible(step.title), speaker)


def plan_minutes(session: Session, index: int) -> str:
    """A step's planned minutes as the moderator left them: `10`, or `10+2` / `10-1` after ±minutes."""
    planned = session.steps[index].planned_seconds
    if planned is None:
        return "–"
    extension = timefmt.whole_minutes(session.states[index].extension)
    return f"{timefmt.whole_minutes(planned)}{extension:+d}" if extension else f"{timefmt.whole_minutes(planned)}"


def step_rows(session: Session, texts: Texts) -> tuple[StepRow, ...]:
    """Done / current / next steps with minutes used and planned, under a heading per case-bringer block.

    Whole minutes only: the big countdown has the seconds, and this list then changes once a minute.
    """
    rows: list[StepRow] = []
    block: int | None = None
    for step in session.steps:
        index = step.index
        if step.round != block and step.round is not None:
            who = step.case_bringer or str(step.round)
            rows.append((texts("case_bringer", name=visible(who)), "bold", "", ""))
        block = step.round
        indent = "  " if step.round is not None else ""
        planned = plan_minutes(session, index)
        if index == session.current:
            marker, style = "▶ ", "bold reverse"
        elif session.states[index].visited and index < session.current:
            marker, style = "✓ ", "dim"
        elif session.states[index].visited:
            marker, style = "• ", ""
        else:
            marker, style = "  ", ""
        over = step.planned_seconds is not None and session.elapsed(index) > (session.planned(index) or 0)
        visited = session.states[index].visited
        shown = f"{timefmt.minutes_used(session.elapsed(index))}/{planned}" if visited else planned
        rows.append((f"{indent}{marker}{visible(step.title)}", style, f" {shown}", "bold red" if over else "dim"))
    return tuple(rows)


def prompt_pane(session: Session, texts: Texts) -> Text:
    """The moderator's script for the current step: rule flags, goal, what to say, tips and questions."""
    phase = session.step.phase
    text = Text()
    if step_flags(phase):
        for rule in step_flags(phase):
            text.append(f" {texts(rule)} ", style="bold reverse")
            text.append(" ")
        text.append("\n\n")
    if question := session.question().strip():  # first: on a short screen it is what the moderator needs
        text.append(f"{texts(Capture.QUESTION)}: ", style="bold")
        text.append(f"{visible(question, multiline=True)}\n\n", style="bold")
    if phase.goal:
        text.append(f"{texts('goal')}: ", style="bold")
        text.append(f"{visible(phase.goal, multiline=True)}\n\n")
    for to, message in said(session, texts):
        text.append("› ", style="bold")
        text.append(to, style="bold dim")
        text.append(f"{visible(message, multiline=True)}\n")
    for direction in phase.directions:
        text.append("› ", style="bold")
        text.append(f"{visible(direction, multiline=True)}\n", style="italic")
    if phase.questions:
        text.append(f"\n{texts('questions')}:\n", style="bold")
        for question in phase.questions:
            text.append(f"  – {visible(question, multiline=True)}\n", style="italic")
    if phase.tips:
        text.append(f"\n{texts('tips')}:\n", style="bold dim")
        for tip in phase.tips:
            text.append(f"  · {visible(tip, multiline=True)}\n", style="dim")
    text.rstrip()
    return text


def said(session: Session, texts: Texts) -> list[tuple[str, str]]:
    """The current step's messages as the prompt pane shows them: whom each addresses (empty for everyone,
    else `aan Bo: `, following the case-bringer now set), and the message exactly as it is pasted."""
    step = session.step
    shown: list[tuple[str, str]] = []
    for message in session.prompts():
        prefix, audience = "", message.to
        if audience is Audience.CASE_BRINGER:
            name = short_name(step.case_bringer or "")
            prefix = texts("say.to_case_bringer", name=name) if name else texts("say.to_case_bringer_unnamed")
        elif audience is Audience.OTHERS:
            prefix = texts("say.to_others")
        shown.append((prefix, message.text))
    return shown


def who(session: Session) -> tuple[str, ...]:
    """The people a step is about, by its `speakers`: everyone, the case-bringer, the others or the moderator."""
    step, setup = session.step, session.setup
    speakers = step.phase.speakers
    if speakers is Speakers.CASE_BRINGER:
        return (step.case_bringer,) if step.case_bringer else ()
    if speakers is Speakers.MODERATOR:
        return (setup.moderator,) if setup.moderator else ()
    if speakers is Speakers.OTHERS:
        return tuple(name for name in setup.participants if name != step.case_bringer)
    return setup.participants


def silence_heading(session: Session, texts: Texts) -> str:
    """`Stilte · <title>`, or the title alone when it already says silence."""
    title, word = session.step.title, texts("silence.title")
    return title if title.casefold().startswith(word.casefold()) else f"{word} · {title}"


def silence_view(session: Session, texts: Texts, *, locked: bool) -> Text:
    """What the moderator needs in a silence, from the moment it opens: the rule, who it is about (who
    thinks of a question), the message to paste, what to do when someone types anyway, and whether the
    notes are locked now."""
    phase = session.step.phase
    text = Text()
    text.append(f"{texts('silence.body')}\n", style="bold")
    if phase.goal:
        text.append(f"{visible(phase.goal, multiline=True)}\n")
    names = who(session)
    if names:
        text.append(texts("silence.who", names=", ".join(short_name(name) for name in names)) + "\n")
    messages = said(session, texts)
    if messages:
        text.append(f"{texts('silence.paste')}\n", style="bold")
        for to, message in messages:
            text.append("› ", style="bold")
            text.append(to, style="bold dim")
            text.append(f"{visible(message, multiline=True)}\n")
    for direction in phase.directions:
        text.append(f"› {visible(direction, multiline=True)}\n", style="italic")
    tips = [visible(tip, multiline=True) for tip in phase.tips] or [texts("silence.tip")]
    text.append(" ".join(tips) + "\n", style="italic")
    state = "silence.running" if locked else "silence.over" if session.running else "silence.open"
    text.append(texts(state), style="dim")
    return text


def turns_line(session: Session, texts: Texts) -> str:
    """Who speaks, who is next, who has not spoken, with the speaker's time against their share."""
    step = session.step
    if not step.speakers:
        return ""
    speaker = session.current_speaker()
    if speaker is None:
        return texts("turn.done")
    share = session.speaker_share()
    turn = session.states[session.current].turn or 0
    used = timefmt.elapsed(session.speaker_seconds(session.current, speaker))
    parts = [texts("turn.now", name=short_name(speaker), used=used, share=timefmt.elapsed(share or 0))]
    waiting = step.speakers[turn + 1 :]
    if waiting:
        parts.append(texts("turn.next", name=short_name(waiting[0])))
    if len(waiting) > 1:
        parts.append(texts("turn.waiting", names=", ".join(short_name(name) for name in waiting[1:])))
    return " · ".join(parts)


def pace_text(behind_seconds: float, texts: Texts) -> str:
    """`3 min achter`, `2 min voor` or `op schema`."""
    minutes = timefmt.whole_minutes(behind_seconds)
    if minutes > 0:
        return texts("behind", minutes=minutes)
    if minutes < 0:
        return texts("ahead", minutes=-minutes)
    return texts("on_time")


def figures_line(session: Session, texts: Texts) -> str:
    """Elapsed, planned end, projected end and ahead/behind, against the plan with the minutes added or taken.

    The line has no room at 80 columns to say by how much the plan changed; the step list says it per step.
    """
    pace = pace_text(session.behind(with_extensions=True), texts)
    figures = texts(
        "figures",
        elapsed=timefmt.minutes_used(session.elapsed_total()),
        planned=timefmt.wall(session.planned_end(with_extensions=True)),
        projected=timefmt.wall(session.projected_end()),
    )
    return f"{figures} ({pace})"
