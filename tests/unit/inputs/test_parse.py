"""Strict parsing: what is accepted, what is rejected, and where the error is."""

from __future__ import annotations

import pytest

from validator.inputs.parse import (
    MAX_DEPTH,
    DuplicateKey,
    Parsed,
    ParseProblem,
    line_column,
    parse,
    parse_exact,
    redacted,
)


def _problem(raw: bytes) -> ParseProblem:
    result = parse(raw)
    assert isinstance(result, ParseProblem), result
    return result


@pytest.mark.parametrize(
    ("raw", "message", "line", "column"),
    [
        (b"", "empty document", 1, 1),
        (b"  \n ", "no JSON value, only white space", 2, 2),
        (b"NaN", 'expected a JSON value, found "N"', 1, 1),
        (b'{"a": Infinity}', 'expected a JSON value, found "I"', 1, 7),
        (b"[-Infinity]", 'invalid number, unexpected "I"', 1, 3),
        (b'{"a" 1}', "expected ':' after the key, found \"1\"", 1, 6),
        (b"[01]", "expected ',' or ']', found \"1\"", 1, 3),
        (b'"abc', "unterminated string", 1, 1),
        (b'"a\\x"', "invalid escape in string", 1, 3),
        (b'"a\tb"', "unescaped control character U+0009 in string", 1, 3),
        (b'{"\xc3\xa9": \xff}', "invalid UTF-8 (byte 0xFF)", 1, 7),
        (b"\xef\xbb\xbf{}", "byte order mark (U+FEFF) before the document is not allowed", 1, 1),
        (b'["\\ud800"]', "string holds a lone surrogate escape", 1, 2),
        (b"[1e400]", "number 1e400 is out of range for a double", 1, 2),
        (b"\r\n\r\n  }", 'expected a JSON value, found "}"', 3, 3),
    ],
)
def test_rejections_name_the_line_and_column(
    raw: bytes, message: str, line: int, column: int
) -> None:
    assert _problem(raw) == ParseProblem(message, line, column)


ARRAY_COMMA = "trailing comma: JSON allows no comma after the last item of an array"
OBJECT_COMMA = "trailing comma: JSON allows no comma after the last member of an object"
COMMENT = "comments are not allowed in JSON"
SINGLE = "single-quoted string: JSON strings use double quotes"
SECOND = "a second JSON document?"


MARK = "⟨"
"""Marks the offending character in the texts below (it is taken out before parsing): the problem
must be placed there, to the line and the column."""

MISTAKES = {
    # a trailing comma: at the comma
    ARRAY_COMMA: ["[1⟨,]", "[1,\n 2⟨,\n]", "[[]⟨,\n  ]"],
    OBJECT_COMMA: ['{"a":1⟨,}', '{"a": [1]⟨,\r\n\t}'],
    # a comment, wherever it stands: at its first slash
    COMMENT: [
        "⟨// note\n{}",
        '{"a": ⟨/* one */ 1}',
        '{"a": 1 ⟨/* one */}',
        "[1, ⟨// two\n 2]",
        '{⟨// key\n"a": 1}',
        '{"a" ⟨// colon\n: 1}',
        "{}\n⟨// the end",
    ],
    'expected a JSON value, found "/"': ["[1, ⟨/"],  # a slash alone is no comment
    # single quotes: at the quote
    SINGLE: ["{⟨'a': 1}", "[⟨'a']", "⟨'a'", "{\"a\": ⟨'b'}"],
    # a second document: at its first character
    f'unexpected "{{" after the document: {SECOND}': ["{} ⟨{}", '{"a": 1}\n⟨{"a": 2}\n'],
    f'unexpected "[" after the document: {SECOND}': ["[1] ⟨[2]"],
    f'unexpected "2" after the document: {SECOND}': ["1 ⟨2"],
    f'unexpected "\\"" after the document: {SECOND}': ['"a"\n\n⟨"b"'],
    f'unexpected "t" after the document: {SECOND}': ["null ⟨true"],
    # ... and what is not one
    'unexpected "]" after the document': ["[1]⟨]"],
    'unexpected "x" after the document': ["{} ⟨x"],
    'unexpected "n" after the document': ["{} ⟨nul"],
}


def _marked(text: str) -> tuple[bytes, int, int]:
    """The text without its mark, and the line and column (in characters) of the mark."""
    at = text.index(MARK)
    before = text[:at]
    return (text[:at] + text[at + 1 :]).encode(), before.count("\n") + 1, at - before.rfind("\n")


@pytest.mark.parametrize(
    ("message", "text"), [(message, text) for message, texts in MISTAKES.items() for text in texts]
)
def test_common_mistakes_are_named(message: str, text: str) -> None:
    raw, line, column = _marked(text)
    assert _problem(raw) == ParseProblem(message, line, column, second_document=SECOND in message)


def test_the_marks_say_where() -> None:
    assert _marked("[1,\n 2⟨,\n]") == (b"[1,\n 2,\n]", 2, 3)
    assert _marked("{}\n⟨// the end") == (b"{}\n// the end", 2, 1)
    assert _marked('{"é": ⟨/* one */ 1}') == ('{"é": /* one */ 1}'.encode(), 1, 7)


def test_named_mistakes_quote_nothing_when_redacted() -> None:
    for raw in (b"[1,]", b'{"a":1,}', b"// x\n{}", b"{'secret': 1}"):
        message = _problem(raw).message
        assert redacted(message) == message
    second = _problem(b'{"a": 1} {"s3cr3t": 2}').message
    assert redacted(second) == "unexpected a character after the document: a second JSON document?"


