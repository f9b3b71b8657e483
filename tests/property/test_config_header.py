"""The config search reads a ``pyproject.toml`` for the table's header without a regex
(validator.run.discover.declares): it says what the regex of the header says, over generated texts
made of the header's own pieces."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validator.run.discover import declares

HEADER = r"""^[ \t]*\[\[?[ \t]*tool[ \t]*\.[ \t]*["']?casefile-validate["']?[ \t]*[\].]"""
"""A ``[tool.casefile-validate]`` or ``[[tool.casefile-validate.checks]]`` header line."""

PIECES = st.sampled_from(
    [
        *(" ", "\t", "[", "]", "[[", "]]", "tool", "too", ".", "'", '"', "casefile-validate"),
        *("casefile-validat", "x", "#", "\n", "\r\n", "\r", "checks", "=", "\u00a0", "\u3000"),
    ]
)


SPACE = st.sampled_from(["", " ", "\t", " \t ", "\u00a0", "\n"])
QUOTE = st.sampled_from(["", "'", '"', "''"])
NEAR_HEADER = st.tuples(
    SPACE,
    st.sampled_from(["[", "[[", "", "[ [", "x["]),
    SPACE,
    st.sampled_from(["tool", "too", "tools", "Tool"]),
    SPACE,
    st.sampled_from([".", "", "..", ","]),
    SPACE,
    QUOTE,
    st.sampled_from(["casefile-validate", "casefile-validat", "casefile_validate"]),
    QUOTE,
    SPACE,
    st.sampled_from(["]", ".", "]]", "", "x", "=", " ]"]),
).map("".join)
TEXTS = st.lists(st.one_of(NEAR_HEADER, PIECES), max_size=6).map("".join)


def _regex(text: str) -> bool:
    return re.search(HEADER, text, re.M) is not None


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(PIECES, max_size=14).map("".join), TEXTS))
def test_the_header_test_is_the_regex(text: str) -> None:
    assert declares(text) is _regex(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[tool.casefile-validate]\n", True),
        ("  [[ tool . 'casefile-validate' . checks ]]", True),
        ('x = 1\n[tool."casefile-validate"]', True),
        ("[tool.casefile-validate-extra]", False),
        ("# [tool.casefile-validate]", False),
        ('[project]\nname = "casefile-validate"', False),
        ("[tool.casefile-validate\n]", False),
        ("\u00a0[tool.casefile-validate]", False),
    ],
)
def test_headers(text: str, expected: bool) -> None:
    assert declares(text) is expected is _regex(text)
