"""How the app's process keeps its memory small: the C allocator's tuning, and no TLS library loaded.

Owns two settings made once before the app starts. First, glibc's malloc: large blocks (a pasted note, its
lines, the pieces of a checkpoint) get their own memory maps, given back to the system when freed. glibc's
default raises that threshold to the size of the largest block freed so far (up to 32 MiB), so after the first
large paste every later megabyte-sized string lands in the heap, where freed space stays resident; and each
thread that allocates gets an arena of its own. Fixing the threshold and keeping one arena cuts the peak with
1 MB of notes by several MiB (docs/performance.md). Elsewhere than glibc this does nothing.

Second, the app never opens a network connection, yet asyncio (under Textual) imports `ssl` for its TLS
transports, and with it OpenSSL: about 4 MiB resident for nothing. Marking `ssl` as absent before asyncio
is imported keeps it out; asyncio supports Pythons built without `ssl` and then offers no TLS.
"""

from __future__ import annotations

import ctypes
import sys

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
MMAP_THRESHOLD = 64 * 1024
TRIM_THRESHOLD = 128 * 1024


def keep_heap_small() -> bool:
    """Tune glibc's malloc for a small resident heap; whether it was tuned (False off glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library the interpreter itself is linked with
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    settings = ((_M_MMAP_THRESHOLD, MMAP_THRESHOLD), (_M_TRIM_THRESHOLD, TRIM_THRESHOLD), (_M_ARENA_MAX, 1))
    return all(mallopt(option, value) == 1 for option, value in settings)


def keep_tls_out() -> bool:
    """Make `import ssl` fail in this process (asyncio then runs without TLS); whether it is out.

    Too late once something imported it: then it stays, and this says so.
    """
    if sys.modules.get("ssl", None) is not None:
        return False
    sys.modules["ssl"] = None  # type: ignore[assignment]  # the import system's own "not available" mark
    return True
