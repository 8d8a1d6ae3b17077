"""mailwarden: an organisation's email-use policy, enforced as code."""

from __future__ import annotations

from .detectors import Entity, EntityType, Explanation, detect, mask
from .errors import ConfigError, InputError, MailwardenError
from .message import Limits, Message

__all__ = [
    "ConfigError",
    "Entity",
    "EntityType",
    "Explanation",
    "InputError",
    "Limits",
    "MailwardenError",
    "Message",
    "__version__",
    "detect",
    "mask",
]

__version__ = "0.1.0.dev0"
