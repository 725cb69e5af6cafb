"""SHA-1, SHA-256 and BLAKE2b from CPython's own hash modules, so a session or a search never loads OpenSSL.

Owns which hash constructors the core uses. `hashlib` loads OpenSSL's digests (`_hashlib`) when it is first
imported, about 0.7 MiB of memory for the rest of the session; CPython's built-in modules give the very same
digests (the minutes' hashes kept in saved sessions stay valid). A Python built without them falls back to
`hashlib`.
"""

from __future__ import annotations

import importlib
from _blake2 import blake2b
from collections.abc import Callable
from typing import Protocol

__all__ = ["Hash", "blake2b", "sha1", "sha256"]


class Hash(Protocol):
    """What the core asks of a hash object."""

    def update(self, data: bytes, /) -> None: ...

    def hexdigest(self) -> str: ...


def _built_in(modules: tuple[str, ...], name: str) -> Callable[..., Hash]:
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        constructor: Callable[..., Hash] = getattr(module, name)
        return constructor
    hashlib = importlib.import_module("hashlib")
    fallback: Callable[..., Hash] = getattr(hashlib, name)
    return fallback


sha256 = _built_in(("_sha2", "_sha256"), "sha256")  # _sha2 from Python 3.12 on
sha1 = _built_in(("_sha1",), "sha1")
