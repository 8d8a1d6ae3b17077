"""A table pasted into mail: the header of a value's column counts as its context."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailwarden.detectors import EntityType, detect
from mailwarden.detectors._table import column_header
from mailwarden.detectors.document import Document

TABLE = (
    "Name\tNHS number\tDOB\tPostcode\n"
    "Jane Example\t9990000026\t12/03/1984\tnr1 9zz\n"
    "Joe Bloggs\t9990000034\t01/02/1990\tNR2 9ZZ\n"
)


@pytest.mark.parametrize("delimiter", ["\t", ",", "|"])
def test_column_header_is_the_first_row_of_the_block(delimiter: str) -> None:
    text = TABLE.replace("\t", delimiter)
    second_row = text.index("9990000034")
    assert column_header(text, second_row) == "nhs number"
    assert column_header(text, text.index("01/02/1990")) == "dob"
    assert column_header(text, text.index("NHS")) == ""  # the header row has no header


def test_prose_and_a_single_comma_are_not_tables() -> None:
    text = "We met on Monday, and the NHS number was 9990000026."
    assert column_header(text, text.index("999")) == ""


def test_a_table_ends_where_the_cell_count_changes() -> None:
    text = "Ref\tAmount\n1\t2\n\nNHS number\n9990000026\tx\tz\n"
    assert column_header(text, text.index("999")) == ""


def test_header_words_support_bare_values_down_the_column() -> None:
    found = {(e.type, TABLE[e.start : e.end]) for e in detect(TABLE)}
    assert (EntityType.UK_NHS_NUMBER, "9990000034") in found
    assert (EntityType.DATE_OF_BIRTH, "01/02/1990") in found
    assert (EntityType.UK_POSTCODE, "nr1 9zz") in found


def test_header_words_contradict_down_the_column() -> None:
    text = "Invoice no,Amount,Date\n9990000026,12.00,12/03/2024\n9990000034,8.50,13/03/2024\n"
    assert detect(text) == []


@given(st.lists(st.sampled_from(["a", "b", "\t", "|", ",", "\n", " ", "DOB"]), max_size=40))
def test_the_document_keeps_each_rows_header_as_found(parts: list[str]) -> None:
    text = "".join(parts)
    doc = Document(text)
    for pos in [*range(len(text)), *reversed(range(len(text)))]:
        assert doc.column_header(pos) == column_header(text, pos)


def test_another_cell_of_the_header_row_is_not_context() -> None:
    text = "Name\tDOB\tReceived\nSylvia Example\t25/12/1986\t20/09/2024\n"
    births = [text[e.start : e.end] for e in detect(text) if e.type is EntityType.DATE_OF_BIRTH]
    assert births == ["25/12/1986"]


WRAPPED = (
    "Name\tDOB\tNHS No\tPostcode\n"
    "A. Example\t01/02/1980\t999\n000 0026\tNR1 1AA\n"
    "B. Example\t02/03/1981\t9990000034\tNR2 2BB\n"
)


@pytest.mark.parametrize("delimiter", ["\t", "|"])
def test_a_wrapped_row_does_not_end_the_table(delimiter: str) -> None:
    text = WRAPPED.replace("\t", delimiter)
    assert column_header(text, text.index("9990000034")) == "nhs no"
    assert column_header(text, text.index("02/03/1981")) == "dob"


@pytest.mark.parametrize("delimiter", ["\t", "|"])
def test_both_lines_of_a_wrapped_row_keep_their_columns(delimiter: str) -> None:
    text = WRAPPED.replace("\t", delimiter)
    assert column_header(text, text.index("999\n")) == "nhs no"  # first line
    assert column_header(text, text.index("NR1")) == "postcode"  # second line


def test_a_wrapped_row_leaves_prose_alone() -> None:
    text = "Dear team,\nplease see below\tthanks\nregards\tand more\tstill\n"
    assert column_header(text, text.index("regards")) == ""


def test_the_header_rows_other_cells_are_not_context_for_the_first_row() -> None:
    text = "Name\tDOB\tNHS No\tPhone\tReceived\nA. Example\t01/02/1980\t9990000026\t-\t-\n"
    found = {(e.type, text[e.start : e.end]) for e in detect(text)}
    assert (EntityType.UK_NHS_NUMBER, "9990000026") in found


def test_bare_values_below_a_wrapped_row_keep_their_header() -> None:
    text = WRAPPED.replace("\t", " | ")
    found = {(e.type, text[e.start : e.end]) for e in detect(text)}
    assert (EntityType.UK_NHS_NUMBER, "9990000034") in found
    assert (EntityType.UK_NHS_NUMBER, "999\n000 0026") in found
