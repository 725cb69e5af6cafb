"""The countdown's figures in a block font that grows with the terminal, readable from across a room.

Owns the font (digits, colon and minus sign on a 3×5 grid of square pixels drawn with half blocks, so two
pixels share one cell row) and the choice of scale: beside the step title it takes about a fifth of the
terminal's height and half its width, so 3 rows at 80×24 and 40×12 and 5 rows at 100×30; full screen it
takes what the screen leaves. The scale is chosen for the widest usual text (`-00:00`), so it does not jump
when the minutes gain a digit.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import Digits

GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("...", "...", "...", "...", "..."),
}
GLYPH_HEIGHT = 5
REFERENCE_TEXT = "-00:00"
HALF_BLOCKS = {(False, False): " ", (True, False): "▀", (False, True): "▄", (True, True): "█"}
FULL_SCREEN_RESERVED_ROWS = 7  # the step title, the label, the speaker, the key bar and a little air
BESIDE_TITLE_HEIGHT_SHARE = 5  # one fifth of the terminal's height
BESIDE_TITLE_WIDTH_SHARE = 2  # half of its width


def glyph(char: str) -> tuple[str, ...]:
    return GLYPHS.get(char, GLYPHS[" "])


def text_columns(text: str, scale: int) -> int:
    """Cells the text takes across: each pixel `scale` cells wide, one pixel of space between characters."""
    pixels = sum(len(glyph(char)[0]) for char in text) + max(len(text) - 1, 0)
    return pixels * scale


def text_rows(scale: int) -> int:
    """Cell rows the text takes: two pixel rows to a cell row."""
    return -(-GLYPH_HEIGHT * scale // 2)


def fitting_scale(rows: int, columns: int, text: str = REFERENCE_TEXT) -> int:
    """The largest scale at which `text` fits in `rows` × `columns` cells; never below 1."""
    scale = 1
    while text_rows(scale + 1) <= rows and text_columns(text, scale + 1) <= columns:
        scale += 1
    return scale


def render_blocks(text: str, scale: int) -> list[str]:
    """The text as lines of half-block characters."""
    pixel_rows: list[list[bool]] = []
    for row in range(GLYPH_HEIGHT):
        pixels: list[bool] = []
        for number, char in enumerate(text):
            if number:
                pixels.extend([False] * scale)
            for pixel in glyph(char)[row]:
                pixels.extend([pixel == "#"] * scale)
        pixel_rows.extend([pixels] * scale)
    if len(pixel_rows) % 2:
        pixel_rows.append([False] * len(pixel_rows[0]) if pixel_rows else [])
    return [
        "".join(HALF_BLOCKS[top, bottom] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(pixel_rows[::2], pixel_rows[1::2], strict=True)
    ]


class BigDigits(Digits):
    """The countdown's figures: `value` and `update()` as Textual's Digits, drawn in the block font."""

    DEFAULT_CSS = "BigDigits { width: auto; height: auto; }"

    full_screen: reactive[bool] = reactive(False, layout=True)
    """Whether the figures take the whole screen rather than a corner beside the step title."""

    def scale(self, viewport: Size) -> int:
        if self.full_screen:
            return fitting_scale(viewport.height - FULL_SCREEN_RESERVED_ROWS, viewport.width - 4)
        rows = viewport.height // BESIDE_TITLE_HEIGHT_SHARE
        return fitting_scale(rows, viewport.width // BESIDE_TITLE_WIDTH_SHARE)

    def _drawn_scale(self) -> int:
        """The scale to draw at: the chosen one, smaller only when a long text (`1:02:03`) would not fit."""
        scale = self.scale(self.app.size)
        while scale > 1 and text_columns(self.value, scale) > self.content_size.width:
            scale -= 1
        return scale

    def update(self, value: str) -> None:
        layout = len(value) != len(self.value)
        self._value = value
        self.refresh(layout=layout)

    def render(self) -> Text:
        lines = render_blocks(self.value, self._drawn_scale())
        margin = " " * max((self.content_size.width - len(lines[0])) // 2, 0)
        return Text("\n".join(margin + line for line in lines), no_wrap=True, overflow="crop")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the widest usual text, so the clock and the title beside it keep their places."""
        scale = self.scale(viewport)
        return max(text_columns(self.value, scale), text_columns(REFERENCE_TEXT, scale))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return text_rows(self.scale(viewport))
