"""A ``$ref`` that a schema dir seems to hold but does not declare: the file is named, and how to
reach it; a swapped pair of letters in a location gets a did-you-mean."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.console import run_script as validate
from validator.contracts.catalog import load_schema
from validator.problems import UnresolvableRef

BY_ID = "a schema dir's files are found by their $id alone"


def write(path: Path, contents: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(contents, indent=2))
    return path


def test_a_file_of_that_name_in_a_schema_dir_without_the_id_is_named(tmp_path: Path) -> None:
    write(tmp_path / "m2.json", {"properties": {"x": {"$ref": "lib.json#/$defs/X"}}})
    write(tmp_path / "other" / "deep" / "lib.json", {"$defs": {"X": {}}})
    write(tmp_path / "doc.json", {})
    result = validate(tmp_path, "--no-config", "-s", "m2.json", "--schema-dir", "other", "doc.json")
    home, lib = os.path.realpath(tmp_path), os.path.realpath(tmp_path / "other" / "deep")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        'casefile-validate: schema error: m2: cannot resolve $ref "lib.json#/$defs/X" at '
        f"m2.json:4:15: no file {home}/lib.json beside the referring file, and no schema file in "
        f"{home}, {os.path.realpath(tmp_path / 'other')} declares that $id; {lib}/lib.json has "
        f'that name but declares no $id ({BY_ID}): write "$ref": "other/deep/lib.json#/$defs/X" '
        '(its path from the referring file), or give it an "$id" and refer to that'
    ]


def test_a_file_of_that_name_declaring_another_id_is_named_with_it(tmp_path: Path) -> None:
    write(tmp_path / "s" / "one.json", {"$ref": "https://x.test/t.json#/$defs/A"})
    shared = tmp_path / "shared"
    write(shared / "t.json", {"$id": "https://y.test/t.json", "$defs": {"A": {}}})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(tmp_path / "s" / "one.json", schema_dirs=[shared])
    assert str(caught.value).endswith(
        f"declares that $id; {os.path.realpath(shared)}/t.json has that name but declares the "
        f'$id "https://y.test/t.json" ({BY_ID}): write "$ref": "https://y.test/t.json#/$defs/A"'
    )


def test_a_dict_given_with_schema_dirs_is_told_to_give_the_file_an_id(tmp_path: Path) -> None:
    write(tmp_path / "t.json", {"type": "string"})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema({"$ref": "https://x.test/t.json"}, schema_dirs=[tmp_path])
    assert str(caught.value).endswith(
        f"{os.path.realpath(tmp_path)}/t.json has that name but declares no $id ({BY_ID}): "
        'give it an "$id" and refer to that'
    )


def test_without_such_a_file_the_schema_dir_hint_stays(tmp_path: Path) -> None:
    write(tmp_path / "s" / "one.json", {"$ref": "https://x.test/t.json"})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(tmp_path / "s" / "one.json", schema_dirs=[tmp_path / "s"])
    assert str(caught.value).endswith(
        "a schema file in another folder is found once that folder is a schema dir (--schema-dir, "
        "a config's schema-dirs, the API's schema_dirs=)"
    )


def test_two_letters_swapped_in_a_location_of_another_file_get_a_did_you_mean(
    tmp_path: Path,
) -> None:
    write(tmp_path / "feed-1.json", {"$defs": {"Item": {}, "Other": {}}})
    write(tmp_path / "one.json", {"$ref": "feed-1.json#/$defs/Itme"})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(tmp_path / "one.json")
    assert str(caught.value).endswith(
        "no such location in the schema it names: no 'Itme' in #/$defs; did you mean 'Item'?"
    )
