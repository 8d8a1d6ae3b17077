"""The store's one error: what a user sees when the database cannot be used."""

from __future__ import annotations

from ..errors import MailwardenError

__all__ = ["StoreError"]


class StoreError(MailwardenError):
    """The store cannot be used: a bad URL, a dead or unreachable database, a newer schema.

    The message is one line, names the store by its URL with any password hidden, and says
    what to do where there is something to do.
    """
