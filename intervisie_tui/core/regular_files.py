"""Reading a file that a person may have replaced by something else: only a regular file is ever read.

Owns the one way the app reads a hand-edited or saved file by name: a folder, a named pipe (FIFO), a device or
a socket is refused at once, before it is opened for reading (a FIFO without a writer would block forever, a
device could stream without end), and at most a given number of bytes is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "folder", "is a folder"),
    (stat.S_ISFIFO, "fifo", "is a named pipe (FIFO)"),
    (stat.S_ISCHR, "device", "is a device"),
    (stat.S_ISBLK, "device", "is a device"),
    (stat.S_ISSOCK, "socket", "is a socket"),
)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class NotRegularFileError(Exception):
    """A path names something other than a regular file; the message says what it is (`is a folder`), `kind`
    names it for the words package (`folder`, `fifo`, `device`, `socket`, `other`)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def _refuse_unless_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    for test, kind, message in _KINDS:
        if test(mode):
            raise NotRegularFileError(kind, message)
    raise NotRegularFileError("other", "is not a regular file")


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of a regular file (one more than allowed, so a caller can tell it is too large).

    Raises NotRegularFileError for anything else, OSError when it cannot be read, ValueError for a name the
    OS cannot take (an embedded NUL).
    """
    _refuse_unless_regular(path.stat().st_mode)
    fd = os.open(path, _READ_FLAGS)
    try:
        _refuse_unless_regular(os.fstat(fd).st_mode)  # it may have been swapped since the first look
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
