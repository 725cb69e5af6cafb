"""The one base class of errors a person is shown as a single line (bad input, unusable files)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Self

from ..words import Texts


class UserError(Exception):
    """Something the user can act on; its message is one line, shown without a traceback.

    Made with `words("key", name=value)`, the message comes from the words package: `message(texts)` says it
    in the user's language, `str()` in English (for logs and tests). Made with a plain text, it says that.
    """

    key = ""
    values: Mapping[str, Any] = MappingProxyType({})

    @classmethod
    def words(cls, key: str, /, **values: Any) -> Self:
        """The error whose message is the words package's text of `key`."""
        error = cls(Texts("en")(key, **values))
        error.key, error.values = key, values
        return error

    def message(self, texts: Texts) -> str:
        """The one line in the language of `texts` (an error given as a value is said in it too)."""
        if not self.key:
            return str(self)
        values = {name: v.message(texts) if isinstance(v, UserError) else v for name, v in self.values.items()}
        return texts(self.key, **values)