def test_columns_count_characters_not_bytes() -> None:
    # "é€😀" is 3 characters but 9 bytes in UTF-8
    problem = _problem('{"é€😀": tru}'.encode())
    assert (problem.line, problem.column) == (1, 9)


@pytest.mark.parametrize(
    "raw", [b"{}", b"[]", b"0", b'"x"', b"null", b"-0", b"1E-400", b" [1.5e3] "]
)
def test_accepts_plain_json(raw: bytes) -> None:
    assert isinstance(parse(raw), Parsed)


def test_huge_integers_are_exact() -> None:
    digits = "9" * 5000
    result = parse(f'{{"n": {digits}, "m": -{digits[:30]}}}'.encode())
    assert isinstance(result, Parsed)
    assert result.value["n"] == 10**5000 - 1
    assert result.value["m"] == -int(digits[:30])
    twenty = parse(b"[18446744073709551617]")
    assert isinstance(twenty, Parsed) and twenty.value == [2**64 + 1]


def test_too_many_digits_are_rejected_not_truncated() -> None:
    problem = _problem(b"1" * 10_001)
    assert problem.message == "integer of 10001 digits exceeds the limit of 10000"


def test_nesting_limit() -> None:
    ok = parse(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH)
    assert isinstance(ok, Parsed)
    deep = MAX_DEPTH + 1
    problem = _problem(b"[" * deep + b"]" * deep)
    assert problem == ParseProblem(f"nesting deeper than {MAX_DEPTH} levels", 1, MAX_DEPTH + 1)
    assert isinstance(parse_exact(b"[" * MAX_DEPTH + b"]" * MAX_DEPTH), Parsed)


def test_duplicate_keys_parse_but_are_reported() -> None:
    text = '{"a": 1, "b": {"k": [{"z": 1, "z": 2}], "k": 0}, "a": 3}'
    result = parse(text.encode())
    assert isinstance(result, Parsed)
    assert result.value == {"a": 3, "b": {"k": 0}}
    assert result.duplicates == (
        DuplicateKey("/b/k/0", "z", text.index('"z": 2')),
        DuplicateKey("/b", "k", text.index('"k": 0')),
        DuplicateKey("", "a", text.index('"a": 3')),
    )


@pytest.mark.parametrize(
    "raw",
    [
        b'{"a:b": 1, "a:b": 2}',
        b'{"x": "::::", "x": 1}',
        b'{"a\\u003a": 1, "a:": 2}',
        b'[{"k": 1}, {"k": 2, "k": 3}]',
    ],
)
def test_duplicates_are_found_whatever_colons_the_strings_hold(raw: bytes) -> None:
    result = parse(raw)
    assert isinstance(result, Parsed) and len(result.duplicates) == 1


def test_escaped_colons_without_duplicates() -> None:
    result = parse(b'{"a\\u003a": 1, "b": "\\u003A:"}')
    assert result == Parsed({"a:": 1, "b": "::"})


def test_line_column_counts_lf_only() -> None:
    text = "ab\r\ncd\n\tx"
    assert line_column(text, 0) == (1, 1)
    assert line_column(text, 4) == (2, 1)
    assert line_column(text, 8) == (3, 2)


REDACTED = {
    'expected a JSON value, found "s"': "expected a JSON value, found a character",
    'unexpected "\\"" after the document': "unexpected a character after the document",
    "number 1e999 is out of range for a double": "number is out of range for a double",
    "empty document": "empty document",
    "unescaped control character U+0001 in string": "unescaped control character in string",
    "invalid UTF-8 (byte 0xE9)": "invalid UTF-8",
    "unexpected character U+0002 after the document": "unexpected a character after the document",
    "expected a JSON value, found character U+00A0": "expected a JSON value, found a character",
    "byte order mark (U+FEFF) before the document is not allowed": (
        "byte order mark (U+FEFF) before the document is not allowed"  # says what, not a value
    ),
}
"""Parse messages, and what --redact makes of them."""


@pytest.mark.parametrize(("message", "expected"), REDACTED.items())
def test_redacted_parse_messages_quote_nothing(message: str, expected: str) -> None:
    assert redacted(message) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"a": 1}'.encode("utf-16"), "UTF-16LE text (it starts with the byte order mark FF FE)"),
        ('{"a": 1}'.encode("utf-16-be"), "UTF-16BE text (zero bytes between its characters)"),
        ('{"a": 1}'.encode("utf-16-le"), "UTF-16LE text (zero bytes between its characters)"),
        (
            '{"a": 1}'.encode("utf-32"),
            "UTF-32LE text (it starts with the byte order mark FF FE 00 00)",
        ),
        ('{"a": 1}'.encode("utf-32-be"), "UTF-32BE text (zero bytes between its characters)"),
        ('{"a": 1}'.encode("utf-32-le"), "UTF-32LE text (zero bytes between its characters)"),
    ],
)
def test_utf16_and_utf32_are_named_not_decoded(raw: bytes, message: str) -> None:
    assert parse(raw) == ParseProblem(f"{message}: JSON must be UTF-8", 1, 1)


def test_utf8_errors_are_not_taken_for_utf16() -> None:
    problem = parse(b'{"a": "caf\xe9"}')
    assert problem == ParseProblem("invalid UTF-8 (byte 0xE9)", 1, 11)
    assert parse(b"[1,]") == parse_exact(b"[1,]")
    assert "UTF-16" not in str(parse(b"[1,]"))
