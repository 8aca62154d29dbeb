"""The CLI's one error type, in a module of its own so every CLI module can raise it without
importing the others (`cli.common` re-exports it)."""

from __future__ import annotations


class CliError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
