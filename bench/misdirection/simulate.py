"""A seeded simulation of a council's sent mail, with misdirection errors injected and labelled.

Run:  .venv/bin/python bench/misdirection/simulate.py [--seed 20260105] [--staff 240]
      [--days 182] [--rate 9] [--error-rate 0.01] [--eml-dir DIR --eml-count N]

The organisation: staff in teams at norfolk.gov.uk (Faker names, mostly en_GB with other
locales, and collisions made on purpose: several Sarahs, a John and a Jane Smith, two David
Joneses), each with habits (favourite team mates, a few cross-team contacts, partner
contacts at *.example organisations, nhs.net, other councils and the police) and, in the
public-facing teams, members of the public at webmail domains who write in and are written
to a few times each. Six months of working days: new threads, replies and reply-all,
internal forwards of a resident's mail, partners and residents replying; some mail is about
a person (a child, a service user, a claimant, an employee: name, date of birth, NHS number,
address, case reference in the body or in an attached form), most is not.

Errors, at `--error-rate` of sends, spread evenly over five kinds (each applied to a send it
can happen to; see `KINDS`):

- `autocomplete`: the address picked next to the intended one in the auto-complete list (the
  global address list plus the sender's own nickname cache, which holds every outside
  address the sender has used);
- `domain-typo`: the intended address with its domain mistyped (gmial.com, norfolkgov.uk,
  nhs.uk for nhs.net, a letter dropped or swapped);
- `same-first-name`: another person with the intended recipient's first name;
- `reply-all-outsider`: a reply meant for some of the thread that also goes to an outsider
  who was on it (a resident or a partner);
- `wrong-attachment`: the attached form is about a different person than the mail.

A misdirected send is recorded in history as intended (as if the sender had noticed it), so
the history an error meets is the same as in a world without errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import io
import math
import random
import unicodedata
import zipfile
import zoneinfo
from collections import Counter
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from xml.sax.saxutils import escape

from faker import Faker

__all__ = [
    "DEFAULT_SEED",
    "DOMAIN",
    "KINDS",
    "Contact",
    "Mail",
    "World",
    "render",
    "simulate",
]

DEFAULT_SEED = 20260105
DOMAIN = "norfolk.gov.uk"
ZONE = zoneinfo.ZoneInfo("Europe/London")
START = dt.date(2026, 1, 5)  # a Monday
KINDS = ("autocomplete", "domain-typo", "same-first-name", "reply-all-outsider", "wrong-attachment")

# name, size, share of threads about a person, residents writing in per officer per week,
# share of new threads to partners, partner kinds
TEAMS: tuple[tuple[str, int, float, float, float, tuple[str, ...]], ...] = (
    ("Children's Services Referrals", 16, 0.70, 2.0, 0.22, ("health", "police", "school", "la")),
    ("Fostering and Adoption", 12, 0.60, 1.0, 0.15, ("health", "care", "la")),
    ("Adult Social Care North", 16, 0.70, 2.0, 0.22, ("health", "care", "la")),
    ("Adult Social Care South", 16, 0.70, 2.0, 0.22, ("health", "care", "la")),
    ("SEND", 14, 0.60, 2.0, 0.18, ("school", "health")),
    ("Education Admissions", 12, 0.40, 2.5, 0.10, ("school", "la")),
    ("Public Health", 10, 0.30, 0.3, 0.20, ("health", "la")),
    ("HR", 10, 0.50, 0.5, 0.05, ("legal",)),
    ("Legal Services", 8, 0.50, 0.3, 0.25, ("legal", "police", "la")),
    ("Revenues and Benefits", 12, 0.50, 3.0, 0.05, ("la",)),
    ("Customer Services", 14, 0.40, 4.0, 0.03, ("la",)),
    ("Finance", 12, 0.15, 0.3, 0.10, ("supplier", "la")),
    ("Highways", 14, 0.10, 1.5, 0.15, ("supplier", "la")),
    ("Planning", 12, 0.10, 1.5, 0.12, ("la", "supplier")),
    ("Libraries", 12, 0.10, 0.5, 0.05, ("la",)),
    ("Trading Standards", 8, 0.30, 1.0, 0.15, ("police", "la")),
    ("ICT", 14, 0.05, 0.0, 0.10, ("supplier",)),
    ("Communications", 8, 0.05, 0.3, 0.10, ("supplier", "la")),
    ("Procurement", 8, 0.05, 0.0, 0.20, ("supplier",)),
    ("Waste", 10, 0.05, 1.0, 0.12, ("supplier", "la")),
)

# organisation domain, kind, number of contacts
ORGS: tuple[tuple[str, str, int], ...] = (
    ("nhs.net", "health", 40),
    ("nnuh.nhs.uk", "health", 10),
    ("norfolk.pnn.police.uk", "police", 12),
    ("suffolk.gov.uk", "la", 10),
    ("cambridgeshire.gov.uk", "la", 8),
    ("norwich.gov.uk", "la", 10),
    ("broadland.gov.uk", "la", 6),
    ("west-norfolk.gov.uk", "la", 6),
    ("oakfieldprimary.example", "school", 6),
    ("greenacreacademy.example", "school", 6),
    ("riversidehigh.example", "school", 5),
    ("carefirsthomecare.example", "care", 8),
    ("norfolkcarepartners.example", "care", 6),
    ("familyaction.example", "care", 5),
    ("eastlaw.example", "legal", 6),
    ("anglianroads.example", "supplier", 6),
    ("brightprint.example", "supplier", 4),
    ("cloudserve.example", "supplier", 5),
    ("greenwaste.example", "supplier", 4),
)

WEBMAIL = (
    ("gmail.com", 35),
    ("hotmail.co.uk", 14),
    ("outlook.com", 10),
    ("yahoo.co.uk", 8),
    ("btinternet.com", 7),
    ("icloud.com", 6),
    ("hotmail.com", 5),
    ("live.co.uk", 4),
    ("sky.com", 3),
    ("virginmedia.com", 3),
    ("aol.com", 2),
    ("talktalk.net", 2),
)

LOCALES = {"en_GB": 14, "en_IE": 1, "en_IN": 2, "pl_PL": 1, "yo_NG": 1, "ro_RO": 1}
"""Faker locales of staff and residents, with weights."""

TYPOS = {
    "gmail.com": ("gmial.com", "gmai.com", "gmail.co.uk", "gnail.com", "gmall.com"),
    "hotmail.co.uk": ("hotmial.co.uk", "hotmail.co", "hotmai.co.uk", "hotmail.com.uk"),
    "hotmail.com": ("hotmial.com", "hotmal.com", "hotmail.co"),
    "outlook.com": ("outlok.com", "outllook.com", "outlook.co"),
    "yahoo.co.uk": ("yaho.co.uk", "yahoo.co", "yahooo.co.uk"),
    "btinternet.com": ("btinterent.com", "btinternt.com", "btinternet.co.uk"),
    "icloud.com": ("iclould.com", "icoud.com", "icloud.co.uk"),
    DOMAIN: ("norfolkgov.uk", "norfok.gov.uk", "norfolk.gov.uk.example", "norfolk.gov.co.uk"),
    "nhs.net": ("nhs.uk", "nhs.ne", "nhs.nett", "nsh.net"),
}
"""Domain typos people make, per domain; other domains get a letter dropped or swapped."""

ROLES = ("Officer", "Senior Officer", "Practitioner", "Team Manager", "Assistant", "Coordinator")
WORK_START, WORK_END = 8 * 60 + 30, 17 * 60 + 30


@dataclass(frozen=True, slots=True)
class Contact:
    """Anyone mail goes to or comes from. `kind`: staff, partner or public."""

    name: str
    first: str
    last: str
    address: str
    kind: str
    group: str
    """The team (staff), the organisation's domain (partner) or the webmail domain (public)."""
    role: str = ""
    display: str | None = None
    """The display name in headers when it is not `name` (residents: often none, or a handle)."""

    @property
    def shown(self) -> str:
        return self.name if self.display is None else self.display

    @property
    def internal(self) -> bool:
        return self.address.endswith("@" + DOMAIN)


