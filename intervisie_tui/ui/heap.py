"""How the app's process asks the C allocator (glibc's malloc) to keep its heap small.

Owns one tuning, made once before the app starts: large blocks (a pasted note, its lines, the pieces of a
checkpoint) get their own memory maps, given back to the system when freed. glibc's default raises that
threshold to the size of the largest block freed so far (up to 32 MiB), so after the first large paste every
later megabyte-sized string lands in the heap, where freed space stays resident; and each thread that
allocates gets an arena of its own. Fixing the threshold and keeping one arena cuts the peak with 1 MB of
notes by several MiB (docs/performance.md). Elsewhere than glibc this does nothing.
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
