"""How to write a pattern that is ECMA-262 but beyond the bounded regex engine another way: the
hint of :func:`validator.contracts.patterns.check_patterns`'s refusal, for the constructs of
the pattern itself (``\\0`` → ``\\x00``, ``[\\b]`` → ``[\\x08]``, ``\\uD83D\\uDE00`` →
``\\u{1F600}``, ``[^]`` → ``[\\s\\S]``, ``\\k<name>`` → a numbered back-reference); and
the one rule of ECMA-262's syntax that ``regress`` misses (:func:`quantified_boundary`)."""

from __future__ import annotations

import re

__all__ = ["escapes", "quantified_boundary", "rewrites"]

_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE)


def escapes(pattern: str) -> list[tuple[str, bool, int]]:
    """Each escape of ``pattern``: its letter, whether it is inside a character class, and where
    its backslash is."""
    out = []
    inside, at = False, 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\" and at + 1 < len(pattern):
            out.append((pattern[at + 1], inside, at))
            at += 2
            continue
        if char == "[" and not inside:
            inside = True
        elif char == "]" and inside:
            inside = False
        at += 1
    return out


def rewrites(pattern: str) -> str:
    """The ways to write ``pattern``'s constructs that the engine refuses, or a smaller
    repetition when it has none of them."""
    found: list[str] = []
    for letter, inside, at in escapes(pattern):
        if letter == "0" and "\\x00 for \\0" not in found:
            found.append("\\x00 for \\0")
        elif letter == "b" and inside and "[\\x08] for [\\b]" not in found:
            found.append("[\\x08] for [\\b]")
        elif letter == "k" and "a numbered back-reference for \\k<name>" not in found:
            found.append("a numbered back-reference for \\k<name>")
        elif letter == "u" and (pair := _PAIR.match(pattern, at)) is not None:
            high, low = int(pair[1], 16), int(pair[2], 16)
            point = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            found.append(f"\\u{{{point:X}}} for {pair[0]}")
    if "[^]" in pattern:
        found.append("[\\s\\S] for [^]")
    return ", ".join(found[:4]) or "a smaller repetition"


def quantified_boundary(pattern: str) -> bool:
    """Whether ``pattern`` repeats a word-boundary assertion (``\\b*``, ``\\B{2}``): not
    ECMA-262 with the ``u`` flag (an assertion takes no quantifier), which ``regress`` lets
    through."""
    if "\\b" not in pattern and "\\B" not in pattern:
        return False
    return any(
        letter in "bB" and not inside and pattern[at + 2 : at + 3] in ("*", "+", "?", "{")
        for letter, inside, at in escapes(pattern)
    )
