"""The countdown: big figures, the overrun or open-time label, and (full screen) the step title and speaker.

Owns how the clock looks in each state. Its one piece of state is a `ClockFace` (reactive, as in Textual's
stopwatch example): the screen sets a new face on every tick, and the widget repaints only when the face
differs. Warning and overrun colours keep a contrast of at least 4.5:1 against the background in the default
theme, also downgraded to 16 colours and in grey under `NO_COLOR`; overrun is carried by the minus sign and a
label in reverse video as well, which survive any colour setting. A stopped clock dims only in its normal
state, so a paused overrun keeps its contrast. The title and speaker wrap within three lines, so a long name
never pushes the figures off the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from .big_digits import BigDigits
from .live_line import LiveLine

LEVELS = ("normal", "warning", "danger", "overrun")


@dataclass(frozen=True)
class ClockFace:
    """What the clock shows: the time, how urgent it is, the label under it, and for the full-screen view
    the step's title and who speaks."""

    time: str = "0:00"
    level: str = "normal"
    label: str = ""
    stopped: bool = True
    title: str = ""
    speaker: str = ""


class Countdown(Vertical):
    """The clock box: `face` is what it shows, `full_screen` whether it fills the screen."""

    DEFAULT_CSS = """
    Countdown { width: auto; height: auto; align: center middle; }
    Countdown #countdown { color: $text; text-style: bold; }
    Countdown #clock-label { width: 100%; text-align: center; color: $text-muted; height: 1; }
    Countdown.-warning #countdown { color: $text-warning; }
    Countdown.-danger #countdown { color: $error-lighten-3; }
    Countdown.-overrun #countdown { color: $error-lighten-3; }
    Countdown.-overrun #clock-label { color: $error-lighten-3; text-style: bold reverse; }
    Countdown.-stopped #countdown { text-opacity: 70%; }
    Countdown #clock-title, Countdown #clock-speaker { display: none; width: 100%; max-height: 3; text-align: center; }
    Countdown.-full #clock-title { display: block; text-style: bold; color: $accent; margin-bottom: 1; }
    Countdown.-full #clock-speaker { display: block; margin-top: 1; }
    """

    face: reactive[ClockFace] = reactive(ClockFace, init=False, repaint=False)
    full_screen: reactive[bool] = reactive(False, init=False, repaint=False)

    def compose(self) -> ComposeResult:
        yield LiveLine(id="clock-title")
        yield BigDigits(self.face.time, id="countdown")
        yield LiveLine(id="clock-label")
        yield LiveLine(id="clock-speaker")

    def watch_face(self, old: ClockFace, face: ClockFace) -> None:
        if face.time != old.time:
            self.query_one(BigDigits).update(face.time)
        for level in LEVELS[1:]:
            self.set_class(face.level == level, f"-{level}")
        self.set_class(face.stopped and face.level == "normal", "-stopped")
        self.query_one("#clock-label", LiveLine).text = face.label
        if self.full_screen:
            self._show_title_and_speaker()

    def watch_full_screen(self, full_screen: bool) -> None:
        self.set_class(full_screen, "-full")
        self.query_one(BigDigits).full_screen = full_screen
        if full_screen:
            self._show_title_and_speaker()

    def _show_title_and_speaker(self) -> None:
        """Only while full screen: hidden, the speaker's time would still be set out anew every second."""
        self.query_one("#clock-title", LiveLine).text = self.face.title
        self.query_one("#clock-speaker", LiveLine).text = self.face.speaker
