"""Runs of JSON Lines where many documents warn alike (issue 21, goal 9): their undeclared
members found for all the documents at once (:func:`~validator.checking.spots.lone_spots`) and
their keys placed by one search of their lines joined
(:func:`~validator.inputs.key_search.lone_keys`) give exactly what each document alone gives, and
the run's results are the careful path's."""

from __future__ import annotations

import functools
import json
import random
from typing import Any

import orjson
import pytest

import validator.checking.json_lines as json_lines
import validator.checking.warned as warned
from validator.checking.engine import compile_schema
from validator.checking.json_lines import RUN, check_batch
from validator.checking.property_warnings import for_engine
from validator.checking.spots import lone_spots, spots
from validator.contracts.catalog import from_contents
from validator.inputs import key_search
from validator.inputs.key_search import lone_keys
from validator.inputs.sources import Batch

SCHEMA = {  # no arrays below which a warning may be: one walk over a run's documents at once
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "status": {"enum": ["ok", "failed"]},
        "payload": {
            "type": "object",
            "properties": {
                "count": {"type": "integer"},
                "inner": {"type": "object", "properties": {"name": {"type": "string"}}},
                "tags": {"type": "array"},
            },
            "required": ["count"],
        },
        "metadata": {"type": "object"},
    },
    "required": ["id", "status"],
}
NAMES = ["trace_id", "channel", "nmae", "a/b~c", "x y", "ünï", "count"]


@functools.cache
def _engine() -> Any:
    return compile_schema(from_contents(SCHEMA, uri="https://x.invalid/runs.json"))


def _document(rng: random.Random) -> Any:
    doc: dict[str, Any] = {
        "id": rng.choice(["a", "trace_id", "x:y, z", "é"]),
        "status": rng.choice(["ok", "ok", "ok", "failed", "bad"]),
        "payload": {"count": rng.choice([1, 2, -3, "2"]), "tags": ["trace_id", {"a": 1}]},
        "metadata": {"trace_id": 1, "client": {"name": "web"}},
    }
    if rng.random() < 0.5:
        doc["payload"]["inner"] = {"name": "n"}
    places = [doc, doc["payload"], doc["payload"].get("inner", doc)]
    for _ in range(rng.choice([0, 1, 1, 1, 1, 2])):
        rng.choice(places)[rng.choice(NAMES)] = rng.choice([1, "v", None])
    if rng.random() < 0.05:
        doc["payload"] = rng.choice(["a string", None, [1, 2]])
    return doc


def _documents(count: int, seed: int) -> list[Any]:
    rng = random.Random(seed)
    return [_document(rng) for _ in range(count)]


@pytest.mark.parametrize("seed", range(6))
def test_one_walk_over_many_documents_finds_what_each_walk_finds(seed: int) -> None:
    finder = for_engine(_engine())
    docs = _documents(200, seed)
    expected: dict[tuple[str, str], list[int]] = {}
    for index, doc in enumerate(docs):
        found = spots(finder, doc)
        assert found is not None
        if len(found) == 1:
            expected.setdefault(found[0], []).append(index)
    groups = lone_spots(finder, docs)
    assert groups == expected
    assert len(expected) > 5  # members at the top, in payload and below it


def test_one_walk_gives_up_where_arrays_may_hold_warnings() -> None:
    schema = {"type": "object", "properties": {"items": {"items": {"properties": {"a": {}}}}}}
    engine = compile_schema(from_contents(schema, uri="https://x.invalid/arrays.json"))
    assert lone_spots(for_engine(engine), [{"items": [{"b": 1}]}, {"c": 1}]) is None
    assert lone_spots(for_engine(engine), [{"items": {"b": 1}}, {"c": 1}]) == {("", "c"): [1]}


