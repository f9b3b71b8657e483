"""The pytest plugin judges the responses of a real FastAPI app's TestClient as the command line
judges the same responses recorded in a HAR: skipped ones (an undocumented 304, a redirect, a
CORS preflight) with its reasons and never counted as having seen ``default``, the coverage
shown as its text report shows it, the document's servers replaced by ``--casefile-base-url``
(or the ini key ``casefile_base_url``) as by ``--base-url``, and ``casefile_openapi`` read
relative to the ini file's folder whatever ``--rootdir`` says."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_check_response_as_cli import _entry
from tests.console import run_script

SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "users", "version": "1"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "paths": {
        "/users/{id}": {
            "get": {
                "operationId": "getUser",
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["id"],
                                    "properties": {"id": {"type": "string"}},
                                }
                            }
                        },
                    },
                    "default": {"description": "", "content": {"application/json": {"schema": {}}}},
                },
            }
        },
        "/health": {"get": {"operationId": "health", "responses": {"204": {"description": ""}}}},
    },
}
TESTS = """
from fastapi import FastAPI, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.testclient import TestClient

app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"])


@app.get("/users/{user_id}")
def get_user(user_id: int):
    if user_id == 304:
        return Response(status_code=304)
    if user_id == 302:
        return RedirectResponse("/users/1", status_code=302)
    return JSONResponse({"id": str(user_id)})


client = TestClient(app)


def test_users():
    assert client.get("/users/1").status_code == 200
    assert client.get("/users/304").status_code == 304
    assert client.get("/users/302", follow_redirects=False).status_code == 302
    preflight = {"Origin": "https://app.test", "Access-Control-Request-Method": "GET"}
    assert client.options("/users/1", headers=preflight).status_code == 200
"""
SKIPPED = (
    "3 responses skipped (1 304 Not Modified not documented, 1 CORS preflight (OPTIONS not "
    "documented), 1 redirect not documented)"
)
COVERAGE = [
    "Coverage of openapi.json: 1 of 3 documented responses seen (33.3%)",
    "  Never seen (2), biggest gaps first:",
    "    health 204 (no response of the operation seen)",
    "    getUser default application/json",
]


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.defpath, "HOME": str(folder), "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=folder, env=env, timeout=120)


def _section(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if "casefile-validator: recorded" in line)
    end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith(("=", "1 passed")))
    return lines[start + 1 : end]


def _project(folder: Path) -> None:
    (folder / "openapi.json").write_text(json.dumps(SPEC))
    (folder / "test_service.py").write_text(TESTS)


@pytest.mark.parametrize("workers", [(), ("-n", "2")])
def test_responses_the_cli_skips_are_skipped_and_see_no_default(
    tmp_path: Path, workers: tuple[str, ...]
) -> None:
    _project(tmp_path)
    base = ("--casefile-base-url", "http://testserver")
    done = _run(tmp_path, *workers, "--casefile-openapi", "openapi.json", *base)
    assert done.returncode == 0, done.stdout + done.stderr
    assert _section(done.stdout) == [
        "4 responses checked against openapi.json: 0 failed",
        SKIPPED,
        *COVERAGE,
    ]


def test_the_command_line_says_the_same_of_the_same_responses(tmp_path: Path) -> None:
    _project(tmp_path)
    users = "http://testserver/users"
    entries = [
        _entry("GET", f"{users}/1", 200, '{"id":"1"}', "application/json"),
        _entry("GET", f"{users}/304", 304, "", ""),
        _entry("GET", f"{users}/302", 302, "", ""),
        _entry("OPTIONS", f"{users}/1", 200, "", ""),
    ]
    log = {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": entries}
    (tmp_path / "rec.har").write_text(json.dumps({"log": log}))
    args = ("--no-config", "--openapi", "openapi.json", "--base-url", "http://testserver")
    done = run_script(tmp_path, *args, "rec.har")
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert lines[-len(COVERAGE) - 1 : -1] == COVERAGE
    skipped = SKIPPED.replace("3 responses skipped", "3 entries skipped")
    assert lines[-1] == f"1 document: 1 valid, 0 invalid, 0 unreadable; {skipped}"


def test_without_a_base_url_the_production_servers_take_no_test_client_url(
    tmp_path: Path,
) -> None:
    _project(tmp_path)
    done = _run(tmp_path, "--casefile-openapi", "openapi.json")
    assert done.returncode == 1, done.stdout + done.stderr
    section = _section(done.stdout)
    assert section[:3] == [
        "4 responses checked against openapi.json: 4 failed",
        "GET http://testserver/users/1: invalid (1 error) in test_service.py::test_users",
        "  http://testserver/users/1 is under none of openapi.json's servers "
        "(https://api.example.com/v1)",
    ]


def test_the_ini_file_names_the_base_urls_and_the_document_beside_it(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "api").mkdir(parents=True)
    elsewhere.mkdir()
    (project / "api" / "openapi.json").write_text(json.dumps(SPEC))
    (project / "test_service.py").write_text(TESTS)
    (project / "pytest.ini").write_text(
        "[pytest]\ncasefile_openapi = api/openapi.json\n"
        "casefile_base_url = http://other.test\n  http://testserver\n"
    )
    done = _run(project, "--rootdir", str(elsewhere), "test_service.py")
    assert done.returncode == 0, done.stdout + done.stderr
    section = _section(done.stdout)
    assert section[:2] == ["4 responses checked against api/openapi.json: 0 failed", SKIPPED]
    assert section[2] == COVERAGE[0].replace("openapi.json", "api/openapi.json")


def test_a_base_url_that_can_match_nothing_is_a_usage_error(tmp_path: Path) -> None:
    _project(tmp_path)
    done = _run(tmp_path, "--casefile-openapi", "openapi.json", "--casefile-base-url", "testserver")
    assert done.returncode == 4, done.stdout + done.stderr
    assert done.stderr.strip() == (
        "ERROR: --casefile-base-url testserver: not a URL with a scheme and a host "
        "(https://testserver), nor a path starting with /"
    )
    (tmp_path / "pytest.ini").write_text("[pytest]\ncasefile_base_url = http://h:0/v1\n")
    done = _run(tmp_path, "--casefile-openapi", "openapi.json")
    assert done.returncode == 4, done.stdout + done.stderr
    assert done.stderr.strip() == (
        "ERROR: casefile_base_url http://h:0/v1: the port '0' is not one from 1 to 65535"
    )
