"""validator.inputs.yaml_parse: YAML 1.2 core values, refusals placed at their node, positions."""

from __future__ import annotations

import math
from typing import Any

import pytest

from validator.inputs.parse import MAX_DEPTH, ParseProblem
from validator.inputs.yaml_parse import MAX_ALIAS_NODES, decoded, load_stream, places


def one(text: str) -> Any:
    documents, problem = load_stream(text)
    assert problem is None, problem
    assert len(documents) == 1
    return documents[0].value


def refused(text: str) -> ParseProblem:
    documents, problem = load_stream(text)
    assert problem is not None, documents
    return problem


@pytest.mark.parametrize(
    ("scalar", "value"),
    [
        ("on", "on"),
        ("yes", "yes"),
        ("no", "no"),
        ("off", "off"),
        ("y", "y"),
        ("010", 10),
        ("-007", -7),
        ("+12", 12),
        ("0o10", 8),
        ("0x1F", 31),
        ("0b101", "0b101"),  # YAML 1.1 binary: a string in 1.2 core
        ("1_000", "1_000"),  # YAML 1.1 digit groups: a string
        ("1.5", 1.5),
        ("-.5", -0.5),
        ("1e3", 1000.0),
        ("6.02E+23", 6.02e23),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("~", None),
        ("", None),
        ("nULL", "nULL"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("tRUE", "tRUE"),
        ("2001-12-14", "2001-12-14"),  # no timestamps
        ("12:30:00", "12:30:00"),  # no sexagesimal numbers
        ("'010'", "010"),
        ('"true"', "true"),
        ("!!str 010", "010"),
        ("!!int '010'", 10),
        ("!!float 1", 1.0),
        ("!!bool 'true'", True),
        ("!!null ''", None),
        ("! 12", "12"),
    ],
)
def test_core_schema_scalars(scalar: str, value: Any) -> None:
    found = one(f"v: {scalar}\n")["v"]
    assert found == value and type(found) is type(value)


def test_big_integers_are_exact() -> None:
    assert one("v: 123456789012345678901234567890\n") == {"v": 123456789012345678901234567890}


@pytest.mark.parametrize(
    "scalar", [".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e400", "!!float .nan"]
)
def test_non_json_numbers_are_refused_at_their_node(scalar: str) -> None:
    problem = refused(f"a: 1\nb:\n  - {scalar}\n")
    assert (problem.line, problem.column) == (3, 5)
    assert "JSON number" in problem.message or "out of range" in problem.message


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("v: !!python/object:os.system x\n", "tag !!python/object:os.system is not allowed", 4),
        ("v: !!python/name:os.system\n", "tag !!python/name:os.system is not allowed", 4),
        ("v: !custom x\n", "tag !custom is not allowed", 4),
        ("v: !!binary aGk=\n", "tag !!binary is not allowed", 4),
        ("v: !!timestamp 2001-01-01\n", "tag !!timestamp is not allowed", 4),
        ("v: !!set {a: null}\n", "tag !!set is not allowed", 4),
        ("v: !!omap [a: 1]\n", "tag !!omap is not allowed", 4),
        ("v: !!int x\n", "'x' is not a valid int", 4),
        ("v: !!bool yes\n", "'yes' is not a valid bool", 4),
    ],
)
def test_only_standard_tags(text: str, message: str, column: int) -> None:
    problem = refused(text)
    assert problem.message.startswith(message), problem.message
    assert (problem.line, problem.column) == (1, column)


def test_scalar_keys_become_their_json_text() -> None:
    text = "200: a\n404: b\ntrue: c\n~: d\n0x10: e\n1.5: f\n'x': g\n"
    assert one(text) == {
        "200": "a",
        "404": "b",
        "true": "c",
        "null": "d",
        "16": "e",
        "1.5": "f",
        "x": "g",
    }


def test_collection_keys_are_refused() -> None:
    problem = refused("a: 1\n? [x, y]\n: 2\n")
    assert problem.message == "a key must be a scalar, not a collection"
    assert (problem.line, problem.column) == (2, 3)


def test_merge_key_is_a_plain_key() -> None:
    assert one("base: &b {x: 1}\nthing:\n  <<: *b\n  y: 2\n")["thing"] == {"<<": {"x": 1}, "y": 2}


def test_duplicate_keys_are_found_and_placed() -> None:
    text = "a: 1\nb:\n  c: 2\n  c: 3\na: 4\n"
    documents, problem = load_stream(text)
    assert problem is None and documents[0].duplicates
    assert documents[0].value == {"a": 4, "b": {"c": 3}}
    assert places(text, 0).duplicates == [("/b", "c", 4, 3), ("", "a", 5, 1)]
    assert not load_stream("a: 1\nb: 2\n")[0][0].duplicates


def test_places_of_values_and_keys() -> None:
    text = "# head\nname: x\nlist:\n  - 1\n  - {k/y: 2, 'é': [3]}\nempty:\n"
    found = places(text, 0)
    assert found.values == {
        "": (2, 1),
        "/name": (2, 7),
        "/list": (4, 3),
        "/list/0": (4, 5),
        "/list/1": (5, 5),
        "/list/1/k~1y": (5, 11),
        "/list/1/é": (5, 19),
        "/list/1/é/0": (5, 20),
        "/empty": (6, 7),
    }
    assert found.keys == {
        "/name": (2, 1),
        "/list": (3, 1),
        "/list/1/k~1y": (5, 6),
        "/list/1/é": (5, 14),
        "/empty": (6, 1),
    }


