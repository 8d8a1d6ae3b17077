"""Facts about one message that several rules need, each worked out once, on first use.

Above all: which personal data in the message is about third parties. DESIGN ("What counts
as personal data in a message"): the sender's own signature, the recipients' own names and
addresses and the organisation's published contacts are not what the policies protect, so
detectors report everything and this module decides what counts, saying why for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..detectors import Entity, EntityType, detect, mask_value
from ..detectors.entity import SENSITIVE_TYPES
from ..detectors.scoring import ACT, MEDIUM
from ..message.model import Address, Message, SectionKind
from ..policy.context import Context
from ..policy.findings import Evidence
from ..policy.pack import DomainClass, Pack
from ._anchors import Owned, anchor_owners
from ._texts import TextPlace, text_places

__all__ = [
    "CONTACT_TYPES",
    "IDENTIFIER_TYPES",
    "PERSONAL_TYPES",
    "Facts",
    "Located",
    "Recipient",
    "address_evidence",
]

IDENTIFIER_TYPES = frozenset(
    {
        EntityType.UK_NHS_NUMBER,
        EntityType.UK_NINO,
        EntityType.UK_PASSPORT,
        EntityType.UK_DRIVING_LICENCE,
        EntityType.CARD_NUMBER,
        EntityType.IBAN,
        EntityType.UK_BANK_ACCOUNT,
        EntityType.UK_SORT_CODE,
        EntityType.DATE_OF_BIRTH,
    }
)
"""Identifiers that single out a person on their own."""

CONTACT_TYPES = frozenset(
    {
        EntityType.EMAIL_ADDRESS,
        EntityType.PHONE_NUMBER,
        EntityType.STREET_ADDRESS,
        EntityType.UK_POSTCODE,
    }
)
PERSONAL_TYPES = IDENTIFIER_TYPES | CONTACT_TYPES | SENSITIVE_TYPES | {EntityType.PERSON}
"""Everything that is personal data when it is about a third party (credentials are not)."""

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr"})
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_DIGITS = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Recipient:
    """An addressee with its `where` label and what the pack makes of its domain."""

    address: Address
    where: str
    field: str
    domain_class: str
    webmail: bool

    @property
    def addr(self) -> str:
        return self.address.addr_spec.lower()

    @property
    def external(self) -> bool:
        return self.domain_class != DomainClass.INTERNAL


@dataclass(frozen=True, slots=True)
class Located:
    """An entity found in the message: where, in which body section, and whose it is.

    `value` is the raw text and never leaves the engine; `masked` is what may be shown.
    `third_party` is false for the sender's own signature, the recipients' own names and
    addresses and the organisation's contacts, with the reason in `owner`.
    """

    entity: Entity
    where: str
    kind: str
    section: str
    value: str
    third_party: bool
    owner: str = ""

    @property
    def type(self) -> EntityType:
        return self.entity.type

    @property
    def masked(self) -> str:
        """The form that may be shown (worked out only for the evidence that is shown)."""
        return mask_value(self.entity.type, self.value)

    def evidence(self) -> Evidence:
        return Evidence(str(self.entity.type), self.where, self.masked)


def address_evidence(address: Address, where: str) -> Evidence:
    """Masked evidence for a header address (DESIGN: masked in JSON evidence)."""
    masked = mask_value(EntityType.EMAIL_ADDRESS, address.addr_spec)
    return Evidence(str(EntityType.EMAIL_ADDRESS), where, masked)


def _name_tokens(text: str) -> frozenset[str]:
    return (
        frozenset(w.lower() for w in _WORD.findall(text.replace(".", " ").replace("_", " ")))
        - _TITLES
    )


def _phone_key(text: str) -> str:
    digits = "".join(_DIGITS.findall(text))
    return digits[-10:]


class Facts:
    """Lazily computed facts for one evaluation (a cache, not a value: it is never shared)."""

    def __init__(self, message: Message, pack: Pack, context: Context) -> None:
        self.message = message
        self.pack = pack
        self.context = context
        self._personal: dict[tuple[tuple[str, ...] | None, bool], tuple[Located, ...]] = {}

    # --- who ---------------------------------------------------------------------------

    @cached_property
    def sender(self) -> str:
        """The sender's address, lower case: the authenticated one, else `From:`."""
        if self.context.sender:
            return self.context.sender.lower()
        if self.message.from_:
            return self.message.from_[0].addr_spec.lower()
        return ""

    @property
    def sender_authenticated(self) -> bool:
        return bool(self.context.sender) and self.context.sender_authenticated

    @cached_property
    def sender_domain(self) -> str:
        return self.sender.rpartition("@")[2]

    @cached_property
    def sender_internal(self) -> bool:
        return self.pack.is_internal(self.sender_domain)

    @cached_property
    def recipients(self) -> tuple[Recipient, ...]:
        """To, Cc, Bcc, then envelope-only recipients, numbered as DESIGN `recipient:<n>`."""
        message = self.message
        fields = (
            [("to", a) for a in message.to]
            + [("cc", a) for a in message.cc]
            + [("bcc", a) for a in message.bcc]
        )
        listed = {a.addr_spec.lower() for _, a in fields}
        fields += [
            ("envelope", a)
            for a in message.envelope.recipients
            if a.addr_spec.lower() not in listed and not message.envelope.from_headers
        ]
        webmail = self.pack.webmail_domains
        return tuple(
            Recipient(
                a, f"recipient:{n}", kind, self.pack.classify(a.domain), webmail.matches(a.domain)
            )
            for n, (kind, a) in enumerate(fields, start=1)
        )

    @cached_property
    def external_recipients(self) -> tuple[Recipient, ...]:
        return tuple(r for r in self.recipients if r.external)

    @cached_property
    def header_addresses(self) -> frozenset[str]:
        message = self.message
        people = (*message.from_, *message.reply_to, *message.to, *message.cc, *message.bcc)
        found = {a.addr_spec.lower() for a in people}
        found.update(a.addr_spec.lower() for a in message.envelope.recipients)
        if self.sender:
            found.add(self.sender)
        return frozenset(found)

    @cached_property
    def _identities(self) -> tuple[frozenset[str], ...]:
        """Name tokens of each person on the envelope or headers: sender and recipients."""
        message = self.message
        people = (*message.from_, *message.reply_to, *message.to, *message.cc, *message.bcc)
        identities = [_name_tokens(f"{a.display_name} {a.local_part}") for a in people]
        if self.sender:
            identities.append(_name_tokens(self.sender.partition("@")[0]))
        return tuple(i for i in identities if i)

    @cached_property
    def _published(self) -> tuple[frozenset[str], frozenset[str]]:
        emails = {c.lower() for c in self.pack.published_contacts if "@" in c}
        phones = {_phone_key(c) for c in self.pack.published_contacts if "@" not in c}
        return frozenset(emails), frozenset(p for p in phones if len(p) >= 9)

    # --- what ---------------------------------------------------------------------------

    @cached_property
    def places(self) -> tuple[TextPlace, ...]:
        return tuple(text_places(self.message))

    @cached_property
    def candidates(self) -> tuple[Located, ...]:
        """Every entity scoring at least MEDIUM, in every place, with its owner worked out.

        Most rules act on `entities` (ACT and above); a rule for a short, telling place such
        as a subject line may accept a medium score, where a full name alone is evidence.
        """
        found: list[Located] = []
        for place in self.places:
            found.extend(self._locate(place, detect(place.text, min_score=MEDIUM)))
        return tuple(found)

    @cached_property
    def entities(self) -> tuple[Located, ...]:
        """Every entity a rule should act on (ACT and above)."""
        return tuple(e for e in self.candidates if e.entity.score >= ACT)

    def _section_of(self, place: TextPlace, start: int) -> str:
        if place.kind != "body":
            return ""
        for section in self.message.body.sections:
            if section.start <= start < section.end:
                return str(section.kind)
        return str(SectionKind.NEW)

    def _locate(self, place: TextPlace, entities: Iterable[Entity]) -> Iterable[Located]:
        found = []
        for entity in entities:
            value = place.text[entity.start : entity.end]
            section = self._section_of(place, entity.start)
            found.append(Owned(entity, self._owner(entity.type, value, section)))
        owners = anchor_owners(place.text, found)
        for item, owner in zip(found, owners, strict=True):
            entity = item.entity
            value = place.text[entity.start : entity.end]
            section = self._section_of(place, entity.start)
            yield Located(entity, place.where, place.kind, section, value, not owner, owner)

    def _owner(self, kind: EntityType, value: str, section: str) -> str:
        """Why this value is not third-party data ('' when it is)."""
        if section == SectionKind.SIGNATURE:
            return "the sender's own signature"
        if kind is EntityType.PERSON and self.is_own_name(value):
            return "a sender's or recipient's own name"
        if kind is EntityType.EMAIL_ADDRESS:
            address = value.strip().lower().removeprefix("mailto:")
            if address in self.header_addresses:
                return "a sender's or recipient's own address"
            if address in self._published[0]:
                return "the organisation's published contact"
            if self.pack.is_internal(address.rpartition("@")[2]):
                return "the organisation's own address"
        if kind is EntityType.PHONE_NUMBER and _phone_key(value) in self._published[1]:
            return "the organisation's published contact"
        return ""

    def is_own_name(self, value: str) -> bool:
        """True when every word of the name belongs to one sender or recipient."""
        tokens = _name_tokens(value)
        return bool(tokens) and any(tokens <= identity for identity in self._identities)

    def third_party(
        self,
        *,
        kinds: Iterable[str] | None = None,
        types: Iterable[EntityType] | None = None,
        sections: Iterable[str] | None = None,
        min_score: float = ACT,
    ) -> tuple[Located, ...]:
        """Third-party entities, optionally only in some place kinds, types or body sections.

        `min_score` below ACT (down to MEDIUM) admits weaker matches, for short places.
        """
        wanted_kinds = frozenset(kinds) if kinds is not None else None
        wanted_types = frozenset(types) if types is not None else PERSONAL_TYPES
        wanted_sections = frozenset(sections) if sections is not None else None
        pool = self.entities if min_score >= ACT else self.candidates
        return tuple(
            e
            for e in pool
            if e.third_party
            and e.entity.score >= min_score
            and e.type in wanted_types
            and (wanted_kinds is None or e.kind in wanted_kinds)
            and (wanted_sections is None or e.kind != "body" or e.section in wanted_sections)
        )

    def personal_data(
        self, *, kinds: Iterable[str] | None = None, names_alone: bool = False
    ) -> tuple[Located, ...]:
        """Third-party personal data, in the sense the send rules use.

        An identifier (NHS number, date of birth, bank details, ...) or a special category
        counts on its own. Contact details (a phone number, an email or street address, a
        postcode) count only in a place that also names a third party: without a person
        they are a venue, an office or a switchboard, and the recipient's own signature in
        quoted history is exactly that. A name counts beside any of these, or on its own
        with `names_alone` (a subject or a calendar title, where a name is the breach).
        """
        key = (None if kinds is None else tuple(kinds), names_alone)
        cached = self._personal.get(key)
        if cached is None:
            cached = self._personal[key] = self._personal_data(key[0], names_alone)
        return cached

    def _personal_data(
        self, kinds: tuple[str, ...] | None, names_alone: bool
    ) -> tuple[Located, ...]:
        found = self.third_party(kinds=kinds)
        if names_alone:
            return found
        named = {e.where for e in found if e.type is EntityType.PERSON}
        counted = [
            e
            for e in found
            if e.type in IDENTIFIER_TYPES
            or e.type in SENSITIVE_TYPES
            or (e.type in CONTACT_TYPES and e.where in named)
        ]
        if not counted:
            return ()
        chosen = {id(e) for e in counted}
        return tuple(e for e in found if id(e) in chosen or e.type is EntityType.PERSON)

    def consent_given(self) -> bool:
        """True when the subject or new text carries one of the pack's consent markers."""
        markers = [m.lower() for m in self.pack.consent_markers]
        if not markers:
            return False
        haystack = f"{self.message.subject}\n{self.message.body.new_text}".lower()
        return any(m in haystack for m in markers)
