"""JSON Pointer -> line:column on several layouts."""

from __future__ import annotations

import pytest

from validator.inputs.locate import locate, pointer_segments

PRETTY = '{\n  "a": {\n    "b": [10, 20, {"c~d/e": null}]\n  },\n  "é": "x"\n}\n'
MINIFIED = '{"a":{"b":[10,20,{"c~d/e":null}]},"é":"x"}'
CRLF_TABS = '{\r\n\t"a":\t{\r\n\t\t"b": [10,\t20, {"c~d/e" : null}]},\r\n"é":\t"x"}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PRETTY,
            {"": (1, 1), "/a": (2, 8), "/a/b/1": (3, 15), "/a/b/2/c~0d~1e": (3, 29), "/é": (5, 8)},
        ),
        (
            MINIFIED,
            {"": (1, 1), "/a": (1, 6), "/a/b/1": (1, 15), "/a/b/2/c~0d~1e": (1, 27), "/é": (1, 39)},
        ),
        (
            CRLF_TABS,
            {"": (1, 1), "/a": (2, 7), "/a/b/1": (3, 13), "/a/b/2/c~0d~1e": (3, 28), "/é": (4, 6)},
        ),
    ],
    ids=["pretty", "minified", "crlf-tabs"],
)
def test_positions(text: str, expected: dict[str, tuple[int, int]]) -> None:
    assert locate(text, expected) == expected


def test_non_ascii_before_the_value_counts_characters() -> None:
    text = '{"名前": "😀😀", "n": 5}'
    assert locate(text, ["/n"]) == {"/n": (1, 19)}


def test_missing_pointers_are_left_out() -> None:
    assert locate('{"a": [1]}', ["/b", "/a/5", "/a/0/x"]) == {}


def test_escaped_keys_and_strings_with_brackets() -> None:
    text = '{"q\\"]": "[{", "k": ["}", {"x": 1}]}'
    assert locate(text, ['/q"]', "/k/1/x"]) == {'/q"]': (1, 10), "/k/1/x": (1, 33)}


def test_pointer_segments() -> None:
    assert pointer_segments("") == ()
    assert pointer_segments("/a~1b/~0/0") == ("a/b", "~", "0")


def test_pointers_from_paths_escape_what_they_must() -> None:
    from validator.checking.convert import to_pointer

    assert to_pointer([]) == ""
    assert to_pointer(["a", 0, "b"]) == "/a/0/b"
    assert to_pointer(["a/b", "~x", ""]) == "/a~1b/~0x/"
