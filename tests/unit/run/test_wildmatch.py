"""Gitignore patterns written for linear-time matching (validator/run/wildmatch.py): the same
verdicts as pathspec's regexes on every pattern pathspec reads alike, git's reading of bracket
expressions, and no pattern whose matching time grows faster than the path."""

from __future__ import annotations

import random
import re
import time

import pathspec
import pytest

from validator.run.wildmatch import BadPattern, pattern_regex, spec

ATOMS = ["a", "b", "*", "**", "/", "?", "[ab]", "[b-c]", "x", "/**/", "**/", "/**", "\\*", "."]
NAMES = ["a", "b", "ab", "ba", "aab", "x", "bx", "bb", "aba", "xa", "*", "a.b"]


@pytest.mark.parametrize("seed", range(3))
def test_the_same_verdicts_as_pathspec(seed: int) -> None:
    rng = random.Random(seed)
    compared = 0
    for _ in range(1000):
        lines = []
        for _ in range(rng.randint(1, 4)):
            line = "".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 8)))
            lines.append(("!" if rng.random() < 0.3 else "") + line)
        try:
            reference = pathspec.GitIgnoreSpec.from_lines(lines)
        except (ValueError, re.error):
            continue
        ours = spec(lines)
        for _ in range(12):
            path = "/".join(rng.choice(NAMES) for _ in range(rng.randint(1, 7)))
            for name in (path, path + "/"):
                assert ours.check_file(name).include == reference.check_file(name).include, (
                    lines,
                    name,
                )
                compared += 1
    assert compared > 20_000


@pytest.mark.parametrize(
    ("pattern", "matched", "unmatched"),
    [
        ("[!a]", ["b", "x/b"], ["a", "ab"]),  # never a "/": a/b is a folder and a file
        ("x[!a]y", ["xby"], ["x/y", "xay"]),
        ("[]]", ["]"], ["a"]),
        ("[!]]", ["a"], ["]"]),
        ("[[:alpha:]]x", ["ax", "Zx"], ["1x", "_x"]),
        ("[[:digit:][:upper:]]", ["1", "Q"], ["q"]),
        ("[a-c]", ["b"], ["d"]),
        ("[-a]", ["-", "a"], ["b"]),
        ("[a-]", ["-", "a"], ["b"]),
        ("[\\]]", ["]"], ["\\"]),
        ("[[:x]", ["["], ["x]"]),  # no ":]": a plain "["
        ("*[[]*", ["a[b"], ["ab"]),
        ("\\#x", ["#x"], ["x"]),
        ("a\\ ", ["a "], ["a"]),
    ],
)
def test_brackets_are_read_as_git_reads_them(
    pattern: str, matched: list[str], unmatched: list[str]
) -> None:
    rules = spec([pattern])
    for path in matched:
        assert rules.match_file(path), (pattern, path)
    for path in unmatched:
        assert not rules.match_file(path), (pattern, path)


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("[z-a]", "a range runs backwards (like [z-a]) and matches nothing"),
        ("x[b-a]y", "a range runs backwards (like [z-a]) and matches nothing"),
        ("[abc", "a [ is never closed"),
        ("[[:alpha:]", "a [ is never closed"),
        ("[[:word:]]", "an unknown [:class:] (git knows alnum, alpha, ... xdigit)"),
        ("[[::]]", "an unknown [:class:] (git knows alnum, alpha, ... xdigit)"),
        ("x\\", "it ends with a lone backslash"),
        ("[a\\", "it ends with a lone backslash"),
    ],
)
def test_what_git_never_matches_with_is_a_bad_pattern(pattern: str, why: str) -> None:
    with pytest.raises(BadPattern) as raised:
        pattern_regex(pattern)
    assert str(raised.value) == why
    skipped: list[tuple[int, str]] = []
    rules = spec(
        ["a", pattern, "b"], lambda number, problem: skipped.append((number, str(problem)))
    )
    assert skipped == [(2, why)]
    assert rules.match_file("a") and rules.match_file("b")


@pytest.mark.parametrize(
    "pattern",
    [
        "*a*a*a*a*a*a*a*a*b",
        "**/*a*a*a*a*a*b/**/*a*a*a*b",
        "a/**/a/**/a/**/a/**/a/**/b",
        "**/a/**/a/**/a/**/b",
        "/*a*/**/*a*a*/**/*b",
    ],
)
def test_matching_time_grows_with_the_path_not_faster(pattern: str) -> None:
    rules = spec([pattern])
    paths = ["a" * 250, "/".join(["a" * 40] * 100), "/".join(["a"] * 2000)]
    start = time.perf_counter()
    for path in paths:
        assert not rules.match_file(path)
    assert time.perf_counter() - start < 0.5


def test_leftmost_commitment_loses_no_match() -> None:
    # the text between two stars, and the folders between two **, are kept where they first
    # occur: a later occurrence would never leave more to match
    rules = spec(["*ab*abc", "x/**/y/z/**/y/q", "**/m/**/n"])
    assert rules.match_file("ababcabc")
    assert rules.match_file("x/y/z/y/z/y/q")
    assert rules.match_file("m/m/n/m/n")
    assert not rules.match_file("x/y/z/q")
