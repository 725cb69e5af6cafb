"""Minutes rendered by a real Markdown renderer: whatever the notes hold, the document keeps its structure.

markdown-it-py (CommonMark, with GFM tables, strikethrough and task lists, raw HTML allowed so that any HTML
that got through would show) renders minutes written from a generated corpus of hostile notes, fields and
actions. Every step heading must come in order, every action be a task item with its text, every note line be
its own line with nothing of it turned into markup, and no HTML, link, image, code or rule come out of a note.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from intervisie_tui.core.archive import front_matter
from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.minutes import ACTIONS_MARKER, action_items, carried_actions, render_minutes
from intervisie_tui.core.safe_text import visible
from intervisie_tui.core.session import Session, Setup

from .helpers import SUMMARY_LINES, bundled

RENDERER = (
    MarkdownIt("commonmark", {"html": True})
    .enable(["table", "strikethrough"])
    .use(tasklists_plugin)
    .use(front_matter_plugin)
)
CHECKBOX = '<input class="task-list-item-checkbox"'
# What Markdown a note could smuggle in, if it were written raw.
HOSTILE_LINES = [
    "# kop",
    "## Actiepunten",
    "---",
    "===",
    "***",
    "- - -",
    "```",
    "~~~python",
    "<!--",
    "-->",
    "<script>alert(1)</script>",
    "<div>",
    "<b>vet</b>",
    "- [ ] nep-actie",
    "* [x] Bo: ook nep",
    "+ lijst",
    "> citaat",
    "1. eerste",
    "2) tweede",
    "| a | b |",
    "|---|---|",
    "[ref]: http://example.com",
    "![beeld](http://tracker.example/p.png)",
    "[link](javascript:alert(1))",
    "<http://example.com>",
    "[[Wiki]] ![[embed]]",
    "%%verborgen%%",
    "$x^2$",
    "==markering==",
    "tekst ^blok-id",
    "&lt;script&gt; &amp; &#60;",
    "eind met backslash \\",
    "    ingesprongen code",
    "\t\ttab-code",
    "*nadruk* _ook_ **vet** `code` ~~doorgehaald~~",
    "Iedereen: iets",
    "[/x] [@click=app.quit] [bold]",
    "\x1b[31mrood\x1b[0m \x00 \x07",
    "regel\rmet CR",
    "rechts\u202enaar links",
    "  ",
    "",
    "Bo's punt",
]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_LINES), st.text(max_size=30)), min_size=0, max_size=8).map(
    "\n".join
)


def tokens(text: str) -> list[Token]:
    return RENDERER.parse(text)


def inline_text(token: Token) -> str:
    """An inline token's visible text, a hard break as a newline; markup other than that is a failure."""
    parts = []
    for child in token.children or ():
        if child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "text":
            parts.append(child.content)
        elif child.type == "html_inline" and child.content.startswith(CHECKBOX):
            continue
        else:
            parts.append(f"<<{child.type}>>")
    return "".join(parts)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def expected_paragraphs(note: str) -> list[str]:
    """A note as a reader should see it: its paragraphs, each line on its own line, whitespace at ends aside."""
    lines = visible(note.replace("\r\n", "\n"), multiline=True).split("\n")
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(squeeze(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return ["\n".join(p) for p in paragraphs if p]


def hostile_session(notes: list[str], plan: str, carried: tuple[str, ...], help_question: str) -> Session:
    setup = Setup(
        title="Casus <b>#1</b>",
        group="Groep *A*",
        participants=("Ann", "Bo", "Chantal"),
        case_bringers=("Chantal",),
        moderator="Ann",
        open_actions=carried,
    )
    clock = ManualClock()
    session = Session(bundled("zeven-stappen"), setup, clock)
    session.start()
    for index, note in enumerate(notes[: len(session.steps)]):
        session.jump(index)
        session.set_notes(index, note)
        clock.advance(60)
    session.set_field(1, "help-question", help_question)
    plan_step = next(s.index for s in session.steps if "action-plan" in s.phase.capture)
    session.set_field(plan_step, "action-plan", plan)
    session.mark_action(0, True)
    session.finish()
    return session


def check_document(session: Session) -> dict[str, Any]:
    """Render the minutes and assert every structural promise; returns figures for the report."""
    text = render_minutes(session, "2026-11-22-1400-groep-a-zeven-stappen")
    assert front_matter(text)["session"] == "2026-11-22-1400-groep-a-zeven-stappen"
    toks = tokens(text)
    forbidden = {"html_block", "fence", "code_block", "hr", "blockquote_open", "ordered_list_open", "image"}
    assert not [t.type for t in toks if t.type in forbidden and t.content.strip() != ACTIONS_MARKER]
    for token in toks:
        for child in token.children or ():
            assert child.type not in {"html_inline", "link_open", "image", "code_inline", "s_open"} or (
                child.content.startswith(CHECKBOX)
            ), child
    assert sum(t.type == "table_open" for t in toks) == 1

    headings = [squeeze(inline_text(toks[i + 1])) for i, t in enumerate(toks) if t.type == "heading_open"]
    expected = ["Casus <b>#1</b> – Intervisie in zeven stappen"]
    expected += [squeeze(visible(step.phase.title)) for step in session.steps]
    expected.append("Actiepunten") if action_items(session) else None
    assert headings == expected

    tasks = [
        squeeze(inline_text(toks[i + 2]))
        for i, t in enumerate(toks)
        if t.type == "list_item_open" and t.attrs.get("class") == "task-list-item"
    ]
    wanted = [*carried_actions(session), *action_items(session)]
    assert tasks == [squeeze(visible(item.line())) for item in wanted]
    checked = [
        CHECKBOX in (toks[i + 2].children or [Token("x", "", 0)])[0].content
        and 'checked="checked"' in (toks[i + 2].children or [Token("x", "", 0)])[0].content
        for i, t in enumerate(toks)
        if t.type == "list_item_open" and t.attrs.get("class") == "task-list-item"
    ]
    assert checked == [item.done for item in wanted]

    sections: list[list[str]] = []
    for i, token in enumerate(toks):
        if token.type == "heading_open":
            sections.append([])
        elif token.type == "paragraph_open" and sections and toks[i - 1].type != "list_item_open":
            sections[-1].append("\n".join(squeeze(line) for line in inline_text(toks[i + 1]).split("\n")))
    lines = 0
    for step, state in zip(session.steps, session.states, strict=True):
        paragraphs = expected_paragraphs(state.notes) or ["<<em_open>>Geen notities.<<em_close>>"]
        found = sections[step.index + 1]
        assert any(found[k : k + len(paragraphs)] == paragraphs for k in range(len(found))), (paragraphs, found)
        lines += sum(p.count("\n") + 1 for p in paragraphs)
    return {"lines": lines, "tasks": len(tasks), "headings": len(headings)}


FIGURES: dict[str, int] = {"documents": 0, "note_lines": 0, "tasks": 0, "headings": 0}


@pytest.fixture(scope="module", autouse=True)
def report_figures(request: pytest.FixtureRequest) -> Iterator[None]:
    """After the module, one line with what the renderer checked (quoted in the issue's closing note)."""
    yield
    if FIGURES["documents"]:
        request.config.stash[SUMMARY_LINES].append(
            f"minutes render: {FIGURES['documents']} hostile documents, {FIGURES['headings']} headings in order, "
            f"{FIGURES['tasks']} task items, {FIGURES['note_lines']} note lines each on its own line"
        )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    notes=st.lists(hostile_text, min_size=1, max_size=9),
    plan=hostile_text,
    carried=st.lists(st.one_of(st.sampled_from(HOSTILE_LINES), st.text(max_size=20)), max_size=3),
    help_question=st.one_of(st.sampled_from(HOSTILE_LINES), st.text(max_size=20)),
)
def test_hostile_notes_never_break_the_rendered_document(
    notes: list[str], plan: str, carried: list[str], help_question: str
) -> None:
    carried_lines = tuple(line for line in carried if line.strip() and "\n" not in line)
    figures = check_document(hostile_session(notes, plan, carried_lines, help_question))
    FIGURES["documents"] += 1
    FIGURES["note_lines"] += figures["lines"]
    FIGURES["tasks"] += figures["tasks"]
    FIGURES["headings"] += figures["headings"]


def test_every_hostile_line_at_once(tmp_path: Path) -> None:
    """The whole corpus in one note per step: the example the minutes-format documentation shows."""
    notes = ["\n".join(HOSTILE_LINES[i::7]) for i in range(7)]
    plan = "Bo: rooster maken\nbo: ook dit\nIedereen: lezen\n- [ ] Chantal: <b>bellen</b>\nlos punt"
    session = hostile_session(notes, plan, ("Bo: oude actie", "Iedereen: nog open"), "Hoe # ga ik <om> met *dit*?")
    figures = check_document(session)
    assert figures["tasks"] == 7
    text = render_minutes(session, "2026-11-22-1400-groep-a-zeven-stappen")
    assert "- [ ] Iedereen: lezen" in text and "Chantal: Iedereen" not in text
    assert "- [ ] Bo: ook dit" in text
    (tmp_path / "hostile.md").write_text(text, encoding="utf-8")


def when_line(session: Session, language: str) -> str:
    """The line under the minutes' title: the day and time, and whether the session still runs."""
    lines = render_minutes(session, "s1", language).split("\n")
    title = next(index for index, line in enumerate(lines) if line.startswith("# "))
    assert lines[title + 1] == ""
    return lines[title + 2]


@pytest.mark.parametrize(
    ("language", "opened", "started"),
    [
        ("nl", "22-11-2026 14:00 (Sessie loopt nog)", "22-11-2026 14:07 (Sessie loopt nog)"),
        ("en", "2026-11-22 14:00 (Session in progress)", "2026-11-22 14:07 (Session in progress)"),
    ],
)
def test_the_minutes_say_when_the_session_was_opened_before_its_clock_ever_ran(
    language: str, opened: str, started: str
) -> None:
    clock = ManualClock()  # 22 November 2026, 14:00
    session = Session(bundled("zeven-stappen"), Setup(participants=("Ann", "Bo"), case_bringers=("Bo",)), clock)
    clock.advance(7 * 60)
    assert when_line(session, language) == opened
    session.start()
    assert when_line(session, language) == started
