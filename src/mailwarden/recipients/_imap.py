"""Reading a Sent folder over IMAP for `history import --imap URL`: headers only, in batches.

The URL names the server, the login and optionally the folder:
`imaps://USER@HOST[:PORT][/FOLDER]` (TLS from the start, port 993) or
`imap://USER@HOST[:PORT][/FOLDER]` (port 143, upgraded with STARTTLS; plain text only to a
loopback address, where nothing leaves the machine). A login containing `@` may be written
as is or as `%40`; a folder name is percent-encoded (`/Sent%20Items`). A password in the URL
is refused: it would end up in shell history and process lists.

Without a folder, the one the server marks `\\Sent` (RFC 6154 SPECIAL-USE) is read, else a
folder with a usual Sent name. The folder is opened read-only (EXAMINE) and only the header
fields history needs are fetched (`BODY.PEEK[HEADER.FIELDS (...)]`, which leaves `\\Seen`
alone), `BATCH` messages per command, so a folder of 50,000 messages costs a few megabytes.
Every failure is an `InputError` of one line.
"""

from __future__ import annotations

import base64
import contextlib
import imaplib
import ipaddress
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..errors import ConfigError, InputError
from ..message.limits import Limits
from ..message.reader import parse_message_bytes
from ..message.sources import SourceItem

__all__ = ["BATCH", "ImapFolder", "ImapTarget", "open_folder", "parse_imap_url"]

BATCH = 1_000
"""Messages whose headers are fetched per FETCH command."""

TIMEOUT_SECONDS = 60.0

FIELDS = (
    "FROM SENDER TO CC BCC DATE MESSAGE-ID IN-REPLY-TO REFERENCES AUTO-SUBMITTED "
    "X-AUTO-RESPONSE-SUPPRESS X-MS-EXCHANGE-INBOX-RULES-LOOP PRECEDENCE RESENT-FROM "
    "RESENT-SENDER RESENT-TO RESENT-CC RESENT-BCC RESENT-DATE"
)
"""The header fields history reads (addresses, date, thread, machine marks); nothing else."""

USUAL_SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "INBOX.Sent", "INBOX/Sent")

_LIST_LINE = re.compile(rb'^\((?P<flags>[^)]*)\) (?P<delim>"(?:[^"\\]|\\.)*"|NIL) (?P<name>.*)$')
_LITERAL_END = re.compile(rb"\{\d+\+?\}$")


@dataclass(frozen=True, slots=True)
class ImapTarget:
    """Where to read from, as parsed from an `imap://` or `imaps://` URL."""

    tls: bool
    host: str
    port: int
    user: str
    folder: str | None = None

    @property
    def label(self) -> str:
        """The URL as shown in sources and messages (no password: it is never in it)."""
        scheme = "imaps" if self.tls else "imap"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{self.user}@{host}:{self.port}"

    @property
    def loopback(self) -> bool:
        """True when the server is on this machine (127.0.0.0/8, ::1, localhost)."""
        if self.host.lower() in ("localhost", "localhost."):
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def parse_imap_url(url: str) -> ImapTarget:
    """Parse `imap[s]://USER@HOST[:PORT][/FOLDER]`; a `ConfigError` says what is wrong."""
    usage = "expected imaps://USER@HOST[:PORT][/FOLDER] or imap://USER@HOST[:PORT][/FOLDER]"
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("imap", "imaps"):
        raise ConfigError(f"not an IMAP URL: {url!r} ({usage})")
    try:
        port = parts.port
    except ValueError:
        raise ConfigError(f"IMAP URL has a bad port: {url!r}") from None
    if parts.password is not None:
        raise ConfigError(
            "the IMAP URL holds a password: give it in the environment variable "
            "(--password-env) or at the prompt, never on the command line"
        )
    if not parts.hostname:
        raise ConfigError(f"IMAP URL names no host ({usage})")
    if not parts.username:
        raise ConfigError(f"IMAP URL names no user ({usage})")
    if parts.query or parts.fragment:
        raise ConfigError(f"IMAP URL has a query or fragment mailwarden does not read ({usage})")
    tls = parts.scheme.lower() == "imaps"
    folder = unquote(parts.path.lstrip("/")) or None
    return ImapTarget(
        tls=tls,
        host=parts.hostname,
        port=port or (993 if tls else 143),
        user=unquote(parts.username),
        folder=folder,
    )


