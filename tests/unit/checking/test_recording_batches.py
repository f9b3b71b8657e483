"""validator.checking.recording_files: a recording's bodies judged in batches give exactly the
results of judging each entry alone, and only the bodies the batch verdict does not pass take
the careful way."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path
from typing import Any

import pytest

from validator.checking import recording_files
from validator.checking.document import check_raw
from validator.checking.exercised import Watches
from validator.checking.property_warnings import for_engine
from validator.checking.recording_files import check_recording, screen_of
from validator.problems import DocumentResult
from validator.scale.recordings import judge_for, judge_key

API = "https://api.example.com/v1"
USER = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "role": {"enum": ["admin", "user", "guest"]},
        "tags": {"type": "array", "items": {"properties": {"label": {"type": "string"}}}},
    },
}
SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "users", "version": "1"},
    "servers": [{"url": API}],
    "paths": {
        "/users/{id}": {
            "get": {
                "operationId": "getUser",
                "responses": {
                    "200": {"content": {"application/json": {"schema": USER}}},
                    "204": {"description": "none"},
                },
            },
            "put": {
                "operationId": "putUser",
                "responses": {"200": {"content": {"application/json": {"schema": USER}}}},
            },
        }
    },
}

BODIES = [
    '{"id": 1, "name": "a"}',  # valid
    '{\n  "id": 2,\n  "name": "b"\n}',  # valid, indented
    '{"id": "x"}',  # invalid
    '{"id": 3, "extra": true}',  # an undeclared property: a warning
    '{"id": 4, "id": 5}',  # a key twice: orjson would keep the last
    '{"id": 123456789012345678901234567890}',  # beyond 64 bits
    '{"id": 6, "name": "line\nfeed"}',  # a raw line feed inside a string: not JSON
    '{"id": 7} {"id": 8}',  # two documents
    "not json",
    "   ",  # empty where a schema is documented
    '{"id": 9, "name": "\\u00e9"}',  # an escape orjson writes otherwise
    '{"id": 10}\r\n',
    '{"id": 11,\t"name": "tab"}',
    "[1, 2]",
    '{"id": 12, "role": "admin"}',  # an enum value (--coverage)
    '{"id": 13, "role": "guest", "tags": [{"label": "x"}, {}]}',
    '{"id": 14, "role": "root"}',  # not one of the enum's values: invalid
    '{"id": 15, "role": "user", "extra": 1}',  # valid with a warning: exercised all the same
]


def _entry(rng: random.Random, n: int) -> dict[str, Any]:
    body = rng.choice(BODIES)
    method = rng.choice(["GET", "PUT"])
    url, status, content = f"{API}/users/{n}", 200, {"mimeType": "application/json"}
    kind = rng.randrange(12)
    if kind == 0:
        url = f"https://cdn.example.com/{n}.png"  # outside: skipped
    elif kind == 1:
        status = 404  # undocumented status
    elif kind == 2 and method == "GET":
        status = 204  # documented without a body (this one has one)
    elif kind == 3:
        body = base64.b64encode(body.encode("utf-8", "surrogatepass")).decode()
        content["encoding"] = "base64"
    elif kind == 4:
        content["mimeType"] = "text/plain"  # undocumented type
    content["text"] = body
    return {
        "request": {"method": method, "url": url, "headers": []},
        "response": {"status": status, "headers": [], "content": content},
    }


def _har(tmp_path: Path, count: int, seed: int) -> Path:
    rng = random.Random(seed)
    entries = [_entry(rng, n) for n in range(count)]
    har = tmp_path / "rec.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}, indent=2))
    return har


def _results(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    count: int,
    screened: bool,
    watches: Watches | None = None,
) -> tuple[list[DocumentResult], list[bytes]]:
    (tmp_path / "openapi.json").write_text(json.dumps(SPEC))
    monkeypatch.chdir(tmp_path)
    har = _har(tmp_path, count, seed=count)
    judge = judge_for(judge_key("openapi.json"))
    careful: list[bytes] = []  # the bodies judged one at a time

    def check(engine: Any, raw: bytes) -> DocumentResult:
        careful.append(raw)
        result = check_raw(engine, raw, source=str(har), warnings=for_engine(engine))
        if watches is not None:  # as the run's tasks do (validator.run.tasks)
            watches.result(engine, raw, result)
        return result

    seen = None if watches is None else watches.documents
    screen = screen_of(True, seen) if screened else None
    results = list(check_recording(judge, str(har), check, limit=1 << 20, screen=screen))
    return results, careful


@pytest.mark.parametrize("count", [1, 40, 700])
def test_batches_give_the_results_of_one_entry_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    alone, _ = _results(tmp_path, monkeypatch, count, screened=False)
    batched, _ = _results(tmp_path, monkeypatch, count, screened=True)
    assert len(alone) == count
    assert batched == alone


def test_only_what_the_batch_verdict_refuses_takes_the_careful_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recording_files, "_ENTRIES", 8)  # several flushes
    alone, careful_alone = _results(tmp_path, monkeypatch, 300, screened=False)
    batched, careful = _results(tmp_path, monkeypatch, 300, screened=True)
    assert batched == alone
    plain = {BODIES[i].encode() for i in (0, 1, 10, 11, 12, 14, 15)}  # valid, no warning
    assert len([raw for raw in careful_alone if raw in plain]) > 30
    assert [raw for raw in careful if raw in plain] == []
    refused = [raw for raw in careful_alone if raw not in plain]
    assert careful == refused  # the rest as before, in the same order


@pytest.mark.parametrize(("count", "valid_only"), [(40, False), (700, False), (300, True)])
def test_coverage_from_batches_is_that_of_one_entry_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: int, valid_only: bool
) -> None:
    """--coverage: the bodies the batch verdict passes are tallied from the documents it parsed
    (not judged again): what every schema's valid bodies showed is the same as one at a time
    (``valid_only``: every body of a batch passed at once)."""
    monkeypatch.setattr(recording_files, "_ENTRIES", 32)  # several flushes
    if valid_only:
        monkeypatch.setitem(globals(), "BODIES", [BODIES[i] for i in (0, 1, 14, 15)])
    alone_watches, batched_watches = Watches(), Watches()
    alone, careful_alone = _results(tmp_path, monkeypatch, count, False, alone_watches)
    batched, careful = _results(tmp_path, monkeypatch, count, True, batched_watches)
    assert batched == alone
    assert len(careful_alone) - len(careful) > count // 5  # many passed in batches
    if valid_only:
        assert careful == []
    seen = {name: watch.seen for name, watch in batched_watches.by_name.items()}
    assert seen == {name: watch.seen for name, watch in alone_watches.by_name.items()}
    assert sorted(seen) == ["getUser 200 application/json", "putUser 200 application/json"]
    counted = sum(watch.seen.documents[0] for watch in batched_watches.by_name.values())
    assert counted == len([r for r in alone if r.valid and r.schema.endswith("json")])
    for watch in batched_watches.by_name.values() if count == 700 else ():  # all seen
        values = set().union(*watch.seen.values.values())
        assert values == {("string", "admin"), ("string", "guest"), ("string", "user")}
        assert set().union(*watch.seen.names.values()) == {"id", "name", "role", "tags", "label"}


def test_an_engine_judging_many_bodies_drops_a_guard_no_body_can_trip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a check of JSON Lines does (validator.checking.cost_model.explore): the bench's schema
    is guarded (each document walked) until it is known that no document can cost too much."""
    from bench.common import SCHEMA

    (tmp_path / SCHEMA.name).write_bytes(SCHEMA.read_bytes())
    content = {"application/json": {"schema": {"$ref": SCHEMA.name}}}
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "casefiles", "version": "1"},
        "servers": [{"url": API}],
        "paths": {"/c/{id}": {"get": {"responses": {"200": {"content": content}}}}},
    }
    (tmp_path / "openapi.json").write_text(json.dumps(spec))
    monkeypatch.chdir(tmp_path)
    judge = judge_for(judge_key("openapi.json"))
    (response,) = judge.router.documented()
    engine = judge.engine(response)
    assert engine.places is not None  # guarded
    entries = [
        {
            "request": {"method": "GET", "url": f"{API}/c/{n}", "headers": []},
            "response": {"status": 200, "headers": [], "content": {"text": "{}"}},
        }
        for n in range(20)
    ]
    har = tmp_path / "rec.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": entries}}))

    def check(engine: Any, raw: bytes) -> DocumentResult:
        return check_raw(engine, raw, source=str(har), warnings=for_engine(engine))

    results = list(check_recording(judge, str(har), check, limit=1 << 20, screen=screen_of(True)))
    assert [r.status.name for r in results] == ["INVALID"] * 20  # {} lacks what is required
    assert engine.places is None


def test_entries_are_matched_together_when_the_batch_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Routing waits for the batch (the router's tables stay in the caches): nothing is matched
    while entries are added, each entry once when the batch is checked."""
    from validator.inputs.har import iter_entries

    (tmp_path / "openapi.json").write_text(json.dumps(SPEC))
    monkeypatch.chdir(tmp_path)
    har = _har(tmp_path, 20, seed=3)
    judge = judge_for(judge_key("openapi.json"))
    asked: list[str] = []
    original = judge.router.operation

    def operation(method: str, url: str) -> Any:
        asked.append(url)
        return original(method, url)

    monkeypatch.setattr(judge.router, "operation", operation)

    def check(engine: Any, raw: bytes) -> DocumentResult:
        return check_raw(engine, raw, source=str(har), warnings=for_engine(engine))

    batches = recording_files.Batches(judge, str(har), check, screen_of(True))
    entries = list(iter_entries(str(har), limit=1 << 20))
    assert [r for e in entries for r in batches.add(e)] == []
    assert asked == []
    assert len(batches.flush()) == 20
    assert asked == [entry.url for entry in entries]
