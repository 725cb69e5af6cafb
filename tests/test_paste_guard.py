"""The input driver's paste guard: an ESC inside a bracketed paste never starts a key sequence.

Fed the way the terminal's bytes arrive (in reads of any size), the guard passes everything through unchanged
except ESC inside a paste.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui.ui.input_driver import PASTE_END, PASTE_START, PasteGuard

pieces = st.lists(st.sampled_from(["a", " ", "\x1b", "[31m", "\x1b[A", "\n", "é", "~", "[201"]), max_size=12).map(
    "".join
)


def fed(data: str, size: int) -> str:
    guard = PasteGuard()
    return "".join(guard.feed(data[i : i + size]) for i in range(0, len(data), size)) + guard.flush()


@given(before=pieces, paste=pieces, after=pieces, size=st.integers(min_value=1, max_value=64))
def test_esc_inside_a_paste_becomes_visible_and_nothing_else_changes(
    before: str, paste: str, after: str, size: int
) -> None:
    data = "x" + before.replace("\x1b", "") + PASTE_START + paste + PASTE_END + after.replace("\x1b", "")
    expected = data.replace(paste + PASTE_END, paste.replace("\x1b", "\u241b") + PASTE_END, 1)
    assert fed(data, size) == expected


def test_a_lone_escape_key_is_given_up_when_the_input_goes_quiet() -> None:
    guard = PasteGuard()
    assert guard.feed("\x1b") == "" and guard.flush() == "\x1b" and guard.flush() == ""
