"""Nothing is ever fetched (issue 20, item 3): a listener on 127.0.0.1, made by the test, sees no
connection, whatever URL a schema names in ``$schema``, ``$ref``, ``$dynamicRef`` or ``$id``
(or an OpenAPI document in ``jsonSchemaDialect``), with either engine and both (``--cross-check``),
through ``casefile-validate`` and ``casefile-schemas``, and through the Python API.

Before the fix, jsonschema_rs's metaschema check requested an unknown ``$schema`` (and draft 3's
metaschema, from json-schema.org), and the reply decided whether the schema was accepted.
"""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.hostile._limited import SCHEMAS, run, write

ENGINES = [["--engine", "fast"], ["--engine", "reference"], ["--cross-check"]]
NEVER = (
    "not a bundled schema nor part of this one, and references are never fetched (no network); "
    "no schema file in {home} declares that $id; a schema file in another folder is found once "
    "that folder is a schema dir (--schema-dir, a config's schema-dirs, the API's schema_dirs=)"
)

NEVER_DICT = (
    "not a bundled schema nor part of this one, and references are never fetched (no network, "
    "no file reads)"
)


class Listener:
    """A TCP listener on 127.0.0.1 that records (and closes) every connection it is offered,
    answering nothing; stopped when the test ends."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            with connection:
                connection.settimeout(1.0)
                try:
                    self.connections.append(connection.recv(200) or b"(nothing sent)")
                except OSError:
                    self.connections.append(b"(connected)")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    found = Listener()
    try:
        yield found
    finally:
        found.stop()
    assert found.connections == []  # checked again after the last request had time to land


def schemas(url: str) -> dict[str, tuple[Any, str]]:
    """Schemas naming the listener, and the error each one is (exit 2)."""
    return {
        "schema": ({"$schema": f"{url}/meta"}, f"unknown $schema '{url}/meta'"),
        "schema-fragment": ({"$schema": f"{url}/meta#"}, f"unknown $schema '{url}/meta#'"),
        "schema-embedded": (
            {"$defs": {"e": {"$id": "urn:e", "$schema": f"{url}/e"}}, "$ref": "urn:e"},
            f"a subschema: unknown $schema '{url}/e'",
        ),
        "ref": (
            {"properties": {"a": {"$ref": f"{url}/ref.json"}}},
            f'cannot resolve $ref "{url}/ref.json" at s.json:1:31: {NEVER}',
        ),
        "dynamic-ref": (
            {"properties": {"a": {"$dynamicRef": f"{url}/dyn.json#meta"}}},
            f'cannot resolve $dynamicRef "{url}/dyn.json#meta" at s.json:1:38: {NEVER}',
        ),
        "id": (
            {"$id": f"{url}/base/root.json", "properties": {"a": {"$ref": "a.json"}}},
            f'cannot resolve $ref "a.json" at s.json:1:{len(url) + 57}: {NEVER}',
        ),
    }


CASES = ["schema", "schema-fragment", "schema-embedded", "ref", "dynamic-ref", "id"]


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e[-1])
@pytest.mark.parametrize("case", CASES)
def test_no_url_a_schema_names_is_fetched(
    tmp_path: Path, listener: Listener, case: str, engine: list[str]
) -> None:
    contents, error = schemas(listener.url)[case]
    write(tmp_path / "s.json", contents)
    write(tmp_path / "doc.json", {"a": 1})
    result = run([*engine, "--schema", "s.json", "doc.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    name = "s.json" if case.startswith("schema") and case != "schema-embedded" else "s"
    error = error.replace("{home}", os.path.realpath(tmp_path))  # where $ids were looked for
    assert result.stderr == f"casefile-validate: schema error: {name}: {error}\n"
    assert listener.connections == []


def test_draft_3_is_not_fetched_from_json_schema_org(tmp_path: Path, listener: Listener) -> None:
    """jsonschema_rs has no draft 3: its metaschema check would fetch draft 3's metaschema (no
    network here: the retriever refuses, and the reference explains)."""
    write(tmp_path / "s.json", {"$schema": "http://json-schema.org/draft-03/schema#", "type": 5})
    write(tmp_path / "doc.json", {})
    result = run(["--schema", "s.json", "doc.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "casefile-validate: schema error: s.json:1:64: not a valid schema"
    )


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e[-1])
def test_an_openapi_dialect_is_not_fetched(
    tmp_path: Path, listener: Listener, engine: list[str]
) -> None:
    dialect = f"{listener.url}/dialect"
    write(
        tmp_path / "api.json",
        {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "jsonSchemaDialect": dialect,
            "components": {"schemas": {"Thing": {"type": "object"}}},
        },
    )
    write(tmp_path / "doc.json", {})
    result = run([*engine, "--schema", "api.json#/components/schemas/Thing", "doc.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: schema error: api.json:1:153: #/components/schemas/Thing: "
        f"unknown $schema '{dialect}'\n"
    )


def test_a_schema_file_reached_by_ref_is_not_let_fetch_either(
    tmp_path: Path, listener: Listener
) -> None:
    write(tmp_path / "other.json", {"$schema": f"{listener.url}/meta"})
    write(tmp_path / "s.json", {"properties": {"a": {"$ref": "other.json"}}})
    write(tmp_path / "doc.json", {"a": 1})
    result = run(["--schema", "s.json", "doc.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"casefile-validate: schema error: {tmp_path / 'other.json'}: unknown $schema "
        f"'{listener.url}/meta'\n"
    )


def test_json_lines_through_the_native_screens(tmp_path: Path, listener: Listener) -> None:
    """Enough lines (with warnings on) for the closed copy of the schema to be compiled too."""
    url = listener.url
    schema = {
        "$id": f"{url}/base/s.json",
        "type": "object",
        "properties": {"a": {"type": "integer"}, "b": {"$ref": "#/$defs/b"}},
        "$defs": {"b": {"$id": "inner.json", "type": "string"}},
    }
    write(tmp_path / "s.json", schema)
    write(tmp_path / "docs.jsonl", "".join(f'{{"a": {i}, "b": "x"}}\n' for i in range(300)))
    result = run(["--schema", "s.json", "docs.jsonl"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "300 documents: 300 valid, 0 invalid, 0 unreadable"


def model_doc(block: str) -> str:
    return (
        "# Thing\n\n**Package:** `shop.models`\n\nA thing.\n\n## JSON Schema\n\n"
        f"```json\n{block}\n```\n"
    )


def test_casefile_schemas_checks_model_docs_without_fetching(
    tmp_path: Path, listener: Listener
) -> None:
    url = listener.url
    properties = {
        "a": {"$ref": f"{url}/ref.json"},
        "b": {"$dynamicRef": f"{url}/dyn.json#meta"},
        "c": {"$id": f"{url}/c.json", "$schema": f"{url}/meta"},
    }
    block = json.dumps({"type": "object", "properties": properties})
    write(tmp_path / "docs" / "Thing.md", model_doc(block))
    result = run(["import", "--dir", "out", "docs"], tmp_path, script=SCHEMAS)
    assert result.returncode == 0, result.stderr
    result = run(["check", "--dir", "out", "docs"], tmp_path, script=SCHEMAS)
    assert result.returncode == 0, result.stderr
    write(tmp_path / "doc.json", {"a": 1})
    for engine in ENGINES:
        result = run([*engine, "--schema", "out/Thing.json", "doc.json"], tmp_path)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.count("\n") == 1
    assert listener.connections == []


@pytest.mark.parametrize("case", CASES)
def test_the_python_api_fetches_nothing(listener: Listener, case: str) -> None:
    from validator.api import validate
    from validator.problems import SchemaProblem

    contents, error = schemas(listener.url)[case]
    with pytest.raises(SchemaProblem) as caught:
        validate({"a": 1}, contents)
    if "cannot resolve" in error:  # a dict: no file, so no place in one, and no folder looked in
        at = error.index(" at s.json:")
        error = error[:at] + error[error.index(": ", at) :].replace(NEVER, NEVER_DICT)
    assert str(caught.value).endswith(error)
    assert listener.connections == []
