"""Offline by design (issue 4): no code path opens a network connection or reads a file that a
``$ref`` names outside the schema folders (issue 10: the folder of the schema given and the
schema dirs).  A reference to anything else that the registry (the bundled schemas, the schema
itself and the schema files beside it) does not hold fails closed, at once, with exit code 2
and one clear line, with either engine.

The in-process tests block every way Python opens a socket and record every file Python opens;
the subprocess test puts a named pipe where the ``$ref`` points, which would catch a read by
native code too (jsonschema_rs): opening a pipe for reading either blocks (no writer) or makes
our non-blocking writer's open succeed.
"""

from __future__ import annotations

import builtins
import errno
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from validator.run.runner import Options, run

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
ENGINES = ["fast", "reference"]
NEVER_FETCHED = (
    "not a bundled schema nor part of this one, and references are never fetched "
    "(no network, no file reads)"
)
ELSEWHERE = (
    "a schema file in another folder is found once that folder is a schema dir (--schema-dir, "
    "a config's schema-dirs, the API's schema_dirs=)"
)


def never_fetched(home: Path) -> str:
    """Why a URL a schema file in ``home`` refers to is not found."""
    return (
        "not a bundled schema nor part of this one, and references are never fetched "
        f"(no network); no schema file in {os.path.realpath(home)} declares that $id; {ELSEWHERE}"
    )


class Recorder:
    """What the code under test tried to reach."""

    def __init__(self) -> None:
        self.network: list[tuple[str, Any]] = []
        self.opened: list[str] = []

    def opened_any(self, path: Path) -> bool:
        target = os.path.realpath(path)
        return any(os.path.realpath(p) == target for p in self.opened if p)


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    """No network at all (every attempt is recorded and refused), and a log of opened files."""
    record = Recorder()

    def refuse(name: str) -> Any:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            record.network.append((name, args))
            raise OSError(errno.ENETUNREACH, f"network blocked by the test ({name})")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", refuse("socket.sendto"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("socket.gethostbyname"))
    monkeypatch.setattr(urllib.request, "urlopen", refuse("urllib.request.urlopen"))

    real_open, real_io_open, real_os_open = builtins.open, io.open, os.open

    def logged(real: Any) -> Any:
        def opener(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, bytes, os.PathLike)):
                record.opened.append(os.fsdecode(file))
            return real(file, *args, **kwargs)

        return opener

    monkeypatch.setattr(builtins, "open", logged(real_open))
    monkeypatch.setattr(io, "open", logged(real_io_open))
    monkeypatch.setattr(os, "open", logged(real_os_open))
    yield record


