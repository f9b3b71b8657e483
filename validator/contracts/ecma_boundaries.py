"""ECMA-262's class escapes and word boundaries for the regex engine both engines match with.

In an ECMA-262 regular expression read with the ``u`` flag (and without ``i``, which JSON Schema
never sets), ``\\d`` is ``[0-9]``, ``\\w`` is ``[A-Za-z0-9_]``, ``\\s`` is the spec's *WhiteSpace*
and *LineTerminator* (``U+FEFF`` among them), and ``\\b``/``\\B`` test those ASCII word characters
on either side (*IsWordChar*): ``/^a\\b/u`` finds ``"aé"``.  (Only with both ``i`` and ``u`` would
*WordCharacters* add what case-folds into them, ``U+017F`` and ``U+212A``: node's
``/^\\u017F\\b/iu`` finds that character alone, ``/^\\u017F\\b/u`` does not.) jsonschema_rs's regex
engine reads ``\\b`` and ``\\B`` as Unicode word boundaries (``é`` a word character, as in Python's
``re``), and, in a pattern with a look-around or a back-reference (which it hands to
``fancy-regex`` untranslated), ``\\d``, ``\\w`` and ``\\s`` as Unicode classes too.  So every
pattern is given to that engine with these escapes written out (:func:`ascii_boundaries`): ``\\d``,
``\\w``, ``\\s`` and their negations as explicit classes (inside a class too), ``\\b`` and ``\\B``
outside one as look-arounds over ``[A-Za-z0-9_]``; ``[\\b]`` (a backspace, which that engine
refuses: :mod:`validator.contracts.patterns` says so) and ``\\\\b`` (a backslash, then ``b``) are
left alone.  A quantified ``\\b`` is no ECMA-262 pattern (refused before any document is read), so
a quantifier never follows a translated boundary.  The translation is itself ECMA-262
(jsonschema_rs checks a ``pattern`` is), with the meaning of the original.

The fast engine gets a copy of the schema with each such ``pattern`` translated
(:mod:`validator.checking.annotations`), and says the user's pattern in its messages
(:func:`as_written`); a ``patternProperties`` name holding one leaves the schema to the
reference engine, which matches through :func:`validator.contracts.patterns.bounded`.
"""

from __future__ import annotations

from validator.contracts.pattern_hints import escapes

__all__ = ["as_written", "ascii_boundaries", "misread"]

_TOP = 0x10FFFF
_DIGIT = [(0x30, 0x39)]
_WORD = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
_SPACE = [
    (0x09, 0x0D),  # \t \n \v \f \r
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
]


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, start = [], 0
    for low, high in ranges:
        if low > start:
            out.append((start, low - 1))
        start = high + 1
    return [*out, (start, _TOP)] if start <= _TOP else out


def _char(code: int) -> str:
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02X}"
    char = chr(code)
    return "\\" + char if char in "\\]-^[" else char


def _body(ranges: list[tuple[int, int]]) -> str:
    """A class's contents holding exactly ``ranges``."""
    return "".join(_char(a) if a == b else f"{_char(a)}-{_char(b)}" for a, b in ranges)


_INSIDE = {
    "d": _body(_DIGIT),
    "D": _body(_complement(_DIGIT)),
    "w": _body(_WORD),
    "W": _body(_complement(_WORD)),
    "s": _body(_SPACE),
    "S": _body(_complement(_SPACE)),
}
"""What each class escape becomes inside a class."""
_WORD_CLASS = f"[{_INSIDE['w']}]"
_OUTSIDE = {
    **{letter: f"[{body}]" for letter, body in _INSIDE.items()},
    "b": f"(?:(?<!{_WORD_CLASS})(?={_WORD_CLASS})|(?<={_WORD_CLASS})(?!{_WORD_CLASS}))",
    "B": f"(?:(?<={_WORD_CLASS})(?={_WORD_CLASS})|(?<!{_WORD_CLASS})(?!{_WORD_CLASS}))",
}
"""What each escape becomes outside a class."""

_WRITTEN: dict[str, str] = {}
"""Translated pattern -> the pattern as the schema writes it (for the fast engine's messages)."""
_REMEMBERED = 4096


def _has_escape(pattern: str) -> bool:
    """Whether :func:`ascii_boundaries` may change ``pattern`` (a quick look)."""
    return "\\" in pattern and any("\\" + letter in pattern for letter in _OUTSIDE)


_FANCY = ("(?=", "(?!", "(?<=", "(?<!", "\\k<", *(f"\\{digit}" for digit in "123456789"))
"""What sends a pattern to ``fancy-regex`` untranslated (a look-around, a back-reference)."""


def misread(pattern: str) -> bool:
    """Whether jsonschema_rs may read ``pattern`` as it is otherwise than ECMA-262 does (a quick,
    generous look): a word boundary, or a class escape in a pattern it hands on untranslated."""
    if not _has_escape(pattern):
        return False
    if "\\b" in pattern or "\\B" in pattern:
        return True
    return any(mark in pattern for mark in _FANCY)


def ascii_boundaries(pattern: str) -> str:
    """``pattern`` with its class escapes and word boundaries made ECMA-262's (see the module's
    notes) where jsonschema_rs may misread them (:func:`misread`); else ``pattern`` itself."""
    if not misread(pattern):
        return pattern
    out: list[str] = []
    done = 0
    for letter, inside, at in escapes(pattern):
        written = (_INSIDE if inside else _OUTSIDE).get(letter)
        if written is not None:
            out += (pattern[done:at], written)
            done = at + 2
    out.append(pattern[done:])
    translated = "".join(out)
    if translated != pattern and len(_WRITTEN) < _REMEMBERED:
        _WRITTEN[translated] = pattern
    return translated


def as_written(pattern: object) -> object:
    """The pattern a translated one (:func:`ascii_boundaries`) was made from; any other value as
    it is."""
    return _WRITTEN.get(pattern, pattern) if isinstance(pattern, str) else pattern
