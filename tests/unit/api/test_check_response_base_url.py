"""check_response(..., base_url=...) and assert_response(..., base_url=...): the base URLs that
replace the document's servers, as ``--base-url`` does, with a real FastAPI app whose document
names its production server and its TestClient (``http://testserver``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel

import validator
from tests.console import run_script
from validator.testing import assert_response


class User(BaseModel):
    id: int


@pytest.fixture(scope="module")
def app() -> FastAPI:
    app = FastAPI(servers=[{"url": "https://api.example.com/v1"}])

    @app.get("/users/{user_id}", responses={200: {"model": User}})
    def get_user(user_id: int) -> Any:
        return JSONResponse({"id": "seven" if user_id == 7 else user_id})

    return app


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def test_the_test_clients_url_matches_with_a_base_url(app: FastAPI, client: TestClient) -> None:
    spec = app.openapi()
    with pytest.raises(AssertionError) as raised:
        assert_response(spec, client.get("/users/1"))
    assert str(raised.value) == (
        "GET http://testserver/users/1: invalid (1 error)\n"
        "  http://testserver/users/1 is under none of <openapi>'s servers "
        "(https://api.example.com/v1)"
    )
    assert assert_response(spec, client.get("/users/1"), base_url="http://testserver").valid
    several = ["https://api.example.com/v1", "http://testserver"]
    assert assert_response(spec, client.get("/users/1"), base_url=several).valid
    assert assert_response(spec, client.get("/users/1"), base_url="/").valid  # any host
    with pytest.raises(AssertionError) as raised:
        assert_response(spec, client.get("/users/7"), base_url="http://testserver")
    assert (
        str(raised.value)
        .splitlines()[1]
        .startswith('  1:7: /id: expected integer, got string "seven"')
    )
    report = validator.check_response(
        spec,
        "GET",
        "https://api.example.com/v1/users/1",
        200,
        b'{"id": 1}',
        base_url="http://testserver",
    )
    assert [e.message for e in report.errors] == [  # the base URL replaces the servers
        "https://api.example.com/v1/users/1 is under none of <openapi>'s servers (http://testserver)"
    ]


BAD = [
    (
        "testserver",
        "not a URL with a scheme and a host (https://testserver), nor a path starting with /",
    ),
    (
        "localhost:8080/v1",
        "not a URL with a scheme and a host (https://localhost:8080/v1), nor a path starting "
        "with /",
    ),
    ("http://h:0/v1", "the port '0' is not one from 1 to 65535"),
    ("http://[::1/v1", "not a URL (Invalid IPv6 URL)"),
]


@pytest.mark.parametrize(("url", "why"), BAD)
def test_a_base_url_that_can_match_nothing_is_a_value_error_as_on_the_command_line(
    app: FastAPI, tmp_path: Path, url: str, why: str
) -> None:
    with pytest.raises(ValueError) as raised:
        validator.check_response(app.openapi(), "GET", "/users/1", 200, b"{}", base_url=url)
    assert str(raised.value) == f"base_url {url!r}: {why}"
    (tmp_path / "api.json").write_text(
        '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}}'
    )
    (tmp_path / "rec.har").write_text('{"log": {"entries": []}}')
    done = run_script(
        tmp_path, "--no-config", "--openapi", "api.json", "--base-url", url, "rec.har"
    )
    assert done.returncode == 2
    assert done.stderr.strip().endswith(f"--base-url {url}: {why}")


def test_base_urls_that_are_not_strings_are_a_type_error(app: FastAPI) -> None:
    with pytest.raises(TypeError) as raised:
        validator.check_response(app.openapi(), "GET", "/users/1", 200, b"{}", base_url=[1])  # type: ignore[list-item]
    assert str(raised.value) == "base_url must be a string or strings, got int"
