"""Where the app keeps things on this machine, by the platform's conventions (platformdirs).

Owns the folder names: the data folder (minutes, saved sessions, the search index; `XDG_DATA_HOME` honoured
on Linux), the config folder (the user's protocols) and the cache folder (parsed protocols).
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

APP_NAME = "intervisie-tui"
INDEX_NAME = "search-index.sqlite3"


def data_dir() -> Path:
    return Path(user_data_dir(APP_NAME))


def minutes_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "minutes"


def index_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / INDEX_NAME


def user_config_path() -> Path:
    """The user's config folder: their protocols, questions, energizers and checklist points."""
    return Path(user_config_dir(APP_NAME))


def settings_path() -> Path:
    """The user's settings file (read by ui/settings.py; the command line reads its language from it too)."""
    return user_config_path() / "settings.json"


def user_protocols_dir() -> Path:
    """Where a user keeps protocols of their own."""
    return user_config_path() / "protocols"


def protocol_cache_dir() -> Path:
    """Where parsed protocols are kept, so starting a session need not load the YAML parser."""
    return Path(user_cache_dir(APP_NAME)) / "protocols"
