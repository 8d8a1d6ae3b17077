"""A real Dovecot IMAP server for the import tests, and synthetic sent mail.

The server runs from its own configuration in a temporary directory, in the foreground
(`dovecot -F -c CONF`), listening on a free high port of 127.0.0.1 with plain-text login
(nothing leaves the machine), one mailbox per test user under the same directory. It needs the
`dovecot` binary (package `dovecot-imapd`, which `scripts/test` installs): without it the IMAP
tests skip with the reason on a developer machine and fail in CI (`CI=true`), where a skip
would hide that they never ran.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import grp
import imaplib
import ipaddress
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USERS = {"alex": "correct horse", "sam": "battery staple"}
OWNER = "alex.officer@council.example.gov.uk"
NAMED_FOLDER = "Archive/Envoyés 2025"
START_SECONDS = 20.0


def sent_message(
    number: int,
    *,
    sender: str = OWNER,
    to: str = "dana@partner.example",
    cc: str = "duty.team@council.example.gov.uk",
    at: dt.datetime | None = None,
    date: bool = True,
    extra: str = "",
) -> bytes:
    """One synthetic sent message (CRLF line ends, as IMAP stores them)."""
    moment = at or dt.datetime.now(dt.UTC) - dt.timedelta(days=number % 300 + 1)
    lines = [
        f"From: Alex Officer <{sender}>",
        f"To: Dana Whitfield <{to}>",
        f"Cc: {cc}",
        f"Subject: Case update {number}",
        f"Message-ID: <sent-{number}@council.example.gov.uk>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    if date:
        lines.append(f"Date: {email.utils.format_datetime(moment)}")
    if extra:
        lines.append(extra)
    body = f"Dear Dana,\r\n\r\nThe visit for case {number} is on Tuesday.\r\n\r\nAlex\r\n"
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


@dataclass(frozen=True, slots=True)
class Dovecot:
    """A running Dovecot: where it listens and how to log in."""

    host: str
    port: int
    root: Path
    log: Path
    tls_port: int = 0
    """The IMAPS port (0: TLS is off, and the plain port offers no STARTTLS)."""
    ca: Path | None = None
    """The certificate authority that signed the server's certificate (PEM)."""

    def url(self, user: str, folder: str = "", *, scheme: str = "imap") -> str:
        from urllib.parse import quote

        path = f"/{quote(folder)}" if folder else ""
        port = self.tls_port if scheme == "imaps" else self.port
        return f"{scheme}://{user}@{self.host}:{port}{path}"

    @contextlib.contextmanager
    def session(self, user: str) -> Iterator[imaplib.IMAP4]:
        connection = imaplib.IMAP4(self.host, self.port, timeout=30)
        try:
            connection.login(user, USERS[user])
            yield connection
        finally:
            with contextlib.suppress(Exception):
                connection.logout()

    def append(self, user: str, folder: str, messages: list[bytes]) -> None:
        """APPEND `messages` to `folder` (modified UTF-7 name, created if missing)."""
        from mailwarden.recipients._imap import encode_folder

        wire = '"' + encode_folder(folder) + '"'
        with self.session(user) as connection:
            connection.create(wire)  # NO when it exists: fine
            for data in messages:
                status, detail = connection.append(wire, "(\\Seen)", None, data)
                assert status == "OK", detail


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _dovecot_binary() -> str | None:
    found = shutil.which("dovecot")
    if found:
        return found
    return next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)), None
    )


def _accounts() -> tuple[str, str, int, int]:
    """(service user, service group, mail uid, mail gid): unprivileged, as Dovecot requires.

    As root, Dovecot drops to `nobody` for its login and internal processes and the mail
    files; as anyone else it runs entirely as that user.
    """
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        group = grp.getgrgid(nobody.pw_gid).gr_name
        return "nobody", group, nobody.pw_uid, nobody.pw_gid
    me = pwd.getpwuid(os.geteuid())
    return me.pw_name, grp.getgrgid(os.getegid()).gr_name, os.geteuid(), os.getegid()


def _config(root: Path, port: int, tls_port: int) -> str:
    user, group, uid, gid = _accounts()
    tls = (
        f"ssl = yes\nssl_cert = <{root}/server.pem\nssl_key = <{root}/server.key"
        if tls_port
        else "ssl = no"
    )
    return f"""\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
{tls}
disable_plaintext_auth = no
auth_mechanisms = plain
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {min(uid, 500) or 1}
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%n
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


def _started(port: int, process: subprocess.Popen[bytes]) -> bool:
    """True once the port answers; False when Dovecot exited (a port taken meanwhile)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return True
        time.sleep(0.1)
    return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _logs(root: Path) -> str:
    text = ""
    for name in ("console.log", "dovecot.log"):
        path = root / name
        if path.exists():
            text += f"--- {name}\n" + path.read_text(errors="replace")[-1500:]
    return text


def _certificates(root: Path) -> Path:
    """A test CA and a server certificate for 127.0.0.1 signed by it; returns the CA's PEM."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.UTC)

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("mailwarden test CA"))
        .issuer_name(name("mailwarden test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    (root / "ca.pem").write_bytes(ca.public_bytes(pem))
    (root / "server.pem").write_bytes(server.public_bytes(pem))
    (root / "server.key").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    (root / "server.key").chmod(0o600)
    return root / "ca.pem"


@contextlib.contextmanager
def _running_dovecot(*, tls: bool) -> Iterator[Dovecot]:
    """Start Dovecot from its own configuration; stop it and remove its files at the end."""
    binary = _dovecot_binary()
    if binary is None:
        reason = "dovecot not installed (apt-get install dovecot-imapd; scripts/test does it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}: the IMAP import tests must run in CI")
        pytest.skip(reason)
    # Short and outside pytest's private temp dir: socket paths are limited to 108 bytes and
    # Dovecot's unprivileged processes must be able to reach the directory.
    root = Path(tempfile.mkdtemp(prefix="mw-dovecot-"))
    root.chmod(0o755)
    process: subprocess.Popen[bytes] | None = None
    try:
        _, _, uid, gid = _accounts()
        for sub in ("run", "state", "home"):
            (root / sub).mkdir()
        os.chown(root / "home", uid, gid)
        passwd = root / "passwd"
        passwd.write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in USERS.items()))
        passwd.chmod(0o644)
        ca = _certificates(root) if tls else None
        for _ in range(3):  # a free port may be taken before Dovecot binds it
            port, tls_port = _free_port(), _free_port() if tls else 0
            conf = root / "dovecot.conf"
            conf.write_text(_config(root, port, tls_port))
            with (root / "console.log").open("wb") as sink:
                process = subprocess.Popen(
                    [binary, "-F", "-c", str(conf)], stdout=sink, stderr=subprocess.STDOUT
                )
            if _started(port, process) and (not tls or _started(tls_port, process)):
                break
            _stop(process)
        else:
            pytest.fail(f"Dovecot did not start:\n{_logs(root)}")
        yield Dovecot("127.0.0.1", port, root, root / "dovecot.log", tls_port, ca)
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A real Dovecot on 127.0.0.1, plain text only (no TLS, no STARTTLS), with users `alex`
    and `sam` (passwords in USERS)."""
    with _running_dovecot(tls=False) as server:
        yield server


@pytest.fixture(scope="session")
def dovecot_tls() -> Iterator[Dovecot]:
    """The same with TLS: IMAPS on `tls_port`, STARTTLS on `port`, a certificate for
    127.0.0.1 signed by the test CA in `ca`."""
    with _running_dovecot(tls=True) as server:
        yield server
