"""Synthetic, valid identifiers, each written in the several ways people write them.

Every generator returns `(written, fmt)`: the text as it appears in a message and the name
of its layout. Values are synthetic: NHS numbers come from the 999 test range or are
generated with a correct check digit; phones are Ofcom drama numbers or generated numbers
that pass libphonenumber's UK plan; emails sit under example.org/.com/.net. Checksums are
computed here, independently of the detectors, so a detector's own checksum is tested
rather than reused.
"""

from __future__ import annotations

import random
import string
from datetime import date, timedelta

import phonenumbers

__all__ = [
    "MONTHS",
    "Written",
    "account_number",
    "card_number",
    "date_words",
    "driving_licence",
    "email",
    "iban",
    "luhn_ok",
    "mod11_passing",
    "nhs_check",
    "nhs_number",
    "nino",
    "passport",
    "phone",
    "postcode",
    "sort_code",
    "written_date",
]

Written = tuple[str, str]


def _words(text: str) -> list[str]:
    return text.split()


MONTHS = _words(
    "January February March April May June July August September October November December"
)

UPPER = string.ascii_uppercase


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _join(groups: list[str], sep: str) -> str:
    return sep.join(groups)


def _wrap(groups: list[str], sep: str, rng: random.Random) -> str:
    """Groups joined by `sep`, with one separator replaced by a line break (a wrapped value)."""
    cut = rng.randrange(1, len(groups))
    return _join(groups[:cut], sep) + "\n" + _join(groups[cut:], sep)


def _split(value: str, sizes: tuple[int, ...]) -> list[str]:
    out, at = [], 0
    for size in sizes:
        out.append(value[at : at + size])
        at += size
    return out


def _layout(
    rng: random.Random, value: str, sizes: tuple[int, ...], weights: dict[str, int]
) -> Written:
    """`value` as spaced / compact / dashed / wrapped groups, picked by `weights`."""
    fmt = rng.choices(list(weights), weights=list(weights.values()))[0]
    groups = _split(value, sizes)
    if fmt == "compact":
        return value, fmt
    if fmt == "dashed":
        return _join(groups, "-"), fmt
    if fmt == "wrapped":
        return _wrap(groups, " ", rng), fmt
    return _join(groups, " "), "spaced"


# --- NHS number ---------------------------------------------------------------------------


