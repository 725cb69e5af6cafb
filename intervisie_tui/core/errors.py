"""The one base class of errors a person is shown as a single line (bad input, unusable files)."""


class UserError(Exception):
    """Something the user can act on; its message is one line, shown without a traceback."""
