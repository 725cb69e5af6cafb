"""Where a problem in a hand-written file is: positions, paths and the parsed document that holds them.

Owns the small types the YAML reader produces and the protocol validator consumes, kept apart from the
YAML library so that code which only needs these (or rebuilds a protocol from saved data) never loads it.
A problem is data: a key of the words package with its values (a value may itself be a `Phrase`, said in the
same language), so the caller says it in its language; `str()` says it in English. It prints as one line with
every control character made visible, whatever file name or text it quotes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..words import Texts
from .safe_text import visible

MAX_PROTOCOL_BYTES = 256 * 1024
PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Phrase:
    """Words to be said in the reader's language: a key of the words package and its values."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def say(self, texts: Texts) -> str:
        return texts(self.key, **{name: _said(value, texts) for name, value in self.values.items()})


def _said(value: Any, texts: Texts) -> Any:
    return value.say(texts) if isinstance(value, Phrase) else value


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a 1-based line and column; `where` is the path inside it (`phases[0].id`)."""

    file: str
    line: int
    col: int
    key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    where: str = ""

    def say(self, texts: Texts) -> str:
        """The one line `FILE:LINE:COL: where: message` in the language of `texts`."""
        return visible(f"{self.file}:{self.line}:{self.col}: {self._said(texts)}")

    def _said(self, texts: Texts) -> str:
        message = Phrase(self.key, self.values).say(texts)
        return f"{self.where}: {message}" if self.where else message

    @property
    def message(self) -> str:
        """What is wrong, in English, without the position (for logs and tests)."""
        return visible(self._said(Texts("en")))

    def __str__(self) -> str:
        return self.say(Texts("en"))

    def to_json(self) -> list[Any]:
        """Plain data for a cache; `from_json` makes the problem again."""
        return [self.file, self.line, self.col, self.key, _encode(self.values), self.where]

    @classmethod
    def from_json(cls, data: list[Any]) -> Problem:
        file, line, col, key, values, where = data
        return cls(str(file), int(line), int(col), str(key), _decode(values), str(where))


def _encode(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        name: {"phrase": value.key, "values": _encode(value.values)} if isinstance(value, Phrase) else value
        for name, value in values.items()
    }


def _decode(values: dict[str, Any]) -> Mapping[str, Any]:
    return {
        str(name): Phrase(str(value["phrase"]), _decode(value["values"])) if isinstance(value, dict) else value
        for name, value in values.items()
    }


@dataclass
class Document:
    """Parsed YAML data with the position of every value and every mapping key."""

    data: Any
    value_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_at: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey, *, of_key: bool = False) -> tuple[int, int]:
        """The best-known position for a path: its own, else its nearest ancestor's."""
        table = self.key_at if of_key else self.value_at
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_at:
                return self.value_at[probe]
            probe = probe[:-1]
        return self.value_at.get((), (1, 1))


def format_path(path: PathKey) -> str:
    """Render a path as `phases[2].minutes`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