# -- modified UTF-7 (RFC 3501 5.1.3): folder names on the wire -----------------------------


def encode_folder(name: str) -> str:
    """A folder name in IMAP's modified UTF-7 (`Envoyés` → `Envoy&AOk-s`)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            raw = "".join(pending).encode("utf-16-be")
            out.append("&" + base64.b64encode(raw).decode().rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return "".join(out)


def decode_folder(name: str) -> str:
    """A folder name from modified UTF-7 back to text (left as is when malformed)."""

    def one(match: re.Match[str]) -> str:
        body = match.group(1)
        if not body:
            return "&"
        data = body.replace(",", "/")
        try:
            return base64.b64decode(data + "=" * (-len(data) % 4)).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return match.group(0)

    return re.sub(r"&([A-Za-z0-9+,]*)-", one, name)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquoted(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


# -- the connection ------------------------------------------------------------------------


def _fail(target: ImapTarget, what: str) -> InputError:
    return InputError(f"{target.label}: {what}")


def _server_text(exc: BaseException) -> str:
    text = str(exc.args[0] if exc.args else exc)
    if text.startswith(("b'", 'b"')):
        text = text[2:-1]
    return " ".join(text.split())[:200]


def _tls_text(exc: ssl.SSLError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"the server's certificate is not trusted ({exc.verify_message}; "
            "SSL_CERT_FILE can name the CA bundle to trust)"
        )
    return str(exc.reason or exc)


def _connect(target: ImapTarget, timeout: float) -> imaplib.IMAP4:
    context = ssl.create_default_context()
    try:
        if target.tls:
            return imaplib.IMAP4_SSL(target.host, target.port, ssl_context=context, timeout=timeout)
        connection = imaplib.IMAP4(target.host, target.port, timeout=timeout)
    except ConnectionRefusedError:
        raise _fail(target, "cannot connect: connection refused") from None
    except socket.gaierror:
        raise _fail(target, f"cannot connect: unknown host {target.host}") from None
    except ssl.SSLError as exc:
        raise _fail(target, f"TLS failed: {_tls_text(exc)}") from None
    except (TimeoutError, OSError) as exc:
        raise _fail(target, f"cannot connect: {exc.strerror or exc or 'timed out'}") from None
    except imaplib.IMAP4.error as exc:
        raise _fail(target, f"not an IMAP server? {_server_text(exc)}") from None
    if "STARTTLS" in connection.capabilities:
        try:
            connection.starttls(ssl_context=context)
        except ssl.SSLError as exc:
            _close(connection)
            raise _fail(target, f"STARTTLS failed: {_tls_text(exc)}") from None
        except (imaplib.IMAP4.error, OSError) as exc:
            _close(connection)
            raise _fail(target, f"STARTTLS failed: {_server_text(exc)}") from None
    elif not target.loopback:
        _close(connection)
        raise _fail(
            target,
            "the server offers no STARTTLS: refusing to send a password in clear text "
            "(use imaps://, or plain imap:// only to a loopback address)",
        )
    return connection


def _close(connection: imaplib.IMAP4) -> None:
    with contextlib.suppress(imaplib.IMAP4.error, OSError):
        connection.logout()


def _folders(connection: imaplib.IMAP4, special_use: bool) -> list[tuple[str, set[str]]]:
    """(wire name, lower-case flags) of every folder; with SPECIAL-USE flags when asked."""
    pattern = '"*" RETURN (SPECIAL-USE)' if special_use else '"*"'
    status, data = connection.list('""', pattern)
    if status != "OK":
        return []
    found: list[tuple[str, set[str]]] = []
    for entry in data:
        if isinstance(entry, tuple):  # the name came as a literal
            head, name = entry[0], _unquoted(entry[1])
            match = _LIST_LINE.match(_LITERAL_END.sub(b'""', head))
        elif isinstance(entry, bytes):
            match = _LIST_LINE.match(entry)
            name = _unquoted(match.group("name")) if match else ""
        else:
            continue
        if match and name:
            flags = {f.lower() for f in match.group("flags").decode("ascii", "replace").split()}
            found.append((name, flags))
    return found


def _find_sent(target: ImapTarget, connection: imaplib.IMAP4) -> str:
    capabilities = _capabilities(connection)
    listed = _folders(connection, "SPECIAL-USE" in capabilities)
    if not listed and "SPECIAL-USE" in capabilities:
        listed = _folders(connection, False)
    for name, flags in listed:
        if "\\sent" in flags and "\\noselect" not in flags:
            return name
    names = {decode_folder(name).lower(): name for name, _ in listed}
    for usual in USUAL_SENT_NAMES:
        if usual.lower() in names:
            return names[usual.lower()]
    shown = ", ".join(sorted(decode_folder(n) for n, _ in listed)[:20]) or "none"
    raise _fail(target, f"no folder is marked \\Sent; name one in the URL (folders: {shown})")


def _capabilities(connection: imaplib.IMAP4) -> set[str]:
    try:
        status, data = connection.capability()
    except imaplib.IMAP4.error:
        return set(connection.capabilities)
    if status != "OK" or not data or not isinstance(data[0], bytes):
        return set(connection.capabilities)
    return {c.upper() for c in data[0].decode("ascii", "replace").split()}


class ImapFolder:
    """An open, read-only Sent folder: `count` messages, read with `messages()`.

    Use as a context manager; the connection is closed at the end.
    """

    def __init__(
        self, target: ImapTarget, connection: imaplib.IMAP4, folder: str, count: int
    ) -> None:
        self.target = target
        self.folder = decode_folder(folder)
        self.count = count
        self._connection = connection

    def __enter__(self) -> ImapFolder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Log out (the folder was opened read-only: nothing to expunge or save)."""
        _close(self._connection)

    def messages(self, limits: Limits | None = None, batch: int = BATCH) -> Iterator[SourceItem]:
        """Each message's header fields, parsed, in folder order (`URL/FOLDER#N`, 1-based)."""
        chosen = limits or Limits()
        prefix = f"{self.target.label}/{self.folder}"
        for start in range(1, self.count + 1, batch):
            end = min(start + batch - 1, self.count)
            try:
                status, data = self._connection.fetch(
                    f"{start}:{end}", f"(BODY.PEEK[HEADER.FIELDS ({FIELDS})])"
                )
            except (imaplib.IMAP4.error, OSError) as exc:
                raise _fail(
                    self.target, f"reading {self.folder} failed: {_server_text(exc)}"
                ) from None
            if status != "OK":
                raise _fail(
                    self.target, f"reading {self.folder} refused: {_server_text(Exception(data))}"
                )
            for entry in data:
                if not isinstance(entry, tuple):
                    continue
                number = entry[0].split(b" ", 1)[0].decode("ascii", "replace")
                source = f"{prefix}#{number}"
                try:
                    message = parse_message_bytes(entry[1] or b"\r\n", limits=chosen)
                except InputError as exc:
                    yield SourceItem(source, error=str(exc))
                    continue
                yield SourceItem(source, message)


