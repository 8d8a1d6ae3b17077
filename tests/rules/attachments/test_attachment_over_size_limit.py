"""attachment-over-size-limit at its default limit: 20 MB read as 20,000,000 bytes."""

from __future__ import annotations

from mailwarden.message.model import Attachment

from ._build import findings, message

SIGNED = (
    "Hello Tom,\n\nThe survey video is attached.\n\nKind regards,\n\nPriya Raman\n"
    "Building Surveyor\nCambridge City Council\nTel: 01632 960418\n"
)


def _with_file(size: int, text: str = SIGNED) -> list[object]:
    video = Attachment("survey.mp4", "video/mp4", "video/mp4", size)
    msg = message(
        sender="priya.raman@cambridge.gov.uk",
        to=("tom.hale@buildwell.example",),
        text=text,
        attachments=(video,),
    )
    return list(findings("cambridge", msg, "attachment-over-size-limit"))


def test_a_file_just_over_20_000_000_bytes_is_blocked() -> None:
    (finding,) = _with_file(20_000_001)
    assert str(finding.action) == "block"
    assert finding.evidence[0].masked == "video, 20.0 MB"
    assert "survey" not in finding.evidence[0].masked  # the file name is never shown


def test_a_file_of_exactly_20_000_000_bytes_passes() -> None:
    assert _with_file(20_000_000) == []


def test_the_helpdesk_marker_lifts_it() -> None:
    text = SIGNED.replace("attached.", "attached (Helpdesk approved).")
    assert _with_file(25_000_000, text) == []
