"""The invitation screen (F3) and the preparation-text screen (F4) from the start screen, driven with Pilot:
what they show while typing, copying, saving (0600, never over a file), bad input, hostile text, small
terminals, and snapshots in both languages."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.core.safe_text import has_control, visible
from intervisie_tui.ui import invitation_screen
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.invitation_screen import InvitationScreen
from intervisie_tui.ui.prep_text_screen import PrepTextScreen
from intervisie_tui.ui.start_screen import StartScreen
from intervisie_tui.words import Texts

from .helpers import make_app
from .test_hostile_input import HYPOTHESIS, assert_clean_screen, hostile

SIZE = (100, 30)
ROOM = "intervisie-abcde-fghij-kmnpq-rstuv"
INVITE_FIELDS = ("invite-group", "invite-day", "invite-time", "invite-minutes", "invite-size", "invite-contact")


@pytest.fixture(autouse=True)
def fixed_room(monkeypatch: pytest.MonkeyPatch) -> None:
    """One known room name, so previews and snapshots do not change from run to run."""
    monkeypatch.setattr(invitation_screen, "room_name", lambda: ROOM)


def start_app(root: Path, language: str = "nl") -> tuple[IntervisieApp, list[str]]:
    """The app on its start screen, with a clipboard that records what it is given."""
    app = make_app(root, ManualClock(), protocol_id=None, language=language)
    copied: list[str] = []

    def copy_text(text: str, report: Callable[[bool], None] | None = None) -> None:
        copied.append(text)
        if report is not None:
            report(True)

    app.copy_text = copy_text  # type: ignore[method-assign]
    return app, copied


async def fill_start(pilot: Pilot[None], group: str, participants: str) -> None:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, StartScreen)
    screen.query_one("#group", Input).focus()
    await pilot.press(*group, "tab", "tab", *participants)


def text_of(app: IntervisieApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def value(app: IntervisieApp, field_id: str) -> str:
    return app.screen.query_one(f"#{field_id}", Input).value


async def type_into(pilot: Pilot[None], field_id: str, text: str) -> None:
    """Replace a field's text the way a person does: focus, clear, type."""
    field = pilot.app.screen.query_one(f"#{field_id}", Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def date_and_time(pilot: Pilot[None], day: str = "2026-03-02", start: str = "19:30") -> None:
    await type_into(pilot, "invite-day", day)
    await pilot.press("tab", *start)


def invitations(root: Path) -> list[Path]:
    return sorted((root / "invitations").glob("*.md"))


# ----- the invitation screen ---------------------------------------------------------------------------


async def test_f3_opens_the_invitation_with_the_start_screens_group_and_esc_keeps_what_was_typed(
    tmp_path: Path,
) -> None:
    app, _ = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await fill_start(pilot, "Team A", "Ann, Bo, Cas, Dirk, Eva")
        await pilot.press("f3")
        assert isinstance(app.screen, InvitationScreen)
        assert value(app, "invite-group") == "Team A"
        assert value(app, "invite-size") == "5"
        assert value(app, "invite-minutes") == "60" and value(app, "invite-host") == "meet.jit.si"
        assert "Chatsessie" in text_of(app, "#invite-method")  # the seven steps are no chat: the chat session
        assert text_of(app, "#invite-problem") == Texts("nl")("invite.needs_day_time")
        assert text_of(app, "#invite-preview") == ""
        await pilot.press(*"2026-03-02", "tab", *"19:30", "tab", "tab", "tab", *"ann@school.nl")
        preview = text_of(app, "#invite-preview")
        assert preview.startswith("# Uitnodiging: Chatsessie – Team A")
        assert "2026-03-02, 19:30–20:30 (60 minuten)" in preview
        assert f"https://meet.jit.si/{ROOM}" in preview and "ann@school.nl" in preview
        assert "## Afspraken in de chat" in preview and "## Je voorbereiding" in preview
        assert text_of(app, "#invite-problem") == "" and text_of(app, "#invite-warnings") == ""
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)
        assert value(app, "group") == "Team A" and value(app, "participants") == "Ann, Bo, Cas, Dirk, Eva"
    assert not (tmp_path / "invitations").exists()


