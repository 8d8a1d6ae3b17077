"""mailwarden's state: one store layer over SQLite (default) or PostgreSQL (several hosts).

`open_store(url)` opens (creating or migrating as needed) and returns a `Store`; every
failure to use the database is a one-line `StoreError`. Kept here: recipient history,
overrides issued by the pre-send API, and the records of messages the gateway held
(quarantine); incidents and audits will follow as tables and methods of their own.
"""

from __future__ import annotations

from ._errors import StoreError
from ._migrate import head_revision
from ._store import MAX_ADDRESS, QUARANTINE_STATUSES, QuarantineRecord, Store, open_store

__all__ = [
    "MAX_ADDRESS",
    "QUARANTINE_STATUSES",
    "QuarantineRecord",
    "Store",
    "StoreError",
    "head_revision",
    "open_store",
]