@dataclass(frozen=True, slots=True)
class DataSubject:
    """A person mail is about: a child, a service user, a claimant, an employee."""

    title: str
    first: str
    last: str
    dob: dt.date
    nhs: str
    street: str
    town: str
    postcode: str
    case: str
    carer: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(slots=True)
class Thread:
    root: str
    subject: str
    person: DataSubject | None
    topic: str
    participants: dict[str, Contact] = field(default_factory=dict)
    mails: int = 0


@dataclass(slots=True)
class Mail:
    """One message, sent by staff (`outgoing`) or received from outside (kept for threads)."""

    index: int
    time: dt.datetime
    sender: Contact
    to: tuple[Contact, ...]
    cc: tuple[Contact, ...]
    thread: Thread
    parent: int
    kind: str
    """new, reply, replyall, forward or incoming."""
    message_id: str
    references: tuple[str, ...]
    attachment: DataSubject | str | None
    """A form about a data subject, the name of a document without personal data, or None."""
    extra_person: bool
    """The attached form also names a related person (the carer) that the body does not."""
    seed: int
    error: str = ""
    detail: str = ""
    intended_to: tuple[Contact, ...] = ()
    intended_cc: tuple[Contact, ...] = ()
    intended_attachment: DataSubject | str | None = None
    style: str = "name"
    """How the body refers to the thread's person: name, case (ID only), initials, none."""
    personal: bool = False
    """Carries personal data about someone, named in the text, quoted or attached (ground
    truth of the simulation)."""

    @property
    def outgoing(self) -> bool:
        return self.kind != "incoming"

    @property
    def recipients(self) -> tuple[Contact, ...]:
        return self.to + self.cc

    @property
    def intended(self) -> tuple[Contact, ...]:
        return (self.intended_to + self.intended_cc) if self.error else self.recipients


@dataclass(slots=True)
class World:
    seed: int
    staff: list[Contact]
    partners: list[Contact]
    public: list[Contact]
    mails: list[Mail]
    errors: Counter[str]
    pending: int
    days: int

    @property
    def sends(self) -> list[Mail]:
        return [m for m in self.mails if m.outgoing]


def _fold(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text.lower() if c.isalnum() or c in "-")


