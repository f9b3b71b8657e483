"""Strict RFC 8259 parsing: raw bytes -> a document, or a ParseProblem with line:column.

Two parsers share the work:

* ``orjson`` is the fast path.  It already rejects ``NaN``/``Infinity``, invalid UTF-8, lone
  surrogates, a byte order mark and nesting deeper than :data:`MAX_DEPTH`.
* :func:`parse_exact`, a small iterative parser written here, is the authority whenever the fast
  path cannot be trusted on its own: when orjson rejects a document (the exact parser then words
  the error and finds its position, and accepts what orjson only rejects for its own limits, such
  as integers beyond 64 bits), when a document may hold an integer too long for orjson to keep
  exactly, and when a document may hold a duplicate object key, which orjson silently drops.

Policies (documented in the README): integers of any length up to :data:`MAX_INT_DIGITS` digits
are exact Python ints; a number that overflows an IEEE 754 double (``1e400``) is rejected;
strings holding lone surrogates are rejected; a byte order mark is rejected; nesting deeper than
:data:`MAX_DEPTH` is rejected.  Duplicate keys are not a parse error: the document parses (the last
value wins) and the duplicates are returned so that the check stage can call the document invalid.
"""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple
# compiles each field's annotation given as a string, a cost every start-up would pay.
import json
import re
from typing import Any, NamedTuple

import orjson

from validator.inputs.parse_suspects import needs_exact

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "DuplicateKey",
    "ExactlyParsed",
    "ParseProblem",
    "Parsed",
    "line_column",
    "parse",
    "parse_exact",
    "redacted",
]

MAX_DEPTH = 1024
"""Deepest nesting of arrays and objects accepted (the same limit as orjson's)."""

MAX_INT_DIGITS = 10_000
"""Longest integer literal accepted, in digits; longer ones are rejected, not truncated."""


class ParseProblem(NamedTuple):
    """Why a text is not strict JSON; ``line``/``column`` are 1-based, columns in characters."""

    message: str
    line: int
    column: int
    second_document: bool = False
    """The text goes on, after a whole document, with what starts another one (JSON Lines read
    as one document?)."""


class DuplicateKey(NamedTuple):
    """A key that occurs more than once in one object: ``pointer`` is the object, ``offset`` the
    character offset of the repeated key's opening quote."""

    pointer: str
    key: str
    offset: int


class Parsed(NamedTuple):
    """A parsed document and the duplicate keys found in it (only the exact parser finds them;
    the fast path hands a document over to it whenever one may be present)."""

    value: Any
    duplicates: tuple[DuplicateKey, ...] = ()


class ExactlyParsed(Parsed):
    """:class:`Parsed` by the exact parser: the value may hold integers beyond 64 bits, which
    orjson never gives (equal to a :class:`Parsed` of the same value and duplicates)."""

    __slots__ = ()


# The regular expressions are compiled when first needed, not at import: compiling them costs
# more than a one-file run's whole check, and most runs never need the exact parser.
_QUOTED: re.Pattern[str]
_CODE: re.Pattern[str]
_NUMBER_TOKEN: re.Pattern[str]
_WS: re.Pattern[str]
_STRING: re.Pattern[str]
_NUMBER: re.Pattern[str]
_ESCAPE: re.Pattern[str]
_SURROGATE: re.Pattern[str]
_VALUE_START: re.Pattern[str]
_compiled = False


def _compile() -> None:
    global _QUOTED, _CODE, _NUMBER_TOKEN, _WS, _STRING, _NUMBER, _ESCAPE, _SURROGATE, _VALUE_START
    global _compiled
    _QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
    _CODE = re.compile(
        r"(?<=control character) U\+[0-9A-F]+| \(byte 0x[0-9A-F]+\)"
        r"|(?<!control )character U\+[0-9A-F]+"
    )
    _NUMBER_TOKEN = re.compile(r"^number \S+ is")
    _WS = re.compile(r"[ \t\n\r]*")
    _STRING = re.compile(
        r'"([^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*)"'
    )
    _NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
    _ESCAPE = re.compile(r'\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})')
    _SURROGATE = re.compile("[\ud800-\udfff]")
    _VALUE_START = re.compile(r'[\[{"0-9-]|true|false|null')
    _compiled = True


def redacted(message: str) -> str:
    """A parse problem's message without the characters it quotes from the input (``--redact``):
    neither as text (``"x"``), nor its code point (``U+0001``) or byte (``0xE9``)."""
    if not _compiled:
        _compile()
    message = _QUOTED.sub("a character", _NUMBER_TOKEN.sub("number is", message))
    return _CODE.sub(lambda m: "a character" if m.group().startswith("c") else "", message)


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset; lines end at LF."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return line, column


