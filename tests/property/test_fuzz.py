"""Fuzzing the parser, the duplicate-key check, the locator and the whole command (issue 4).

Two budgets: the ``ci`` profile (the default: a few hundred examples in all, seconds) and the
``long`` profile for a deliberate hunt::

    CASEFILE_FUZZ=long python -m pytest tests/property/test_fuzz.py -p no:cacheprovider

Hypothesis keeps the failures it finds in ``.hypothesis/`` and replays them first next time.
"""

from __future__ import annotations

import io
import json
import os
import random
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from validator.contracts.catalog import load_schema
from validator.inputs.locate import _serialised_offsets, locate, pointer_segments
from validator.inputs.parse import Parsed, ParseProblem, parse, parse_exact
from validator.run.runner import Options, run

settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("CASEFILE_FUZZ", "ci")
FUZZ = settings.get_profile(PROFILE)
SLOW = settings(FUZZ, max_examples=max(60, FUZZ.max_examples // 2))  # a whole run per example

# --- strategies ---------------------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)  # no lone surrogates
KEYS = st.one_of(
    st.sampled_from(["a", "b", "a:b", ":", "x/y", "~0", "", " ", "é", "\u2028", '"', "\\", "\t"]),
    TEXT,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
json_values = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=20,
)


class Obj(list[tuple[str, Any]]):
    """An object as written, members in order, duplicate keys allowed."""


written_values = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.lists(st.tuples(KEYS, children), max_size=5).map(Obj)
    ),
    max_leaves=20,
)

WHITE = ["", "", "", " ", "\n", "\t", "\r\n", "  ", "\n\t "]


class Writer:
    """Writes JSON text with random formatting, recording where each value starts (a character
    offset per JSON Pointer) and which keys repeat: an account of the text kept independently of
    the parser and the locator under test."""

    def __init__(self, rnd: random.Random, ensure_ascii: bool, colons: str = "keep") -> None:
        self.rnd = rnd
        self.ensure_ascii = ensure_ascii
        self.colons = colons  # "keep", or "escape": write ':' in keys as \u003a or \u003A
        self.parts: list[str] = []
        self.size = 0
        self.offsets: dict[str, int] = {}
        self.duplicates: list[tuple[str, str]] = []
        self.text = ""
        self.written: Any = None

    def put(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def space(self) -> None:
        self.put(self.rnd.choice(WHITE))

    def key(self, key: str) -> None:
        text = json.dumps(key, ensure_ascii=self.ensure_ascii)
        if self.colons == "escape" and self.rnd.random() < 0.7:
            text = text.replace(":", self.rnd.choice(["\\u003a", "\\u003A"]))
        self.put(text)

    def value(self, value: Any, pointer: str = "") -> None:
        self.offsets.setdefault(pointer, self.size)
        if isinstance(value, (dict, Obj)):
            members = list(value.items()) if isinstance(value, dict) else list(value)
            self.put("{")
            seen: set[str] = set()
            for index, (key, item) in enumerate(members):
                self.space()
                if index:
                    self.put(",")
                    self.space()
                if key in seen:
                    self.duplicates.append((pointer, key))
                seen.add(key)
                self.key(key)
                self.space()
                self.put(":")
                self.space()
                self.value(item, pointer + "/" + key.replace("~", "~0").replace("/", "~1"))
            self.space()
            self.put("}")
        elif isinstance(value, list):
            self.put("[")
            for index, item in enumerate(value):
                self.space()
                if index:
                    self.put(",")
                    self.space()
                self.value(item, f"{pointer}/{index}")
            self.space()
            self.put("]")
        else:
            self.put(json.dumps(value, ensure_ascii=self.ensure_ascii))

    def document(self, value: Any) -> str:
        self.written = value
        self.space()
        self.value(value)
        self.space()
        self.text = "".join(self.parts)
        return self.text


def plain(value: Any) -> Any:
    """The Python value of a written value (the last of repeated keys wins)."""
    if isinstance(value, Obj):
        result: dict[str, Any] = {}
        for key, item in value:
            result[key] = plain(item)
        return result
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@st.composite
def written(draw: Callable[..., Any], values: Any = json_values, colons: str = "keep") -> Writer:
    writer = Writer(random.Random(draw(st.integers(0, 2**32))), draw(st.booleans()), colons)
    writer.document(draw(values))
    return writer


def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    buffer = bytearray(data)
    for kind, where, byte in edits:
        if not buffer:
            buffer.append(byte)
            continue
        at = where % len(buffer)
        if kind == 0:
            del buffer[at]
        elif kind == 1:
            buffer.insert(at, byte)
        else:
            buffer[at] = byte
    return bytes(buffer)


JSONISH = [*'{}[]:,"\\ 0123456789-+.eEtrufalsn\n\t\r/u', "é", "\ud800", "\x00", "\u2028"]
hostile_bytes = st.one_of(
    st.binary(max_size=200),
    st.text(st.sampled_from(JSONISH), max_size=60).map(
        lambda s: s.encode("utf-8", "surrogatepass")
    ),
    st.builds(
        _mutate,
        json_values.map(lambda v: json.dumps(v).encode()),
        st.lists(
            st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)), max_size=3
        ),
    ),
)


