"""Control characters from people and protocol files never reach a terminal raw."""

from hypothesis import given
from hypothesis import strategies as st

from intervisie_tui.core.safe_text import BIDI_CONTROLS, has_control, visible


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


def test_bidi_controls_show_as_stand_ins_on_one_line_and_stay_in_notes() -> None:
    assert visible("Ze\x07d\x1b[31mROOD\x0b\u202eevil") == "Ze␇d␛[31mROOD␋<202E>evil"
    assert visible("\u2067مرحبا\u2069 \u202aa\u202c") == "<2067>مرحبا<2069> <202A>a<202C>"
    assert visible("\u200fBo\u200e\u061c") == "\u200fBo\u200e\u061c"  # the marks only nudge their neighbours
    assert visible("regel\n\u202eevil\u202c", multiline=True) == "regel\n\u202eevil\u202c"
    assert not has_control("\u202eevil")  # a name or a protocol title may hold them; shown, they are stand-ins


@given(st.text())
def test_visible_text_has_no_control_and_keeps_printable_text(text: str) -> None:
    shown = visible(text)
    assert not has_control(shown) and "\t" not in shown
    assert not any(char in BIDI_CONTROLS for char in shown)
    assert all(ch in shown for ch in text if ch.isprintable())
