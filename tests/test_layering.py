"""The core never loads textual: a script, a test or another front end can run a session without it."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import intervisie_tui.core


def test_importing_every_core_module_loads_no_textual() -> None:
    names = [f"intervisie_tui.core.{m.name}" for m in pkgutil.iter_modules(intervisie_tui.core.__path__)]
    assert len(names) >= 6
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
