"""The README's quick start is what CI runs: two commands that work as written on a fresh machine."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_an_install_and_a_test_command_in_a_virtual_environment() -> None:
    install, test = quick_start_commands()
    assert install.startswith("python3 -m venv .venv && ") and install.endswith(" && .venv/bin/intervisie")
    assert test.startswith("python3 -m venv .venv && ") and "pytest" in test
    assert "pip install" not in install.replace(".venv/bin/python -m pip install", "")


def test_ci_runs_the_readme_commands_word_for_word() -> None:
    install, test = quick_start_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci
    assert install.removesuffix(" && .venv/bin/intervisie") in ci