async def test_a_chat_protocol_chosen_on_the_start_screen_is_the_invitations_method(tmp_path: Path) -> None:
    app, _ = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        options = app.screen.query_one("#protocols", OptionList)
        options.highlighted = [option.id for option in options.options].index("chat-intervisie")
        await pilot.press("f3")
        await date_and_time(pilot)
        assert "Intervisie-chatsessie" in text_of(app, "#invite-method")
        assert "Verzamel je bijdragen aan de check-outs" in text_of(app, "#invite-preview")


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_more_than_an_hour_and_a_group_outside_5_to_15_are_warned_on_screen(
    tmp_path: Path, language: str
) -> None:
    app, _ = start_app(tmp_path, language)
    texts = Texts(language)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await date_and_time(pilot)
        await type_into(pilot, "invite-minutes", "75")
        await type_into(pilot, "invite-size", "4")
        warnings = text_of(app, "#invite-warnings").replace("\n", " ")
        long = texts("invite.warn_minutes", minutes=75, limit="60")
        size = texts("invite.warn_size", count=4, low=5, high=15)
        assert texts("invite.warning", warning=long) in warnings
        assert texts("invite.warning", warning=size) in warnings
        assert ("langer dan de 60 min" if language == "nl" else "longer than the 60 min") in warnings
        await type_into(pilot, "invite-size", "16")
        assert "16" in text_of(app, "#invite-warnings")
        await type_into(pilot, "invite-minutes", "60")
        await type_into(pilot, "invite-size", "15")
        assert text_of(app, "#invite-warnings") == ""


async def test_ctrl_y_copies_the_invitation_the_fields_show_now(tmp_path: Path) -> None:
    app, copied = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await date_and_time(pilot)
        await pilot.press("tab", "tab", "tab", *"06-1234", "ctrl+y")  # typed just before the key: included
        assert len(copied) == 1
        assert copied[0] == app.screen.shown_text and "**Contact met de moderator:** 06-1234" in copied[0]
        assert text_of(app, "#invite-status") == Texts("nl")("invite.copied")
    assert not (tmp_path / "invitations").exists()  # copying saves nothing