def _nhs(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(4, 7)] + [rng.randint(0, 9) for _ in range(8)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 10:
            continue
        number = "".join(map(str, digits)) + str(0 if check == 11 else check)
        return f"{number[:3]} {number[3:6]} {number[6:]}"


def _edit(label: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(label) - 1)
    how = rng.random()
    if how < 0.4:
        return label[:i] + label[i + 1 :]
    if how < 0.8:
        return label[: i - 1] + label[i] + label[i - 1] + label[i + 1 :]
    return label[:i] + label[i] + label[i:]


def typo_domain(domain: str, rng: random.Random) -> str:
    """A plausible mistyping of `domain`."""
    if domain in TYPOS:
        return rng.choice(TYPOS[domain])
    head, _, rest = domain.partition(".")
    if rest.endswith("gov.uk") and rng.random() < 0.3:
        return f"{head}.gov.co.uk"
    for _ in range(10):
        typed = _edit(head, rng)
        if typed != head:
            return f"{typed}.{rest}"
    return f"{head}.{rest}x"


class _Names:
    """Faker names over several locales, ASCII-only in addresses."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fakers = {}
        for n, locale in enumerate(LOCALES):
            faker = Faker(locale)
            faker.seed_instance(seed + n)
            self.fakers[locale] = faker
        self.locales = list(LOCALES)
        self.weights = list(LOCALES.values())

    def person(self, female: bool | None = None) -> tuple[str, str, bool]:
        faker = self.fakers[self.rng.choices(self.locales, self.weights)[0]]
        female = self.rng.random() < 0.55 if female is None else female
        first = faker.first_name_female() if female else faker.first_name_male()
        last = faker.last_name()
        if not _fold(first) or not _fold(last):
            return self.person(female)
        return first, last, female


def _pick(rng: random.Random, items: list[Contact], weights: list[float]) -> Contact:
    return rng.choices(items, weights)[0]


def _zipf(n: int) -> list[float]:
    return [1 / (r + 1) ** 0.9 for r in range(n)]


@dataclass(slots=True)
class _Habits:
    me: Contact
    team: list[Contact]
    team_w: list[float]
    cross: list[Contact]
    cross_w: list[float]
    partners: list[Contact]
    partner_w: list[float]
    rate: float
    cases: list[DataSubject]
    residents: list[Contact]


class Simulator:
    """Builds a `World`. Deterministic for a seed (one `random.Random`, seeded Faker)."""

    def __init__(self, seed: int, staff: int, days: int, rate: float, error_rate: float) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.names = _Names(seed)
        self.days = days
        self.rate = rate
        self.error_rate = error_rate
        self.mails: list[Mail] = []
        self.events: list[tuple[dt.datetime, int, str, tuple[object, ...]]] = []
        self.seq = 0
        self.used: set[str] = set()
        self.pending: list[str] = []
        self.drawn = 0
        self.errors: Counter[str] = Counter()
        self.known: dict[str, dict[str, Contact]] = {}
        self._make_staff(staff)
        self._make_partners()
        self.public: list[Contact] = []
        self.habits = {s.address: self._habits(s) for s in self.staff}
        self.gal = sorted(self.staff, key=lambda c: (c.name.lower(), c.address))

    # --- people --------------------------------------------------------------------------

    def _address(self, local: str, domain: str) -> str:
        candidate, n = local, 1
        while f"{candidate}@{domain}" in self.used:
            n += 1
            candidate = f"{local}{n}"
        self.used.add(f"{candidate}@{domain}")
        return f"{candidate}@{domain}"

    def _make_staff(self, count: int) -> None:
        scale = count / sum(t[1] for t in TEAMS)
        forced = [("Sarah", None)] * 6 + [("John", "Smith"), ("Jane", "Smith")]
        forced += [("David", "Jones")] * 2 + [("Sam", None), ("Samantha", None), ("Chris", None)]
        forced += [("Christine", None), ("Mohammed", None), ("Mohammed", None)]
        self.staff: list[Contact] = []
        rng = self.rng
        slots = [(team, i) for team, size, *_ in TEAMS for i in range(max(3, round(size * scale)))]
        rng.shuffle(slots)
        for n, (team, _) in enumerate(slots):
            first, last, _female = self.names.person()
            if n < len(forced):
                first = forced[n][0]
                last = forced[n][1] or last
            address = self._address(f"{_fold(first)}.{_fold(last)}", DOMAIN)
            role = rng.choice(ROLES)
            self.staff.append(Contact(f"{first} {last}", first, last, address, "staff", team, role))
        self.by_team: dict[str, list[Contact]] = {}
        for person in self.staff:
            self.by_team.setdefault(person.group, []).append(person)

    def _make_partners(self) -> None:
        self.partners: list[Contact] = []
        self.org_contacts: dict[str, list[Contact]] = {}
        for domain, kind, count in ORGS:
            for _ in range(count):
                first, last, _ = self.names.person()
                style = self.rng.random()
                if domain == "nhs.net" and style < 0.3:
                    local = f"{_fold(first)}.{_fold(last)}{self.rng.randint(1, 9)}"
                elif style < 0.8:
                    local = f"{_fold(first)}.{_fold(last)}"
                else:
                    local = f"{_fold(first)[0]}{_fold(last)}"
                address = self._address(local, domain)
                person = Contact(f"{first} {last}", first, last, address, "partner", domain, kind)
                self.partners.append(person)
                self.org_contacts.setdefault(kind, []).append(person)

    def new_resident(self) -> Contact:
        rng = self.rng
        first, last, _ = self.names.person()
        domain = rng.choices([d for d, _ in WEBMAIL], [w for _, w in WEBMAIL])[0]
        f, s = _fold(first), _fold(last)
        year = rng.randint(1950, 2004)
        local = rng.choice(
            [
                f"{f}.{s}",
                f"{f}{s}{year % 100:02d}",
                f"{f[0]}.{s}",
                f"{s}.{f}{rng.randint(1, 99)}",
                f"{f}{year}",
                f"{f}_{s}",
            ]
        )
        roll = rng.random()
        display = (
            None
            if roll < 0.6
            else ""
            if roll < 0.8
            else f"{f}{s[0]}"
            if roll < 0.9
            else f"{first} {last[0]}."
        )
        address = self._address(local, domain)
        person = Contact(f"{first} {last}", first, last, address, "public", domain, "", display)
        self.public.append(person)
        return person

    def data_subject(self, team: str) -> DataSubject:
        rng = self.rng
        first, last, female = self.names.person()
        child = team.startswith(("Children", "Fostering", "SEND", "Education"))
        age = rng.randint(1, 17) if child else rng.randint(19, 92)
        dob = START - dt.timedelta(days=int(age * 365.25) + rng.randint(0, 364))
        title = (
            "" if child else ("Mrs" if female and rng.random() < 0.6 else "Ms" if female else "Mr")
        )
        carer_first, _, _ = self.names.person()
        faker = self.names.fakers["en_GB"]
        street = f"{rng.randint(1, 140)} {faker.street_name()}"
        town = rng.choice(
            ["Norwich", "King's Lynn", "Great Yarmouth", "Thetford", "Dereham", "Cromer"]
        )
        postcode = f"NR{rng.randint(1, 34)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        postcode += rng.choice("ABDEFGHJLNPQRSTUWXYZ")
        case = f"LCS ID {rng.randint(100000, 9999999)}"
        return DataSubject(
            title,
            first,
            last,
            dob,
            _nhs(rng),
            street,
            town,
            postcode,
            case,
            f"{carer_first} {last}",
        )

    def _habits(self, me: Contact) -> _Habits:
        rng = self.rng
        team = [p for p in self.by_team[me.group] if p != me]
        rng.shuffle(team)
        others = [p for p in self.staff if p.group != me.group]
        cross = rng.sample(others, rng.randint(3, 8))
        profile = next(t for t in TEAMS if t[0] == me.group)
        pool = [p for k in profile[5] for p in self.org_contacts.get(k, [])]
        partners = rng.sample(pool, min(len(pool), rng.randint(1, 8))) if profile[4] > 0 else []
        rate = self.rate * rng.lognormvariate(0, 0.5) / math.exp(0.125)
        cases = [self.data_subject(me.group) for _ in range(rng.randint(8, 25))]
        return _Habits(
            me,
            team,
            _zipf(len(team)),
            cross,
            _zipf(len(cross)),
            partners,
            _zipf(len(partners)),
            rate,
            cases,
            [],
        )

    # --- time ------------------------------------------------------------------------------

    def _at(self, day: dt.date, minute: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), ZONE)

    def _working_minute(self) -> int:
        if self.rng.random() < 0.04:
            return self.rng.randint(WORK_END, 21 * 60)
        if self.rng.random() < 0.03:
            return self.rng.randint(7 * 60, WORK_START)
        return self.rng.randint(WORK_START, WORK_END)

    def _later(self, t: dt.datetime, median_minutes: float) -> dt.datetime:
        delay = dt.timedelta(minutes=median_minutes * self.rng.lognormvariate(0, 1.0))
        when = t + delay
        local = when.astimezone(ZONE)
        minute = local.hour * 60 + local.minute
        if (minute > WORK_END and self.rng.random() < 0.85) or local.weekday() >= 5:
            day = local.date() + dt.timedelta(days=1)
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            when = self._at(day, WORK_START + self.rng.randint(0, 150))
        elif minute < WORK_START - 60:
            when = self._at(local.date(), WORK_START + self.rng.randint(0, 90))
        return when

    def _push(self, when: dt.datetime, action: str, *data: object) -> None:
        self.seq += 1
        heapq.heappush(self.events, (when, self.seq, action, data))

    # --- mail ------------------------------------------------------------------------------

    def _mail(  # noqa: PLR0917
        self,
        when: dt.datetime,
        sender: Contact,
        to: list[Contact],
        cc: list[Contact],
        thread: Thread,
        parent: int,
        kind: str,
        attachment: DataSubject | str | None = None,
    ) -> Mail:
        index = len(self.mails)
        host = "mail.norfolk.gov.uk" if kind != "incoming" else sender.address.rpartition("@")[2]
        message_id = f"{index}.{self.seed}@{host}"
        if parent >= 0:
            up = self.mails[parent]
            references = (*up.references, up.message_id)[-10:]
            if up.references:
                references = (up.references[0], *references[1:])
        else:
            references = ()
        seen: set[str] = {sender.address}
        to_ = tuple(c for c in to if not (c.address in seen or seen.add(c.address)))
        cc_ = tuple(c for c in cc if not (c.address in seen or seen.add(c.address)))
        extra = isinstance(attachment, DataSubject) and self.rng.random() < 0.3
        mail = Mail(
            index,
            when,
            sender,
            to_,
            cc_,
            thread,
            parent,
            kind,
            message_id,
            references,
            attachment,
            extra,
            self.rng.getrandbits(32),
        )
        if kind == "incoming" or thread.person is None:
            mail.style = "name"
        else:
            mail.style = self.rng.choices(("name", "case", "initials", "none"), (55, 25, 10, 10))[0]
        mail.personal = (
            isinstance(attachment, DataSubject)
            or (thread.person is not None and mail.style == "name")
            or (parent >= 0 and self.mails[parent].personal)
        )
        if kind != "incoming":
            self._inject(mail)
            known = self.known.setdefault(sender.address, {})
            for person in mail.intended:
                known.setdefault(person.address, person)
        self.mails.append(mail)
        thread.mails += 1
        thread.participants.setdefault(sender.address, sender)
        for person in mail.intended:
            thread.participants.setdefault(person.address, person)
        if kind != "incoming":
            self._responses(mail)
        return mail

    def _thread(self, person: DataSubject | None, topic: str, subject: str) -> Thread:
        return Thread(f"t{len(self.mails)}.{self.seed}", subject, person, topic)

    def _subject(self, person: DataSubject | None, topic: str) -> str:
        rng = self.rng
        if person is not None:
            return rng.choice(
                [
                    f"Referral - {person.case}",
                    f"Case update {person.case}",
                    f"{person.first[0]}. {person.last} - next steps",
                    "Assessment follow-up",
                    "Visit notes",
                    "Request for information",
                ]
            )
        return rng.choice(
            [
                "Team meeting",
                "Budget monitoring Q3",
                "Rota for next week",
                "Training dates",
                "Contract review",
                "Site visit",
                "Agenda for Thursday",
                "Quick question",
                "Figures for the report",
                "Service update",
                "Re: your enquiry",
            ]
        )

    def _attachment_for(self, person: DataSubject | None, share: float) -> DataSubject | str | None:
        if self.rng.random() >= share:
            return None
        if person is not None and self.rng.random() < 0.85:
            return person
        return self.rng.choice(["agenda", "rota", "budget", "minutes"])

    def new_thread(self, me: Contact) -> None:
        rng = self.rng
        h = self.habits[me.address]
        profile = next(t for t in TEAMS if t[0] == me.group)
        pd_share, public_rate, partner_share = profile[2], profile[3], profile[4]
        roll = rng.random()
        cc: list[Contact] = []
        if roll < partner_share and h.partners:
            if rng.random() < 0.12:
                kind = rng.choice(profile[5])
                to = [rng.choice(self.org_contacts[kind])]
            else:
                to = [_pick(rng, h.partners, h.partner_w)]
            if rng.random() < 0.3:
                cc.append(_pick(rng, h.team, h.team_w))
            if rng.random() < 0.1 and len(h.partners) > 1:
                cc.append(_pick(rng, h.partners, h.partner_w))
            audience, share = "partner", pd_share + 0.1
        elif roll < partner_share + 0.04 * public_rate and h.residents:
            to = [rng.choice(h.residents[-6:])]
            audience, share = "public", 0.6
        elif roll < partner_share + 0.04 * public_rate + 0.15:
            to = [_pick(rng, h.cross, h.cross_w)]
            if rng.random() < 0.2:
                cc.append(_pick(rng, h.team, h.team_w))
            audience, share = "internal", pd_share * 0.6
        elif roll < partner_share + 0.04 * public_rate + 0.18:
            to = [p for p in h.team if rng.random() < 0.6] or h.team[:2]
            audience, share = "internal", 0.1
        elif roll < partner_share + 0.04 * public_rate + 0.20:
            to = [rng.choice(self.staff)]
            audience, share = "internal", pd_share * 0.5
        else:
            to = [_pick(rng, h.team, h.team_w)]
            if rng.random() < 0.25:
                to.append(_pick(rng, h.team, h.team_w))
            if rng.random() < 0.2:
                cc.append(_pick(rng, h.team + h.cross, h.team_w + h.cross_w))
            audience, share = "internal", pd_share
        person = rng.choice(h.cases) if rng.random() < share else None
        if audience == "public" and person is not None:
            person = rng.choice(h.cases)
        subject = self._subject(person, audience)
        thread = self._thread(person, audience, subject)
        attachment = self._attachment_for(person, 0.35 if audience == "partner" else 0.15)
        self._mail(self._now, me, to, cc, thread, -1, "new", attachment)

    def resident_writes(self, me: Contact) -> None:
        rng = self.rng
        h = self.habits[me.address]
        resident = (
            self.new_resident()
            if rng.random() < 0.9 or not h.residents
            else rng.choice(h.residents)
        )
        if resident not in h.residents:
            h.residents.append(resident)
        cc = [_pick(rng, h.team, h.team_w)] if rng.random() < 0.15 else []
        person = rng.choice(h.cases) if rng.random() < 0.5 else None
        topic = "public"
        thread = self._thread(
            person,
            topic,
            rng.choice(
                ["Enquiry", "Complaint", "My application", "Help please", "Query about my account"]
            ),
        )
        mail = self._mail(self._now, resident, [me], cc, thread, -1, "incoming")
        if rng.random() < 0.25:
            colleague = _pick(rng, h.team, h.team_w)
            self._push(
                self._later(self._now, 40), "forward", me.address, mail.index, colleague.address
            )
        if rng.random() < 0.85:
            self._push(self._later(self._now, 120), "reply", me.address, mail.index, "reply")

    def partner_writes(self, me: Contact) -> None:
        rng = self.rng
        h = self.habits[me.address]
        if not h.partners:
            return
        partner = _pick(rng, h.partners, h.partner_w)
        cc = []
        if rng.random() < 0.3:
            cc.append(_pick(rng, h.team, h.team_w))
        if rng.random() < 0.15:
            cc.append(rng.choice(self.org_contacts[partner.role]))
        profile = next(t for t in TEAMS if t[0] == me.group)
        person = rng.choice(h.cases) if rng.random() < profile[2] else None
        thread = self._thread(person, "partner", self._subject(person, "partner"))
        attachment = self._attachment_for(person, 0.3)
        mail = self._mail(self._now, partner, [me], cc, thread, -1, "incoming", attachment)
        if rng.random() < 0.8:
            mode = "replyall" if cc and rng.random() < 0.6 else "reply"
            self._push(self._later(self._now, 90), "reply", me.address, mail.index, mode)

    def _responses(self, mail: Mail) -> None:
        rng = self.rng
        if mail.thread.mails >= 8:
            return
        for n, person in enumerate(mail.intended):
            field_to = n < len(mail.intended_to if mail.error else mail.to)
            if person.kind == "staff":
                if rng.random() < (0.4 if field_to else 0.08):
                    multi = len(mail.intended) > 1
                    mode = "replyall" if multi and rng.random() < 0.5 else "reply"
                    self._push(
                        self._later(mail.time, 60), "reply", person.address, mail.index, mode
                    )
            elif rng.random() < (0.45 if field_to else 0.1):
                self._push(self._later(mail.time, 180), "external_reply", person, mail.index)

    def reply(self, me_address: str, parent: int, mode: str) -> None:
        up = self.mails[parent]
        me = self.habits[me_address].me
        if mode == "reply":
            to, cc = [up.sender], []
        else:
            to = [up.sender]
            cc = [p for p in up.intended if p.address != me.address]
        attachment = self._attachment_for(up.thread.person, 0.05)
        self._mail(self._now, me, to, cc, up.thread, parent, mode, attachment)

    def forward(self, me_address: str, parent: int, colleague_address: str) -> None:
        up = self.mails[parent]
        me = self.habits[me_address].me
        colleague = self.habits[colleague_address].me
        self._mail(self._now, me, [colleague], [], up.thread, parent, "forward")

    def external_reply(self, person: Contact, parent: int) -> None:
        rng = self.rng
        up = self.mails[parent]
        cc = [p for p in up.intended if p.address != person.address] if rng.random() < 0.4 else []
        mail = self._mail(self._now, person, [up.sender], cc, up.thread, parent, "incoming")
        if up.thread.mails < 8 and rng.random() < 0.6:
            mode = "replyall" if cc and rng.random() < 0.5 else "reply"
            self._push(self._later(self._now, 120), "reply", up.sender.address, mail.index, mode)

    # --- errors ----------------------------------------------------------------------------

    def _inject(self, mail: Mail) -> None:
        if self.rng.random() < self.error_rate:
            # spread evenly: each kind's turn comes round, and waits for a send it fits
            self.pending.append(KINDS[self.drawn % len(KINDS)])
            self.drawn += 1
        for kind in list(self.pending):
            if getattr(self, "_err_" + kind.replace("-", "_"))(mail):
                self.pending.remove(kind)
                self.errors[kind] += 1
                mail.error = kind
                return

    def _swap(self, mail: Mail, old: Contact, new: Contact, detail: str) -> bool:
        if new.address in (old.address, mail.sender.address):
            return False
        if any(p.address == new.address for p in mail.recipients):
            return False
        mail.intended_to, mail.intended_cc = mail.to, mail.cc
        mail.to = tuple(new if p == old else p for p in mail.to)
        mail.cc = tuple(new if p == old else p for p in mail.cc)
        mail.detail = detail
        return True

    def _typed(self, mail: Mail) -> Contact | None:
        """The recipient whose address was typed or picked by hand (new mail and forwards)."""
        if mail.kind not in ("new", "forward") or not mail.recipients:
            return None
        known = self.known.get(mail.sender.address, {})
        weights = [1.0 if p.address in known else 3.0 for p in mail.recipients]
        return self.rng.choices(list(mail.recipients), weights)[0]

    def _err_autocomplete(self, mail: Mail) -> bool:
        intended = self._typed(mail)
        if intended is None:
            return False
        cache = list(self.known.get(mail.sender.address, {}).values())
        typed = intended.name.lower()[: self.rng.choice((2, 3, 3, 4))]
        entries = {p.address: p for p in self.gal if p.name.lower().startswith(typed)}
        entries.update(
            (p.address, p)
            for p in cache
            if p.name.lower().startswith(typed) or p.address.startswith(typed)
        )
        entries[intended.address] = intended
        cached = {p.address for p in cache}
        ranked = sorted(
            entries.values(), key=lambda p: (p.address not in cached, p.name.lower(), p.address)
        )
        if len(ranked) < 2:
            return False
        at = ranked.index(intended)
        options = [ranked[i] for i in (at - 1, at + 1) if 0 <= i < len(ranked)]
        wrong = self.rng.choice(options)
        return self._swap(mail, intended, wrong, f"typed {typed!r}, picked the neighbour")

    def _err_domain_typo(self, mail: Mail) -> bool:
        intended = self._typed(mail)
        if intended is None:
            return False
        local, _, domain = intended.address.partition("@")
        wrong_domain = typo_domain(domain, self.rng)
        wrong = Contact(
            intended.name,
            intended.first,
            intended.last,
            f"{local}@{wrong_domain}",
            "typo",
            wrong_domain,
            display="",  # typed by hand: no display name
        )
        return self._swap(mail, intended, wrong, f"{domain} typed as {wrong_domain}")

    def _err_same_first_name(self, mail: Mail) -> bool:
        intended = self._typed(mail)
        if intended is None:
            return False
        first = intended.first.lower()
        cache = self.known.get(mail.sender.address, {})
        mine = [p for p in cache.values() if p.first.lower() == first and p != intended]
        everyone = [
            p for p in self.staff + self.partners if p.first.lower() == first and p != intended
        ]
        pool = mine if mine and self.rng.random() < 0.6 else everyone or mine
        if not pool:
            return False
        return self._swap(
            mail, intended, self.rng.choice(pool), "another person with the same first name"
        )

    def _err_reply_all_outsider(self, mail: Mail) -> bool:
        if mail.kind not in ("reply", "replyall") or not mail.personal:
            return False
        present = {p.address for p in mail.recipients} | {mail.sender.address}
        outsiders = [
            p for a, p in mail.thread.participants.items() if a not in present and not p.internal
        ]
        if not outsiders:
            return False
        outsider = self.rng.choice(outsiders)
        mail.intended_to, mail.intended_cc = mail.to, mail.cc
        mail.cc = (*mail.cc, outsider)
        mail.detail = f"reply-all brought back a {outsider.kind} on the thread"
        return True

    def _err_wrong_attachment(self, mail: Mail) -> bool:
        if not isinstance(mail.attachment, DataSubject):
            return False
        cases = [c for c in self.habits[mail.sender.address].cases if c != mail.attachment]
        mail.intended_to, mail.intended_cc = mail.to, mail.cc
        mail.detail = "the form attached is about another person"
        mail.intended_attachment = mail.attachment
        mail.attachment = self.rng.choice(cases)
        mail.extra_person = False
        return True

    # --- the run ---------------------------------------------------------------------------

    def run(self) -> World:
        rng = self.rng
        for offset in range(self.days):
            day = START + dt.timedelta(days=offset)
            weekend = day.weekday() >= 5
            for me in self.staff:
                h = self.habits[me.address]
                profile = next(t for t in TEAMS if t[0] == me.group)
                factor = 0.03 if weekend else 1.0
                for _ in range(_poisson(rng, h.rate * 0.42 * factor)):
                    self._push(self._at(day, self._working_minute()), "new", me.address)
                for _ in range(_poisson(rng, profile[3] / 5 * factor)):
                    self._push(self._at(day, rng.randint(7 * 60, 22 * 60)), "resident", me.address)
                for _ in range(_poisson(rng, profile[4] * 1.2 * factor)):
                    self._push(self._at(day, self._working_minute()), "partner", me.address)
        end = self._at(START + dt.timedelta(days=self.days), 0)
        while self.events:
            when, _, action, data = heapq.heappop(self.events)
            if when >= end:
                break
            self._now = when
            if action == "new":
                self.new_thread(self.habits[data[0]].me)
            elif action == "resident":
                self.resident_writes(self.habits[data[0]].me)
            elif action == "partner":
                self.partner_writes(self.habits[data[0]].me)
            elif action == "reply":
                self.reply(*data)
            elif action == "forward":
                self.forward(*data)
            elif action == "external_reply":
                self.external_reply(*data)
        return World(
            self.seed,
            self.staff,
            self.partners,
            self.public,
            self.mails,
            self.errors,
            len(self.pending),
            self.days,
        )


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def simulate(
    seed: int = DEFAULT_SEED,
    staff: int = 240,
    days: int = 182,
    rate: float = 9.0,
    error_rate: float = 0.01,
) -> World:
    """The whole simulated organisation and its mail, in time order."""
    return Simulator(seed, staff, days, rate, error_rate).run()


# --- rendering ------------------------------------------------------------------------------


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _signature(me: Contact, rng: random.Random) -> str:
    phone = f"01603 {rng.randint(200000, 229999)}"
    return (
        f"Kind regards,\n\n{me.name}\n{me.role}, {me.group}\nNorfolk County Council\nTel: {phone}\n"
    )


def _about(person: DataSubject, rng: random.Random, style: str) -> str:
    """A sentence about the person, naming them (`style` name), by case ID, initials or not."""
    pieces = [
        f"{person.name} (DOB {_date(person.dob)})",
        f"{person.name}, NHS number {person.nhs},",
        f"{(person.title + ' ') if person.title else ''}{person.name} of {person.street}, "
        f"{person.town} {person.postcode}",
        f"{person.name} ({person.case})",
    ]
    what = rng.choice(
        [
            "was discussed at the allocation meeting and the visit is booked for next week.",
            "missed the appointment on Tuesday; the GP has been told and we are arranging another.",
            "is now under the community mental health team and the care plan is being updated.",
            "has moved to a new placement and the school has been informed.",
            "has asked for a copy of the assessment; please check the redactions before it goes.",
            "was seen at home yesterday. Concerns about neglect remain; a strategy meeting is set.",
            "has applied for a reduction and the evidence of income is attached to the claim.",
        ]
    )
    if style == "case":
        return f"Re {person.case}: the person {what}"
    if style == "initials":
        return f"{person.first[0]}{person.last[0]} {what}"
    if style == "none":
        return f"Following up on the case: the person {what}"
    return f"{rng.choice(pieces)} {what}"


FILLER = (
    "Could you let me know by Friday if that works for you?",
    "I have updated the spreadsheet on the shared drive.",
    "Let's pick this up at the team meeting on Thursday.",
    "Thanks for your help with this.",
    "The figures are slightly higher than last month.",
    "Room 2.14 is booked from 10 until 12.",
    "I'll be out of the office on Monday afternoon.",
    "Please see the notes from the last meeting.",
    "The contractor has confirmed the dates.",
    "Happy to discuss if easier.",
)


NICKNAMES = {
    "samantha": "Sam",
    "elizabeth": "Liz",
    "christopher": "Chris",
    "christine": "Chris",
    "katherine": "Kate",
    "catherine": "Cathy",
    "jonathan": "Jon",
    "robert": "Rob",
    "william": "Will",
    "michael": "Mike",
    "thomas": "Tom",
    "daniel": "Dan",
    "benjamin": "Ben",
    "alexander": "Alex",
    "alexandra": "Alex",
    "jennifer": "Jen",
    "rebecca": "Becky",
    "victoria": "Vicky",
    "deborah": "Debbie",
    "margaret": "Maggie",
    "nicholas": "Nick",
    "matthew": "Matt",
    "andrew": "Andy",
    "james": "Jim",
    "joseph": "Joe",
    "richard": "Rich",
    "stephen": "Steve",
    "anthony": "Tony",
    "timothy": "Tim",
    "susan": "Sue",
    "jacqueline": "Jackie",
    "abigail": "Abi",
    "gregory": "Greg",
    "zachary": "Zac",
    "frederick": "Fred",
}
"""Short forms colleagues use in greetings."""


def _greeting(mail: Mail, rng: random.Random) -> str:
    """How the sender greets: the first intended To recipient, mostly; sometimes not."""
    to = mail.intended_to or mail.to
    cc = mail.intended_cc if mail.error else mail.cc
    if not to:
        return "Hello,"
    first = to[0]
    roll = rng.random()
    if first.kind == "public":
        options = (
            (0.45, f"Dear {first.first} {first.last},"),
            (0.70, f"Dear {first.first},"),
            (0.85, f"Hello {first.first},"),
            (0.95, "Dear Sir or Madam,"),
            (1.00, "Hello,"),
        )
    elif mail.sender.kind != "staff":
        options = ((0.55, f"Dear {first.first},"), (0.90, f"Hi {first.first},"), (1.0, "Hello,"))
    else:
        short = NICKNAMES.get(first.first.lower(), first.first)
        options = (
            (0.52, f"Hi {first.first},"),
            (0.62, f"Hi {short},"),
            (0.70, f"Morning {first.first},"),
            (0.80, ""),
            (0.87, "Hi all," if len(to) + len(cc) > 1 else f"Hi {first.first},"),
            (0.92, f"Hi {first.first} and {to[1].first}," if len(to) > 1 else f"{first.first},"),
            (0.95, f"Hi {cc[0].first}," if cc else f"Hi {first.first},"),
            (1.00, f"Dear {first.first},"),
        )
    return next(text for limit, text in options if roll < limit)


def new_text(mails: list[Mail], mail: Mail) -> str:
    """The new text of a mail (greeting, body, signature), the same every time it is asked."""
    rng = random.Random(mail.seed)
    greeting = _greeting(mail, rng)
    lines = [greeting, ""] if greeting else []
    person = mail.thread.person
    style = mail.style
    if mail.kind == "forward":
        lines.append(
            rng.choice(
                ["Please see below - can you pick this up?", "FYI, see below. Can we discuss?"]
            )
        )
    elif person is not None and mail.sender.kind == "staff":
        lines.append(_about(person, rng, style))
    elif person is not None:
        lines.append(f"I am writing about {person.name}. {rng.choice(FILLER)}")
    if isinstance(mail.attachment, DataSubject):
        meant = mail.intended_attachment if mail.error == "wrong-attachment" else mail.attachment
        assert isinstance(meant, DataSubject)
        if style == "name":
            lines.append(f"Please find attached the form for {meant.name}.")
        elif style == "case":
            lines.append(f"Please find attached the form ({meant.case}).")
        else:
            lines.append("Please find the form attached.")
    elif isinstance(mail.attachment, str):
        lines.append(f"Please find the {mail.attachment} attached.")
    lines.append(" ".join(rng.sample(FILLER, rng.randint(1, 3))))
    lines.append("")
    if mail.sender.kind == "staff":
        lines.append(_signature(mail.sender, rng))
    else:
        lines.append(f"Best wishes,\n{mail.sender.shown or mail.sender.first}\n")
    return "\n".join(lines)


def _named(person: Contact) -> str:
    return f"{person.shown} <{person.address}>" if person.shown else person.address


def _quoted(mails: list[Mail], mail: Mail) -> str:
    if mail.parent < 0:
        return ""
    up = mails[mail.parent]
    text = new_text(mails, up)
    when = up.time.astimezone(ZONE).strftime("%a, %d %b %Y at %H:%M")
    if mail.kind == "forward":
        to = "; ".join(_named(p) for p in up.to)
        head = "---------- Forwarded message ---------\n"
        head += f"From: {_named(up.sender)}\n"
        head += f"Date: {when}\nSubject: {up.thread.subject}\nTo: {to}\n\n"
        return "\n\n" + head + text
    quoted = "\n".join("> " + line if line else ">" for line in text.splitlines())
    return f"\n\nOn {when}, {_named(up.sender)} wrote:\n{quoted}\n"


_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs
    )
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = f'{_XML}<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "application/vnd.openxmlformats"
    types = (
        f'{_XML}<Types xmlns="{package}/content-types">'
        f'<Default Extension="rels" ContentType="{office}-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{DOCX}.main+xml"/>'
        "</Types>"
    )
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    rels = (
        f'{_XML}<Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{kind}" Target="word/document.xml"/>'
        "</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
    return out.getvalue()


def _form(mail: Mail, person: DataSubject) -> tuple[str, bytes]:
    rng = random.Random(mail.seed ^ 0x5A5A)
    lines = [
        rng.choice(["Referral form", "Assessment summary", "Case review", "Request for support"]),
        f"Name: {person.name}",
        f"Date of birth: {_date(person.dob)}",
        f"NHS number: {person.nhs}",
        f"Address: {person.street}, {person.town}, {person.postcode}",
        f"Case reference: {person.case}",
    ]
    if mail.extra_person:
        lines.append(f"Parent/carer: {person.carer}")
    lines.append(
        rng.choice(
            [
                "Reason: concerns raised by school.",
                "Reason: hospital discharge.",
                "Reason: review due.",
            ]
        )
    )
    filename = (
        f"{rng.choice(['referral', 'assessment', 'review', 'form'])}_{person.case.split()[-1]}.docx"
    )
    return filename, _docx(lines)


def _document(mail: Mail, name: str) -> tuple[str, str, bytes]:
    rng = random.Random(mail.seed ^ 0xA5A5)
    if name == "rota":
        team = [p for p in mail.thread.participants.values() if p.kind == "staff"][:3]
        rows = ["Day,Officer,Duty"] + [
            f"{d},{p.name},{rng.choice(['Duty desk', 'Visits', 'Office'])}"
            for d, p in zip(["Mon", "Tue", "Wed"], team, strict=False)
        ]
        return "rota.csv", "text/csv", "\n".join(rows).encode()
    if name == "budget":
        rows = ["Cost centre,Budget,Forecast"] + [
            f"CC{rng.randint(1000, 9999)},{rng.randint(10, 900)}000,{rng.randint(10, 900)}000"
            for _ in range(6)
        ]
        return "budget.csv", "text/csv", "\n".join(rows).encode()
    paragraphs = [name.title(), *rng.sample(FILLER, 4)]
    return (
        f"{name}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _docx(paragraphs),
    )


def render(mails: list[Mail], mail: Mail) -> bytes:
    """The MIME a mail client would have sent for `mail` (as sent, errors included)."""
    message = EmailMessage()
    message["From"] = formataddr((mail.sender.shown, mail.sender.address))
    message["To"] = ", ".join(formataddr((p.shown, p.address)) for p in mail.to)
    if mail.cc:
        message["Cc"] = ", ".join(formataddr((p.shown, p.address)) for p in mail.cc)
    prefix = {"reply": "RE: ", "replyall": "RE: ", "forward": "FW: "}.get(mail.kind, "")
    if mail.parent >= 0 and mail.kind == "incoming":
        prefix = "Re: "
    message["Subject"] = prefix + mail.thread.subject
    message["Date"] = format_datetime(mail.time.astimezone(ZONE))
    message["Message-ID"] = f"<{mail.message_id}>"
    if mail.parent >= 0:
        message["In-Reply-To"] = f"<{mails[mail.parent].message_id}>"
        message["References"] = " ".join(f"<{r}>" for r in (*mail.references,))
    message.set_content(new_text(mails, mail) + _quoted(mails, mail))
    if isinstance(mail.attachment, DataSubject):
        filename, data = _form(mail, mail.attachment)
        message.add_attachment(
            data,
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename=filename,
        )
    elif isinstance(mail.attachment, str):
        filename, ctype, data = _document(mail, mail.attachment)
        maintype, _, subtype = ctype.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)


# --- summary --------------------------------------------------------------------------------


def summary(world: World) -> dict[str, object]:
    sends = world.sends
    first_time = 0
    seen: dict[str, set[str]] = {}
    external = 0
    for mail in sends:
        known = seen.setdefault(mail.sender.address, set())
        if any(p.address not in known for p in mail.intended):
            first_time += 1
        known.update(p.address for p in mail.intended)
        external += any(not p.internal for p in mail.recipients)
    staff_days = len(world.staff) * sum(
        1 for d in range(world.days) if (START + dt.timedelta(days=d)).weekday() < 5
    )
    return {
        "staff": len(world.staff),
        "partners": len(world.partners),
        "residents": len(world.public),
        "mails": len(world.mails),
        "sends": len(sends),
        "sends_per_staff_working_day": round(len(sends) / staff_days, 2),
        "with_personal_data": round(sum(m.personal for m in sends) / len(sends), 3),
        "with_external_recipient": round(external / len(sends), 3),
        "with_a_first_time_recipient": round(first_time / len(sends), 3),
        "kinds": dict(Counter(m.kind for m in sends)),
        "errors": dict(world.errors),
        "errors_not_placed": world.pending,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--staff", type=int, default=240)
    parser.add_argument("--days", type=int, default=182)
    parser.add_argument("--rate", type=float, default=9.0)
    parser.add_argument("--error-rate", type=float, default=0.01)
    parser.add_argument("--eml-dir", type=Path, help="write some sends as .eml files here")
    parser.add_argument("--eml-count", type=int, default=50)
    args = parser.parse_args(argv)
    world = simulate(args.seed, args.staff, args.days, args.rate, args.error_rate)
    for key, value in summary(world).items():
        print(f"{key}: {value}")
    if args.eml_dir:
        args.eml_dir.mkdir(parents=True, exist_ok=True)
        sends = world.sends
        chosen = [m for m in sends if m.error][: args.eml_count // 2]
        chosen += sends[:: max(1, len(sends) // (args.eml_count // 2 or 1))][: args.eml_count // 2]
        for mail in chosen:
            name = f"{mail.index:07d}{'-' + mail.error if mail.error else ''}.eml"
            (args.eml_dir / name).write_bytes(render(world.mails, mail))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
