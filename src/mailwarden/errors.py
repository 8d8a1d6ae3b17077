"""The project's own exceptions: what a user sees as one clear line, never a traceback."""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "MailwardenError", "ProtectedInputError"]


class MailwardenError(Exception):
    """Base of every error mailwarden reports to a user (CLI exit 2)."""


class InputError(MailwardenError):
    """Input that cannot be read at all: empty, no header block and no known container, I/O."""


class ProtectedInputError(InputError):
    """Input locked by its owner (a password-protected store): unreadable, and for that reason.

    Kept apart from plain damage so that a pack can treat "could not look inside" as a
    finding in its own right.
    """

    reason = "password-protected"


class ConfigError(MailwardenError):
    """Wrong settings or usage: an unknown key, a bad value, a missing file."""
