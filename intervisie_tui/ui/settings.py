"""Choices that hold for a whole run of the app, and the settings file that keeps them between runs.

Owns `Settings` and `settings.json` in the config folder (`~/.config/intervisie-tui/settings.json` on
Linux), for example `{"language": "en", "bell": false, "flash": false}`. Command-line flags win over the
file; a file that cannot be used is reported in one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ..core.errors import UserError
from ..core.paths import settings_path
from ..core.regular_files import NotRegularFileError, read_regular_file
from ..words import Texts, pick_language


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


def load_settings(path: Path | None = None, texts: Texts | None = None) -> Settings:
    """The settings file's choices over the defaults; no file means the defaults. Errors are in `texts`' words."""
    path = path or settings_path()
    texts = texts or Texts(pick_language(None))
    try:
        raw = read_regular_file(path, MAX_SETTINGS_BYTES)
        if len(raw) > MAX_SETTINGS_BYTES:
            raise UserError(texts("settings.too_large", path=path, limit=MAX_SETTINGS_BYTES // 1024))
        data = json.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        return Settings()
    except NotRegularFileError:
        raise UserError(texts("settings.not_regular", path=path)) from None
    except json.JSONDecodeError as exc:
        raise UserError(texts("settings.not_json", path=path, line=exc.lineno, col=exc.colno)) from None
    except UnicodeDecodeError:
        raise UserError(texts("settings.not_utf8", path=path)) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UserError(texts("settings.unreadable", path=path, reason=reason)) from None
    if not isinstance(data, dict):
        raise UserError(texts("settings.not_object", path=path))
    chosen: dict[str, object] = {}
    for key, value in data.items():
        kind = FILE_KEYS.get(key)
        if kind is None:
            known = ", ".join(FILE_KEYS)
            raise UserError(texts("settings.unknown", path=path, key=key, known=known))
        if not isinstance(value, kind):
            raise UserError(texts("settings.not_bool" if kind is bool else "settings.not_text", path=path, key=key))
        chosen[key] = value
    if chosen.get("language", "nl") not in ("nl", "en"):
        raise UserError(texts("settings.language", path=path))
    names = {f.name for f in fields(Settings)}
    return replace(Settings(), **{k: v for k, v in chosen.items() if k in names})  # type: ignore[arg-type]
