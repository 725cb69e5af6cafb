"""The typing baseline: a bare Textual app whose only widget is a focused, soft-wrapping TextArea."""

from textual.app import App, ComposeResult
from textual.widgets import TextArea


class BareTextArea(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(id="notes", soft_wrap=True, show_line_numbers=False, placeholder="hallo")


if __name__ == "__main__":
    BareTextArea().run()
