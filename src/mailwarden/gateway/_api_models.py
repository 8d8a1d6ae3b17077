"""The pre-send API's request and response shapes, as pydantic models for the OpenAPI document.

The shapes are the DESIGN contract ("HTTP API and gateway headers"): a JSON draft in, the
`check` JSON object plus an `override` offer out, and `{digest, sender, justification}` in
for an override token. Models validate only what is fixed (types, bounds that never change);
limits a deployment may set (attachment count and size) are checked by the app, so that the
published schema does not change with the settings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "MAX_JUSTIFICATION",
    "CheckResult",
    "Confirmation",
    "ConfirmationRequest",
    "Draft",
    "DraftAttachment",
    "Error",
    "Evidence",
    "Finding",
    "Health",
    "OverrideOffer",
    "OverrideRequest",
    "OverrideToken",
]

MAX_JUSTIFICATION = 2000
"""Longest justification kept (characters): a reason, not a document."""

_ADDRESS = 998  # the longest header line RFC 5322 allows
_ACTION = Literal["advise", "warn", "encrypt", "quarantine", "block"]
_VERDICT = Literal["allow", "warn", "encrypt", "quarantine", "block"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DraftAttachment(_Strict):
    """One attached file of a draft."""

    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field(
        default="application/octet-stream",
        max_length=255,
        pattern=r"^[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+$",
        description="The MIME type, `type/subtype`.",
    )
    content_base64: str = Field(description="The file's bytes, base64 (standard alphabet).")


class Draft(_Strict):
    """A draft as a mail client holds it before send (DESIGN: the JSON draft)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: str = Field(
        alias="from",
        max_length=_ADDRESS,
        description="The sending address, `a@b` or `Name <a@b>`.",
    )
    to: list[str] = Field(default_factory=list, max_length=1000)
    cc: list[str] = Field(default_factory=list, max_length=1000)
    bcc: list[str] = Field(default_factory=list, max_length=1000)
    subject: str = Field(default="", max_length=10_000)
    body_text: str = Field(default="", description="The body as plain text.")
    body_html: str | None = Field(default=None, description="The HTML body, when there is one.")
    attachments: list[DraftAttachment] = Field(default_factory=list)


class Evidence(_Strict):
    type: str
    where: str
    masked: str


class Finding(_Strict):
    rule: str
    clause: str
    clauses: list[str]
    action: _ACTION
    message: str
    fix: str
    overridden: bool
    audit_only: bool
    evidence: list[Evidence]
    unauthenticated: bool | None = Field(
        default=None, description="Present (true) when judged on an unauthenticated sender."
    )


class OverrideOffer(_Strict):
    allowed: bool = Field(description="True only when the verdict is `warn`.")
    digest: str = Field(description="The DESIGN digest of recipients, subject and new text.")


class CheckResult(_Strict):
    """The `check` JSON object plus the override offer."""

    source: str
    verdict: _VERDICT
    would_be: _VERDICT | None = Field(
        default=None, description="Present when audit-only findings would change the verdict."
    )
    findings: list[Finding]
    override: OverrideOffer


class OverrideRequest(_Strict):
    digest: str = Field(pattern=r"^[0-9a-f]{64}$", description="`override.digest` of the check.")
    sender: str = Field(
        min_length=3,
        max_length=_ADDRESS,
        description="The address the gateway will see as sender (the login or envelope sender).",
    )
    justification: str = Field(
        min_length=1,
        max_length=MAX_JUSTIFICATION,
        description="Why the warning does not apply; recorded, never logged.",
    )


class OverrideToken(_Strict):
    token: str = Field(description="Put in the `X-Mailwarden-Override` header of the message.")
    expires_at: str = Field(description="ISO 8601, UTC.")


class ConfirmationRequest(_Strict):
    """The sender says a recipient a misdirection warning named is the one they mean."""

    sender: str = Field(
        min_length=3,
        max_length=_ADDRESS,
        description="The sender whose warnings are suppressed (as in the check's `from`).",
    )
    recipient: str = Field(
        min_length=3,
        max_length=_ADDRESS,
        description="The recipient confirmed as intended, `a@b` or `Name <a@b>`.",
    )


class Confirmation(_Strict):
    sender: str = Field(description="Lower-cased.")
    recipient: str = Field(description="Lower-cased.")
    confirmed_at: str = Field(description="ISO 8601, UTC.")


class Error(_Strict):
    error: str


class Health(_Strict):
    status: Literal["ok"]
    policy: str
    version: str
