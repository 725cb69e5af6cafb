"""The terminal driver on Linux and macOS: Textual's own, except that undecodable input cannot kill the app.

Owns one workaround. Textual 8.2's `LinuxDriver.run_input_thread` decodes the terminal's bytes with a
strict UTF-8 decoder, so one invalid byte (an 8-bit Alt key, a Latin-1 paste, a line-noise byte over SSH)
raises UnicodeDecodeError in the input thread, which ends the app (upstream: Textualize/textual#6456, the
fix `errors="replace"` not yet released). This driver runs the same loop with a replacing decoder: such a
byte arrives as U+FFFD and typing goes on. Remove it once Textual ships the fix.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver


class TolerantLinuxDriver(LinuxDriver):
    """Textual's LinuxDriver, whose input thread replaces bytes that are not UTF-8."""

    def run_input_thread(self) -> None:
        """Textual 8.2's input loop, with `errors="replace"` on the decoder (the only change)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
        ) -> None:
            for last, (_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    unicode_data = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        break
                    for event in parser.feed(unicode_data):
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
