"""mailwarden's state: one store layer over SQLite (default) or PostgreSQL (several hosts).

`open_store(url)` opens (creating or migrating as needed) and returns a `Store`; every
failure to use the database is a one-line `StoreError`. Recipient history is the first
feature kept here; incidents, quarantine, overrides and audits will follow as tables and
methods of their own.
"""

from __future__ import annotations

from ._errors import StoreError
from ._migrate import head_revision
from ._store import MAX_ADDRESS, Store, open_store

__all__ = ["MAX_ADDRESS", "Store", "StoreError", "head_revision", "open_store"]