def _long_digits(raw: bytes) -> bool:
    """A run of 19+ digits: an integer orjson may refuse or turn into a float (beyond 64 bits)."""
    run = 0
    for byte in raw:
        run = run + 1 if 0x30 <= byte <= 0x39 else 0
        if run >= 19:
            return True
    return False


# --- (a) the parser never raises ----------------------------------------------------------------


@FUZZ
@given(hostile_bytes)
@example(b"")
@example(b"\xef\xbb\xbf{}")
@example(b'"\\ud800"')
@example(b"[" * 2000)
@example(b"1e400")
@example(b"\n\n  \xff")
def test_parse_never_raises(raw: bytes) -> None:
    for parser in (parse, parse_exact):
        result = parser(raw)
        assert isinstance(result, (Parsed, ParseProblem))
        if isinstance(result, ParseProblem):
            assert result.line >= 1 and result.column >= 1
            assert result.line <= raw.count(b"\n") + 1
            assert result.message


# --- (b) the parsers agree with orjson and with the json module ---------------------------------


@FUZZ
@given(written())
def test_formatted_json_parses_to_the_same_value(writer: Writer) -> None:
    raw = writer.text.encode("utf-8")
    expected = json.loads(raw)
    fast, exact = parse(raw), parse_exact(raw)
    assert isinstance(fast, Parsed) and isinstance(exact, Parsed)
    assert fast.value == expected
    assert exact.value == expected
    assert fast.duplicates == exact.duplicates == ()


@FUZZ
@given(hostile_bytes)
@example(b"18446744073709551616")  # 2**64: beyond orjson
@example(b'{"a":1,"a":2}')
@example(b"[-9223372036854775809]")  # below -2**63: orjson gives a float (found by this fuzz)
def test_exact_parser_agrees_with_orjson(raw: bytes) -> None:
    exact = parse_exact(raw)
    try:
        theirs = orjson.loads(raw)
    except orjson.JSONDecodeError:
        if isinstance(exact, Parsed):  # only integers beyond 64 bits are ours alone
            assert _long_digits(raw), raw
        return
    assert isinstance(exact, Parsed), (raw, exact)
    if _long_digits(raw):
        assert exact.value == json.loads(raw)
    else:
        assert exact.value == theirs
    assert parse(raw) == exact  # the fast path, or its hand-over to the exact parser


# --- (c) duplicate keys --------------------------------------------------------------------------


@FUZZ
@given(written(written_values))
def test_duplicate_keys_are_found_with_their_pointer(writer: Writer) -> None:
    raw = writer.text.encode("utf-8")
    event("duplicates" if writer.duplicates else "no duplicates")
    for result in (parse(raw), parse_exact(raw)):
        assert isinstance(result, Parsed)
        assert result.value == plain(writer.written)
        found = sorted((d.pointer, d.key) for d in result.duplicates)
        assert found == sorted(writer.duplicates)


@FUZZ
@given(written(written_values, colons="escape"))
def test_duplicate_keys_behind_escaped_colons(writer: Writer) -> None:
    raw = writer.text.encode("utf-8")
    result = parse(raw)
    assert isinstance(result, Parsed)
    assert sorted((d.pointer, d.key) for d in result.duplicates) == sorted(writer.duplicates)


@FUZZ
@given(written(colons="escape"))
def test_no_duplicates_no_findings(writer: Writer) -> None:
    raw = writer.text.encode("utf-8")
    result = parse(raw)
    assert isinstance(result, Parsed)
    assert result.duplicates == ()