async def test_in_english_the_invitation_previewed_copied_and_saved_is_english(tmp_path: Path) -> None:
    app, copied = start_app(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await fill_start(pilot, "Team A", "Ann, Bo, Cas, Dirk, Eva")
        await pilot.press("f3")
        await date_and_time(pilot)
        await pilot.press("tab", "tab", "tab", *"06-1234", "ctrl+y", "ctrl+s")
        await pilot.pause()
        preview = text_of(app, "#invite-preview")
        assert preview.startswith("# Invitation: Chatsessie – Team A\n")  # the method's name as its file has it
        assert f"- **When:** 2026-03-02, 19:30–20:30 (60 minutes)\n- **Where:** https://meet.jit.si/{ROOM}" in preview
        assert f"- **Room name** (if you type it on the start page of meet.jit.si): `{ROOM}`" in preview
        assert "- **Contact the moderator:** 06-1234" in preview
        assert "## Agreements in the chat" in preview and "## Your preparation" in preview
        assert "## Proposing a topic" in preview and "Share this link only with the participants." in preview
        for dutch in ("Uitnodiging", "Wanneer", "Waar", "Kamernaam", "Afspraken", "voorbereiding", "Deel deze"):
            assert dutch not in preview
        assert copied == [preview]
    [saved] = invitations(tmp_path)
    assert saved.name == "2026-03-02 1930 Team A.md" and saved.read_text(encoding="utf-8") == preview


async def test_ctrl_s_saves_a_private_file_and_never_overwrites_one(tmp_path: Path) -> None:
    folder = tmp_path / "invitations"
    folder.mkdir(mode=0o700)
    mine = folder / "2026-03-02 1930 Team A.md"
    mine.write_text("mijn eigen tekst\n", encoding="utf-8")
    app, _ = start_app(tmp_path, "en")
    async with app.run_test(size=SIZE) as pilot:
        await fill_start(pilot, "Team A", "Ann, Bo, Cas, Dirk, Eva")
        await pilot.press("f3")
        await date_and_time(pilot)
        await pilot.press("ctrl+s")
        shown = app.screen.shown_text
        await pilot.press("ctrl+s")
    assert mine.read_text(encoding="utf-8") == "mijn eigen tekst\n"
    first, second = folder / "2026-03-02 1930 Team A (2).md", folder / "2026-03-02 1930 Team A (3).md"
    assert invitations(tmp_path) == sorted([mine, first, second])
    for saved in (first, second):
        assert saved.read_text(encoding="utf-8") == shown
        assert saved.stat().st_mode & 0o777 == 0o600
    assert f"https://meet.jit.si/{ROOM}" in shown


@pytest.mark.parametrize(
    ("field_id", "typed", "message"),
    [
        ("invite-day", "2026-13-45", "'2026-13-45' is geen dag; schrijf hem als JJJJ-MM-DD"),
        ("invite-day", "morgen", "'morgen' is geen dag"),
        ("invite-time", "25:99", "'25:99' is geen tijd; schrijf hem als UU:MM"),
        ("invite-time", "half acht", "'half acht' is geen tijd"),
        ("invite-minutes", "0", "De duur moet een positief aantal minuten zijn."),
        ("invite-size", "0", "Het aantal deelnemers moet minstens 1 zijn."),
        ("invite-host", "niet een host", "'niet een host' is geen servernaam"),
    ],
)
async def test_bad_input_gets_one_line_on_screen_and_saves_nothing(
    tmp_path: Path, field_id: str, typed: str, message: str
) -> None:
    app, copied = start_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await date_and_time(pilot)
        await type_into(pilot, field_id, typed)
        await pilot.press("ctrl+s", "ctrl+y")
        problem = text_of(app, "#invite-problem")
        assert message in problem and "\n" not in problem.strip()
        assert text_of(app, "#invite-preview") == ""
        assert isinstance(app.screen, InvitationScreen) and app.is_running
    assert copied == []
    assert not (tmp_path / "invitations").exists()


async def test_the_palette_opens_both_screens(tmp_path: Path) -> None:
    app, _ = start_app(tmp_path)
    texts = Texts("nl")
    async with app.run_test(size=SIZE) as pilot:
        for command, screen_type in (("palette.invitation", InvitationScreen), ("palette.prep_text", PrepTextScreen)):
            await pilot.press("ctrl+p", *texts(command))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, screen_type), app.screen
            await pilot.press("escape")
            assert isinstance(app.screen, StartScreen)


def run(scenario: Any) -> None:
    asyncio.run(scenario)


