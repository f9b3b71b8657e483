"""The pytest plugin (validator.pytest_plugin, the ``pytest11`` entry point), for real: a test
run of its own, in a subprocess, whose tests call a FastAPI app through its TestClient (httpx2)
and a service through an httpx client; off unless given a document, it checks every response at
the end, shows the coverage of the documented responses, fails the run on a failing response,
and puts back the clients' methods it replaced."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

SPEC = {
    "openapi": "3.1.0",
    "paths": {
        "/users/{id}": {
            "get": {
                "operationId": "getUser",
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["id"],
                                    "properties": {"id": {"type": "integer"}},
                                }
                            }
                        }
                    },
                    "404": {"description": "no such user"},
                },
            }
        },
        "/health": {"get": {"operationId": "health", "responses": {"204": {"description": ""}}}},
    },
}
TESTS = """
import httpx
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

app = FastAPI()


@app.get("/users/{user_id}")
def get_user(user_id: int):
    return JSONResponse({"id": "seven"} if user_id == 7 else {"id": user_id})


client = TestClient(app)


def test_users():
    assert client.get("/users/1").status_code == 200
    assert client.get("/users/7").status_code == 200


def test_an_httpx_client():
    def handler(request):
        return httpx.Response(500, json={"oops": True})

    with httpx.Client(transport=httpx.MockTransport(handler), base_url="http://svc.test") as c:
        assert c.get("/users/2").status_code == 500
"""
CONFTEST = """
import httpx
import httpx2
import pytest

ORIGINAL = (httpx.Client.send, httpx.AsyncClient.send, httpx2.Client.send)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    now = (httpx.Client.send, httpx.AsyncClient.send, httpx2.Client.send)
    print("sends put back:", now == ORIGINAL)
"""


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.defpath, "HOME": str(folder), "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=folder, env=env, timeout=120)


def _project(folder: Path) -> None:
    (folder / "openapi.json").write_text(json.dumps(SPEC))
    (folder / "test_service.py").write_text(TESTS)
    (folder / "conftest.py").write_text(CONFTEST)


SECTION = [
    "3 responses checked against openapi.json: 2 failed",
    "GET http://testserver/users/7: invalid (1 error) in test_service.py::test_users",
    '  1:7: /id: expected integer, got string "seven" [/$ref/properties/id/type]',
    "GET http://svc.test/users/2: invalid (1 error) in test_service.py::test_an_httpx_client",
    "  openapi.json: getUser documents no 500 response (it has 200, 404)",
    "Coverage of openapi.json: 1 of 3 documented responses seen (33.3%)",
    "  Never seen (2), biggest gaps first:",
    "    health 204 (no response of the operation seen)",
    "    getUser 404",
]


def _section(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if "casefile-validator: recorded" in line)
    return lines[start + 1 : start + 1 + len(SECTION)]


def test_every_response_is_checked_at_the_end_and_a_failure_fails_the_run(tmp_path: Path) -> None:
    _project(tmp_path)
    done = _run(tmp_path, "--casefile-openapi", "openapi.json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 passed" in done.stdout
    assert _section(done.stdout) == SECTION
    assert "sends put back: True" in done.stdout


def test_the_ini_option_names_the_document_too(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "pytest.ini").write_text("[pytest]\ncasefile_openapi = openapi.json\n")
    done = _run(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert _section(done.stdout) == SECTION


def test_off_unless_given_a_document(tmp_path: Path) -> None:
    _project(tmp_path)
    done = _run(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "casefile-validator" not in done.stdout
    assert "sends put back: True" in done.stdout


MORE_TESTS = """
from test_service import client

FIRST = client.get("/users/3")  # while the tests are collected: by every xdist worker


def test_one():
    assert client.get("/users/7").status_code == 200


def test_two():
    assert client.get("/users/4").status_code == 200
