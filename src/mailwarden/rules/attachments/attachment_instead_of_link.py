"""A document attached to mail for colleagues only, where a link to it would do.

What it flags:
    Mail whose recipients are all inside the organisation, carrying an office document or
    PDF as an attached file (not an image in the body, not a calendar invitation).

Clauses:
    TWC-A5 ("Where possible provide a link to documents in an email to reduce the number of
    copies held of a document").

Why:
    Every attached copy is one more copy of the document to keep, find, correct and
    delete: an update to the original never reaches the copies, and a copy of a document
    with personal data in it lingers in every mailbox. Colleagues can open the document
    where it is kept (the shared drive, SharePoint or Teams); people outside usually
    cannot, so mail to them is left alone. "Where possible" makes it a tip, never a block.

Fires:
    A Word report attached to a mail to two colleagues at telford.gov.uk.

Passes:
    The same report sent to a partner organisation, or a mail to colleagues with a link to
    the report on SharePoint and nothing attached.

Options:
    ``extensions``: the kinds of file that count as documents, by extension (default
    Word, Excel, PowerPoint, OpenDocument, RTF and PDF files, and CSV exports, which are
    spreadsheets too).

Known gaps:
    Whether the document is already on a shared drive cannot be known from the mail: a
    draft that exists nowhere else is tipped too. A document inside an attached zip is not
    counted.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...policy.findings import Evidence, Hit
from ..base import Rule, RuleInput
from ._helpers import extension, file_kind, top_level_files

__all__ = ["RULE"]


def check(inputs: RuleInput) -> Iterator[Hit]:
    facts = inputs.facts
    if not facts.recipients or facts.external_recipients:
        return
    wanted = {e.lower().lstrip(".") for e in inputs.options["extensions"]}
    documents = [
        (where, a) for where, a in top_level_files(inputs.message) if extension(a) in wanted
    ]
    if not documents:
        return
    one = len(documents) == 1
    yield Hit(
        message=("A document is" if one else f"{len(documents)} documents are")
        + " attached to a mail that goes only to colleagues; the policy asks for a link to "
        "documents where possible, to keep fewer copies.",
        fix="If the document is on the shared drive, SharePoint or Teams, send a link to it "
        "instead of attaching a copy.",
        evidence=tuple(Evidence("ATTACHMENT", where, file_kind(a)) for where, a in documents),
    )


RULE = Rule(
    name="attachment-instead-of-link",
    summary="An office document or PDF attached to internal-only mail, where a link would do.",
    check=check,
    options={"extensions": {"type": "array", "items": {"type": "string"}, "uniqueItems": True}},
    defaults={
        "extensions": (
            "pdf",
            "doc",
            "docx",
            "docm",
            "dot",
            "dotx",
            "rtf",
            "odt",
            "xls",
            "xlsx",
            "xlsm",
            "xlsb",
            "ods",
            "csv",
            "ppt",
            "pptx",
            "pptm",
            "odp",
        )
    },
)