@HYPOTHESIS
@given(text=hostile)
@example(text="[/x] [@click=app.quit]klik[/]")
@example(text="\x1b]2;pwned\x07\x1b[2J")
@example(text="x" * 10_000)
def test_hostile_text_in_every_invitation_field_stays_literal(text: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            app, copied = start_app(root)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("f3")
                await date_and_time(pilot)
                fields = [app.screen.query_one(f"#{field_id}", Input) for field_id in (*INVITE_FIELDS, "invite-host")]
                for field in fields:
                    field.post_message(events.Paste(text))
                await pilot.pause()
                assert_clean_screen(app)
                assert not any(has_control(field.value) for field in fields)
                await pilot.press("ctrl+s", "ctrl+y")
                assert_clean_screen(app)
                assert isinstance(app.screen, InvitationScreen)
                preview = text_of(app, "#invite-preview")
                assert preview == visible(app.screen.shown_text, multiline=True)
                for path in invitations(root):  # saved only when the pasted text left the input valid
                    assert path.read_text(encoding="utf-8") == app.screen.shown_text
                    assert path.stat().st_mode & 0o777 == 0o600
                assert bool(copied) == bool(app.screen.shown_text)
            assert app.return_code in (None, 0)

    run(scenario())


# ----- the preparation-text screen ---------------------------------------------------------------------


def write_minutes(root: Path, name: str, date: str, protocol: str, body: str, group: str = "Team A") -> None:
    folder = root / "minutes"
    folder.mkdir(parents=True, exist_ok=True)
    front = (
        f"---\nsession: {name}\nprotocol: {protocol}\ngroup: {group}\ndate: '{date}'\nstart: '19:00'\n"
        "participants: [Ann, Bo, Cas]\n---\n"
    )
    (folder / f"{name}.md").write_text(front + body, encoding="utf-8", errors="replace")  # no lone surrogate


def team_a_minutes(root: Path, ann_says: str = "Rust nemen helpt.") -> None:
    write_minutes(root, "intervisie", "2026-01-20", "chat-intervisie", "## Check-out\n\nAnn: bij de intervisie\n")
    write_minutes(
        root,
        "een",
        "2026-02-03",
        "chat-sessie",
        f"## Check-out\n\nAnn: {ann_says}\nBo: Vaker vragen stellen.\n\n"
        "## Actiepunten\n\n- [ ] Ann: elke dag een wandeling\n- [x] Bo: een collega bellen\n"
        + "".join(f"\n## Ronde {n}\n\nregel {n}\n" for n in range(30)),
    )


@pytest.mark.parametrize("language", ["nl", "en"])
async def test_f4_shows_each_participants_preparation_text_and_ctrl_y_copies_it(tmp_path: Path, language: str) -> None:
    team_a_minutes(tmp_path)
    app, copied = start_app(tmp_path, language)
    texts = Texts(language)
    async with app.run_test(size=SIZE) as pilot:
        await fill_start(pilot, "Team A", "Ann, Bo, Dirk")
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, PrepTextScreen)
        assert value(app, "prep-group") == "Team A"
        assert screen.people == ("Ann", "Bo", "Dirk", "Cas")  # the start screen's, then the minutes'
        shown = text_of(app, "#prep-text")
        assert shown.startswith(texts("prep.title", name="Ann", group="Team A"))
        assert texts("prep.check_outs", since=texts("prep.since", date="2026-01-20")) in shown
        assert "- 2026-02-03: Rust nemen helpt." in shown and "bij de intervisie" not in shown
        assert "- [ ] Ann: elke dag een wandeling" in shown and "Bo:" not in shown
        assert texts("prep.question.2") in shown
        await pilot.press("down")
        shown = text_of(app, "#prep-text")
        assert "Vaker vragen stellen." in shown and "Rust nemen" not in shown
        await pilot.press("ctrl+y")
        assert copied == [screen.shown_text] and "- [x] Bo: een collega bellen" in copied[0]
        assert text_of(app, "#prep-status") == texts("prep.screen.copied", name="Bo")
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen) and value(app, "participants") == "Ann, Bo, Dirk"


async def test_a_long_preparation_text_scrolls(tmp_path: Path) -> None:
    long = " ".join(f"inzicht {n}." for n in range(400))
    team_a_minutes(tmp_path, ann_says=long)
    app, _ = start_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await fill_start(pilot, "Team A", "Ann")
        await pilot.press("f4")
        scroll = app.screen.query_one("#prep-scroll")
        assert scroll.max_scroll_y > 0
        scroll.focus()
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_a_group_without_minutes_says_so_and_has_nothing_to_copy(tmp_path: Path) -> None:
    team_a_minutes(tmp_path)
    app, copied = start_app(tmp_path)
    texts = Texts("nl")
    async with app.run_test(size=SIZE) as pilot:
        await fill_start(pilot, "Nieuw", "Ann, Bo")
        await pilot.press("f4")
        assert text_of(app, "#prep-message") == texts("prep.screen.no_minutes", group="Nieuw")
        assert text_of(app, "#prep-text") == ""
        await pilot.press("ctrl+y")
        assert copied == [] and text_of(app, "#prep-status") == texts("prep.screen.nothing")
        await type_into(pilot, "prep-group", "Team A")  # the group field takes another group
        assert app.screen.people[:2] == ("Ann", "Bo") and "Rust nemen helpt." in text_of(app, "#prep-text")
        await type_into(pilot, "prep-group", "")
        assert text_of(app, "#prep-message") == texts("prep.screen.no_group")


