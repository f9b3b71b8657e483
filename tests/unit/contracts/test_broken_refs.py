"""Issue 21: a schema's broken ``$ref``\\ s are all listed in one run, each at its line:column in
its file, told where the tool looked (beside the referring file, the schema dirs) with a hint
(``--schema-dir``, a did-you-mean for a missing location or a file named without ``.json``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.console import run_script as validate
from validator.contracts.catalog import load_schema
from validator.problems import EscapingRef, UnresolvableRef

ELSEWHERE = (
    "a schema file in another folder is found once that folder is a schema dir (--schema-dir, "
    "a config's schema-dirs, the API's schema_dirs=)"
)


def write(path: Path, contents: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(contents, indent=2))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "s" / "feed-1.json", {"$defs": {"Item": {"type": "object"}}})
    write(tmp_path / "doc.json", {})
    return tmp_path


def one(folder: Path, ref: str) -> str:
    """The message of a schema ``s/one.json`` whose only property refers to ``ref``."""
    write(folder / "s" / "one.json", {"properties": {"a": {"$ref": ref}}, "$defs": {"Item": {}}})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(folder / "s" / "one.json")
    assert caught.value.refs == (ref,)
    return str(caught.value)


def test_a_file_named_without_its_json_extension_gets_a_did_you_mean(folder: Path) -> None:
    at, s = folder / "s" / "one.json", os.path.realpath(folder / "s")
    assert one(folder, "feed-1#/$defs/Item") == (
        f'one: cannot resolve $ref "feed-1#/$defs/Item" at {at}:4:15: no file {s}/feed-1 beside '
        f"the referring file (did you mean feed-1.json?), and no schema file in {s} declares "
        f"that $id; {ELSEWHERE}"
    )
    assert "did you mean" not in one(folder, "feed-2#/$defs/Item")


def test_a_missing_location_in_another_file_gets_a_did_you_mean(folder: Path) -> None:
    at = folder / "s" / "one.json"
    assert one(folder, "feed-1.json#/$defs/Iten") == (
        f'one: cannot resolve $ref "feed-1.json#/$defs/Iten" at {at}:4:15: no such location in '
        "the schema it names: no 'Iten' in #/$defs; did you mean 'Item'?"
    )
    assert one(folder, "#/$defs/Itemm").endswith(
        "no such location in the schema: no 'Itemm' in #/$defs; did you mean 'Item'?"
    )
    assert one(folder, "feed-1.json#/$defz/Item").endswith(
        "no such location in the schema it names: no '$defz' in #; did you mean '$defs'?"
    )


def test_a_url_says_where_schema_files_were_looked_for_and_suggests_schema_dir(
    folder: Path,
) -> None:
    s, shared = os.path.realpath(folder / "s"), folder / "shared"
    assert one(folder, "https://example.com/x.json").endswith(
        f"references are never fetched (no network); no schema file in {s} declares that $id; "
        f"{ELSEWHERE}"
    )
    write(shared / "x.json", {"$id": "https://example.com/x.json", "type": "object"})
    loaded = load_schema(folder / "s" / "one.json", schema_dirs=[shared])
    assert "https://example.com/x.json" in loaded.resources
    write(folder / "s" / "one.json", {"$ref": "https://example.com/y.json"})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(folder / "s" / "one.json", schema_dirs=[shared])
    assert f"no schema file in {s}, {os.path.realpath(shared)} declares that $id" in str(
        caught.value
    )


def test_every_broken_ref_of_every_file_is_listed_in_one_run(folder: Path) -> None:
    """The console script: one line each, in file order, at the place in the file that holds
    the reference (another file's own broken reference at its place there); exit 2."""
    write(
        folder / "s" / "feed-2.json",
        {"$defs": {"Item": {"properties": {"b": {"$ref": "#/$defs/Nope"}}}}},
    )
    write(
        folder / "s" / "main.json",
        {
            "type": "object",
            "properties": {
                "a": {"$ref": "feed-1#/$defs/Item"},
                "b": {"$ref": "feed-2.json#/$defs/Item"},
                "c": {"$ref": "#/$defs/Mising"},
                "d": {"$ref": "https://example.com/x.json"},
            },
            "$defs": {"Missing": {}},
        },
    )
    result = validate(folder, "--schema", "s/main.json", "doc.json")
    s = os.path.realpath(folder / "s")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "casefile-validate: schema error: main: 4 references cannot be resolved:",
        '  s/feed-2.json:6:19: $ref "#/$defs/Nope": no such location in the schema: no '
        "'Nope' in #/$defs (it has Item)",
        f'  s/main.json:5:15: $ref "feed-1#/$defs/Item": no file {s}/feed-1 beside the referring '
        f"file (did you mean feed-1.json?), and no schema file in {s} declares that $id; "
        f"{ELSEWHERE}",
        '  s/main.json:11:15: $ref "#/$defs/Mising": no such location in the schema: no '
        "'Mising' in #/$defs; did you mean 'Missing'?",
        '  s/main.json:14:15: $ref "https://example.com/x.json": not a bundled schema nor part '
        "of this one, and references are never fetched (no network); no schema file in "
        f"{s} declares that $id; {ELSEWHERE}",
    ]


def test_a_line_break_in_a_file_name_makes_no_line(folder: Path) -> None:
    write(folder / "s\nx" / "main.json", {"properties": {"a": {"$ref": "#/x"}, "b": {"$ref": "y"}}})
    result = validate(folder, "--schema", "s\nx/main.json", "doc.json")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("  s\\nx/main.json:")


def test_a_did_you_mean_never_looks_outside_the_schema_folders(tmp_path: Path) -> None:
    write(tmp_path / "outside" / "secret.json", {})
    write(tmp_path / "s" / "main.json", {"$ref": "../outside/secret"})
    with pytest.raises(EscapingRef):
        load_schema(tmp_path / "s" / "main.json")


def test_the_listing_is_bounded(tmp_path: Path) -> None:
    """A schema from a pull request may hold any number of broken references: the first 100
    (in the file's order) are listed, the others counted; a long one is cut."""
    properties = {"long": {"$ref": "#/" + "x" * 5000}}
    properties.update({f"p{i:03}": {"$ref": f"#/$defs/n{i}"} for i in range(150)})
    write(tmp_path / "s" / "many.json", {"properties": properties})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(tmp_path / "s" / "many.json")
    lines = str(caught.value).split("\n")
    assert lines[0] == "many: 151 references cannot be resolved:"
    assert len(lines) == 102
    assert len(lines[1]) < 600 and "…" in lines[1]  # the long one, cut
    assert lines[2].endswith(
        ": $ref \"#/$defs/n0\": no such location in the schema: no '$defs' in # (it has properties)"
    )
    assert lines[-1] == "  ... and 51 more"
    assert len(caught.value.refs) == 151
    assert max(map(len, lines)) < 600