# --- (d) the locator ----------------------------------------------------------------------------


def _line_column(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line_start = before.rfind("\n") + 1
    return before.count("\n") + 1, offset - line_start + 1


@FUZZ
@given(written())
def test_every_pointer_is_located_where_its_value_starts(writer: Writer) -> None:
    text: str = writer.text
    expected = {p: _line_column(text, offset) for p, offset in writer.offsets.items()}
    assert locate(text, list(expected)) == expected
    for pointer, position in expected.items():  # one at a time too (the early stop)
        assert locate(text, [pointer]) == {pointer: position}
    assert locate(text, ["/no/such/pointer/at/all"]) == {}


def _pointers(value: Any, prefix: str = "") -> list[str]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            escaped = key.replace("~", "~0").replace("/", "~1")
            found.extend(_pointers(child, f"{prefix}/{escaped}"))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(_pointers(child, f"{prefix}/{index}"))
    return found


SMALL_INTEGERS = st.integers(min_value=-(2**63), max_value=2**64 - 1)
serialisable_values = st.recursive(
    st.one_of(st.none(), st.booleans(), SMALL_INTEGERS, st.floats(allow_nan=False), TEXT),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(serialisable_values, st.sampled_from([0, orjson.OPT_INDENT_2]), st.sampled_from(["", "\n"]))
def test_serialised_documents_are_located_by_arithmetic(value: Any, option: int, end: str) -> None:
    # The shortcut for text that orjson itself wrote must agree with the scanner (which the test
    # above holds to the writer's own offsets), and must be the path taken.
    text = orjson.dumps(value, option=option).decode("utf-8") + end
    document = orjson.loads(text)
    pointers = [*_pointers(document), "/no/such/pointer", "/0/x"]
    wanted = {pointer_segments(p) for p in pointers}
    assert _serialised_offsets(text, document, wanted) is not None
    assert locate(text, pointers, document) == locate(text, pointers)


def test_text_that_is_not_orjson_s_own_is_scanned() -> None:
    text = '{"a": 1, "b": [1, 2]}'  # spaces after the separators: not orjson's layout
    assert _serialised_offsets(text, orjson.loads(text), [("b", "1")]) is None
    assert locate(text, ["/b/1"], orjson.loads(text)) == {"/b/1": (1, 19)}


# --- (e) the whole command ------------------------------------------------------------------------

SCHEMA = load_schema().contents
REFERENCE = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
STATUSES = ["pending", "processing", "completed", "failed", "COMPLETED", "done", 1, None]
near_documents = st.fixed_dictionaries(
    {},
    optional={
        "request_id": st.uuids().map(str) | st.sampled_from(["", "not-a-uuid", 7]),
        "status": st.sampled_from(STATUSES),
        "payload": st.fixed_dictionaries(
            {},
            optional={
                "casefile_id": TEXT | st.integers(),
                "session_id": TEXT,
                "session_type": TEXT | st.none(),
                "total_sessions": st.one_of(
                    st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans()
                ),
            },
        )
        | json_values,
        "timestamp": TEXT | st.integers(),
        "error": st.none() | TEXT | st.integers(),
        "metadata": json_values,
        "extra": json_values,
    },
)


@st.composite
def command_inputs(draw: Callable[..., Any]) -> bytes:
    kind = draw(st.sampled_from(["bytes", "document", "duplicate"]))
    if kind == "bytes":
        data: bytes = draw(hostile_bytes)
        return data
    doc = draw(near_documents)
    value: Any = doc
    if kind == "duplicate" and doc:
        key = draw(st.sampled_from(sorted(doc)))
        value = Obj([*doc.items(), (key, draw(json_values))])
    writer = Writer(random.Random(draw(st.integers(0, 2**32))), draw(st.booleans()))
    return writer.document(value).encode("utf-8")


@SLOW
@given(command_inputs())
def test_the_command_agrees_with_the_reference(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.json"
        path.write_bytes(raw)
        out, err = io.StringIO(), io.StringIO()
        code = run(Options(inputs=(str(path),)), out, err)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    parsed = parse(raw)
    if isinstance(parsed, ParseProblem):
        assert code == 3
        return
    if parsed.duplicates:
        assert code == 1
        return
    assert code == (0 if REFERENCE.is_valid(json.loads(raw)) else 1)
