"""Multi-file schemas (issue 10): a ``$ref`` the registry does not hold is found among the schema
files beside the referring file (by path, or by ``$id``) and in the schema dirs (by ``$id``),
recursively, at load time; nothing outside those folders is read, and files are parsed only
when referenced."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

import validator
from validator.checking.engine import compile_schema
from validator.contracts import schema_files
from validator.contracts.catalog import load_schema
from validator.contracts.metaschema import read_json
from validator.problems import (
    EscapingRef,
    NotASchema,
    SchemaUnreadable,
    UnresolvableRef,
)
from validator.run.runner import Options, run

ENGINES = ["fast", "reference"]
UUID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"
COMMON = {"$defs": {"Uuid": {"type": "string", "format": "uuid"}}}


def write(path: Path, contents: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(contents if isinstance(contents, str) else json.dumps(contents))
    return path


def verdicts(spec: str | Path, *documents: Any, **options: Any) -> list[set[bool]]:
    """Each document's verdicts by both engines (a set of one when they agree)."""
    schema = load_schema(spec, **options)
    engines = [compile_schema(schema, engine=e) for e in ENGINES]
    return [{e.is_valid(d) for e in engines} for d in documents]


def cli(*args: str, **options: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=args, **options), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "schemas"
    write(folder / "common.json", COMMON)
    return folder


def test_a_ref_by_path_relative_to_the_referring_file(home: Path) -> None:
    a = write(home / "a.json", {"properties": {"id": {"$ref": "common.json#/$defs/Uuid"}}})
    assert verdicts(a, {"id": UUID}, {"id": "nope"}, {"id": 1}) == [{True}, {False}, {False}]
    schema = load_schema(a)
    assert schema.resources[(home / "common.json").resolve().as_uri()] == COMMON


def test_a_ref_by_id_among_the_files_beside(home: Path) -> None:
    write(home / "named-otherwise.json", {"$id": "https://example.com/ids/common", **COMMON})
    a = write(home / "a.json", {"items": {"$ref": "https://example.com/ids/common#/$defs/Uuid"}})
    assert verdicts(a, [UUID], ["nope"]) == [{True}, {False}]


def test_relative_refs_of_a_schema_with_an_http_id_are_files_beside_it(home: Path) -> None:
    """``$id`` https://example.com/a.json refers ``common.json``: https://example.com/common.json
    is found as the file common.json beside a.json."""
    a = write(
        home / "a.json", {"$id": "https://example.com/a.json", "$ref": "common.json#/$defs/Uuid"}
    )
    assert verdicts(a, UUID, "nope") == [{True}, {False}]
    assert "https://example.com/common.json" in load_schema(a).resources


def test_nested_folders_and_a_chain_of_files(home: Path) -> None:
    write(home / "b" / "b.json", {"$ref": "../c/c.json"})
    write(home / "c" / "c.json", {"type": "array", "items": {"$ref": "../common.json#/$defs/Uuid"}})
    a = write(home / "a.json", {"properties": {"ids": {"$ref": "b/b.json"}}})
    assert verdicts(a, {"ids": [UUID]}, {"ids": ["x"]}, {"ids": 1}) == [{True}, {False}, {False}]
    assert len(load_schema(a).resources) == len(load_schema().resources) + 3


def test_files_that_refer_to_each_other(home: Path) -> None:
    write(home / "tree.json", {"properties": {"kids": {"items": {"$ref": "node.json"}}}})
    write(home / "node.json", {"type": "object", "$ref": "tree.json"})
    a = write(home / "a.json", {"$ref": "node.json"})
    assert verdicts(a, {"kids": [{"kids": []}]}, {"kids": [{"kids": [1]}]}) == [{True}, {False}]


def test_a_schema_dir_joins_by_id(tmp_path: Path, home: Path) -> None:
    dirs = tmp_path / "shared"
    write(dirs / "deep" / "x.json", {"$id": "urn:example:positive", "minimum": 1})
    (dirs / "deep" / "loop").symlink_to(dirs)  # searched below, symlinked folders not followed
    a = write(home / "a.json", {"$ref": "urn:example:positive"})
    assert verdicts(a, 1, 0, schema_dirs=[dirs]) == [{True}, {False}]
    with pytest.raises(UnresolvableRef) as caught:
        compile_schema(load_schema(a))  # without the dir: not found, never fetched
    at = os.path.realpath(home)
    assert str(caught.value) == (
        f'a: cannot resolve $ref "urn:example:positive" at {a}:1:10: not a bundled schema nor '
        f"part of this one, and references are never fetched (no network); no schema file in "
        f"{at} declares that $id; a schema file in another folder is found once that folder is "
        "a schema dir (--schema-dir, a config's schema-dirs, the API's schema_dirs=)"
    )


