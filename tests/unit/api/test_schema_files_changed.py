"""The Python API never judges by a stale compile of a schema built from several files: a file
its ``$ref``\\ s reached (beside it, or in a schema dir by ``$id``) that changes is read again at
the next call, as the named file is (issue 21 audit, G5); nothing changed, nothing is compiled
again."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

import validator
from validator.checking import compiled as cache


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.forget()
    yield
    cache.forget()


def _write(path: Path, value: Any, tick: int = 0) -> None:
    """``value`` as the file's JSON text, its modification time set ``tick`` seconds on (so a
    rewrite is seen however coarse the file system's clock)."""
    path.write_text(json.dumps(value))
    if tick:
        os.utime(path, ns=(1_700_000_000_000_000_000 + tick * 10**9,) * 2)


def _counting() -> Any:
    return mock.patch.object(cache, "compile_schema", side_effect=cache.compile_schema)


def test_a_sibling_file_changed_is_read_again(tmp_path: Path) -> None:
    _write(tmp_path / "main.json", {"$ref": "sib.json"})
    _write(tmp_path / "sib.json", {"type": "integer"}, tick=1)
    main = str(tmp_path / "main.json")
    with _counting() as compiled:
        assert validator.is_valid(1, main) and validator.is_valid(2, main)
        assert compiled.call_count == 1  # nothing changed: compiled once
        _write(tmp_path / "sib.json", {"type": "string"}, tick=2)
        assert not validator.is_valid(1, main)
        assert validator.is_valid("x", main)
        assert compiled.call_count == 2


def test_a_file_referred_to_by_an_entry_points_file_changed(tmp_path: Path) -> None:
    _write(tmp_path / "api.json", {"$defs": {"item": {"$ref": "item.json#/$defs/id"}}})
    _write(tmp_path / "item.json", {"$defs": {"id": {"type": "integer"}}}, tick=1)
    entry = f"{tmp_path / 'api.json'}#/$defs/item"
    assert validator.is_valid(1, entry)
    _write(tmp_path / "item.json", {"$defs": {"id": {"maximum": 0}}}, tick=2)
    assert not validator.is_valid(1, entry)
    assert [e.message for e in validator.validate(1, entry).errors] == [
        "1 is greater than the maximum of 0"
    ]


@pytest.mark.parametrize("given", ["path", "dict"])
def test_a_schema_dir_file_changed_is_read_again(tmp_path: Path, given: str) -> None:
    (tmp_path / "d").mkdir()
    found = tmp_path / "d" / "x.json"
    _write(found, {"$id": "https://example.test/x.json", "type": "integer"}, tick=1)
    _write(tmp_path / "main.json", {"$ref": "https://example.test/x.json"})
    schema: Any = (
        str(tmp_path / "main.json") if given == "path" else {"$ref": "https://example.test/x.json"}
    )
    dirs = [tmp_path / "d"]
    with _counting() as compiled:
        assert validator.is_valid(1, schema, schema_dirs=dirs)
        assert validator.is_valid(1, schema, schema_dirs=dirs)
        assert compiled.call_count == 1
        _write(found, {"$id": "https://example.test/x.json", "type": "string"}, tick=2)
        assert not validator.is_valid(1, schema, schema_dirs=dirs)
        assert validator.is_valid("x", schema, schema_dirs=dirs)
        assert compiled.call_count == 2


def test_a_referred_file_removed_is_a_schema_problem_at_the_next_call(tmp_path: Path) -> None:
    _write(tmp_path / "main.json", {"$ref": "sib.json"})
    _write(tmp_path / "sib.json", {"type": "integer"})
    main = str(tmp_path / "main.json")
    assert validator.is_valid(1, main)
    (tmp_path / "sib.json").unlink()
    with pytest.raises(validator.SchemaProblem, match=r"sib\.json"):
        validator.is_valid(1, main)
