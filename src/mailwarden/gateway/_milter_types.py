"""The values between the milter's protocol shim (`_milter_lib`) and its logic (`milter`).

Kept apart so that the logic can be imported and tested without pymilter installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["Handler", "Reply"]


@dataclass(frozen=True, slots=True)
class Reply:
    """What to tell the MTA at the end of a message.

    `action`: `accept`, `reject` or `tempfail`. `code`/`xcode`/`text`: the SMTP reply for a
    reject or tempfail. `add_headers`: appended in order. `change_headers`: (name, index
    among headers of that name, 1-based, new value; "" deletes). `quarantine`: a reason puts
    the message in the MTA's hold queue.
    """

    action: str
    code: str = ""
    xcode: str = ""
    text: str = ""
    add_headers: tuple[tuple[str, str], ...] = ()
    change_headers: tuple[tuple[str, int, str], ...] = ()
    quarantine: str = ""


class Handler(Protocol):
    """One milter connection's protocol state (one per MTA connection; many messages)."""

    def connect(self, client_address: str) -> None: ...

    def mail_from(self, address: str, auth_login: str, queue_id: str) -> Reply | None:
        """None to go on; a tempfail `Reply` to refuse the message for now (stopping)."""

    def rcpt(self, address: str) -> None: ...

    def header(self, name: bytes, value: bytes) -> None: ...

    def body(self, chunk: bytes) -> None: ...

    def end(self, queue_id: str) -> Reply: ...

    def abort(self) -> None: ...

    def close(self) -> None: ...
