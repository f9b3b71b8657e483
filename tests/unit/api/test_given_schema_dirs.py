"""A schema given by content (a dict, a loaded ``Schema``) reaches files through
``schema_dirs=`` by ``$id``, as ``--schema-dir`` does; ``load_schema`` resolves its ``$ref``\\ s
at load time; a spec of another type is a ``TypeError`` that says what is accepted."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import validator
from validator.checking import compiled as cache
from validator.problems import SchemaUnreadable, UnresolvableRef

URI = "https://x.test/t.json"
REF = {"$ref": URI}


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.forget()
    yield
    cache.forget()


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "t.json").write_text(json.dumps({"$id": URI, "type": "string"}))
    return folder


def test_a_dict_reaches_a_file_of_a_schema_dir_by_its_id(lib: Path) -> None:
    assert validator.is_valid("s", REF, schema_dirs=[lib])
    report = validator.validate(3, REF, schema_dirs=[str(lib)])
    assert [(e.keyword_location, e.message) for e in report.errors] == [
        ("/$ref/type", "expected string, got integer 3")
    ]


def test_a_schema_loaded_with_schema_dirs_keeps_the_files_it_reached(lib: Path) -> None:
    loaded = validator.load_schema(REF, schema_dirs=[lib])
    assert URI in loaded.resources
    assert validator.is_valid("s", loaded)
    assert not validator.is_valid(3, loaded)


def test_a_schema_built_by_hand_gets_the_files_of_the_schema_dirs_of_the_call(lib: Path) -> None:
    built = validator.Schema("mine", "urn:mine", dict(REF))
    assert validator.is_valid("s", built, schema_dirs=[lib])
    assert not validator.is_valid(3, built, schema_dirs=[lib])


def test_the_schema_dirs_are_part_of_what_is_remembered(lib: Path, tmp_path: Path) -> None:
    assert validator.is_valid("s", REF, schema_dirs=[lib])
    other = tmp_path / "other"
    other.mkdir()
    (other / "t.json").write_text(json.dumps({"$id": URI, "type": "integer"}))
    assert not validator.is_valid("s", REF, schema_dirs=[other])
    assert validator.is_valid(3, REF, schema_dirs=[other])
    assert validator.is_valid("s", REF, schema_dirs=[lib])


def test_load_schema_of_a_dict_refuses_a_reference_leading_nowhere_at_once() -> None:
    with pytest.raises(UnresolvableRef) as caught:
        validator.load_schema({"$ref": "nope.json"})
    assert str(caught.value) == (
        'schema: cannot resolve $ref "nope.json": not a bundled schema nor part of this one, and '
        "references are never fetched (no network, no file reads)"
    )
    assert caught.value.refs == ("nope.json",)


def test_load_schema_of_a_dict_says_which_schema_dirs_it_searched(lib: Path) -> None:
    with pytest.raises(UnresolvableRef) as caught:
        validator.load_schema({"$ref": "https://x.test/u.json"}, schema_dirs=[lib])
    message = str(caught.value)
    assert message.startswith(
        'schema: cannot resolve $ref "https://x.test/u.json": not a bundled schema nor part of '
        "this one, and references are never fetched (no network); no schema file in "
        f"{lib.resolve()} declares that $id"
    )
    assert "no file reads" not in message


def test_a_relative_reference_of_a_dict_reads_no_file_beside_it(
    lib: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(lib / "deep")  # t.json is here, but a dict has no folder of its own
    with pytest.raises(UnresolvableRef, match=re.escape('$ref "t.json"')):
        validator.load_schema({"$ref": "t.json"}, schema_dirs=[lib])


def test_a_schema_dir_that_is_no_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SchemaUnreadable) as caught:
        validator.load_schema(REF, schema_dirs=[tmp_path / "missing"])
    assert str(caught.value) == f"{tmp_path / 'missing'}: schema dir is not a directory"


ACCEPTED = (
    "a bundled schema's name, a path (str or os.PathLike), an entry point 'FILE#/json/pointer', "
    "'py:module:Model', or the schema itself as a dict or a boolean"
)


def test_load_schema_of_another_type_is_a_type_error_naming_what_it_takes() -> None:
    with pytest.raises(TypeError) as caught:
        validator.load_schema([1])  # type: ignore[arg-type]
    assert str(caught.value) == f"load_schema(spec) takes {ACCEPTED}; got list"
    with pytest.raises(TypeError, match=r"got Schema$"):
        validator.load_schema(validator.load_schema())  # type: ignore[arg-type]


def test_a_schema_argument_of_another_type_is_a_type_error_naming_what_it_takes() -> None:
    with pytest.raises(TypeError) as caught:
        validator.is_valid(1, [1])  # type: ignore[arg-type]
    assert str(caught.value) == (
        f"schema= takes {ACCEPTED}, or a Schema from load_schema(); got list"
    )
