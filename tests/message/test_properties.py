"""Property tests: on arbitrary bytes a reader raises nothing but the project's own InputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailwarden.errors import InputError
from mailwarden.message import Limits, Message
from mailwarden.message.reader import OLE_MAGIC, TNEF_MAGIC, parse_message_bytes

LIMITS = Limits(max_seconds=5)
MAGICS = [
    b"",
    OLE_MAGIC,
    TNEF_MAGIC,
    b"BEGIN:VCALENDAR\r\n",
    b"123\n",
    b"From - \n",
    b"From: a@example.com\r\n",
]

_header_names = st.sampled_from(
    [
        "From",
        "To",
        "Cc",
        "Subject",
        "Content-Type",
        "Date",
        "Content-Transfer-Encoding",
        "Content-Disposition",
        "X-Any",
    ]
)
_header_values = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        [
            "multipart/mixed; boundary=B",
            "text/html; charset=bogus",
            "base64",
            "=?utf-8?b?broken",
            "=?x?q?=ZZ?=",
            "attachment; filename*=utf-8''%FF",
            "message/rfc822",
            'a@b, <c@d>, "x, y" <e@f>',
            "text/calendar",
        ]
    ),
)
_mime_lines = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "--B",
                "--B--",
                "",
                "Content-Type: text/plain",
                "=41=42",
                "BEGIN:VEVENT",
                "> quoted",
                "-- ",
            ]
        ),
        st.text(max_size=60),
    ),
    max_size=30,
)


def _check(data: bytes) -> None:
    try:
        result = parse_message_bytes(data, limits=LIMITS)
    except InputError:
        return
    assert isinstance(result, Message)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(MAGICS), tail=st.binary(max_size=2000))
def test_arbitrary_bytes(prefix: bytes, tail: bytes) -> None:
    _check(prefix + tail)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headers=st.lists(st.tuples(_header_names, _header_values), max_size=12), body=_mime_lines)
def test_arbitrary_mime_shapes(headers: list[tuple[str, str]], body: list[str]) -> None:
    head = "".join(f"{k}: {v}\r\n" for k, v in headers)
    data = ("From: a@example.com\r\n" + head + "\r\n" + "\r\n".join(body)).encode(
        "utf-8", "replace"
    )
    _check(data)
