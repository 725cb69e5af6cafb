"""The countdown as a room sees it: its height at each terminal size, the full-screen clock, the contrast of
warning and overrun in every colour mode, and ±1 minute shown wherever the plan is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich._palettes import STANDARD_PALETTE
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.terminal_theme import DEFAULT_TERMINAL_THEME, TerminalTheme
from textual.color import Color
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable, TextArea

from intervisie_tui.core.clock import ManualClock
from intervisie_tui.ui.app import IntervisieApp
from intervisie_tui.ui.big_digits import BigDigits, render_blocks
from intervisie_tui.ui.countdown import Countdown
from intervisie_tui.ui.end_screen import EndScreen
from intervisie_tui.ui.step_list import StepList

from .helpers import make_app, session_screen, shown

BLOCKS = set("▀▄█")
WARNING_SECONDS = 4 * 60 + 20  # of the first step's 5 minutes: 0:40 left
OVERRUN_SECONDS = 6 * 60 + 12  # -1:12


def digits(app: IntervisieApp) -> BigDigits:
    return app.screen.query_one("#countdown", BigDigits)


def drawn(widget: BigDigits) -> str:
    """The characters the widget puts on screen."""
    strips = widget.render_lines(Region(0, 0, *widget.size))
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def run_clock(pilot: Pilot[None], clock: ManualClock, seconds: float) -> None:
    await pilot.press("ctrl+t")
    clock.advance(seconds)
    session_screen(pilot.app).tick()  # type: ignore[arg-type]
    await pilot.pause()


# ----- size ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "rows"), [((100, 30), 5), ((80, 24), 3), ((40, 12), 3), ((160, 50), 8)])
async def test_the_clock_grows_with_the_terminal(size: tuple[int, int], rows: int, clock: ManualClock) -> None:
    """At least five rows from 100×30 up, three where room is short, and always the whole time in view."""
    app = make_app(None, clock)
    async with app.run_test(size=size):
        widget = digits(app)
        assert widget.region.height == rows
        assert widget.region.right <= size[0] and widget.region.bottom < size[1]
        lines = drawn(widget).split("\n")
        assert len(lines) == rows and all(BLOCKS & set(line) for line in lines)
        notes = app.screen.query_one("#notes", TextArea)
        assert notes.region.height >= 3  # the notulist keeps room to type


async def test_the_clock_draws_the_time_that_is_left(clock: ManualClock) -> None:
    app = make_app(None, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_clock(pilot, clock, OVERRUN_SECONDS)
        assert digits(app).value == "-1:12"
        lines = [line.strip() for line in drawn(digits(app)).split("\n")]
        assert lines == [line.strip() for line in render_blocks("-1:12", 2)]


# ----- full screen -----------------------------------------------------------------------------------------


async def test_f6_shows_the_clock_full_screen_with_title_and_speaker_and_returns(clock: ManualClock) -> None:
    app = make_app(None, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+t", *"Ann vertelt")
        clock.advance(40)
        session_screen(app).tick()
        await pilot.press("f6")
        await pilot.pause()
        screen = session_screen(app)
        assert screen.has_class("-full-clock")
        assert screen.query_one("#body").region.height == 0 and not screen.query_one("#figures").region
        title, speaker = screen.query_one("#clock-title"), screen.query_one("#clock-speaker")
        assert title.region.height and speaker.region.height
        assert shown(app, "#clock-title") == "Inventarisatie"
        assert shown(app, "#clock-speaker") == "Aan het woord: Ann 0:40/1:15"
        assert digits(app).region.height >= 8  # bigger than beside the title
        await pilot.press("f6")
        await pilot.pause()
        assert not screen.has_class("-full-clock") and digits(app).region.height == 5
        notes = screen.query_one("#notes", TextArea)
        assert notes.text == "Ann vertelt" and app.focused is notes
        await pilot.press("f6", "escape", *" en Bo")
        await pilot.pause()
        assert not screen.has_class("-full-clock")
        assert notes.text == "Ann vertelt en Bo" and app.focused is notes


@pytest.mark.parametrize(("size", "rows"), [((80, 24), 8), ((40, 12), 3)])
async def test_the_full_screen_clock_fits_small_terminals(size: tuple[int, int], rows: int, clock: ManualClock) -> None:
    app = make_app(None, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        title, speaker = (app.screen.query_one(selector) for selector in ("#clock-title", "#clock-speaker"))
        widget = digits(app)
        assert widget.region.height == rows and title.region.bottom <= widget.region.y < speaker.region.y
        assert speaker.region.bottom < size[1] and widget.region.right <= size[0]


async def test_typing_while_the_clock_fills_the_screen_goes_into_the_notes(clock: ManualClock) -> None:
    """The notes keep the focus (laid out at no height), so nothing typed meanwhile is lost."""
    app = make_app(None, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"abc", "f6", *"def", "enter", "g", "backspace", *"gh")
        await pilot.pause()
        screen = session_screen(app)
        assert screen.has_class("-full-clock")
        notes = screen.query_one("#notes", TextArea)
        assert app.focused is notes and notes.text == "abcdef\ngh"
        await pilot.press("ctrl+n")  # a session key works meanwhile, and takes the notes first
        assert screen.session.states[0].notes == "abcdef\ngh"
        assert shown(app, "#clock-title") == "Introductie van de kwestie"
        await pilot.press("escape")
        assert not screen.has_class("-full-clock") and app.focused is notes


async def test_the_full_screen_clock_is_in_the_palette_and_the_help(clock: ManualClock) -> None:
    app = make_app(None, clock)
    async with app.run_test(size=(100, 30)):
        screen = session_screen(app)
        assert ("f6", "Klok groot (Esc terug)") in screen.key_help()
        commands = {command.title: command for command in app.get_system_commands(screen)}
        await commands["Klok groot (Esc terug)"].callback()
        assert screen.has_class("-full-clock")


# ----- contrast --------------------------------------------------------------------------------------------


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


VGA = TerminalTheme(
    (0, 0, 0),
    (170, 170, 170),
    [tuple(STANDARD_PALETTE[n]) for n in range(8)],
    [tuple(STANDARD_PALETTE[n]) for n in range(8, 16)],
)
"""The 16 colours Rich picks the nearest of when it downgrades (a terminal's own palette may differ)."""


def terminal_colour(color: RichColor, system: ColorSystem, palette: TerminalTheme) -> Color:
    """The colour a terminal shows for a segment's colour: downgraded to its colour system, then its palette."""
    return Color.from_rich_color(RichColor.from_triplet(color.downgrade(system).get_truecolor(palette)))


def drawn_pairs(
    app: IntervisieApp, selector: str, system: ColorSystem, palette: TerminalTheme = VGA
) -> Iterator[tuple[str, Color, Color]]:
    """(text, foreground, background) of every segment the widget draws, after the app's filters (NO_COLOR).

    Textual draws in true colour and the terminal's console downgrades on output (TEXTUAL_COLOR_SYSTEM is
    read once, at import), so the downgrade is done here as that console does it.
    """
    widget = app.screen.query_one(selector)
    background = app.screen.styles.background
    for strip in widget.render_lines(Region(0, 0, *widget.size)):
        for line_filter in app.get_line_filters():
            strip = strip.apply_filter(line_filter, background)
        segment: Segment
        for segment in strip:
            style = segment.style
            if style is None or style.color is None or style.bgcolor is None or not segment.text.strip():
                continue
            yield (
                segment.text,
                terminal_colour(style.color, system, palette),
                terminal_colour(style.bgcolor, system, palette),
            )


MODES = {
    "truecolor": (ColorSystem.TRUECOLOR, VGA, False),
    "16 colours, VGA palette": (ColorSystem.STANDARD, VGA, False),
    "16 colours, xterm palette": (ColorSystem.STANDARD, DEFAULT_TERMINAL_THEME, False),
    "NO_COLOR": (ColorSystem.TRUECOLOR, VGA, True),
}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize(("state", "seconds"), [("warning", WARNING_SECONDS), ("overrun", OVERRUN_SECONDS)])
async def test_warning_and_overrun_keep_a_contrast_of_4_5(
    mode: str, state: str, seconds: float, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contrast of the figures (and the overrun label) against their background, as the terminal shows them."""
    system, palette, no_color = MODES[mode]
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(None, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_clock(pilot, clock, seconds)
        assert app.screen.query_one(Countdown).has_class(f"-{state}")
        assert app.no_color is no_color
        pairs = list(drawn_pairs(app, "#countdown", system, palette))
        if state == "overrun":
            pairs += list(drawn_pairs(app, "#clock-label", system, palette))
        assert pairs and all(BLOCKS & set(text) for text, _, _ in pairs[:1])
        ratios = {round(contrast(fg, bg), 2) for _, fg, bg in pairs}
        assert min(ratios) >= 4.5, ratios


async def test_warning_and_overrun_differ_in_16_colours(clock: ManualClock) -> None:
    colours = {}
    for state, seconds in (("warning", WARNING_SECONDS), ("overrun", OVERRUN_SECONDS)):
        app = make_app(None, ManualClock())
        async with app.run_test(size=(100, 30)) as pilot:
            await run_clock(pilot, pilot.app.clock, seconds)  # type: ignore[attr-defined]
            colours[state] = {fg for _, fg, _ in drawn_pairs(app, "#countdown", ColorSystem.STANDARD)}
    assert colours["warning"].isdisjoint(colours["overrun"])


async def test_overrun_under_no_color_has_the_label_and_the_sign(
    clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(None, clock, language="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await run_clock(pilot, clock, OVERRUN_SECONDS)
        assert digits(app).value.startswith("-")
        assert shown(app, "#clock-label") == "OVERRUN"
        label = app.screen.query_one("#clock-label")
        styles = [
            segment.style
            for strip in label.render_lines(Region(0, 0, *label.size))
            for segment in strip
            if segment.text.strip() == "OVERRUN"
        ]
        assert styles and all(style is not None and style.reverse for style in styles)  # survives every filter


async def test_a_paused_overrun_is_not_dimmed(clock: ManualClock) -> None:
    app = make_app(None, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_clock(pilot, clock, OVERRUN_SECONDS)
        await pilot.press("ctrl+t")
        session_screen(app).tick()
        await pilot.pause()
        box = app.screen.query_one(Countdown)
        assert box.has_class("-overrun") and not box.has_class("-stopped")
        assert min(contrast(fg, bg) for _, fg, bg in drawn_pairs(app, "#countdown", ColorSystem.TRUECOLOR)) >= 4.5


# ----- ±1 minute -------------------------------------------------------------------------------------------


async def test_plus_and_minus_a_minute_show_in_step_list_figures_and_end_screen(
    tmp_path: Path, clock: ManualClock
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = session_screen(app)
        assert "gepland einde 14:50 · verwacht einde 14:50 (op schema)" in shown(app, "#figures")
        await pilot.press("ctrl+t", "ctrl+l", "ctrl+l")
        rows = screen.query_one(StepList).rows
        assert rows[0][2].strip() == "0/5+2"
        assert "gepland einde 14:52 · verwacht einde 14:52 (op schema)" in shown(app, "#figures")
        await pilot.press("ctrl+r")
        assert screen.query_one(StepList).rows[0][2].strip() == "0/5+1"
        assert "gepland einde 14:51 · verwacht einde 14:51 (op schema)" in shown(app, "#figures")
        clock.advance(3 * 60)
        session_screen(app).tick()
        assert "gepland einde 14:51 · verwacht einde 14:51 (op schema)" in shown(app, "#figures")
        clock.advance(3 * 60)
        await pilot.press("ctrl+n")
        assert screen.query_one(StepList).rows[0][2].strip() == "6/5+1"  # used 6 of 6: not over
        assert screen.query_one(StepList).rows[0][3] == "dim"
        for _ in range(6):
            await pilot.press("ctrl+n")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        table = app.screen.query_one(DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[1:] == ["6:00 (+1 min)", "6:00", "0 min"]
        assert "Gepland 51:00 (+1 min)" in shown(app, "#end-total")


# ----- snapshots -------------------------------------------------------------------------------------------


async def ticking(pilot: Pilot[None], clock: ManualClock) -> None:
    await pilot.press("ctrl+t", *"Ann: lastige ouder")
    clock.advance(2 * 60 + 47)
    session_screen(pilot.app).tick()  # type: ignore[arg-type]


async def full_screen(pilot: Pilot[None], clock: ManualClock) -> None:
    await ticking(pilot, clock)
    await pilot.press("f6")


async def overrun(pilot: Pilot[None], clock: ManualClock) -> None:
    await run_clock(pilot, clock, OVERRUN_SECONDS)


SNAPSHOTS = {
    "big-clock": ("nl", ticking),
    "full-screen": ("nl", full_screen),
    "overrun-nl": ("nl", overrun),
    "overrun-en": ("en", overrun),
}


@pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", sorted(SNAPSHOTS))
def test_clock_snapshots(case: str, size: tuple[int, int], snap_compare: Any) -> None:
    language, steps = SNAPSHOTS[case]
    clock = ManualClock()
    app = make_app(None, clock, language=language)

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await steps(pilot, clock)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