def test_aliases_share_the_anchor_value_and_are_placed_at_the_alias() -> None:
    text = "a: &x [1, 2]\nb: *x\n"
    value = one(text)
    assert value == {"a": [1, 2], "b": [1, 2]}
    found = places(text, 0)
    assert found.values["/b"] == (2, 4)
    assert found.aliases == {"/b": "x"}


def test_alias_expansion_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    problem = refused("\n".join(lines) + "\n")
    assert problem.message == f"aliases expand to more than {MAX_ALIAS_NODES:,} values (at *a4)"
    assert problem.line == 6


def test_an_unknown_alias_is_refused() -> None:
    problem = refused("a: *nope\n")
    assert (problem.line, problem.column) == (1, 4)
    assert "nope" in problem.message


@pytest.mark.parametrize(("text", "depth"), [("[" * 5000, 1000), ("- " * 3000 + "x\n", 1000)])
def test_nesting_is_bounded(text: str, depth: int) -> None:
    problem = refused(text)
    assert problem.message.startswith("exceeded maximum nesting depth")
    assert problem.line == 1 and problem.column > depth


def _chained(levels: int, links: int, alias_at: int = 0) -> str:
    """Anchors each nesting the one before ``levels`` deep: ``links`` x ``levels`` in all (each
    line within libyaml's own bound, and few values for the aliases' bound)."""
    lines = [f"n0: &n0 {'[' * levels}5{']' * levels}"]
    for i in range(1, links):
        lines.append(f"n{i}: &n{i} {'[' * levels}*n{i - 1}{']' * levels}")
    return "\n".join(lines) + "\n"


def test_nesting_through_aliases_is_bounded_as_written_nesting_is() -> None:
    # 20 anchors of 900 levels: 18,000 levels from 36 KB; the fast engine's error report
    # crashed the process on such a document (a segfault, no report)
    problem = refused(_chained(900, 20))
    assert problem.message == f"nesting deeper than {MAX_DEPTH} levels (at *n0)"
    assert (problem.line, problem.column) == (2, 909)  # the alias that went past the bound
    # the mapping, n1's 512 levels and n0's: 1,025 levels, one too many
    assert refused(_chained(512, 2)).message.endswith("(at *n0)")
    value = one(_chained(511, 2))["n1"]  # 1 + 511 + 511 levels: within the bound
    for _ in range(511 + 511 - 1):
        value = value[0]
    assert value == [5]


def test_nesting_below_the_bound_is_fine() -> None:
    value = one("[" * 900 + "]" * 900 + "\n")
    for _ in range(899):
        value = value[0]
    assert value == []


def test_a_stream_of_documents() -> None:
    text = "a: 1\n---\n# two\nb: 2\n--- 3\n...\n---\n"
    documents, problem = load_stream(text)
    assert problem is None
    assert [(d.value, d.line, d.number) for d in documents] == [
        ({"a": 1}, 1, 0),
        ({"b": 2}, 2, 1),
        (3, 5, 2),
        (None, 7, 3),
    ]
    assert places(text, 1).values == {"": (4, 1), "/b": (4, 4)}


def test_a_stream_stops_at_a_syntax_error() -> None:
    documents, problem = load_stream("a: 1\n---\nb: [1,\n---\n")
    assert [d.value for d in documents] == [{"a": 1}]
    assert problem is not None and problem.line == 4


def test_syntax_errors_are_placed() -> None:
    problem = refused("a: 1\n b: 2\n")
    assert (problem.line, problem.column, problem.message) == (
        2,
        3,
        "mapping values are not allowed in this context",
    )
    problem = refused("a: \x01\n")
    assert (problem.line, problem.column, problem.message) == (
        1,
        4,
        "character U+0001 is not allowed",
    )


def test_decoding() -> None:
    assert decoded("\ufeffa: 1".encode()) == "a: 1"
    problem = decoded(b"a: 1\nb: \xff\n")
    assert problem == ParseProblem("invalid UTF-8 (byte 0xFF)", 2, 4)


def test_nan_is_never_a_value() -> None:
    assert not any(isinstance(v, float) and math.isnan(v) for v in one("a: [.5, 1., 0.]\n")["a"])


def _six_hundred_thousand(name: str) -> str:
    """A document whose aliases add 678,995 values (within the bound alone): a1..a4 add
    10 x their anchor's 11, 111, 1,111 and 11,111 values, k 5 x a4's 111,111."""
    lines = [f"{name}0: &{name}0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    lines += [f"{name}{i}: &{name}{i} [{', '.join([f'*{name}{i - 1}'] * 10)}]" for i in range(1, 5)]
    return "\n".join(lines) + f"\nk: [*{name}4, *{name}4, *{name}4, *{name}4, *{name}4]\n"


def test_alias_expansion_is_bounded_per_stream_not_per_document() -> None:
    one = _six_hundred_thousand("a")
    documents, problem = load_stream(one)
    assert problem is None
    assert documents[0].added == 678_995
    documents, problem = load_stream(f"{one}---\n{_six_hundred_thousand('b')}---\nc: 1\n")
    assert [d.added for d in documents] == [678_995]  # the second crosses the stream's bound
    assert problem is not None
    assert problem.message == "aliases expand to more than 1,000,000 values (at *b4)"
    assert MAX_ALIAS_NODES == 1_000_000
