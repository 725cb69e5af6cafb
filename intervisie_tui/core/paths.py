"""Where the app keeps things on this machine, by the platform's conventions (platformdirs).

Owns the folder names and how long a file name may be: the data folder (minutes, saved sessions, the search
index; `XDG_DATA_HOME` honoured on Linux), the config folder (the user's protocols) and the cache folder (parsed
protocols). On Linux the data and config folders are worked out without loading platformdirs where its answer
is plain (an absolute `XDG_*_HOME`, else an absolute `HOME`): `minutes search` starts often, and platformdirs
costs milliseconds.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "intervisie-tui"
INDEX_NAME = "search-index.sqlite3"
NAME_BYTES = 255  # the longest file name ext4, APFS and NTFS take (ext4 counts bytes)


def cut_name(text: str, max_bytes: int = NAME_BYTES) -> str:
    """`text` cut at a character so that it takes at most `max_bytes` bytes as the file system stores it."""
    while len(os.fsencode(text)) > max_bytes:
        text = text[:-1]
    return text


def data_dir() -> Path:
    plain = _plain_xdg_dir("XDG_DATA_HOME", ".local/share")
    if plain is not None:
        return plain
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME))


def _plain_xdg_dir(variable: str, under_home: str) -> Path | None:
    """The app's folder as platformdirs gives it on Linux, where that needs no more than two variables; else None.

    None on other systems, on Android and where HOME is missing or relative (platformdirs then asks the
    password database): those go to platformdirs itself.
    """
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_ROOT"):
        return None
    configured = os.environ.get(variable, "")
    if Path(configured).is_absolute():
        return Path(configured, APP_NAME)
    home = os.environ.get("HOME", "")
    return Path(home, under_home, APP_NAME) if Path(home).is_absolute() else None


def minutes_dir(root: Path | None = None) -> Path:
    return (root or data_dir()) / "minutes"


def index_path(root: Path | None = None) -> Path:
    return (root or data_dir()) / INDEX_NAME


def user_config_path() -> Path:
    """The user's config folder: their protocols, questions, energizers and checklist points."""
    plain = _plain_xdg_dir("XDG_CONFIG_HOME", ".config")
    if plain is not None:
        return plain
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME))


def settings_path() -> Path:
    """The user's settings file (read by ui/settings.py; the command line reads its language from it too)."""
    return user_config_path() / "settings.json"


def user_protocols_dir() -> Path:
    """Where a user keeps protocols of their own."""
    return user_config_path() / "protocols"


def protocol_cache_dir() -> Path:
    """Where parsed protocols are kept, so starting a session need not load the YAML parser."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME)) / "protocols"
