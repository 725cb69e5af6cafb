"""Choices that hold for a whole run of the app, and the settings file that keeps them between runs.

Owns `Settings` and `settings.json` in the config folder (`~/.config/intervisie-tui/settings.json` on
Linux), for example `{"language": "en", "bell": false, "flash": false}`. Command-line flags win over the
file; a file that cannot be used is reported in one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from pathlib import Path

from platformdirs import user_config_dir

from ..core.errors import UserError
from ..core.paths import APP_NAME
from ..core.regular_files import NotRegularFileError, read_regular_file


@dataclass(frozen=True)
class Settings:
    """Language ("" until chosen: then the locale decides), alerts, cursor and ticking (tests turn ticks off)."""

    language: str = ""
    bell: bool = True
    flash: bool = True
    blink: bool = False
    ticking: bool = True
    jitsi_host: str = ""


MAX_SETTINGS_BYTES = 64 * 1024
FILE_KEYS = {"language": str, "bell": bool, "flash": bool, "blink": bool, "jitsi_host": str}


def settings_path() -> Path:
    return Path(user_config_dir(APP_NAME)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The settings file's choices over the defaults; no file means the defaults."""
    path = path or settings_path()
    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES)
        if len(raw) > MAX_SETTINGS_BYTES:
            raise UserError(f"{path}: the settings file is larger than {MAX_SETTINGS_BYTES // 1024} KB")
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return Settings()
    except NotRegularFileError as exc:
        raise UserError(f"{path}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise UserError(f"{path}: cannot read the settings ({exc})") from None
    if not isinstance(data, dict):
        raise UserError(f"{path}: settings must be a JSON object")
    chosen: dict[str, object] = {}
    for key, value in data.items():
        kind = FILE_KEYS.get(key)
        if kind is None:
            known = ", ".join(FILE_KEYS)
            raise UserError(f"{path}: unknown setting '{key}' (known: {known})")
        if not isinstance(value, kind):
            raise UserError(f"{path}: '{key}' must be {'true or false' if kind is bool else 'text'}")
        chosen[key] = value
    if chosen.get("language", "nl") not in ("nl", "en"):
        raise UserError(f'{path}: \'language\' must be "nl" or "en"')
    names = {f.name for f in fields(Settings)}
    return replace(Settings(), **{k: v for k, v in chosen.items() if k in names})  # type: ignore[arg-type]