"""
SEVEN = '  1:7: /id: expected integer, got string "seven" [/$ref/properties/id/type]'
BOTH = [
    "6 responses checked against openapi.json: 3 failed",
    "GET http://testserver/users/7: invalid (1 error) in test_more.py::test_one",
    SEVEN,
    *SECTION[1:],
]


def _whole_section(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    start = next(n for n, line in enumerate(lines) if "casefile-validator: recorded" in line)
    end = next(n for n in range(start + 1, len(lines)) if re.match(r"=|\d+ passed", lines[n]))
    return lines[start + 1 : end]


def test_under_xdist_the_workers_responses_are_checked_once_by_the_controller(
    tmp_path: Path,
) -> None:
    _project(tmp_path)
    (tmp_path / "test_more.py").write_text(MORE_TESTS)
    alone = _run(tmp_path, "--casefile-openapi", "openapi.json")
    assert alone.returncode == 1, alone.stdout + alone.stderr
    assert _whole_section(alone.stdout) == BOTH
    for workers in ("2", "3"):
        spread = _run(tmp_path, "-n", workers, "--casefile-openapi", "openapi.json")
        assert spread.returncode == 1, spread.stdout + spread.stderr
        assert "4 passed" in spread.stdout
        assert _whole_section(spread.stdout) == BOTH  # the same, in the tests' order
        assert "sends put back: True" in spread.stdout


def test_under_xdist_a_run_whose_responses_pass_passes(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "test_more.py").write_text(MORE_TESTS)
    done = _run(tmp_path, "-n", "2", "--casefile-openapi", "openapi.json", "-k", "test_two")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _whole_section(done.stdout)[0] == "2 responses checked against openapi.json: 0 failed"


def test_one_response_is_one(tmp_path: Path) -> None:
    _project(tmp_path)
    done = _run(tmp_path, "--casefile-openapi", "openapi.json", "-k", "httpx_client")
    assert _whole_section(done.stdout)[0] == "1 response checked against openapi.json: 1 failed"


def test_a_document_that_cannot_be_read_is_said_alone(tmp_path: Path) -> None:
    _project(tmp_path)
    for more in ((), ("-n", "2")):
        done = _run(tmp_path, *more, "--casefile-openapi", "nope.json")
        assert done.returncode == 1, done.stdout + done.stderr
        assert "2 passed" in done.stdout
        assert _whole_section(done.stdout) == [
            f"casefile-validator: {tmp_path / 'nope.json'}: cannot read schema: "
            "No such file or directory"
        ]


def test_without_xdist_the_plugin_works_the_same(tmp_path: Path) -> None:
    _project(tmp_path)  # its xdist hook is optional: unknown to pytest without xdist
    done = _run(tmp_path, "-p", "no:xdist", "--casefile-openapi", "openapi.json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert _section(done.stdout) == SECTION


HOSTILE = """
import httpx

KEY = "\\n::error file=README.md::FORGED\\r##[add-mask]S\\x1b[2J\\u2028::warning::U\\x85::notice::N"


def test_hostile():
    def handler(request):
        return httpx.Response(200, json={"id": KEY, KEY: 1})

    with httpx.Client(transport=httpx.MockTransport(handler), base_url="http://svc.test") as c:
        assert c.get("/users/2").status_code == 200
"""


def test_line_breaks_in_a_response_never_start_lines_of_the_section(tmp_path: Path) -> None:
    # the report's text was split into lines before each was escaped: a key or value holding
    # a line feed, a CR, U+2028 or U+0085 printed lines of its own choosing
    (tmp_path / "openapi.json").write_text(json.dumps(SPEC))
    (tmp_path / "test_hostile.py").write_text(HOSTILE)
    done = _run(tmp_path, "--casefile-openapi", "openapi.json")
    assert done.returncode == 1, done.stdout + done.stderr
    section = _whole_section(done.stdout)
    assert section[:2] == [
        "1 response checked against openapi.json: 1 failed",
        "GET http://svc.test/users/2: invalid (1 error, 1 warning)"
        " in test_hostile.py::test_hostile",
    ]
    assert len(section) == 8, section  # the two problems, one line each, then the coverage
    assert section[2].startswith("  1:7: /id: expected integer, got string ")
    assert section[3].startswith("  1:") and ": warning: /" in section[3]
    for line in section[2:4]:
        assert "\n" not in line and "\r" not in line and "\u2028" not in line
        assert "##[" not in line and not line.lstrip().startswith("::")