# --- orjson first, the exact parser where orjson may be wrong (see validator.inputs.parse_suspects)


def parse(raw: bytes) -> Parsed | ParseProblem:
    """Parse one document strictly."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return parse_exact(raw)
    if needs_exact(raw, value):
        return parse_exact(raw)
    return Parsed(value)


# --- the exact parser --------------------------------------------------------------------------

_LITERALS = {"true": True, "false": False, "null": None}


class _Fail(Exception):
    def __init__(self, message: str, offset: int, second_document: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.second_document = second_document


COMMENT = "comments are not allowed in JSON"
SINGLE_QUOTE = "single-quoted string: JSON strings use double quotes"
SECOND_DOCUMENT = "a second JSON document?"
_TRAILING = "trailing comma: JSON allows no comma after the last "


def _skip(text: str, at: int) -> int:
    match = _WS.match(text, at)
    return at if match is None else match.end()


def _describe(text: str, at: int) -> str:
    if at >= len(text):
        return "end of input"
    ch = text[at]
    if ch.isprintable() and not ch.isspace():
        return json.dumps(ch, ensure_ascii=False)
    return f"character U+{ord(ch):04X}"


def _unexpected(text: str, at: int, message: str) -> _Fail:
    """The failure at ``at``, where ``message`` says what was expected: named for what it is
    when it is a usual mistake (a comment, a single-quoted string)."""
    if text.startswith(("//", "/*"), at):
        return _Fail(COMMENT, at)
    if text.startswith("'", at):
        return _Fail(SINGLE_QUOTE, at)
    return _Fail(message, at)


def _after_document(text: str, at: int) -> _Fail:
    found = f"unexpected {_describe(text, at)} after the document"
    if _VALUE_START.match(text, at):
        return _Fail(f"{found}: {SECOND_DOCUMENT}", at, second_document=True)
    return _unexpected(text, at, found)


def _trailing_comma(text: str, at: int, container: str) -> _Fail:
    """A closing bracket at ``at`` right after a comma (white space between): at the comma."""
    return _Fail(_TRAILING + container, text.rfind(",", 0, at))


def _escape_pointer(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _big_int(digits: str) -> int:
    """int() of a long digit string without tripping Python's 4300-digit conversion guard."""
    if len(digits) <= 4000:
        return int(digits)
    split = len(digits) // 2
    low = len(digits) - split
    return _big_int(digits[:split]) * int(10**low) + _big_int(digits[split:])


def _number(token: str, fraction: str | None, exponent: str | None, at: int) -> int | float:
    if fraction is None and exponent is None:
        digits = len(token) - token.startswith("-")
        if digits > MAX_INT_DIGITS:
            raise _Fail(f"integer of {digits} digits exceeds the limit of {MAX_INT_DIGITS}", at)
        if digits <= 4000:
            return int(token)
        sign = -1 if token.startswith("-") else 1
        return sign * _big_int(token.lstrip("-"))
    value = float(token)
    if value in (float("inf"), float("-inf")):
        raise _Fail(f"number {token[:40]} is out of range for a double", at)
    return value


def _string(text: str, at: int) -> tuple[str, int]:
    match = _STRING.match(text, at)
    if match is None:  # find what is wrong, for a precise message
        i = at + 1
        while i < len(text):
            ch = text[i]
            if ch < " ":
                raise _Fail(f"unescaped control character U+{ord(ch):04X} in string", i)
            if ch == "\\":
                escape = _ESCAPE.match(text, i)
                if escape is None:
                    raise _Fail("invalid escape in string", i)
                i = escape.end()
                continue
            i += 1
        raise _Fail("unterminated string", at)
    body = match.group(1)
    if "\\" in body:
        body = json.loads(match.group(0))
        if _SURROGATE.search(body):
            raise _Fail("string holds a lone surrogate escape", at)
    return body, match.end()


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _Fail("byte order mark (U+FEFF) before the document is not allowed", 0)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8")
        raise _Fail(f"invalid UTF-8 (byte 0x{raw[exc.start]:02X})", len(prefix)) from None


def parse_exact(raw: bytes | str) -> Parsed | ParseProblem:
    """Parse strictly with the iterative exact parser (slow, but complete and precise)."""
    result = _parse_exact(raw)
    if isinstance(result, ParseProblem) and isinstance(raw, bytes):
        from validator.inputs.encodings import wide_encoding  # only for texts that fail

        wide = wide_encoding(raw)
        if wide is not None:  # say what the text is rather than where UTF-8 broke
            return ParseProblem(f"{wide}: JSON must be UTF-8", 1, 1)
    return result


