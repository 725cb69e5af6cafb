"""The terminal driver on Linux and macOS: Textual's own, except that undecodable input cannot kill the app.

Owns one workaround. Textual 8.2's `LinuxDriver.run_input_thread` decodes the terminal's bytes with a
strict UTF-8 decoder, so one invalid byte (an 8-bit Alt key, a Latin-1 paste, a line-noise byte over SSH)
raises UnicodeDecodeError in the input thread, which ends the app (upstream: Textualize/textual#6456, the
fix `errors="replace"` not yet released). This driver runs the same loop with a replacing decoder: such a
byte arrives as U+FFFD and typing goes on. Remove it once Textual ships the fix.

And a second one: inside a bracketed paste, Textual 8.2's XTermParser still reads an ESC as the start of a
key sequence and sends what follows it as keys, ahead of the paste, so a pasted `aaa ESC[31m bbb` arrives
reordered and partly lost. `PasteGuard` turns an ESC inside a paste into the visible ␛ before the parser
sees it, so the whole paste arrives as one Paste event (the notes would make it visible anyway).
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


class PasteGuard:
    """Replaces ESC inside bracketed pastes in a stream of decoded terminal input, chunk by chunk.

    A chunk that ends with the beginning of a marker keeps that bit until the next chunk shows what it is, or
    until the input has been quiet for one select timeout (`flush`): a lone Escape key waits 0.1 s at most.
    """

    def __init__(self) -> None:
        self.in_paste = False
        self.held = ""

    def feed(self, data: str) -> str:
        data, self.held = self.held + data, ""
        out: list[str] = []
        position = 0
        while position < len(data):
            if not self.in_paste:
                start = data.find(PASTE_START, position)
                if start < 0:
                    rest = data[position:]
                    rest, self.held = _split_marker_start(rest, PASTE_START)
                    out.append(rest)
                    break
                out.append(data[position : start + len(PASTE_START)])
                position = start + len(PASTE_START)
                self.in_paste = True
                continue
            end = data.find(PASTE_END, position)
            if end < 0:
                body, self.held = _split_marker_start(data[position:], PASTE_END)
                out.append(body.replace("\x1b", "\u241b"))
                break
            out.append(data[position:end].replace("\x1b", "\u241b") + PASTE_END)
            position = end + len(PASTE_END)
            self.in_paste = False
        return "".join(out)

    def flush(self) -> str:
        """What is held back, given up because no more input came."""
        held, self.held = self.held, ""
        return held


def _split_marker_start(text: str, marker: str) -> tuple[str, str]:
    """`text` split before a tail that could be the beginning of `marker`."""
    for keep in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[-keep:]):
            return text[:-keep], text[-keep:]
    return text, ""


class TolerantLinuxDriver(LinuxDriver):
    """Textual's LinuxDriver, whose input thread replaces bytes that are not UTF-8."""

    def run_input_thread(self) -> None:
        """Textual 8.2's input loop, with `errors="replace"` on the decoder and ESC in pastes guarded."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        guard = PasteGuard()

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> None:
            for last, (_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    unicode_data = guard.feed(decode(os.read(fileno, 1024 * 4), final=final and last))
                    if not unicode_data:
                        break
                    for event in parser.feed(unicode_data):
                        self.process_message(event)
            if not selector_events and (held := guard.flush()):
                for event in parser.feed(held):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(0.1))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
