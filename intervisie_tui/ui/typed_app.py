"""The typed way a screen or widget reaches the running `IntervisieApp` and the services it shares.

Owns `intervisie_app(node)`: Textual types `node.app` as any `App`, so without this a screen could only reach
`start_session`, `copy_text` or `set_terminal_title` by name, which mypy cannot follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from .app import IntervisieApp


def intervisie_app(node: MessagePump) -> IntervisieApp:
    """The app this node runs in; a TypeError when that is not intervisie's app (a programming error)."""
    from .app import IntervisieApp

    app = node.app
    if not isinstance(app, IntervisieApp):
        raise TypeError(type(node).__name__, type(app).__name__)  # a programming error: the node and its app
    return app
