"""A path item given by ``$ref`` to another file (the split layout: ``paths: {/pets: {$ref:
paths/pets.yaml}}``) is not followed, and said so (validator/contracts/path_item_files.py):
``casefile-schemas list`` shows the path, ``--operation 'GET /pets'`` is exit 2 naming the
``$ref``, and an operation found nowhere names the path items not followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console import SCHEMAS, run_script

SPEC = """\
openapi: 3.1.0
info: {title: split, version: "1"}
paths:
  /pets:
    $ref: paths/pets.yaml
  /owners:
    $ref: '#/components/pathItems/Owners'
components:
  pathItems:
    Owners:
      get:
        operationId: listOwners
        responses:
          '200':
            description: ok
            content:
              application/json:
                schema: {type: array, items: {type: string}}
"""
PETS = """\
get:
  operationId: listPets
  responses:
    '200':
      description: ok
      content:
        application/json:
          schema: {type: array}
"""
HOW = (
    "path items are read from the document only: write it there, or under "
    "#/components/pathItems and refer to that"
)


def _write(folder: Path) -> None:
    (folder / "paths").mkdir()
    (folder / "openapi.yaml").write_text(SPEC)
    (folder / "paths/pets.yaml").write_text(PETS)
    (folder / "d.json").write_text("[]")


def test_the_list_shows_the_path_not_followed(tmp_path: Path) -> None:
    _write(tmp_path)
    listed = run_script(tmp_path, "list", "openapi.yaml", script=SCHEMAS)
    assert (listed.returncode, listed.stdout, listed.stderr) == (
        0,
        "GET /owners (listOwners): 200 application/json\n"
        "/pets (a $ref to paths/pets.yaml: not followed)\n"
        "components/schemas: none\n",
        "",
    )


@pytest.mark.parametrize("operation", ["GET /pets", "get /pets"])
def test_an_operation_by_its_path_says_the_path_item_is_not_followed(
    tmp_path: Path, operation: str
) -> None:
    _write(tmp_path)
    done = run_script(tmp_path, "--openapi", "openapi.yaml", "--operation", operation, "d.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"casefile-validate: schema error: openapi.yaml: {operation!r}: the path item /pets is a "
        f"$ref to another file ('paths/pets.yaml'): not followed; {HOW}\n"
    )


def test_an_operation_id_found_nowhere_names_the_path_items_not_followed(tmp_path: Path) -> None:
    _write(tmp_path)
    done = run_script(tmp_path, "--openapi", "openapi.yaml", "--operation", "listPets", "d.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-validate: schema error: openapi.yaml: no operation 'listPets' (it has "
        "listOwners); path items given by $ref to another file are not followed: /pets "
        "('paths/pets.yaml')\n"
    )


def test_a_document_whose_paths_are_all_elsewhere(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "openapi.yaml").write_text(SPEC.split("  /owners:")[0])
    done = run_script(tmp_path, "--openapi", "openapi.yaml", "--operation", "listPets", "d.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-validate: schema error: openapi.yaml: documents no operations; path items "
        "given by $ref to another file are not followed: /pets ('paths/pets.yaml')\n"
    )


def test_a_typo_still_gets_its_did_you_mean(tmp_path: Path) -> None:
    _write(tmp_path)
    done = run_script(tmp_path, "--openapi", "openapi.yaml", "--operation", "listOwnerz", "d.json")
    assert done.returncode == 2
    assert done.stderr == (
        "casefile-validate: schema error: openapi.yaml: no operation 'listOwnerz'; did you mean "
        "'listOwners'?\n"
    )


HAR = """{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": [
{"request": {"method": "GET", "url": "http://x/pets", "headers": []}, "response": {"status": 200,
"headers": [], "content": {"mimeType": "application/json", "text": "[]"}}}]}}
"""


def test_a_recorded_exchange_on_that_path_says_why_it_is_undocumented(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "r.har").write_text(HAR)
    done = run_script(tmp_path, "--openapi", "openapi.yaml", "r.har")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == (
        "r.har:3:68: openapi.yaml documents no GET /pets (its path item is a $ref to another file "
        "('paths/pets.yaml'): not followed) (entries[0])"
    )