def _parse_exact(raw: bytes | str) -> Parsed | ParseProblem:
    if not _compiled:
        _compile()
    text = ""
    try:
        text = raw if isinstance(raw, str) else _decode(raw)
        return _parse_text(text)
    except _Fail as fail:
        if not text and isinstance(raw, bytes):  # failed while decoding: offsets count the prefix
            prefix = raw.decode("utf-8", errors="replace")
            line, column = line_column(prefix, fail.offset)
        else:
            line, column = line_column(text, fail.offset)
        return ParseProblem(fail.message, line, column, fail.second_document)


def _parse_text(text: str) -> Parsed:
    duplicates: list[DuplicateKey] = []
    # Each frame: the open container and its state, [current key, keys seen] for an object and
    # [current index, None] for an array; `path` holds the JSON Pointer segments down to the value.
    stack: list[tuple[Any, list[Any]]] = []
    path: list[str] = []
    at = _skip(text, 0)
    if at >= len(text):
        raise _Fail("empty document" if not text else "no JSON value, only white space", at)
    result: Any = None
    while True:
        # --- read one value at `at`
        ch = text[at] if at < len(text) else ""
        value: Any
        if ch == "{" or ch == "[":
            if len(stack) >= MAX_DEPTH:
                raise _Fail(f"nesting deeper than {MAX_DEPTH} levels", at)
            container: Any = {} if ch == "{" else []
            at = _skip(text, at + 1)
            close = "}" if ch == "{" else "]"
            if at < len(text) and text[at] == close:
                value = container
                at += 1
            else:
                state: list[Any] = [None, set()] if ch == "{" else [0, None]
                stack.append((container, state))
                if ch == "{":
                    at = _read_key(text, at, container, state, path, duplicates)
                else:
                    path.append("0")
                continue
        elif ch == '"':
            value, at = _string(text, at)
        else:
            value, at = _scalar(text, at, ch)
        # --- place the value, then close every container that ends here
        while True:
            if not stack:
                at = _skip(text, at)
                if at != len(text):
                    raise _after_document(text, at)
                result = value
                return ExactlyParsed(result, tuple(duplicates))
            container, state = stack[-1]
            if isinstance(container, dict):
                container[state[0]] = value
            else:
                container.append(value)
            at = _skip(text, at)
            ch = text[at] if at < len(text) else ""
            if ch == ",":
                at = _skip(text, at + 1)
                if isinstance(container, dict):
                    path.pop()
                    at = _read_key(text, at, container, state, path, duplicates)
                elif text.startswith("]", at):
                    raise _trailing_comma(text, at, "item of an array")
                else:
                    state[0] += 1
                    path[-1] = str(state[0])
                break
            if ch == ("}" if isinstance(container, dict) else "]"):
                at += 1
                stack.pop()
                path.pop()
                value = container
                continue
            expected = "',' or '}'" if isinstance(container, dict) else "',' or ']'"
            raise _unexpected(text, at, f"expected {expected}, found {_describe(text, at)}")


def _scalar(text: str, at: int, ch: str) -> tuple[Any, int]:
    """The number or literal at ``at`` (whose first character is ``ch``), and where it ends."""
    if ch == "-" or "0" <= ch <= "9":
        match = _NUMBER.match(text, at)
        if match is None:
            raise _Fail(f"invalid number, unexpected {_describe(text, at + 1)}", at + 1)
        return _number(match.group(0), match.group(1), match.group(2), at), match.end()
    for word, literal in _LITERALS.items():
        if text.startswith(word, at):
            return literal, at + len(word)
    raise _unexpected(text, at, f"expected a JSON value, found {_describe(text, at)}")


def _read_key(
    text: str,
    at: int,
    container: dict[str, Any],
    state: list[Any],
    path: list[str],
    duplicates: list[DuplicateKey],
) -> int:
    if at >= len(text) or text[at] != '"':
        if text.startswith("}", at):  # "{}" is read as a whole: a comma comes before this one
            raise _trailing_comma(text, at, "member of an object")
        raise _unexpected(text, at, f"expected a string key, found {_describe(text, at)}")
    key, end = _string(text, at)
    if key in state[1]:
        pointer = "".join("/" + _escape_pointer(p) for p in path)
        duplicates.append(DuplicateKey(pointer, key, at))
    state[1].add(key)
    state[0] = key
    path.append(key)
    end = _skip(text, end)
    if end >= len(text) or text[end] != ":":
        raise _unexpected(text, end, f"expected ':' after the key, found {_describe(text, end)}")
    return _skip(text, end + 1)
