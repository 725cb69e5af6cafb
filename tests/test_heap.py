"""The app's process keeps its memory small: the C heap, and no TLS library (issue 12: peak memory)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from intervisie_tui.ui.heap import keep_heap_small

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="the tuning is glibc's")
def test_glibc_malloc_is_tuned_and_large_blocks_are_given_back() -> None:
    script = (
        "import resource, sys\n"
        "from intervisie_tui.ui.heap import keep_heap_small\n"
        "tuned = sys.argv[1] == 'tuned' and keep_heap_small()\n"
        "def rss():\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmRSS'))\n"
        "before = rss()\n"
        "for size in (4_000_000, 2_000_000, 1_000_000):\n"  # a big block freed raises glibc's own threshold
        "    big = 'x' * size; del big\n"
        "kept, pins = [], []\n"
        "for _ in range(40):\n"  # each large note beside a small block that stays: a fragmented heap
        "    kept.append('y' * 200_000); pins.append('z' * 1_000)\n"
        "del kept\n"
        "print(tuned, rss() - before)\n"
    )
    tuned, grown = subprocess.run(
        [sys.executable, "-c", script, "tuned"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert tuned == "True"
    assert int(grown) < 2_000  # KiB: 8 MB of 200 KB strings freed went back to the system


def test_tuning_twice_is_harmless() -> None:
    assert keep_heap_small() == keep_heap_small()


def test_tls_kept_out_leaves_asyncio_working_and_ssl_unimportable() -> None:
    script = (
        "import sys\n"
        "from intervisie_tui.ui.heap import keep_tls_out\n"
        "out = keep_tls_out()\n"
        "import asyncio\n"
        "print(out, asyncio.run(asyncio.sleep(0, 'ran')), 'ssl' in sys.modules and sys.modules['ssl'] is not None)\n"
        "try:\n"
        "    import ssl\n"
        "except ImportError:\n"
        "    print('refused')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "ran", "False", "refused"]


def test_tls_already_loaded_is_said_not_hidden() -> None:
    script = (
        "import ssl\n"
        "from intervisie_tui.ui.heap import keep_tls_out\n"
        "print(keep_tls_out(), bool(ssl.OPENSSL_VERSION))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True"]