LINES = {  # each holds the member trace_id once, as a key
    "compact": b'{"a":1,"trace_id":2}\n',
    "spaced": b'{"a": 1, "trace_id": 2}\n',
    "no line feed": b'{"a": 1, "trace_id": 2}',
    "CRLF": b'{"trace_id" : 2}\r\n',
    "as a value too": b'{"v":"trace_id","trace_id":2}\n',
    "inside a value": b'{"v":"\\"trace_id\\":","trace_id":2}\n',
    "beyond ASCII": b'{"\xc3\xa9":1,"trace_id":2}\n',
    "a line feed inside": b'{"a":1,\n"trace_id":2}\n',
    "written otherwise": b'{"a":1,"trace\\u005fid":2}\n',
    "only as a value": b'{"v":"trace_id"}\n',  # (not what callers give)
}


@pytest.mark.parametrize("odd", sorted(LINES))
def test_keys_found_together_are_those_found_alone(odd: str) -> None:
    plain = [LINES["compact"], LINES["spaced"], LINES["CRLF"], LINES["compact"]]
    for texts in ([*plain, LINES[odd]], [LINES[odd], *plain], [*plain[:2], LINES[odd], *plain]):
        together = lone_keys(texts, "trace_id")
        written = key_search._written("trace_id")
        assert written is not None
        assert together == key_search._each_alone(texts, written, key_search._KEYED[written])
    expected = {"compact": 8, "spaced": 10, "no line feed": 10, "CRLF": 2}
    assert lone_keys([*plain, LINES[odd]], "trace_id") == [8, 10, 2, 8, expected.get(odd)]


