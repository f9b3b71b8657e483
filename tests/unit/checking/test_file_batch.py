"""A folder of whole files: the valid ones proven a group at a time
(:mod:`validator.checking.file_batch`) give exactly what checking each file alone gives: counts,
results, problems, warnings and positions, in order, for every kind of file a folder may hold."""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import validator.checking.file_batch as file_batch
import validator.run.tasks as tasks
from validator.checking.engine import compile_schema
from validator.contracts.catalog import from_contents
from validator.run.settings import Options
from validator.run.tasks import Files, check_counted

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "count": {"type": "integer"},
        "items": {"type": "array", "items": {"type": "object", "properties": {"n": {}}}},
        "metadata": {"type": "object"},
    },
    "required": ["id"],
}

GOOD = {"id": "a", "count": 2, "items": [{"n": 1}], "metadata": {"k": [1, {"x": None}]}}

FILES: dict[str, bytes] = {
    "compact.json": json.dumps(GOOD, separators=(",", ":")).encode(),
    "spaced.json": json.dumps(GOOD).encode(),
    "pretty.json": json.dumps(GOOD, indent=2).encode() + b"\n",
    "tabs-crlf.json": json.dumps(GOOD, indent="\t").replace("\n", "\r\n").encode(),
    "undeclared.json": json.dumps({**GOOD, "extra": 1}, indent=2).encode(),
    "undeclared-deep.json": json.dumps({**GOOD, "items": [{"n": 1, "m": 2}]}).encode(),
    "undeclared-crlf.json": json.dumps({"id": "b", "zz": 1}, indent=1)
    .replace("\n", "\r\n")
    .encode(),
    "undeclared-twice.json": b'{"id": "a", "zz": 1, "metadata": {"zz": 2}}',
    "undeclared-escaped.json": b'{"id": "a\\"", "z\\u00e9": 1}',
    "undeclared-many.json": json.dumps({"id": "a", **{f"u{i}": i for i in range(9)}}).encode(),
    "invalid.json": json.dumps({"id": 5, "count": "x"}, indent=2).encode(),
    "invalid-and-undeclared.json": json.dumps({"count": 1, "zz": 0}).encode(),
    "duplicate.json": b'{"id": "a", "count": 1, "id": "b"}',
    "duplicate-nested.json": b'{"id": "a", "metadata": {"k": 1, "k": 2}}',
    "big-integer.json": b'{"id": "a", "count": 123456789012345678901234567890}',
    "escaped.json": b'{"id": "caf\\u00e9", "metadata": {"url": "a\\/b"}}',
    "bom.json": b'\xef\xbb\xbf{"id": "a"}',
    "empty.json": b"",
    "not-json.json": b'{"id": "a",}',
    "two-documents.json": b'{"id": "a"}\n{"id": "b"}\n',
    "comment.json": b'// hi\n{"id": "a"}',
    "latin1.json": b'{"id": "caf\xe9"}',
    "exponent.json": b'{"id": "a", "count": 1E2}',
    "array.json": b"[1, 2]",
    "yaml-named.yaml": b'{"id": "a", "extra": 1}',
    "deep.json": b'{"id": "a", "metadata": ' + b'{"a": ' * 200 + b"1" + b"}" * 200 + b"}",
}


@functools.cache
def _engine() -> Any:
    return compile_schema(from_contents(SCHEMA, uri="https://x.invalid/files.json"))


def _folder(tmp_path: Path) -> tuple[str, ...]:
    """The kinds above mixed among good files, so that groups hold both (and a broken link)."""
    names: list[str] = []
    for index, (name, raw) in enumerate(FILES.items()):
        for copy in range(3):
            path = tmp_path / f"{index:02}-{copy}-{name}"
            path.write_bytes(raw)
            names.append(str(path))
            good = tmp_path / f"{index:02}-{copy}-good.json"
            good.write_bytes(FILES["pretty.json"])
            names.append(str(good))
    link = tmp_path / "99-0-broken.json"
    link.symlink_to(tmp_path / "nowhere.json")
    names.append(str(link))
    return tuple(names)


def _outcome(paths: tuple[str, ...], keep_valid: bool, no_warnings: bool) -> Any:
    options = Options(inputs=paths, no_warnings=no_warnings)
    return check_counted(Files(paths), options, keep_valid, _engine())


@pytest.mark.parametrize("keep_valid", [False, True])
@pytest.mark.parametrize("no_warnings", [False, True])
def test_groups_of_files_give_what_each_file_alone_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep_valid: bool, no_warnings: bool
) -> None:
    paths = _folder(tmp_path)
    sifted: list[str] = []
    real = file_batch.sift_files

    def counting(*args: Any) -> Any:
        for found in real(*args):
            if isinstance(found, file_batch.Passed):
                names = (one if isinstance(one, str) else one.source for one in found.found)
                sifted.extend(Path(name).name.split("-", 2)[2] for name in names)
            yield found

    monkeypatch.setattr(tasks, "sift_files", counting, raising=False)
    monkeypatch.setattr(file_batch, "sift_files", counting)
    fast = _outcome(paths, keep_valid, no_warnings)
    monkeypatch.setattr(file_batch, "SCREENED_FILES", len(paths) + 1)
    alone = _outcome(paths, keep_valid, no_warnings)
    assert fast == alone
    passed = {"compact.json", "spaced.json", "pretty.json", "tabs-crlf.json", "escaped.json"}
    undeclared = {"undeclared.json", "undeclared-deep.json", "undeclared-crlf.json"}
    passed |= {"exponent.json", "deep.json"} | undeclared  # those three the quick way
    if no_warnings:
        passed |= {"undeclared-twice.json", "undeclared-many.json", "undeclared-escaped.json"}
    assert Counter(sifted) == {"good.json": 3 * len(FILES), **dict.fromkeys(passed, 3)}
    (count, results), lines = alone
    assert lines == 0
    listed = {Path(r.source).name.split("-", 2)[2] for r in results if not r.valid or r.warnings}
    expected_bad = {
        "invalid.json",
        "invalid-and-undeclared.json",
        "duplicate.json",
        "duplicate-nested.json",
        "bom.json",
        "empty.json",
        "not-json.json",
        "two-documents.json",
        "comment.json",
        "latin1.json",
        "array.json",
        "broken.json",
    }
    warned = undeclared | {"undeclared-twice.json", "undeclared-escaped.json"}
    warned |= {"undeclared-many.json", "yaml-named.yaml"}
    assert listed == expected_bad | (set() if no_warnings else warned)
    if keep_valid:
        assert count == 0
        assert len(results) == len(paths)
    else:
        assert count == len(paths) - len(results)
