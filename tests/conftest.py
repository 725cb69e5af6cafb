"""Shared fixtures: every test gets its own empty data and config folders and a manual clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from intervisie_tui.core.catalog import load_catalog
from intervisie_tui.core.clock import ManualClock

from .helpers import SUMMARY_LINES


def pytest_configure(config: pytest.Config) -> None:
    config.stash[SUMMARY_LINES] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for line in terminalreporter.config.stash.get(SUMMARY_LINES, []):
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user's data and config folders at a temporary home so no test touches the real ones."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    return home


@pytest.fixture
def english_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """An English locale, so the command line speaks English (its default is Dutch, like the app's)."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(scope="session")
def bundled_ids() -> tuple[str, ...]:
    return load_catalog().ids
