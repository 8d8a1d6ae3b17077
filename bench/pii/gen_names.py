"""PERSON names from two sources, so recall says whether a name was known or inferred.

Set A comes from Faker's person lists for the locales the names gazetteer is built from;
a detector can find these by look-up. Set B is `names_disjoint.txt`: invented names in
none of those lists, which only context ("Mrs ...", "Dear ...", a signature, a "Name:"
field) can reveal. Each document draws all its people from one set, so precision and
recall can be given per set.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from faker import Faker
from gen_builder import Builder

__all__ = ["SET_A_LOCALES", "NameSource", "Person", "check_disjoint", "fold", "mention"]

SET_A_LOCALES = {"en_GB": 6, "pl_PL": 1, "en_IN": 2, "yo_NG": 1}
"""Faker locales of set A, with weights (UK councils' correspondents, mostly British names).

en_IN stands in for hi_IN: Faker's hi_IN lists are in Devanagari, and council mail writes
names in Latin script.
"""

DISJOINT_FILE = Path(__file__).with_name("names_disjoint.txt")
MIN_DISJOINT = 200


@dataclass(frozen=True, slots=True)
class Person:
    forename: str
    surname: str
    female: bool
    source: str
    """"A" (Faker lists, the gazetteer's source) or "B" (names_disjoint.txt)."""

    @property
    def full(self) -> str:
        return f"{self.forename} {self.surname}"

    def title(self, rng: random.Random) -> str:
        if rng.random() < 0.08:
            return rng.choice(["Dr", "Mx"])
        return rng.choice(["Mrs", "Ms", "Miss"]) if self.female else "Mr"


def _load_disjoint() -> list[tuple[str, str, bool]]:
    people = []
    for line in DISJOINT_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, gender, _community = line.split("\t")
        forename, surname = name.split(" ", 1)
        people.append((forename, surname, gender == "F"))
    return people


def fold(name: str) -> str:
    """Lower case without diacritics ("Łódź" → "lodz"), as a gazetteer may compare."""
    name = name.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _gazetteer_files() -> list[Path]:
    """mailwarden's own name lists, where the names detector ships them."""
    spec = importlib.util.find_spec("mailwarden.detectors.names")
    if spec is None or not spec.submodule_search_locations:
        return []
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    return [p for p in (data / "forenames.tsv", data / "surnames.tsv") if p.exists()]


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    """Every name in the set-A locales' Faker lists and in mailwarden's gazetteer, folded."""
    tokens: set[str] = set()
    for locale in SET_A_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in dir(provider):
            if attr.startswith(("first_name", "last_name")) and attr.endswith("s"):
                tokens.update(
                    fold(n).lower() for n in getattr(provider, attr) if isinstance(n, str)
                )
    for path in _gazetteer_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                tokens.add(fold(line.split("\t", 1)[0].strip()).lower())
    return frozenset(tokens)


def check_disjoint() -> list[str]:
    """Set-B name parts found in set A's source or the gazetteer (empty when disjoint)."""
    known = _known_names()
    clashes = []
    for forename, surname, _ in _load_disjoint():
        for part in [forename, *surname.split("-")]:
            if fold(part).lower() in known:
                clashes.append(part)
    return clashes


class NameSource:
    """Draws people from set A (seeded Faker instances) or set B (the invented list)."""

    def __init__(self, seed: int) -> None:
        self._fakers = {}
        for offset, locale in enumerate(SET_A_LOCALES):
            fake = Faker(locale)
            fake.seed_instance(seed + offset)
            self._fakers[locale] = fake
        clashes = {fold(c).lower() for c in check_disjoint()}
        self._disjoint = [
            p
            for p in _load_disjoint()
            if not {fold(x).lower() for x in [p[0], *p[1].split("-")]} & clashes
        ]
        self.dropped = len(_load_disjoint()) - len(self._disjoint)
        """Set-B names left out because a part of them is in set A's source or the gazetteer."""
        if len(self._disjoint) < MIN_DISJOINT:
            raise ValueError(f"names_disjoint.txt: only {len(self._disjoint)} names disjoint")

    def person(self, rng: random.Random, name_set: str) -> Person:
        if name_set == "B":
            forename, surname, female = rng.choice(self._disjoint)
            return Person(forename, surname, female, "B")
        locale = rng.choices(list(SET_A_LOCALES), weights=list(SET_A_LOCALES.values()))[0]
        fake = self._fakers[locale]
        female = rng.random() < 0.5
        if female:
            return Person(fake.first_name_female(), fake.last_name_female(), True, "A")
        return Person(fake.first_name_male(), fake.last_name_male(), False, "A")


def mention(b: Builder, rng: random.Random, person: Person, style: str = "") -> Builder:
    """Append a reference to `person`; the span is the name only (never the title).

    Styles: "full" (Amina Yusuf), "title-surname" (Mrs [Yusuf]), "title-full"
    (Mrs [Amina Yusuf]), "initial" ([A. Yusuf]), "surname-comma" ([YUSUF, Amina]).
    """
    style = (
        style
        or rng.choices(
            ["full", "title-surname", "title-full", "initial", "surname-comma"],
            weights=[5, 4, 2, 1, 1],
        )[0]
    )
    src = person.source
    if style == "title-surname":
        return b.add(person.title(rng) + " ").value("PERSON", person.surname, fmt=style, source=src)
    if style == "title-full":
        return b.add(person.title(rng) + " ").value("PERSON", person.full, fmt=style, source=src)
    if style == "initial":
        text = f"{person.forename[0]}. {person.surname}"
        return b.value("PERSON", text, fmt=style, source=src)
    if style == "surname-comma":
        text = f"{person.surname.upper()}, {person.forename}"
        return b.value("PERSON", text, fmt=style, source=src)
    return b.value("PERSON", person.full, fmt="full", source=src)
