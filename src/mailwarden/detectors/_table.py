"""The header cell above a value in a table pasted into mail (tab, pipe or comma separated).

In a spreadsheet pasted into a message the label is not beside the value but at the top of
its column: "NHS number" heads a column of bare ten-digit numbers, "DOB" a column of dates.
A detector that only reads the words around a value misses all of them; this finds the
header of the value's column so that it can count as context.
"""

from __future__ import annotations

__all__ = ["column_header", "header_cell", "header_row"]

_MAX_ROWS_UP = 500
"""How far up a table is followed to its header: bounds the cost on a huge paste."""
_MAX_CELL = 60


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _delimiter(line: str) -> str | None:
    if "\t" in line:
        return "\t"
    if "|" in line:  # pipes are rare in prose: one makes a two-column table
        return "|"
    if line.count(",") >= 2:
        return ","
    return None


def _header_line(text: str, line_start: int, delimiter: str, cells: int) -> tuple[int, int] | None:
    """Bounds of the first row of the table holding the row at `line_start` (a row of
    `cells` delimiters), or None when that row is the first. A row that a mail client
    wrapped onto two lines (their delimiters adding up to `cells`) does not end the table."""
    top = line_start
    for _ in range(_MAX_ROWS_UP):
        if top == 0:
            break
        above_start, above_end = _line_bounds(text, top - 1)
        count = text.count(delimiter, above_start, above_end)
        if count != cells:
            if not 0 < count < cells or above_start == 0:
                break
            wrapped_start, wrapped_end = _line_bounds(text, above_start - 1)
            if count + text.count(delimiter, wrapped_start, wrapped_end) != cells:
                break
            above_start = wrapped_start  # the two halves of one row
        top = above_start
    return None if top == line_start else _line_bounds(text, top)


def column_header(text: str, pos: int) -> str:
    """The lower-cased header cell of the column `pos` is in, or '' outside a table.

    The header is the first row of the run of rows with the same number of delimiters; a
    value in the header row itself has no header.
    """
    line_start = text.rfind("\n", 0, pos) + 1
    return header_cell(text, header_row(text, line_start), line_start, pos)


def header_row(text: str, line_start: int) -> tuple[str, tuple[str, ...]]:
    """(delimiter, lower-cased header cells) of the table holding the row that starts at
    `line_start`, or ("", ()) when that row is in no table or is the header itself: the same
    for every value of the row, so it can be kept for the row.

    A row wrapped onto two lines is read as one: for its first line the header is the
    table's; for its second, the header cells from where the first line left off.
    """
    line_end = text.find("\n", line_start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    delimiter = _delimiter(line)
    if delimiter is None:
        return "", ()
    cells = line.count(delimiter)
    head = _header_line(text, line_start, delimiter, cells)
    skip = 0
    if head is None and line_end >= 0:  # the first line of a wrapped row?
        next_start, next_end = _line_bounds(text, line_end + 1)
        more = text.count(delimiter, next_start, next_end)
        if more:
            head = _header_line(text, line_start, delimiter, cells + more)
    if head is None and line_start > 0:  # the second line of a wrapped row?
        previous_start, previous_end = _line_bounds(text, line_start - 1)
        skip = text.count(delimiter, previous_start, previous_end)
        if skip:
            head = _header_line(text, previous_start, delimiter, cells + skip)
    if head is None:
        return "", ()
    cells_text = text[head[0] : head[1]].split(delimiter)
    return delimiter, tuple(cell.strip().lower()[:_MAX_CELL] for cell in cells_text[skip:])


def header_cell(text: str, row: tuple[str, tuple[str, ...]], line_start: int, pos: int) -> str:
    """The cell of `row` (from `header_row`) above `pos`, which lies in the row at `line_start`."""
    delimiter, cells = row
    if not delimiter:
        return ""
    column = text.count(delimiter, line_start, pos)
    return cells[column] if column < len(cells) else ""
