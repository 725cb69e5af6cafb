"""Text from people and protocol files made safe to show: no terminal control ever reaches a terminal.

Owns the one definition of "a character that must not reach the terminal raw": the C0 controls (tab and
newline excepted where the text may span lines), DEL, the C1 controls (ESC's 8-bit cousins such as CSI) and
lone surrogates (which cannot even be encoded). Each is shown as a visible stand-in, so what was there is
still seen and nothing is silently lost. Markup is not this module's concern: the UI shows every such string
as literal text (a `Content`/`Text` object, never a markup string).

One-line text (a name, a group, a title, a field, one line of a listing) also shows the bidirectional
embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) as stand-ins such as `<202E>`: such
text is set inside lines the app writes ("**Deelnemers:** Ann, Ze<202E>evil (inbrenger)"), and a raw override
would reverse the app's own words after it in a renderer or terminal that applies the bidi algorithm. The
marks (LRM U+200E, RLM U+200F, ALM U+061C) stay: they only nudge neutral characters next to them. Multi-line
text (a note, a prompt) keeps these controls as typed: it is a person's own paragraphs, where right-to-left
writers use them, and their effect ends at the end of the line.
"""

from __future__ import annotations

import re

# C0, DEL, C1 and lone surrogates; the variants keep tab, or tab and newline.
_CONTROL_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
# The bidi embeddings, overrides and their pop (U+202A-U+202E) and the isolates (U+2066-U+2069).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROL_SINGLE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
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
    if code <= 0x9F or chr(code) in BIDI_CONTROLS:
        return f"<{code:02X}>"
    return REPLACEMENT


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character replaced by a visible stand-in.

    With `multiline`, newlines, tabs and bidi controls stay as they are (a note, a prompt); without it a
    newline shows as ␊, a tab as a space and a bidi control as `<202E>` (a name, a title, one line of a
    listing). Carriage returns always become visible.
    """
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_SINGLE_LINE
    return pattern.sub(_stand_in, text)


def pasted(text: str) -> str:
    """Pasted text as a note holds it: line ends of any system (CR LF, a lone CR as terminals paste) as LF,
    then every other control character made visible."""
    return visible(text.replace("\r\n", "\n").replace("\r", "\n"), multiline=True)


def has_control(text: str, *, multiline: bool = False) -> bool:
    """Whether `text` holds a terminal control character that `visible` would replace (tab always allowed).

    Bidi controls are not counted: a name or a protocol title may hold them; one-line places show them as
    stand-ins.
    """
    pattern = _CONTROL_MULTILINE if multiline else _CONTROL_BUT_TAB
    return pattern.search(text) is not None
