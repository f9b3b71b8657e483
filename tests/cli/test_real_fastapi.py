"""Issue 22, real parts: a FastAPI application's own ``openapi.json`` (3.1, made by
``app.openapi()``) and its TestClient's real responses, plus hand-made wrong variants, judged by
the installed ``casefile-validate`` with ``--openapi SPEC --operation OP`` and with a config of
one check per operation; every verdict equals openapi-schema-validator's (OAS31Validator) on the
same response schema, document by document."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any, Literal

import openapi_schema_validator as osv
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from tests.cli.peers import (
    peer_verdict,
    per_schema,
    response_pointer,
    script_verdicts,
    valid_ones,
    wrapped,
    write_documents,
)
from tests.console import run_script


class Status(str, Enum):
    open = "open"
    closed = "closed"


class Owner(BaseModel):
    id: int
    email: str | None = None


class Item(BaseModel):
    id: int
    name: str
    status: Status
    kind: Literal["case", "note"]
    owner: Owner
    created: datetime
    tags: list[str] = []
    score: float | None = None


class NewItem(BaseModel):
    name: str
    kind: Literal["case", "note"] = "case"


WHEN = datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc)
ITEMS = {
    1: Item(id=1, name="first", status=Status.open, kind="case", owner=Owner(id=7), created=WHEN),
    2: Item(
        id=2,
        name="second",
        status=Status.closed,
        kind="note",
        owner=Owner(id=8, email="owner@example.org"),
        created=WHEN,
        tags=["x", "y"],
        score=0.5,
    ),
}


def _app() -> FastAPI:
    app = FastAPI(title="items")

    @app.get("/items/{item_id}", response_model=Item, operation_id="getItem")
    def get_item(item_id: int) -> Item:
        return ITEMS[item_id]

    @app.get("/items", response_model=list[Item], operation_id="listItems")
    def list_items() -> list[Item]:
        return list(ITEMS.values())

    @app.post("/items", response_model=Item, status_code=201, operation_id="createItem")
    def create_item(new: NewItem) -> Item:
        return Item(
            id=3, name=new.name, status=Status.open, kind=new.kind, owner=Owner(id=1), created=WHEN
        )

    return app


# (operation, status) of each check: its folder of payloads
CHECKS = {
    "getItem": ("getItem", "200"),
    "listItems": ("listItems", "200"),
    "createItem": ("createItem", "201"),
    "rejected": ("getItem", "422"),
}


def _wrong(document: dict[str, Any], change: Any) -> dict[str, Any]:
    made = copy.deepcopy(document)
    change(made)
    return made


def _documents(client: TestClient) -> dict[str, Any]:
    """The app's real responses (each checked for its status) and wrong variants of them."""

    def got(method: str, url: str, status: int, **kwargs: Any) -> Any:
        response = client.request(method, url, **kwargs)
        assert response.status_code == status, response.text
        return response.json()

    item, listed = got("GET", "/items/2", 200), got("GET", "/items", 200)
    made = got("POST", "/items", 201, json={"name": "made", "kind": "note"})
    bad_path = got("GET", "/items/abc", 422)
    bad_body = got("POST", "/items", 422, json={"kind": "other"})
    return {
        "payloads/getItem/real_1.json": got("GET", "/items/1", 200),
        "payloads/getItem/real_2.json": item,
        "payloads/getItem/no_owner.json": _wrong(item, lambda d: d.pop("owner")),
        "payloads/getItem/id_string.json": _wrong(item, lambda d: d.update(id="2")),
        "payloads/getItem/bad_status.json": _wrong(item, lambda d: d.update(status="pending")),
        "payloads/getItem/bad_kind.json": _wrong(item, lambda d: d.update(kind="task")),
        "payloads/getItem/owner_id.json": _wrong(item, lambda d: d["owner"].update(id=None)),
        "payloads/getItem/score_text.json": _wrong(item, lambda d: d.update(score="high")),
        "payloads/getItem/bad_created.json": _wrong(item, lambda d: d.update(created="today")),
        "payloads/getItem/extra_key.json": _wrong(item, lambda d: d.update(extra=1)),
        "payloads/listItems/real.json": listed,
        "payloads/listItems/empty.json": [],
        "payloads/listItems/no_name.json": [listed[0], _wrong(listed[1], lambda d: d.pop("name"))],
        "payloads/listItems/object.json": item,
        "payloads/createItem/real.json": made,
        "payloads/createItem/tags_text.json": _wrong(made, lambda d: d.update(tags="x")),
        "payloads/rejected/real_path.json": bad_path,
        "payloads/rejected/real_body.json": bad_body,
        "payloads/rejected/no_msg.json": _wrong(bad_path, lambda d: d["detail"][0].pop("msg")),
        "payloads/rejected/loc_float.json": _wrong(
            bad_path, lambda d: d["detail"][0].update(loc=["path", 1.5])
        ),
        "payloads/rejected/detail_object.json": {"detail": {"msg": "no"}},
    }


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A folder with the app's ``openapi.json``, the documents, and a config of one check per
    operation."""
    root = tmp_path_factory.mktemp("fastapi")
    app = _app()
    spec = app.openapi()
    assert spec["openapi"].startswith("3.1")
    (root / "openapi.json").write_text(json.dumps(spec, indent=2))
    documents = _documents(TestClient(app))
    write_documents(root, documents)
    checks = [
        f'[[checks]]\nfiles = ["payloads/{folder}/*.json"]\nopenapi = "openapi.json"\n'
        f'operation = "{operation}"\nstatus = "{status}"\n'
        for folder, (operation, status) in CHECKS.items()
    ]
    (root / ".casefile-validate.toml").write_text("\n".join(checks))
    return root, documents


def _peer(root: Path, documents: dict[str, Any]) -> dict[str, bool]:
    """OAS31Validator's verdict on each document, against its check's response schema."""
    spec = json.loads((root / "openapi.json").read_text())
    verdicts = {}
    for name, document in documents.items():
        operation, status = CHECKS[name.split("/")[1]]
        schema = wrapped(spec, response_pointer(spec, operation, status))
        validator = osv.OAS31Validator(schema, format_checker=osv.oas31_format_checker)
        verdicts[name] = peer_verdict(validator, document)
    return verdicts


def test_the_config_judges_every_document_as_oas31validator(
    repository: tuple[Path, dict[str, Any]],
) -> None:
    root, documents = repository
    code, ours, report = script_verdicts(root)
    peer = _peer(root, documents)
    assert ours == peer
    assert code == 1
    assert valid_ones(ours) == [
        "payloads/createItem/real.json",
        "payloads/getItem/extra_key.json",  # FastAPI's models are open: extra keys pass
        "payloads/getItem/real_1.json",
        "payloads/getItem/real_2.json",
        "payloads/listItems/empty.json",
        "payloads/listItems/real.json",
        "payloads/rejected/real_body.json",
        "payloads/rejected/real_path.json",
    ]
    assert per_schema(report) == {
        "getItem 200": 10,
        "listItems 200": 4,
        "createItem 201": 2,
        "getItem 422": 5,
    }


def test_each_operation_on_the_command_line_names_the_failing_places(
    repository: tuple[Path, dict[str, Any]],
) -> None:
    root, _ = repository
    files = sorted(str(p.relative_to(root)) for p in (root / "payloads/getItem").glob("*.json"))
    done = run_script(root, "--openapi", "openapi.json", "--operation", "getItem", *files)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    assert lines[: lines.index("")] == [
        'payloads/getItem/bad_created.json:10:14: /created: "today" is not a valid date-time'
        " [/$ref/$ref/properties/created/format]",
        'payloads/getItem/bad_kind.json:5:11: /kind: "task" is not one of "case", "note"'
        " [/$ref/$ref/properties/kind/enum]",
        'payloads/getItem/bad_status.json:4:13: /status: "pending" is not one of "open", "closed"'
        " [/$ref/$ref/properties/status/$ref/enum]",
        "payloads/getItem/extra_key.json:16:3: warning: /extra: undeclared property",
        'payloads/getItem/id_string.json:2:9: /id: expected integer, got string "2"'
        " [/$ref/$ref/properties/id/type]",
        'payloads/getItem/no_owner.json:1:1: /: missing required property "owner"'
        " [/$ref/$ref/required]",
        "payloads/getItem/owner_id.json:7:11: /owner/id: expected integer, got null"
        " [/$ref/$ref/properties/owner/$ref/properties/id/type]",
        'payloads/getItem/score_text.json:15:12: /score: expected number or null, got string "high"'
        " [/$ref/$ref/properties/score/anyOf]",
    ]
    assert lines[-1] == "10 documents: 3 valid, 7 invalid, 0 unreadable; 1 warning"


@pytest.mark.parametrize(
    ("operation", "folder", "code", "counts"),
    [
        ("GET /items", "listItems", 1, "4 documents: 2 valid, 2 invalid, 0 unreadable"),
        ("createItem", "createItem", 1, "2 documents: 1 valid, 1 invalid, 0 unreadable"),
    ],
)
def test_the_other_operations_on_the_command_line(
    repository: tuple[Path, dict[str, Any]], operation: str, folder: str, code: int, counts: str
) -> None:
    root, documents = repository
    files = sorted(name for name in documents if name.split("/")[1] == folder)
    done = run_script(root, "--openapi", "openapi.json", "--operation", operation, *files)
    assert done.returncode == code, done.stderr
    assert done.stdout.splitlines()[-1] == counts


def test_fastapis_own_422_by_its_status(repository: tuple[Path, dict[str, Any]]) -> None:
    root, documents = repository
    files = sorted(name for name in documents if name.startswith("payloads/rejected/"))
    args = ("--openapi", "openapi.json", "--operation", "createItem", "--status", "422")
    code, ours, _ = script_verdicts(root, *args, *files)
    assert code == 1
    assert ours == {name: valid for name, valid in _peer(root, documents).items() if name in files}
    done = run_script(root, *args, *files)
    lines = done.stdout.splitlines()
    assert [line.split(": ")[:2] for line in lines[: lines.index("")]] == [
        ["payloads/rejected/detail_object.json:2:13", "/detail"],
        ["payloads/rejected/loc_float.json:7:9", "/detail/0/loc/1"],
        ["payloads/rejected/no_msg.json:3:5", "/detail/0"],
    ]
    assert lines[-1] == "5 documents: 2 valid, 3 invalid, 0 unreadable"
