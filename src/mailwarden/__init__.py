"""mailwarden: an organisation's email-use policy, enforced as code."""

from __future__ import annotations

from .errors import ConfigError, InputError, MailwardenError
from .message import Limits, Message

__all__ = ["ConfigError", "InputError", "Limits", "MailwardenError", "Message", "__version__"]

__version__ = "0.1.0.dev0"
