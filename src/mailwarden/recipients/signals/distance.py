"""Edit distance for lookalike addresses: Damerau-Levenshtein (optimal string alignment).

Counts the insertions, deletions, substitutions and swaps of two neighbouring characters
that turn one string into another: `gmial.com` is one step from `gmail.com` (a swap),
`norfolk.gov.uk` one from `norfollk.gov.uk` (an insertion). This is the restricted form
(no substring is edited twice), which is what typing slips produce. `limit` stops early
once the distance is known to exceed it, so comparing against many contacts stays cheap.
"""

from __future__ import annotations

__all__ = ["damerau_levenshtein"]


def damerau_levenshtein(a: str, b: str, limit: int | None = None) -> int:
    """Edits between `a` and `b`; when `limit` is given, any value above it means 'more'."""
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    previous: list[int] = []
    current = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous = previous, current
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if limit is not None and min(current) > limit:
            return limit + 1
    return current[len(b)]
