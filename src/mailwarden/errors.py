"""The project's own exceptions: what a user sees as one clear line, never a traceback."""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "MailwardenError"]


class MailwardenError(Exception):
    """Base of every error mailwarden reports to a user (CLI exit 2)."""


class InputError(MailwardenError):
    """Input that cannot be read at all: empty, no header block and no known container, I/O."""


class ConfigError(MailwardenError):
    """Wrong settings or usage: an unknown key, a bad value, a missing file."""