def open_folder(
    target: ImapTarget, password: str, *, timeout: float = TIMEOUT_SECONDS
) -> ImapFolder:
    """Connect, log in, find the folder (the URL's, else the `\\Sent` one) and open it
    read-only. Raises `InputError` (one line) when any step fails."""
    connection = _connect(target, timeout)
    try:
        try:
            connection.login(target.user, password)
        except imaplib.IMAP4.error as exc:
            raise _fail(target, f"login refused: {_server_text(exc)}") from None
        folder = encode_folder(target.folder) if target.folder else _find_sent(target, connection)
        try:
            status, data = connection.select(_quoted(folder), readonly=True)
        except imaplib.IMAP4.error as exc:
            raise _fail(
                target, f"cannot open folder {decode_folder(folder)!r}: {_server_text(exc)}"
            ) from None
        if status != "OK":
            text = _server_text(Exception(data[0] if data else status))
            raise _fail(target, f"cannot open folder {decode_folder(folder)!r}: {text}")
        raw = data[0] if data else b"0"
        count = int(raw) if isinstance(raw, bytes) and raw.strip().isdigit() else 0
        return ImapFolder(target, connection, folder, count)
    except InputError:
        _close(connection)
        raise
    except (imaplib.IMAP4.abort, OSError) as exc:
        _close(connection)
        raise _fail(target, f"connection lost: {_server_text(exc)}") from None
