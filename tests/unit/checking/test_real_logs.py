"""Logs as they really are (issue 21): whatever white space the writer chose, and with properties
the schema does not declare.  The fast paths (a run of JSON Lines proved read right by orjson
whatever its white space; a valid document's warnings placed by searching for their keys) give
exactly the careful path's results: verdicts, problems, warnings, lines and columns."""

from __future__ import annotations

import functools
import json
import random
import zlib
from typing import Any

import orjson
import pytest

import validator.checking.json_lines as json_lines
import validator.checking.warned as warned
from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.checking.json_lines import RUN, check_batch
from validator.checking.property_warnings import for_engine
from validator.contracts.catalog import from_contents
from validator.inputs.key_search import key_places
from validator.inputs.parse_suspects import all_canonical, needs_exact, same_but_blanks
from validator.inputs.sources import Batch
from validator.problems import DocumentResult, Status

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "status": {"enum": ["ok", "failed"]},
        "payload": {
            "type": "object",
            "properties": {
                "count": {"type": "integer"},
                "items": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"name": {"type": "string"}}},
                },
            },
            "required": ["count"],
        },
        "metadata": {"type": "object"},
    },
    "required": ["id", "status"],
}


@functools.cache
def _engine() -> Any:
    return compile_schema(from_contents(SCHEMA, uri="https://x.invalid/logs.json"))


def _compact(doc: Any) -> str:
    return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)


def _spaced(doc: Any) -> str:  # json.dumps' defaults: ", " and ": ", non-ASCII escaped
    return json.dumps(doc)


def _spaced_utf8(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False)


def _tabs(doc: Any) -> str:
    return json.dumps(doc, separators=(",\t", ":\t"), ensure_ascii=False)


def _odd(doc: Any) -> str:  # white space everywhere a writer may put it
    return " " + json.dumps(doc, separators=(" , ", " :  "), ensure_ascii=False) + " \t"


LINE_STYLES = {
    "compact": _compact,
    "spaced": _spaced,
    "spaced-utf8": _spaced_utf8,
    "tabs": _tabs,
    "odd": _odd,
}
FILE_STYLES = {
    "pretty": lambda doc: json.dumps(doc, indent=2, ensure_ascii=False),
    "pretty-4": lambda doc: json.dumps(doc, indent=4),
    "tabs": lambda doc: json.dumps(doc, indent="\t", ensure_ascii=False),
    "spaced": _spaced,
}


def _document(rng: random.Random, undeclared: int) -> dict[str, Any]:
    """A document, valid or not, with ``undeclared`` undeclared members at various depths, and
    free-form metadata that may use the same names."""
    doc: dict[str, Any] = {
        "id": rng.choice(["a-1", "trace_id", "é ü", 'q"uote', "back\\slash", "x:y, z"]),
        "status": rng.choice(["ok", "ok", "ok", "failed", "bad"]),
        "payload": {
            "count": rng.choice([1, 2, 10**20, 1.5, -3]),
            "items": [
                {"name": rng.choice(["n", "ñ", "trace_id"])} for _ in range(rng.randrange(3))
            ],
        },
    }
    if rng.random() < 0.5:
        doc["metadata"] = {
            "client": {"name": "web", "tags": ["a", "b"]},
            rng.choice(["trace_id", "region", "extra"]): rng.choice([1, "extra", None]),
        }
    places = [doc, doc["payload"], *doc["payload"]["items"]]
    for _ in range(undeclared):
        where = rng.choice(places)
        where[rng.choice(["trace_id", "extra", "channel", "nmae", "ünï", "a/b~c", "x y"])] = 1
    return doc


