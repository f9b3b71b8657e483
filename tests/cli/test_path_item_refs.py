"""A path item given by ``$ref`` (``#/components/pathItems/...``, OpenAPI 3.1): its operations
are the document's, for ``--operation`` and ``casefile-schemas list`` as for recordings (one
that leads outside the document documents none), through the installed console scripts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.console import SCHEMAS, run_script

ITEM = {
    "get": {
        "operationId": "getItem",
        "responses": {"200": {"content": {"application/json": {"schema": {"required": ["id"]}}}}},
    }
}
SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "items", "version": "1"},
    "paths": {
        "/items/{id}": {"$ref": "#/components/pathItems/Item"},
        "/elsewhere": {"$ref": "other.json#/Item"},
    },
    "components": {"pathItems": {"Item": ITEM}},
}


def test_an_operation_of_a_path_item_given_by_ref(tmp_path: Path) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    (tmp_path / "item.json").write_text('{"name": "x"}')
    done = run_script(tmp_path, "--openapi", "api.json", "--operation", "getItem", "item.json")
    assert (done.returncode, done.stdout.splitlines()[0], done.stderr) == (
        1,
        'item.json:1:1: /: missing required property "id" [/$ref/required]',
        "",
    )
    done = run_script(
        tmp_path, "--openapi", "api.json", "--operation", "GET /items/{id}", "item.json"
    )
    assert done.returncode == 1
    listed = run_script(tmp_path, "list", "api.json", script=SCHEMAS)
    assert (listed.returncode, listed.stdout) == (
        0,
        "GET /items/{id} (getItem): 200 application/json\n"
        "/elsewhere (a $ref to other.json#/Item: not followed)\ncomponents/schemas: none\n",
    )