def nhs_check(nine: str) -> int | None:
    """The modulus-11 check digit for nine digits (None: no valid number starts this way)."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return None if check == 10 else check


def _valid_nhs(rng: random.Random, first: str) -> str:
    while True:
        nine = first + _digits(rng, 9 - len(first))
        check = nhs_check(nine)
        if check is not None:
            return nine + str(check)


def nhs_number(rng: random.Random) -> Written:
    """A 999 test-range number or a generated one in the 4xx/6xx/7xx ranges England issues."""
    first = "999" if rng.random() < 0.5 else rng.choice("467")
    value = _valid_nhs(rng, first)
    return _layout(rng, value, (3, 3, 4), {"spaced": 6, "compact": 2, "dashed": 1, "wrapped": 1})


def mod11_passing(rng: random.Random) -> str:
    """Ten digits that pass the NHS check but are not NHS numbers (invoices, orders, tickets)."""
    return _valid_nhs(rng, rng.choice("1234567889"))


# --- National Insurance number -----------------------------------------------------------

_NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ"
_NINO_BARRED = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def nino(rng: random.Random) -> Written:
    """A NINO with an issuable prefix (no D F I Q U V; O not second; no BG GB KN NK NT TN ZZ)."""
    while True:
        prefix = rng.choice(_NINO_FIRST) + rng.choice(_NINO_SECOND)
        if prefix not in _NINO_BARRED:
            break
    digits, suffix = _digits(rng, 6), rng.choice("ABCD")
    fmt = rng.choices(["compact", "spaced", "pairs", "lower"], weights=[4, 2, 4, 1])[0]
    if fmt == "spaced":
        return f"{prefix} {digits} {suffix}", fmt
    if fmt == "pairs":
        return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}", fmt
    if fmt == "lower":
        return f"{prefix}{digits}{suffix}".lower(), fmt
    return f"{prefix}{digits}{suffix}", fmt


# --- Payment cards ------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _with_luhn(rng: random.Random, prefix: str, length: int) -> str:
    body = prefix + _digits(rng, length - len(prefix) - 1)
    for check in string.digits:
        if luhn_ok(body + check):
            return body + check
    raise AssertionError("unreachable: one check digit always fits")


def _card_prefix(rng: random.Random) -> tuple[str, int, str]:
    brand = rng.choices(["visa", "mc5", "mc2", "amex"], weights=[5, 3, 2, 1])[0]
    if brand == "visa":
        return "4", 16, brand
    if brand == "mc5":
        return str(rng.randint(51, 55)), 16, brand
    if brand == "mc2":
        return str(rng.randint(2221, 2720)), 16, brand
    return rng.choice(["34", "37"]), 15, brand


def card_number(rng: random.Random) -> Written:
    """Luhn-valid Visa, Mastercard (51–55 and the 2221–2720 series) or Amex numbers."""
    prefix, length, brand = _card_prefix(rng)
    value = _with_luhn(rng, prefix, length)
    sizes = (4, 6, 5) if length == 15 else (4, 4, 4, 4)
    text, fmt = _layout(rng, value, sizes, {"spaced": 6, "compact": 2, "dashed": 2, "wrapped": 1})
    return text, f"{brand}-{fmt}"


def luhn_reference(rng: random.Random) -> str:
    """Sixteen digits passing Luhn outside every card issuer range (tracking numbers)."""
    return _with_luhn(rng, rng.choice(["9", "1", "0"]), 16)


# --- IBAN ---------------------------------------------------------------------------------

_BANK_CODES = {
    "GB": ["NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"],
    "IE": ["AIBK", "BOFI"],
    "NL": ["ABNA", "INGB", "RABO"],
}


def _alnum_to_digits(text: str) -> str:
    return "".join(str(int(c, 36)) for c in text)


def iban_check(country: str, bban: str) -> str:
    """The two mod-97 check digits (ISO 13616) for `country` + `bban`."""
    remainder = int(_alnum_to_digits(bban + country + "00")) % 97
    return f"{98 - remainder:02d}"


def _fr_rib_key(bank: str, branch: str, account: str) -> str:
    key = 97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97
    return f"{key:02d}"


def _bban(rng: random.Random, country: str) -> str:
    if country in ("GB", "IE"):
        return rng.choice(_BANK_CODES[country]) + _digits(rng, 14)
    if country == "NL":
        return rng.choice(_BANK_CODES[country]) + _digits(rng, 10)
    if country == "DE":
        return _digits(rng, 18)
    if country == "FR":
        bank, branch, account = _digits(rng, 5), _digits(rng, 5), _digits(rng, 11)
        return bank + branch + account + _fr_rib_key(bank, branch, account)
    return _digits(rng, 24)  # PL


def iban(rng: random.Random) -> Written:
    """A mod-97-valid IBAN for GB (most), IE, DE, FR, NL or PL, in paper or electronic form."""
    country = rng.choices(["GB", "IE", "DE", "FR", "NL", "PL"], weights=[8, 1, 1, 1, 1, 1])[0]
    bban = _bban(rng, country)
    value = country + iban_check(country, bban) + bban
    groups = [value[i : i + 4] for i in range(0, len(value), 4)]
    fmt = rng.choices(["paper", "compact", "wrapped"], weights=[6, 3, 1])[0]
    if fmt == "compact":
        return value, f"{country}-compact"
    if fmt == "wrapped":
        return _wrap(groups, " ", rng), f"{country}-wrapped"
    return " ".join(groups), f"{country}-paper"


# --- Sort code and account ----------------------------------------------------------------

_SORT_PREFIXES = ["20", "30", "40", "60", "77", "08", "09", "11", "16", "83", "87", "55"]


def sort_code(rng: random.Random) -> Written:
    value = rng.choice(_SORT_PREFIXES) + _digits(rng, 4)
    fmt = rng.choices(["dashed", "compact", "spaced"], weights=[6, 2, 2])[0]
    if fmt == "compact":
        return value, fmt
    sep = "-" if fmt == "dashed" else " "
    return _join(_split(value, (2, 2, 2)), sep), fmt


def account_number(rng: random.Random) -> Written:
    value = rng.choice("123456789") + _digits(rng, 7)
    if rng.random() < 0.2:
        return f"{value[:4]} {value[4:]}", "spaced"
    return value, "compact"


# --- Passport and driving licence ---------------------------------------------------------


def passport(rng: random.Random) -> Written:
    """Nine digits, as UK passport numbers are written (always placed beside context)."""
    return rng.choice("123456789") + _digits(rng, 8), "nine-digits"


def driving_licence(
    rng: random.Random, surname: str, forename: str, born: date, female: bool
) -> Written:
    """A DVLA-structured number: surname, decade, month (+50 female), day, year, initials."""
    letters = "".join(c for c in surname.upper() if c in UPPER)[:5].ljust(5, "9")
    month = born.month + (50 if female else 0)
    initials = forename[:1].upper() + (rng.choice(UPPER) if rng.random() < 0.4 else "9")
    initials = "".join(c if c in UPPER else "9" for c in initials)
    value = (
        f"{letters}{born.year // 10 % 10}{month:02d}{born.day:02d}{born.year % 10}"
        f"{initials}9{rng.choice(UPPER)}{rng.choice(UPPER)}"
    )
    fmt = rng.choices(["compact", "spaced", "lower"], weights=[7, 3, 1])[0]
    if fmt == "spaced":
        return f"{value[:5]} {value[5:11]} {value[11:]}", fmt
    if fmt == "lower":
        return value.lower(), fmt
    return value, fmt


# --- Postcode -----------------------------------------------------------------------------

_OUTWARD = _words(
    "NR1 NR2 NR3 NR4 NR5 NR6 NR7 NR8 NR9 NR10 NR13 NR14 NR18 NR19 NR20 NR26 NR28 NR30 NR31 "
    "NR32 PE30 PE31 PE13 PE14 PE37 IP22 IP24 IP25 TF1 TF2 TF3 TF4 TF5 TF6 TF7 TF8 TF9 TF10 "
    "TF11 CB1 CB2 CB3 CB4 CB5 CB21 CB22 CB23 CB24 CB25 CB6 CB7 SW1A SW1P SW9 SW11 SE1 SE15 "
    "E1 E1W E2 E14 N1 N1C N7 N17 W1A W1D W2 W12 EC1A EC2V WC1E WC2H NW1 NW10 B1 B15 B23 M1 "
    "M14 M20 L1 L8 LS6 LS11 S10 S1 BS3 BS16 G12 G41 EH8 EH11 CF10 CF24 BT7 BT9 NG7 LE2 "
    "OX4 YO10 DN1 HU5 NE6 SR1 PL4 EX4 TR1 AB10 DD1 IV2"
)
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(rng: random.Random) -> Written:
    """A postcode in the real grammar (real outward codes, inward digit + two allowed letters)."""
    outward = rng.choice(_OUTWARD)
    inward = str(rng.randint(0, 9)) + rng.choice(_INWARD_LETTERS) + rng.choice(_INWARD_LETTERS)
    fmt = rng.choices(["standard", "compact", "lower"], weights=[8, 2, 1])[0]
    if fmt == "compact":
        return outward + inward, fmt
    if fmt == "lower":
        return f"{outward} {inward}".lower(), fmt
    return f"{outward} {inward}", fmt


# --- Phone --------------------------------------------------------------------------------

_DRAMA = [
    ("01632", "960", 3),  # 01632 960000-960999
    ("07700", "900", 3),  # 07700 900000-900999
    ("020", "7946 0", 3),  # 020 7946 0000-0999
    ("0113", "496 0", 3),
    ("0121", "496 0", 3),
    ("0161", "496 0", 3),
    ("0117", "496 0", 3),
    ("029", "2018 0", 3),
]
_ALLOCATED_AREAS = ["01603", "01952", "01223", "01362", "01553", "01953", "01743", "0300"]


def _allocated(rng: random.Random) -> str:
    """A number libphonenumber accepts as a valid UK landline, non-geographic or mobile."""
    while True:
        if rng.random() < 0.5:
            area = rng.choice(_ALLOCATED_AREAS)
            number = area + rng.choice("2345678") + _digits(rng, 10 - len(area))
        else:
            number = "07" + rng.choice("12345789") + _digits(rng, 8)
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "GB")):
            return number


def _national_groups(number: str) -> list[str]:
    """The groups a UK number is printed in: 07700 900123, 020 7946 0123, 0113 496 0123."""
    if number.startswith("07"):
        return [number[:5], number[5:]]
    if number[:3] in ("020", "023", "024", "028", "029"):
        return [number[:3], number[3:7], number[7:]]
    if number[3] == "1" or number.startswith("03"):
        return [number[:4], number[4:7], number[7:]]
    return [number[:5], number[5:]]


def phone(rng: random.Random) -> tuple[str, str, str]:
    """`(written, fmt, source)`: a drama-range or allocated UK number in one of many layouts.

    `source` is "drama" or "allocated": libphonenumber rejects the unallocated drama ranges
    01632 960 and 07700 900, so a detector that leans on it misses those.
    """
    if rng.random() < 0.5:
        area, middle, tail = rng.choice(_DRAMA)
        number = (area + middle + _digits(rng, tail)).replace(" ", "")
        source = "drama"
    else:
        number = _allocated(rng)
        source = "allocated"
    groups = _national_groups(number)
    international = ["+44", groups[0][1:], *groups[1:]]
    layouts = {
        "national": " ".join(groups),
        "compact": number,
        "bracketed": f"({groups[0]}) " + " ".join(groups[1:]),
        "intl": " ".join(international),
        "intl-0": f"+44 (0){groups[0][1:]} " + " ".join(groups[1:]),
        "intl-compact": "+44" + number[1:],
        "dashed": "-".join(groups),
        "mobile-334": f"{number[:4]} {number[4:7]} {number[7:]}",
    }
    choices = list(layouts)
    if not number.startswith("07"):
        choices.remove("mobile-334")
    fmt = rng.choice(choices)
    return layouts[fmt], fmt, source


# --- Email --------------------------------------------------------------------------------

_DOMAINS = [
    "example.org",
    "example.com",
    "example.net",
    "mail.example.org",
    "council.example.org",
    "nhs.example.net",
    "school.example.com",
]


def _ascii(name: str) -> str:
    table = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻéèáíúñ", "acelnoszzACELNOSZZeeaiun")
    return "".join(c for c in name.translate(table).lower() if c.isalnum())


def email(rng: random.Random, forename: str, surname: str) -> Written:
    first, last = _ascii(forename) or "resident", _ascii(surname) or "contact"
    local, fmt = rng.choice(
        [
            (f"{first}.{last}", "first.last"),
            (f"{first[0]}.{last}", "f.last"),
            (f"{first}{last}{rng.randint(1, 99)}", "firstlast99"),
            (f"{last}.{first[0]}", "last.f"),
            (f"{first}_{last}", "first_last"),
        ]
    )
    domain = rng.choice(_DOMAINS)
    if rng.random() < 0.1:
        return f"{local.title()}@{domain}", f"{fmt}-capitalised"
    return f"{local}@{domain}", fmt


# --- Dates --------------------------------------------------------------------------------


def birth_date(rng: random.Random) -> date:
    return date(1935, 1, 1) + timedelta(days=rng.randrange(0, 365 * 85))


def recent_date(rng: random.Random) -> date:
    return date(2022, 1, 1) + timedelta(days=rng.randrange(0, 365 * 4))


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def written_date(rng: random.Random, d: date) -> Written:
    """`d` in one of the ways UK mail writes a date."""
    month = MONTHS[d.month - 1]
    layouts = {
        "dd/mm/yyyy": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "d/m/yy": f"{d.day}/{d.month}/{d.year % 100:02d}",
        "dd.mm.yyyy": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dd-mm-yyyy": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "d month yyyy": f"{d.day} {month} {d.year}",
        "dth month yyyy": f"{_ordinal(d.day)} {month} {d.year}",
        "d mon yyyy": f"{d.day} {month[:3]} {d.year}",
        "month d, yyyy": f"{month} {d.day}, {d.year}",
        "iso": d.isoformat(),
    }
    fmt = rng.choices(list(layouts), weights=[6, 2, 1, 1, 3, 1, 2, 1, 1])[0]
    return layouts[fmt], fmt


def date_words(rng: random.Random, d: date) -> str:
    """A date written without its year ("3 June", "the 14th of May") for meeting notes."""
    month = MONTHS[d.month - 1]
    return rng.choice([f"{d.day} {month}", f"{_ordinal(d.day)} {month}", f"{month} {d.day}"])