def test_relative_paths_are_resolved_against_base_dir(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "shared" / "x.json", {"$id": "urn:example:positive", "minimum": 1})
    write(home / "a.json", {"$ref": "urn:example:positive"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    schema = load_schema("schemas/a.json", schema_dirs=["shared"], base_dir=tmp_path)
    assert [compile_schema(schema).is_valid(v) for v in (1, 0)] == [True, False]


def test_a_schema_dir_that_is_no_folder_is_exit_2(tmp_path: Path, home: Path) -> None:
    a = write(home / "a.json", {})
    with pytest.raises(SchemaUnreadable) as caught:
        load_schema(a, schema_dirs=[tmp_path / "missing"])
    assert str(caught.value) == f"{tmp_path / 'missing'}: schema dir is not a directory"


def test_a_thousand_schema_files_are_not_parsed(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the files referenced are parsed: the others are not even valid JSON, and a miss
    that needs the $id index reads bytes only (a byte scan for "$id")."""
    dirs = tmp_path / "many"
    for i in range(1000):
        write(dirs / f"s{i:04}.json", "{ not json at all")
    write(dirs / "wanted.json", {"$id": "urn:example:wanted", "type": "string"})
    write(dirs / "decoy.json", '{"$defs": {"x": {"$id": "urn:example:decoy"}}, "oops": ')
    parsed: list[str] = []
    real = schema_files.read_json

    def spy(path: Path, raw: bytes | None = None) -> Any:
        parsed.append(Path(path).name)
        return real(path, raw)

    monkeypatch.setattr(schema_files, "read_json", spy)
    by_path = write(home / "a.json", {"$ref": "common.json#/$defs/Uuid"})
    assert verdicts(by_path, UUID, "x", schema_dirs=[dirs]) == [{True}, {False}]
    assert parsed == ["common.json"]
    parsed.clear()
    by_id = write(home / "b.json", {"$ref": "urn:example:wanted"})
    assert verdicts(by_id, "x", 1, schema_dirs=[dirs]) == [{True}, {False}]
    assert parsed == ["wanted.json"]


def test_a_referenced_file_that_is_not_json_or_not_a_schema_is_named(home: Path) -> None:
    write(home / "broken.json", '{"type": ')
    write(home / "odd.json", {"type": "text"})
    with pytest.raises(SchemaUnreadable) as caught:
        load_schema(write(home / "a.json", {"$ref": "broken.json"}))
    assert str(caught.value) == (
        f"{home.resolve() / 'broken.json'}:1:10: schema is not valid JSON: expected a JSON "
        "value, found end of input"
    )
    with pytest.raises(NotASchema) as not_schema:
        load_schema(write(home / "b.json", {"$ref": "odd.json"}))
    assert str(not_schema.value).startswith(
        f'{home.resolve() / "odd.json"}:1:10: not a valid schema at /type: "text" is not valid'
    )


def test_a_missing_file_beside_is_named(home: Path) -> None:
    a = write(home / "a.json", {"$ref": "sub/missing.json#/$defs/x"})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(a)
    at = os.path.realpath(home)
    assert str(caught.value) == (
        f'a: cannot resolve $ref "sub/missing.json#/$defs/x" at {a}:1:10: no file '
        f"{at}/sub/missing.json beside the referring file, and no schema file in {at} declares "
        f"that $id; {ELSEWHERE}"
    )
    assert caught.value.ref == "sub/missing.json#/$defs/x"


ELSEWHERE = (
    "a schema file in another folder is found once that folder is a schema dir (--schema-dir, "
    "a config's schema-dirs, the API's schema_dirs=)"
)

ESCAPES = ["../outside.json", "../../outside.json", "file:///etc/passwd", "link.json"]


@pytest.mark.parametrize("ref", ESCAPES)
def test_a_ref_escaping_the_schema_folders_is_exit_2_naming_it(
    tmp_path: Path, home: Path, ref: str
) -> None:
    outside = write(tmp_path / "outside.json", {"type": "string"})
    (home / "link.json").symlink_to(outside)
    a = write(home / "a.json", {"properties": {"x": {"$ref": ref}}})
    where = {"../../outside.json": os.path.realpath(tmp_path.parent / "outside.json")}.get(
        ref, "/etc/passwd" if ref.startswith("file:") else os.path.realpath(outside)
    )
    message = (
        f"a: $ref {json.dumps(ref)} leads outside the schema folders ({where} is not in "
        f"{os.path.realpath(home)}); only files in the folder of the schema and the schema dirs "
        "are read"
    )
    with pytest.raises(EscapingRef) as caught:
        load_schema(a)
    assert (str(caught.value), caught.value.ref, caught.value.exit_code) == (message, ref, 2)
    document = write(tmp_path / "doc.json", {"x": "y"})
    assert cli(str(document), schema=str(a)) == (
        2,
        "",
        f"casefile-validate: schema error: {message}\n",
    )


def test_a_sibling_folder_whose_name_extends_the_schema_folders_is_outside(
    tmp_path: Path, home: Path
) -> None:
    """``schemas-private/`` begins with the name of ``schemas/`` but is not inside it: a file
    there is refused, by a path through ``..``, by a symlink beside the schema, and beside a
    schema dir; the way out and back in (``../schemas/``) stays allowed."""
    secret = write(tmp_path / "schemas-private" / "secret.json", {"type": "string"})
    (home / "link.json").symlink_to(secret)
    shared = tmp_path / "shared"
    write(tmp_path / "shared-private" / "x.json", {"type": "string"})
    at = os.path.realpath(secret)
    cases = [
        ("../schemas-private/secret.json", at, [], os.path.realpath(home)),
        ("link.json", at, [], os.path.realpath(home)),
        (
            "../shared-private/x.json",
            os.path.realpath(tmp_path / "shared-private" / "x.json"),
            [shared],
            f"{os.path.realpath(home)}, {os.path.realpath(shared)}",
        ),
    ]
    shared.mkdir()
    for ref, where, dirs, folders in cases:
        a = write(home / "a.json", {"properties": {"x": {"$ref": ref}}})
        with pytest.raises(EscapingRef) as caught:
            load_schema(a, schema_dirs=dirs)
        assert str(caught.value) == (
            f"a: $ref {json.dumps(ref)} leads outside the schema folders ({where} is not in "
            f"{folders}); only files in the folder of the schema and the schema dirs are read"
        ), ref
    back = write(home / "b.json", {"items": {"$ref": "../schemas/common.json#/$defs/Uuid"}})
    assert verdicts(back, [UUID], ["x"]) == [{True}, {False}]


def test_an_id_beside_the_referring_file_wins_over_the_same_id_in_a_schema_dir(
    tmp_path: Path, home: Path
) -> None:
    uri = "https://example.com/ids/shared"
    beside = write(home / "beside.json", {"$id": uri, "type": "string"})
    dirs = tmp_path / "shared"
    write(dirs / "elsewhere.json", {"$id": uri, "type": "integer"})
    a = write(home / "a.json", {"properties": {"x": {"$ref": uri}}})
    assert verdicts(a, {"x": "s"}, {"x": 1}, schema_dirs=[dirs]) == [{True}, {False}]
    schema = load_schema(a, schema_dirs=[dirs])
    assert schema.resources[uri] == json.loads(beside.read_text())
    # from a file in the schema dir, the file beside it (in the dir) is the one found
    nested = write(dirs / "nested" / "n.json", {"$id": uri, "type": "boolean"})
    b = write(dirs / "nested" / "b.json", {"$ref": uri})
    assert verdicts(b, True, "s", 1, schema_dirs=[dirs]) == [{True}, {False}, {False}]
    assert load_schema(b, schema_dirs=[dirs]).resources[uri] == json.loads(nested.read_text())


def test_a_schema_dir_widens_the_folders(tmp_path: Path, home: Path) -> None:
    write(tmp_path / "shared" / "s.json", {"type": "string"})
    a = write(home / "a.json", {"$ref": "../shared/s.json"})
    assert verdicts(a, "x", 1, schema_dirs=[tmp_path / "shared"]) == [{True}, {False}]
    with pytest.raises(EscapingRef):
        load_schema(a)


def test_the_python_api_takes_schema_dirs(tmp_path: Path, home: Path) -> None:
    write(tmp_path / "shared" / "x.json", {"$id": "urn:example:positive", "minimum": 1})
    a = write(home / "a.json", {"properties": {"n": {"$ref": "urn:example:positive"}}})
    dirs = [tmp_path / "shared"]
    assert validator.is_valid({"n": 1}, a, schema_dirs=dirs)
    report = validator.validate({"n": 0}, str(a), schema_dirs=dirs)
    assert [e.message for e in report.errors] == ["0 is less than the minimum of 1"]
    doc = write(tmp_path / "doc.json", {"n": 0})
    assert not validator.validate_file(doc, a, schema_dirs=dirs).valid
    with pytest.raises(AssertionError):
        validator.assert_valid(doc, a, schema_dirs=dirs)
    with pytest.raises(validator.SchemaProblem):
        validator.is_valid({"n": 1}, a)


@pytest.mark.parametrize(
    ("ref", "why"),
    [
        (".", "{home} is not a regular file"),
        ("sub/", "no file {home}/sub beside the referring file"),
        ("x.json?q=1", "no file {home}/x.json beside the referring file"),
        ("http://[x", None),
        ("a%00b.json", None),
        ("file:", None),
    ],
)
def test_odd_refs_get_one_line_never_a_traceback(
    tmp_path: Path, home: Path, ref: str, why: str | None
) -> None:
    write(home / "ids.json", '{"$id": "http://[bad", "$defs": {"x": {"$id": 5}}}')
    a = write(home / "a.json", {"properties": {"x": {"$ref": ref}}})
    document = write(tmp_path / "doc.json", {"x": 1})
    code, out, err = cli(str(document), schema=str(a))
    if ref == "file:":  # the referring file itself: x is checked against the whole schema
        assert (code, err) == (0, "")
        return
    if why is None:  # not a file the search can name: refused by the $ref checks
        assert (code, out) == (2, "")
        assert err.startswith(
            f"casefile-validate: schema error: a: cannot resolve $ref {json.dumps(ref)} at "
            f"{a}:1:31: "
        )
        assert len(err.splitlines()) == 1
        return
    at = os.path.realpath(home)
    assert (code, out, err) == (
        2,
        "",
        f"casefile-validate: schema error: a: cannot resolve $ref {json.dumps(ref)} at {a}:1:31: "
        f"{why.format(home=at)}, and no schema file in {at} declares that $id; {ELSEWHERE}\n",
    )


def test_a_schema_is_named_relative_to_a_schema_dir(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(home / "Session.json", {"$defs": {"Id": {"type": "integer"}}, "$ref": "#/$defs/Id"})
    write(home / "deep" / "Other.json", {"$ref": "../common.json#/$defs/Uuid"})
    monkeypatch.chdir(tmp_path)
    for spec in ("Session", "Session.json", "Session#/$defs/Id", "Session.json#/$defs/Id"):
        assert verdicts(spec, 1, "1", schema_dirs=[home]) == [{True}, {False}], spec
    assert verdicts("deep/Other.json", UUID, "x", schema_dirs=["schemas"]) == [{True}, {False}]
    with pytest.raises(validator.SchemaProblem) as caught:
        load_schema("Nope", schema_dirs=[home])
    assert str(caught.value) == (
        f"unknown schema 'Nope': not a bundled name ({', '.join(validator.schema_names())}) nor "
        f"a file, nor in a schema dir ({home})"
    )


@pytest.mark.parametrize("target", [False, True])
def test_a_pointer_into_a_boolean_schema_file_is_a_one_line_schema_error(
    home: Path, target: bool
) -> None:
    # referencing indexes the file's value with the pointer's token (a TypeError for a boolean):
    # it is the missing location it is, never a traceback
    write(home / "other.json", target)
    a = write(home / "a.json", {"$ref": "other.json#/x"})
    doc = write(home.parent / "doc.json", "1")
    code, out, err = cli(str(doc), schema=str(a))
    assert (code, out) == (2, "")
    assert err == (
        f'casefile-validate: schema error: a: cannot resolve $ref "other.json#/x" at {a}:1:10: '
        "no such location in the schema\n"
    )


@pytest.mark.parametrize(
    ("text", "hinted"),
    [
        (b"openapi: 3.1.0\ninfo: {}\n", True),
        (b"type: object\r\n", True),
        (b"# the contract\ntype: object\n", True),
        (b"---\ntype: object\n", True),
        (b"%YAML 1.2\n---\n{}\n", True),
        (b'{"type": "object",}', False),  # JSON with a mistake: no word of YAML
        (b"[1, 2", False),
        (b"object", False),
        (b"{}\nx: 1\n", False),  # the error is on line 2
    ],
)
def test_a_schema_file_that_reads_as_yaml_says_how_to_read_it_so(
    tmp_path: Path, text: bytes, hinted: bool
) -> None:
    path = tmp_path / "contract.spec"
    path.write_bytes(text)
    with pytest.raises(SchemaUnreadable) as caught:
        read_json(path)
    assert str(caught.value).startswith(f"{path}:")
    assert (
        str(caught.value).endswith(
            " (it reads as YAML: name it .yaml or .yml, or give --yaml-files, or yaml = true in its"
            " check)"
        )
        is hinted
    )
