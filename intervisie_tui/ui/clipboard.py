"""Copying text to the system clipboard with a clipboard tool, never on the UI thread.

Owns the tools tried in order (`wl-copy`, `xclip`, `xsel`, `pbcopy`, `clip.exe`) and how one is run: the text on
its stdin, its stdout and stderr to DEVNULL, and a short timeout. `wl-copy` leaves a child behind that serves
the clipboard and keeps the inherited stderr open; capturing the output waited for that child until the
timeout and then reported a failure although the copy had worked. The app calls `copy_with_tool` from a worker
thread and also sends the text to the terminal (OSC 52) as a fallback.
"""

from __future__ import annotations

import shutil
import subprocess

TOOLS = (
    ("wl-copy",),
    ("xclip", "-selection", "clipboard"),
    ("xsel", "--clipboard", "--input"),
    ("pbcopy",),
    ("clip.exe",),
)
TIMEOUT_SECONDS = 2.0


def copy_with_tool(text: str) -> bool:
    """Give the text to the first installed clipboard tool that accepts it; whether one did. Blocks: run in a thread."""
    data = text.encode("utf-8", "replace")
    for name, *arguments in TOOLS:
        path = shutil.which(name)
        if path is None:
            continue
        try:
            subprocess.run(
                [path, *arguments],
                input=data,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT_SECONDS,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        return True
    return False
