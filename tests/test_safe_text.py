"""Control characters from people and protocol files never reach a terminal raw."""

from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui.core.safe_text import has_control, visible


def test_escape_sequences_become_visible() -> None:
    assert visible("Ann\x1b]2;pwned\x07") == "Ann␛]2;pwned␇"
    assert visible("a\x9b2Jb") == "a<9B>2Jb"
    assert visible("x\x7fy") == "x␡y"
    assert visible("lone \ud800") == "lone \ufffd"


def test_newlines_kept_only_in_multiline_text() -> None:
    assert visible("a\nb\tc") == "a␊b c"
    assert visible("a\nb\tc\r", multiline=True) == "a\nb\tc␍"
    assert has_control("a\nb") and not has_control("a\nb", multiline=True)
    assert not has_control("tab\there")


@given(st.text())
def test_visible_text_has_no_control_and_keeps_printable_text(text: str) -> None:
    shown = visible(text)
    assert not has_control(shown) and "\t" not in shown
    assert all(ch in shown for ch in text if ch.isprintable())