def check(*inputs: str | Path, **options: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=tuple(map(str, inputs)), **options), out, err)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file a hostile $ref may name: it must never be read."""
    path = tmp_path / "secret" / "secret.json"
    path.parent.mkdir()
    path.write_text('{"type": "string"}')
    return path


def _escaping(ref: str, where: str, home: Path) -> str:
    return (
        f"$ref {json.dumps(ref)} leads outside the schema folders ({where} is not in "
        f"{os.path.realpath(home)}); only files in the folder of the schema and the schema dirs "
        "are read"
    )


def _targets(secret: Path, home: Path) -> list[tuple[str, str]]:
    """(the $ref, what the schema error says after the schema's name); the schema is in
    ``home``, the secret outside it"""
    real, at = os.path.realpath(secret), os.path.realpath(home)
    cannot = "cannot resolve $ref {} at " + f"{home / 'hostile.json'}:1:31: "
    never = never_fetched(home)
    return [
        ("http://example.com/schema.json", cannot + never),
        ("https://example.com/schema.json#/$defs/x", cannot + never),
        ("//example.com/schema.json", _escaping("//example.com/schema.json",
                                                "file://example.com/schema.json", home)),
        ("http://127.0.0.1:9/schema.json", cannot + never),
        ("file:///etc/passwd", _escaping("file:///etc/passwd", "/etc/passwd", home)),
        (secret.as_uri(), _escaping(secret.as_uri(), real, home)),
        (str(secret), _escaping(str(secret), real, home)),
        ("../secret/secret.json", _escaping("../secret/secret.json", real, home)),
        ("other.json",
         cannot + f"no file {at}/other.json beside the referring file, and no schema file in "
         f"{at} declares that $id; {ELSEWHERE}"),
        ("urn:example:nowhere", cannot + never),
        ("#/$defs/nowhere",
         cannot + "no such location in the schema: no '$defs' in # (it has properties)"),
        ("#nowhere", cannot + "no such anchor in the schema"),
    ]  # fmt: skip


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("index", range(12))
def test_a_ref_outside_the_registry_fails_closed(
    tmp_path: Path, secret: Path, offline: Recorder, engine: str, index: int
) -> None:
    home = tmp_path / "schemas"
    home.mkdir()
    ref, why = _targets(secret, home)[index]
    schema = home / "hostile.json"
    schema.write_text(json.dumps({"properties": {"a": {"$ref": ref}}}))
    document = tmp_path / "doc.json"
    document.write_text('{"a": "x"}')
    start = time.monotonic()
    code, out, err = check(document, schema=str(schema), engine=engine)
    assert time.monotonic() - start < 1
    assert (code, out) == (2, "")
    assert err == f"casefile-validate: schema error: hostile: {why.format(json.dumps(ref))}\n"
    assert offline.network == []
    assert not offline.opened_any(secret)
    assert offline.opened_any(schema)  # the log works


@pytest.mark.parametrize("engine", ENGINES)
def test_unused_and_dynamic_refs_fail_closed_too(
    tmp_path: Path, offline: Recorder, engine: str
) -> None:
    schemas = {
        "unused": {"$defs": {"x": {"$ref": "https://example.com/x.json"}}},
        "dynamic": {"$dynamicRef": "https://example.com/x.json#meta"},
        "nested": {"items": {"$id": "https://example.com/base/", "$ref": "sibling.json"}},
    }
    expected = {
        "unused": '$ref "https://example.com/x.json"',
        "dynamic": '$dynamicRef "https://example.com/x.json#meta"',
        "nested": '$ref "sibling.json"',
    }
    place = {"unused": 26, "dynamic": 17, "nested": 56}
    for name, contents in schemas.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(contents))
        code, out, err = check(EXAMPLES / "valid_completed.json", schema=str(path), engine=engine)
        assert (code, out) == (2, "")
        assert err == (
            f"casefile-validate: schema error: {name}: cannot resolve {expected[name]} at "
            f"{path}:1:{place[name]}: {never_fetched(tmp_path)}\n"
        )
    assert offline.network == []


def test_a_remote_metaschema_is_refused_not_fetched(tmp_path: Path, offline: Recorder) -> None:
    path = tmp_path / "meta.json"
    path.write_text(json.dumps({"$schema": "https://example.com/my-metaschema"}))
    code, out, err = check(EXAMPLES / "valid_completed.json", schema=str(path))
    assert (code, out) == (2, "")
    assert err == (
        "casefile-validate: schema error: "
        f"{path}: unknown $schema 'https://example.com/my-metaschema'\n"
    )
    assert offline.network == []


@pytest.mark.parametrize("name", ["https://example.com/schema.json", "file:///etc/passwd"])
def test_a_url_given_as_the_schema_is_refused_not_downloaded(offline: Recorder, name: str) -> None:
    code, out, err = check(EXAMPLES / "valid_completed.json", schema=name)
    assert (code, out) == (2, "")
    assert err == (
        f"casefile-validate: schema error: {name}: schemas are never fetched (the toolkit works "
        "offline); save the schema to a file and pass its path\n"
    )
    assert offline.network == []
    assert not offline.opened_any(Path("/etc/passwd"))


@pytest.mark.parametrize("cross_check", [False, True])
@pytest.mark.parametrize("engine", ENGINES)
def test_the_bundled_schema_works_without_a_network(
    offline: Recorder, engine: str, cross_check: bool
) -> None:
    code, out, _ = check(EXAMPLES, engine=engine, cross_check=cross_check)
    assert code == 1  # the examples hold invalid documents on purpose
    assert out.splitlines()[-1].endswith("0 unreadable")
    code, out, _ = check(EXAMPLES / "valid_completed.json", engine=engine, cross_check=cross_check)
    assert code == 0
    assert offline.network == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("spelling", ["uri", "path"])
def test_native_code_does_not_read_the_ref_either(
    tmp_path: Path, engine: str, spelling: str
) -> None:
    """A real process, $ref naming a FIFO: nobody may open it (the process would block, or our
    non-blocking writer would find a reader)."""
    fifo = tmp_path / "trap.json"
    os.mkfifo(fifo)
    schema = tmp_path / "trap-schema.json"
    ref = fifo.as_uri() if spelling == "uri" else str(fifo)
    schema.write_text(json.dumps({"properties": {"a": {"$ref": ref}}}))
    document = tmp_path / "doc.json"
    document.write_text('{"a": 1}')
    readers: list[int] = []
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            try:
                descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.005)
                continue
            readers.append(descriptor)
            os.close(descriptor)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "validator", "--engine", engine, "--schema", str(schema),
             str(document)],
            capture_output=True,
            timeout=30,
            env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
    finally:
        done.set()
        watcher.join(5)
    assert readers == []
    assert result.returncode == 2
    assert result.stdout == b""
    home = os.path.realpath(tmp_path)
    assert (
        result.stderr
        == (
            f"casefile-validate: schema error: trap-schema: cannot resolve $ref {json.dumps(ref)} "
            f"at {schema}:1:31: {home}/trap.json is not a regular file, and no schema file in "
            f"{home} declares that $id; {ELSEWHERE}\n"
        ).encode()
    )