@pytest.mark.parametrize("style", ["compact", "spaced"])
def test_a_run_that_warns_alike_gives_the_careful_results(
    style: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    separators = (",", ":") if style == "compact" else (", ", ": ")
    docs = _documents(3 * RUN, seed=len(style))
    block = "\n".join(json.dumps(doc, separators=separators) for doc in docs).encode()
    engine = _engine()
    walked: list[Any] = []

    def counted(finder: Any, documents: list[Any]) -> Any:
        walked.append(lone_spots(finder, documents))
        return walked[-1]

    with monkeypatch.context() as m:
        m.setattr(warned, "lone_spots", counted)
        fast = check_batch(engine, Batch("r.jsonl", 1, block), warnings=for_engine(engine))
    assert walked and all(found is not None for found in walked)  # the one walk was taken
    with monkeypatch.context() as m:  # the careful path decides
        m.setattr(json_lines, "valid_run", lambda *args: [None] * len(args[3]))
        m.setattr(json_lines, "valid_with_warnings", lambda *args: None)
        slow = check_batch(engine, Batch("r.jsonl", 1, block), warnings=for_engine(engine))
    assert fast == slow
    assert sum(bool(r.warnings) for r in fast[1]) > RUN
    assert all(orjson.loads(block.split(b"\n")[r.line - 1]) == docs[r.line - 1] for r in fast[1])


def test_keys_in_usual_lines_are_found_together(monkeypatch: pytest.MonkeyPatch) -> None:
    def alone(*args: object) -> None:
        raise AssertionError("each line looked at alone")

    monkeypatch.setattr(key_search, "_each_alone", alone)
    texts = [LINES["compact"], LINES["spaced"], LINES["no line feed"]]
    assert lone_keys([*texts, LINES["compact"]], "trace_id") == [8, 10, 10, 8]


def test_a_short_block_takes_the_closed_screen_once_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from validator.checking import closed_schema

    engine = compile_schema(from_contents(SCHEMA, uri="https://x.invalid/short.json"))
    docs = _documents(RUN + 20, seed=11)
    lines = [json.dumps(doc, separators=(",", ":")).encode() for doc in docs]
    short = Batch("s.jsonl", 1, b"\n".join(lines[:20]))
    given: list[object] = []
    made = closed_schema.closed_screen

    def screen(*args: Any) -> Any:
        given.append(made(*args))
        return given[-1]

    with monkeypatch.context() as m:
        m.setattr(closed_schema, "closed_screen", screen)
        check_batch(engine, short, warnings=for_engine(engine))  # not made for 20 lines
        check_batch(
            engine, Batch("l.jsonl", 1, b"\n".join(lines[20:])), warnings=for_engine(engine)
        )
        fast = check_batch(engine, short, warnings=for_engine(engine))
    assert given[0] is None and given[1] is not None and given[2] is given[1]
    with monkeypatch.context() as m:  # the careful path decides
        m.setattr(json_lines, "valid_run", lambda *args: [None] * len(args[3]))
        m.setattr(json_lines, "valid_with_warnings", lambda *args: None)
        m.setattr(closed_schema, "closed_screen", lambda *args: None)
        slow = check_batch(engine, short, warnings=for_engine(engine))
    assert fast == slow and any(result.warnings for result in fast[1])


@pytest.mark.parametrize("end", ["\n", "\r\n", ""])
@pytest.mark.parametrize("separators", [(",", ":"), (", ", ": "), (" ,\t", " :  ")])
def test_a_runs_lines_are_proved_read_right_whatever_their_last_line_ends_with(
    end: str, separators: tuple[str, str]
) -> None:
    from validator.inputs.parse_suspects import all_canonical

    docs = _documents(40, seed=5)
    text = [json.dumps(doc, separators=separators, ensure_ascii=False) for doc in docs]
    lines = [(line + "\r\n").encode() for line in text]
    lines[-1] = lines[-1].replace(b"\r\n", end.encode())
    assert all_canonical(lines, list(map(orjson.loads, lines)))
    twice = lines[-1].replace(b'"id"', b'"status": "ok", "id"', 1)  # a key twice, one dropped
    assert not all_canonical([*lines[:-1], twice], list(map(orjson.loads, [*lines[:-1], twice])))


@pytest.mark.parametrize("odd", sorted(LINES))
def test_keys_of_whole_files_found_together_are_those_found_alone(odd: str) -> None:
    # lone_places: (line, column) of each text's one key as key_places (the single file's
    # search) places it, or None (then the file is searched alone): where the text is not
    # ASCII, or has a backslash, or the name more than once
    pretty = json.dumps({"a": 1, "b": {"c": 2}, "trace_id": 3}, indent=2).encode()
    texts = [pretty, pretty.replace(b"\n", b"\r\n"), LINES["compact"], LINES[odd], pretty]
    assert key_search.lone_places(texts, "trace_id")[:3] == [(6, 3), (6, 3), (1, 8)]
    for text, together in zip(texts, key_search.lone_places(texts, "trace_id"), strict=True):
        alone = key_search.key_places(text, orjson.loads(text), [("", "trace_id")])
        if not text.isascii() or alone is None or b"\\" in text or text.count(b"trace_id") > 1:
            assert together is None
        else:
            assert together == alone[("", "trace_id")]
    assert key_search.lone_places([LINES["written otherwise"]], "trace_id") == [None]
    assert key_search.lone_places([LINES["as a value too"]], "trace_id") == [None]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("indent", [None, 2, "\t"])
def test_whole_files_that_warn_alike_give_what_each_alone_gives(
    seed: int, indent: int | str | None
) -> None:
    engine = _engine()
    finder = for_engine(engine)
    docs = _documents(64, seed)
    few = docs[: warned.TOGETHER - 1]  # each taken alone
    texts = [json.dumps(doc, indent=indent, ensure_ascii=seed % 2 == 0).encode() for doc in docs]
    names = [f"f{i}.json" for i in range(len(docs))]
    together = warned.valid_files(engine, finder, texts, docs, names)
    alone = [
        warned.valid_with_warnings(engine, finder, text, doc, name, 1)
        for text, doc, name in zip(texts, docs, names, strict=True)
    ]
    assert together == alone
    assert sum(result is not None and len(result.warnings) == 1 for result in together) > 10
    assert (
        warned.valid_files(engine, finder, texts[: len(few)], few, names[: len(few)])
        == (alone[: len(few)])
    )
