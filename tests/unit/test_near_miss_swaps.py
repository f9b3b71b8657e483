"""Near misses count two letters side by side swapped as one edit (``Itme`` for ``Item``)."""

from __future__ import annotations

import itertools

from validator.near_miss import _distance, look_alike, suggest


def _slow(a: str, b: str) -> int:
    """The optimal string alignment distance, the whole table (for comparison)."""
    d = [[i + j if not i * j else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i, j in itertools.product(range(1, len(a) + 1), range(1, len(b) + 1)):
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
        if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
            d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


def test_a_swap_of_two_letters_is_one_edit() -> None:
    assert suggest("Itme", ["Item", "Other"]) == "Item"
    assert suggest("stauts", ["status"]) == "status"
    assert look_alike("reqeust_id", {"request_id": 1}) == "request_id"
    assert suggest("cat", ["car"]) is None  # three letters: still only one left out


def test_the_early_exit_gives_what_the_whole_table_gives() -> None:
    words = ["".join(w) for n in range(6) for w in itertools.product("abc", repeat=n)]
    for a, b in itertools.product(words[::7], words[::5]):
        for limit in (0, 1, 2):
            assert min(_distance(a, b, limit), limit + 1) == min(_slow(a, b), limit + 1), (a, b)