def _documents(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [_document(rng, rng.choice([0, 0, 1, 1, 2, 3])) for _ in range(count)]


def _careful(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fast path of this issue off: the careful path decides."""
    monkeypatch.setattr(warned, "valid_with_warnings", lambda *args: None)
    monkeypatch.setattr(json_lines, "valid_with_warnings", lambda *args: None)
    monkeypatch.setattr(json_lines, "valid_run", lambda *args: [None] * len(args[3]))
    monkeypatch.setattr(json_lines, "all_canonical", lambda lines, docs: False)


def _batch_results(block: bytes) -> tuple[int, list[DocumentResult]]:
    engine = _engine()
    return check_batch(
        engine, Batch("l.jsonl", 1, block), keep_valid=True, warnings=for_engine(engine)
    )


@pytest.mark.parametrize("style", sorted(LINE_STYLES))
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_json_lines_of_every_style_give_the_careful_results(
    style: str, ending: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _documents(3 * RUN, seed=zlib.crc32(f"{style}{ending}".encode()))
    block = ending.join(LINE_STYLES[style](doc) for doc in docs).encode("utf-8")
    quick: list[DocumentResult | None] = []

    def counted(*args: Any) -> DocumentResult | None:
        quick.append(warned.valid_with_warnings(*args))
        return quick[-1]

    in_runs: list[Any] = []

    def run_counted(*args: Any) -> list[Any]:
        in_runs.extend(warned.valid_run(*args))
        return in_runs[-len(args[3]) :]

    with monkeypatch.context() as m:
        m.setattr(json_lines, "valid_with_warnings", counted)
        m.setattr(json_lines, "valid_run", run_counted)
        fast = _batch_results(block)
    # both quick ways were taken: a document at a time, and the many that warn alike at once
    assert any(result is not None and result.warnings for result in quick)
    assert any(isinstance(result, DocumentResult) for result in in_runs)
    assert any(r.warnings for r in fast[1]) and any(not r.valid for r in fast[1])
    with monkeypatch.context() as m:
        _careful(m)
        slow = _batch_results(block)
    assert fast == slow
    for index, result in enumerate(fast[1]):  # each line as the careful path of one document
        raw = block.split(b"\n")[index]
        engine = _engine()
        with monkeypatch.context() as m:
            _careful(m)
            alone = check_raw(
                engine,
                raw,
                source="l.jsonl",
                line=index + 1,
                lines_hint="",
                warnings=for_engine(engine),
            )
        assert result == alone._replace(schema=result.schema)


@pytest.mark.parametrize("style", sorted(LINE_STYLES))
def test_a_run_in_any_white_space_is_proved_read_right(style: str) -> None:
    docs = [doc for doc in _documents(RUN, seed=7) if doc["payload"]["count"] in (1, 2, -3)]
    lines = [(LINE_STYLES[style](doc) + "\r\n").encode() for doc in docs]
    assert all_canonical(lines, list(map(orjson.loads, lines))) is (style != "spaced")
    # json.dumps' defaults escape what is not ASCII, which orjson writes as it is
    ascii_only = [line for line in lines if b"\\u" not in line]
    assert all_canonical(ascii_only, list(map(orjson.loads, ascii_only)))


@pytest.mark.parametrize(
    "text",
    [
        b'{"a": 1, "a": 1}',
        b'{"a": {"b": 2, "b": 2}}',
        b'{"a":\t100000000000000000000}',
        b'{"a": -9223372036854775809}',
        b'[1, {"k": "v", "k": "v"}]',
        b'{"a": "x", "a" : "x"}',
    ],
)
def test_a_dropped_key_or_a_long_integer_is_never_taken_for_plain(text: bytes) -> None:
    value = orjson.loads(text)
    assert not same_but_blanks(text, orjson.dumps(value))
    assert needs_exact(text, value)
    lines = [text + b"\n", b'{"ok": true}\n']
    assert not all_canonical(lines, list(map(orjson.loads, lines)))


def test_white_space_inside_strings_is_not_taken_for_layout() -> None:
    assert same_but_blanks(b'{"a b": "c d"}', orjson.dumps({"a b": "c d"}))
    assert not same_but_blanks(b'{"a": "\\u00e9"}', orjson.dumps({"a": "\u00e9"}))
    assert not needs_exact(b'{\r\n\t"a" :  [1 , 2.5]\r\n}\r\n', {"a": [1, 2.5]})


@pytest.mark.parametrize("style", sorted(FILE_STYLES))
@pytest.mark.parametrize("ending", ["\n", "\r\n"])
def test_files_of_every_style_give_the_careful_results(
    style: str, ending: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _engine()
    warnings = for_engine(engine)
    quick: list[DocumentResult | None] = []
    original = warned.valid_with_warnings

    def counted(*args: Any) -> DocumentResult | None:
        quick.append(original(*args))
        return quick[-1]

    for number, doc in enumerate(_documents(60, seed=len(style) + len(ending))):
        raw = FILE_STYLES[style](doc).replace("\n", ending).encode("utf-8")
        with monkeypatch.context() as m:
            m.setattr(warned, "valid_with_warnings", counted)
            fast = check_raw(engine, raw, source="d.json", line=number + 1, warnings=warnings)
        with monkeypatch.context() as m:
            _careful(m)
            slow = check_raw(engine, raw, source="d.json", line=number + 1, warnings=warnings)
        assert fast == slow
    assert any(result is not None and result.warnings for result in quick)  # it was taken


@pytest.mark.parametrize(
    ("text", "members", "expected"),
    [
        # the name as a value first, then as the key
        (b'{"v": "trace_id", "trace_id": 1}', [("", "trace_id")], {("", "trace_id"): (1, 19)}),
        # the name as a key inside a string (escaped quotes), then as the key
        (
            b'{"v": "\\"trace_id\\": 1", "trace_id": 1}',
            [("", "trace_id")],
            {("", "trace_id"): (1, 26)},
        ),
        # white space before the colon, a line feed, characters beyond ASCII before it
        (b'{"\xc3\xa9": 1,\n  "x" \t: 2}', [("", "x")], {("", "x"): (2, 3)}),
        (b'{"\xc3\xa9": "\xc3\xa9", "x": 2}', [("", "x")], {("", "x"): (1, 12)}),
        # the name used twice in the document: no answer
        (b'{"a": {"x": 1}, "x": 2}', [("", "x")], None),
        # the key written with an escape: no answer
        (b'{"\\u0078": 2}', [("", "x")], None),
        # a name starting with what may follow a string: no answer
        (b'{"a": "b", ",c": 1}', [("", ",c")], None),
        (b'{" c": 1}', [("", " c")], None),
    ],
)
def test_keys_are_found_only_for_sure(
    text: bytes, members: list[tuple[str, str]], expected: Any
) -> None:
    assert key_places(text, orjson.loads(text), members) == expected


def test_a_valid_document_with_warnings_takes_the_quick_way() -> None:
    engine = _engine()
    raw = b'{"id": "a", "status": "ok", "payload": {"count": 1, "chanel": 2}, "trace_id": 3}'
    result = warned.valid_with_warnings(
        engine, for_engine(engine), raw, orjson.loads(raw), "d.json", 4
    )
    assert result is not None and result.status is Status.VALID
    assert [(w.instance_location, w.line, w.column) for w in result.warnings] == [
        ("/payload/chanel", 4, 53),
        ("/trace_id", 4, 67),
    ]
    invalid = raw.replace(b'"ok"', b'"no"')
    assert (
        warned.valid_with_warnings(
            engine, for_engine(engine), invalid, orjson.loads(invalid), "d.json", 4
        )
        is None
    )