@HYPOTHESIS
@given(text=hostile)
@example(text="[@click=app.quit]klik[/] \x1b]2;x\x07")
def test_hostile_minutes_and_group_text_stay_literal_on_the_preparation_screen(text: str) -> None:
    async def scenario() -> None:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            line = text.replace("\n", " ").replace("\r", " ")
            team_a_minutes(root, ann_says=line or "·")
            app, _ = start_app(root)
            async with app.run_test(size=SIZE) as pilot:
                await fill_start(pilot, "Team A", "Ann")
                await pilot.press("f4")
                assert isinstance(app.screen, PrepTextScreen)
                assert text_of(app, "#prep-text") == visible(app.screen.shown_text, multiline=True)
                assert_clean_screen(app)
                field = app.screen.query_one("#prep-group", Input)
                field.focus()
                field.post_message(events.Paste(text))
                await pilot.pause()
                assert_clean_screen(app)
                await pilot.press("ctrl+y", "escape")
                assert isinstance(app.screen, StartScreen)

    run(scenario())


# ----- small terminals and snapshots ----------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_both_screens_work_in_small_terminals(tmp_path: Path, size: tuple[int, int]) -> None:
    team_a_minutes(tmp_path)
    app, copied = start_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await fill_start(pilot, "Team A", "Ann")
        await pilot.press("f3")
        await date_and_time(pilot)
        await pilot.press("ctrl+y")
        assert copied and "2026-03-02" in copied[-1]
        await pilot.press("escape", "f4")
        assert isinstance(app.screen, PrepTextScreen) and "Rust nemen helpt." in app.screen.shown_text
        await pilot.press("ctrl+y", "escape")
        assert isinstance(app.screen, StartScreen) and app.is_running
    if size == (80, 24):
        assert len(copied) == 2


def snapshot_app(root: Path, language: str) -> IntervisieApp:
    team_a_minutes(root)
    return make_app(root, ManualClock(), protocol_id=None, language=language)


async def invitation_while_typing(pilot: Pilot[None]) -> None:
    """Above an hour and under five people (both warned), the contact field focused and half typed."""
    await fill_start(pilot, "Team A", "Ann, Bo, Cas, Dirk")
    await pilot.press("f3")
    await date_and_time(pilot)
    await type_into(pilot, "invite-minutes", "75")
    await type_into(pilot, "invite-contact", "ann@sch")


async def prep_text_shown(pilot: Pilot[None]) -> None:
    await fill_start(pilot, "Team A", "Ann, Bo")
    await pilot.press("f4")
    await pilot.pause()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("case", ["invitation", "prep_text"])
def test_snapshots_at_100x30(tmp_path: Path, case: str, language: str, snap_compare: Any) -> None:
    steps = invitation_while_typing if case == "invitation" else prep_text_shown
    assert snap_compare(snapshot_app(tmp_path, language), terminal_size=(100, 30), run_before=steps)


@pytest.mark.parametrize("case", ["invitation", "prep_text"])
def test_snapshots_at_80x24(tmp_path: Path, case: str, snap_compare: Any) -> None:
    steps = invitation_while_typing if case == "invitation" else prep_text_shown
    assert snap_compare(snapshot_app(tmp_path, "nl"), terminal_size=(80, 24), run_before=steps)
