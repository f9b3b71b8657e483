"""The messages about an operation's response say what to do in the words of where they are read:
the command line (``--status``), a config check (its ``status`` key), the Python API
(``operation_schema(status=...)``); an operation that is a webhook's is named as such."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import validator
from tests.console import run_script
from validator.problems import SchemaProblem


def _json(schema: dict[str, Any], *types: str) -> dict[str, Any]:
    return {kind: {"schema": schema} for kind in types or ("application/json",)}


SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "items", "version": "1"},
    "paths": {
        "/items": {
            "get": {
                "operationId": "listItems",
                "responses": {
                    "200": {"description": "all", "content": _json({"type": "array"})},
                    "206": {"description": "some", "content": _json({"type": "array"})},
                },
            },
            "delete": {
                "operationId": "dropItems",
                "responses": {"404": {"description": "none"}},
            },
            "put": {
                "operationId": "putItems",
                "responses": {
                    "200": {
                        "description": "put",
                        "content": _json({}, "application/json", "application/item+json"),
                    }
                },
            },
        }
    },
}
SEVERAL = "api.json: listItems documents several 2xx responses (200, 206): "
NONE = "api.json: dropItems documents no 2xx response (it has 404): "
TYPES = (
    "api.json: putItems response 200 documents several JSON media types (it has "
    "application/json, application/item+json): "
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    (tmp_path / "item.json").write_text("[]")
    return tmp_path


@pytest.mark.parametrize(
    ("operation", "said"),
    [
        ("listItems", f"{SEVERAL}give --status"),
        ("dropItems", f"{NONE}give --status"),
        ("putItems", f"{TYPES}give --media-type"),
    ],
    ids=["several", "none", "media types"],
)
def test_the_command_line_asks_for_its_options(folder: Path, operation: str, said: str) -> None:
    done = run_script(
        folder, "--no-config", "--openapi", "api.json", "--operation", operation, "item.json"
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"casefile-validate: schema error: {said}\n",
    )


@pytest.mark.parametrize(
    ("operation", "said"),
    [
        ("listItems", f"{SEVERAL}set the check's status"),
        ("dropItems", f"{NONE}set the check's status"),
        ("putItems", f"{TYPES}set the check's media-type"),
    ],
    ids=["several", "none", "media types"],
)
def test_a_config_check_is_asked_for_its_keys(folder: Path, operation: str, said: str) -> None:
    (folder / ".casefile-validate.toml").write_text(
        f'[[checks]]\nfiles = ["item.json"]\nopenapi = "api.json"\noperation = "{operation}"\n'
    )
    done = run_script(folder)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"casefile-validate: config error: .casefile-validate.toml:4:1: check 1: {said}\n",
    )


@pytest.mark.parametrize(
    ("operation", "said"),
    [
        ("listItems", f"{SEVERAL}pass status=..."),
        ("dropItems", f"{NONE}pass status=..."),
        ("putItems", f"{TYPES}pass media_type=..."),
    ],
    ids=["several", "none", "media types"],
)
def test_the_python_api_is_asked_for_its_arguments(
    folder: Path, monkeypatch: pytest.MonkeyPatch, operation: str, said: str
) -> None:
    monkeypatch.chdir(folder)
    with pytest.raises(SchemaProblem) as raised:
        validator.operation_schema("api.json", operation)
    assert str(raised.value) == said


HOOKED = {
    "openapi": "3.1.0",
    "info": {"title": "hooks", "version": "1"},
    "webhooks": {
        "itemGone": {"$ref": "#/components/pathItems/Gone"},
        "itemMade": {"post": {"responses": {"200": {"description": "ok"}}}},
    },
    "components": {
        "pathItems": {
            "Gone": {
                "post": {"operationId": "onItemGone", "responses": {"200": {"description": "ok"}}},
                "put": {"operationId": "onItemBack", "responses": {"200": {"description": "ok"}}},
            }
        }
    },
}


@pytest.mark.parametrize(
    ("operation", "said"),
    [
        ("onItemGone", "'onItemGone' names the webhook 'itemGone' (POST)"),
        ("itemGone", "'itemGone' names the webhook 'itemGone' (PUT, POST)"),
        ("itemMade", "'itemMade' names the webhook 'itemMade' (POST)"),
    ],
    ids=["operationId", "name", "name, no operationId"],
)
def test_an_operation_of_a_webhook_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, operation: str, said: str
) -> None:
    (tmp_path / "hooks.json").write_text(json.dumps(HOOKED))
    (tmp_path / "item.json").write_text("{}")
    why = f"hooks.json: {said}: a request the API makes, not a response it sends; webhooks are "
    why += "not checked"
    done = run_script(
        tmp_path, "--no-config", "--openapi", "hooks.json", "--operation", operation, "item.json"
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"casefile-validate: schema error: {why}\n",
    )
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SchemaProblem) as raised:
        validator.operation_schema("hooks.json", operation)
    assert str(raised.value) == why
    assert raised.value.exit_code == 2
