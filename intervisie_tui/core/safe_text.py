"""Text from people and protocol files made safe to show: no terminal control ever reaches a terminal.

Owns the one definition of "a character that must not reach the terminal raw": the C0 controls (tab and
newline excepted where the text may span lines), DEL, the C1 controls (ESC's 8-bit cousins such as CSI) and
lone surrogates (which cannot even be encoded). Each is shown as a visible stand-in, so what was there is
still seen and nothing is silently lost. Markup is not this module's concern: the UI shows every such string
as literal text (a `Content`/`Text` object, never a markup string).
"""

from __future__ import annotations

import re

# C0, DEL, C1 and lone surrogates; the variants keep tab, or tab and newline.
_CONTROL_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

REPLACEMENT = "\ufffd"


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code == 0x09:
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC, ␀ for NUL
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return f"<{code:02X}>"
    return REPLACEMENT


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character replaced by a visible stand-in.

    With `multiline`, newlines and tabs stay as they are (a note, a prompt); without it a newline shows as
    ␊ and a tab as a space (a name, a title, one line of a listing). Carriage returns always become visible.
    """
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_SINGLE_LINE
    return pattern.sub(_stand_in, text)


def pasted(text: str) -> str:
    """Pasted text as a note holds it: line ends of any system (CR LF, a lone CR as terminals paste) as LF,
    then every other control character made visible."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"), multiline=True)


def has_control(text: str, *, multiline: bool = False) -> bool:
    """Whether `text` holds a character that `visible` would replace (tab always allowed)."""
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_BUT_TAB
    return pattern.search(text) is not None
