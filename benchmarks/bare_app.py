"""The baseline: a bare Textual app with a header, a label and a footer, as DESIGN.md's numbers compare against."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("hallo")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
