"""``casefile-validate --openapi SPEC recording.har``: each recorded response checked against the
response its operation documents, end to end through the installed console script (exact exit
codes, lines and positions in the HAR file), on the command line and in a config."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.console import run_script

API = "https://api.example.com/v1"


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "users", "version": "1"},
    "servers": [{"url": API}],
    "paths": {
        "/users/{id}": {
            "get": {
                "operationId": "getUser",
                "responses": {
                    "200": {
                        "description": "one",
                        "content": _json({"$ref": "#/components/schemas/User"}),
                    },
                    "404": {"description": "none", "content": _json({"type": "object"})},
                },
            },
            "delete": {"operationId": "deleteUser", "responses": {"204": {"description": "gone"}}},
        },
        "/users/me": {
            "get": {
                "operationId": "getMe",
                "responses": {
                    "200": {
                        "description": "me",
                        "content": _json({"$ref": "#/components/schemas/User"}),
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "User": {
                "type": "object",
                "required": ["id", "status"],
                "properties": {
                    "id": {"type": "string"},
                    "status": {"enum": ["active", "failed"]},
                },
            }
        }
    },
}


def _entry(
    method: str, url: str, status: int, body: str | None, mime: str = "application/json"
) -> dict[str, Any]:
    content: dict[str, Any] = {"size": len(body or ""), "mimeType": mime}
    if body is not None:
        content["text"] = body
    return {
        "startedDateTime": "2026-12-06T10:00:00.000Z",
        "time": 1,
        "request": {"method": method, "url": url, "httpVersion": "HTTP/1.1", "headers": []},
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": "HTTP/1.1",
            "headers": [{"name": "Content-Type", "value": mime}],
            "content": content,
        },
    }


def _har(*entries: dict[str, Any], indent: int | None = 2) -> str:
    log = {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": list(entries)}
    return json.dumps({"log": log}, indent=indent)


def _place(text: str, body: str, nth: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of the opening quote of the ``nth`` string ``body`` in ``text``."""
    needle = '"text": ' + json.dumps(body)
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += len('"text": ')
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    return tmp_path


GOOD = '{"id": "u1", "status": "active"}'
BAD = '{"id": 5, "status": "active"}'


def test_each_response_is_checked_against_its_operation(folder: Path) -> None:
    text = _har(
        _entry("GET", f"{API}/users/u1", 200, GOOD),
        _entry("GET", f"{API}/users/me?x=1", 200, BAD),
        _entry("DELETE", f"{API}/users/u1", 204, ""),
        _entry("GET", f"{API}/users/u2", 404, "{}"),
    )
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "rec.har")
    line, column = _place(text, BAD)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[0] == (
        f"rec.har:{line}:{column}: /id: expected string, got integer 5 (entries[1], body 1:8) "
        "[/$ref/$ref/properties/id/type]"
    )
    assert done.stdout.splitlines()[-1] == "4 documents: 3 valid, 1 invalid, 0 unreadable"


def test_entries_outside_the_api_aborted_or_preflight_are_skipped_and_counted(folder: Path) -> None:
    text = _har(
        _entry("GET", "https://cdn.example.com/app.js", 200, "x", "text/javascript"),
        _entry("GET", f"{API}/users/u1", 0, None),
        _entry("OPTIONS", f"{API}/users/u1", 204, ""),
        _entry("GET", f"{API}/users/u1", 304, ""),
        _entry("GET", f"{API}/users/u1", 302, ""),
        _entry("GET", f"{API}/users/u1", 101, ""),
        _entry("GET", f"{API}/users/u1", 200, GOOD),
    )
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "rec.har")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1:] == [
        "1 document: 1 valid, 0 invalid, 0 unreadable; 6 entries skipped (1 304 Not Modified not "
        "documented, 1 CORS preflight (OPTIONS not documented), 1 aborted (status 0), 1 outside "
        "the API's base URLs, 1 protocol switch (101), 1 redirect not documented)"
    ]


def test_the_recordings_own_problems(folder: Path) -> None:
    text = _har(
        _entry("GET", f"{API}/orders/1", 200, "{}"),
        _entry("GET", f"{API}/users/u1", 500, "{}"),
        _entry("GET", f"{API}/users/u1", 200, "<html>", "text/html"),
        _entry("GET", f"{API}/users/u1", 200, "{oops"),
        _entry("GET", f"{API}/users/u1", 200, ""),
        _entry("DELETE", f"{API}/users/u1", 204, "{}"),
    )
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "rec.har")
    places = [_place(text, body, nth) for body, nth in (("{}", 0), ("{}", 1), ("<html>", 0))]
    places += [_place(text, body) for body in ("{oops", "")] + [_place(text, "{}", 2)]
    assert (done.returncode, done.stderr) == (1, "")
    said = [
        "no path of api.json matches GET /orders/1 (/v1/orders/1 under https://api.example.com/v1; "
        "it has /users/{id}, /users/me) (entries[0])",
        "api.json: getUser documents no 500 response (it has 200, 404) (entries[1])",
        "api.json: getUser response 200 documents no text/html body (it has application/json) "
        "(entries[2])",
        "the body is not JSON where application/json is documented: expected a string key, found "
        '"o" (entries[3], body 1:2)',
        "an empty body where getUser 200 application/json documents a schema (entries[4])",
        "a body where deleteUser 204 documents none (entries[5])",
    ]
    expected = [
        f"rec.har:{line}:{column}: {what}"
        for (line, column), what in zip(places, said, strict=True)
    ]
    assert done.stdout.splitlines()[:6] == expected
    assert done.stdout.splitlines()[-1] == "6 documents: 0 valid, 6 invalid, 0 unreadable"


def undocumented() -> str:
    """A recording of an undocumented endpoint, an undocumented status and a valid response."""
    return _har(
        _entry("GET", f"{API}/orders/1", 200, "{}"),
        _entry("GET", f"{API}/users/u1", 500, "{}"),
        _entry("GET", f"{API}/users/u1", 200, GOOD),
    )


def warned(text: str, source: str) -> list[str]:
    """The lines of :func:`undocumented`'s two warnings (``--undocumented warning``)."""
    first, second = _place(text, "{}"), _place(text, "{}", 1)
    return [
        f"{source}:{first[0]}:{first[1]}: warning: no path of api.json matches GET /orders/1 "
        "(/v1/orders/1 under https://api.example.com/v1; it has /users/{id}, /users/me) "
        "(entries[0])",
        f"{source}:{second[0]}:{second[1]}: warning: api.json: getUser documents no 500 "
        "response (it has 200, 404) (entries[1])",
    ]


def test_undocumented_endpoints_and_statuses_can_be_warnings(folder: Path) -> None:
    text = undocumented()
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "--undocumented", "warning", "rec.har")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[:2] == warned(text, "rec.har")
    assert (
        done.stdout.splitlines()[-1] == "3 documents: 3 valid, 0 invalid, 0 unreadable; 2 warnings"
    )
    done = run_script(folder, "--openapi", "api.json", "rec.har")  # errors by default
    assert done.returncode == 1


def test_the_json_report_has_the_entry_and_the_place_in_the_body(folder: Path) -> None:
    text = _har(_entry("GET", f"{API}/users/u1", 200, BAD))
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "--format", "json", "rec.har")
    assert done.returncode == 1
    document = json.loads(done.stdout)["documents"][0]
    line, column = _place(text, BAD)
    assert document["entry"] == {
        "index": 0,
        "method": "GET",
        "url": f"{API}/users/u1",
        "status": 200,
        "line": line,
        "column": column,
    }
    assert document["schema"] == "getUser 200 application/json"
    error = document["errors"][0]
    assert (error["line"], error["column"], error["bodyLine"], error["bodyColumn"]) == (
        line,
        column,
        1,
        8,
    )


def test_github_annotations_point_at_the_body_in_the_har_file(folder: Path) -> None:
    text = _har(_entry("GET", f"{API}/users/u1", 200, BAD))
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "--format", "github", "rec.har")
    line, column = _place(text, BAD)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith(f"::error file=rec.har,line={line},col={column},")
    assert "(entries[0], body 1:8)" in done.stdout.splitlines()[0]


def test_a_config_check_of_recordings_and_a_folder_of_them(folder: Path) -> None:
    (folder / "traffic").mkdir()
    (folder / "traffic" / "a.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    (folder / "traffic" / "b.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, BAD)))
    (folder / "traffic" / "notes.json").write_text("{}")
    (folder / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["traffic/*.har"]\nopenapi = "api.json"\n'
    )
    done = run_script(folder)
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    done = run_script(folder, "--no-config", "--openapi", "api.json", "traffic")
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"


def test_a_file_that_is_not_a_har_is_unreadable_and_the_others_are_checked(folder: Path) -> None:
    (folder / "a.har").write_text("{not json")
    (folder / "b.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, BAD)))
    done = run_script(folder, "--openapi", "api.json", "a.har", "b.har", "nope.har")
    assert (done.returncode, done.stderr) == (3, "")
    assert done.stdout.splitlines()[:3] == [
        "a.har:1:2: not a HAR file: expected a member name in the top object",
        "b.har:31:21: /id: expected string, got integer 5 (entries[0], body 1:8) "
        "[/$ref/$ref/properties/id/type]",
        "nope.har: no such file or directory",
    ]


def test_without_inputs_or_with_schema_it_is_a_usage_error(folder: Path) -> None:
    done = run_script(folder, "--openapi", "api.json")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-validate: --openapi api.json without --operation checks recordings: name the "
        "HAR files (or folders of them), or the operation that payload documents answer with "
        "--operation\n"
    )
    done = run_script(folder, "--openapi", "api.json", "--schema", "x.json", "rec.har")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-validate: --openapi and --schema contradict each other: give one\n"
    )
    done = run_script(folder, "--openapi", "api.json", "--status", "200", "rec.har")
    assert (done.returncode, done.stderr) == (
        2,
        "casefile-validate: --status and --media-type need --operation OPERATION\n",
    )


def test_workers_give_the_same_report(folder: Path) -> None:
    (folder / "traffic").mkdir()
    for number in range(6):
        body = GOOD if number % 2 else BAD
        text = _har(_entry("GET", f"{API}/users/u{number}", 200, body), indent=None)
        (folder / "traffic" / f"r{number}.har").write_text(text)
    alone = run_script(folder, "--openapi", "api.json", "--jobs", "1", "-v", "traffic")
    shared = run_script(folder, "--openapi", "api.json", "--jobs", "2", "-v", "traffic")
    assert (alone.returncode, alone.stderr) == (1, "")
    assert (shared.returncode, shared.stdout) == (1, alone.stdout)
    column = _place((folder / "traffic" / "r0.har").read_text(), BAD)[1]
    assert alone.stdout.splitlines()[:3] == [
        f"traffic/r0.har:1:{column}: entries[0] GET {API}/users/u0 200: invalid, 1 problem "
        "(schema getUser 200 application/json)",
        f"traffic/r0.har:1:{column}: /id: expected string, got integer 5 (entries[0], body 1:8) "
        "[/$ref/$ref/properties/id/type]",
        f"traffic/r1.har:1:{column}: entries[0] GET {API}/users/u1 200: valid "
        "(schema getUser 200 application/json)",
    ]


def test_bodies_are_decoded_or_skipped_as_the_recording_says(folder: Path) -> None:
    import base64

    coded = _entry("GET", f"{API}/users/u1", 200, base64.b64encode(BAD.encode()).decode())
    coded["response"]["content"]["encoding"] = "base64"
    left_out = _entry("GET", f"{API}/users/u1", 200, None)
    left_out["response"]["content"]["size"] = 30
    broken = _entry("GET", f"{API}/users/u1", 200, "%%%")
    broken["response"]["content"]["encoding"] = "base64"
    text = _har(coded, left_out, broken)
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "rec.har")
    assert (done.returncode, done.stderr) == (3, "")
    lines = done.stdout.splitlines()
    line, column = _place(text, base64.b64encode(BAD.encode()).decode())
    assert lines[0] == (
        f"rec.har:{line}:{column}: /id: expected string, got integer 5 (entries[0], body 1:8) "
        "[/$ref/$ref/properties/id/type]"
    )
    line, column = _place(text, "%%%")
    assert lines[1].startswith(f"rec.har:{line}:{column}: ")
    assert lines[1].endswith(" (entries[2])")
    assert lines[-1] == (
        "2 documents: 0 valid, 1 invalid, 1 unreadable; 1 entry skipped (1 body not recorded)"
    )


def test_a_payload_given_as_a_recording_is_told_about_operation(folder: Path) -> None:
    (folder / "user.json").write_text(GOOD)
    done = run_script(folder, "--openapi", "api.json", "user.json")
    assert (done.returncode, done.stderr) == (2, "")  # only payloads: the run was misused
    said = (
        'user.json:1:1: not a HAR file: no "log" in the object (a payload document? name the '
        "operation it answers with --operation: getUser, deleteUser, getMe)"
    )
    assert done.stdout.splitlines()[0] == said
    (folder / "rec.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    done = run_script(folder, "--openapi", "api.json", "rec.har", "user.json")
    assert (done.returncode, done.stderr) == (3, "")  # a recording too: one unreadable input
    assert said in done.stdout.splitlines()
    assert "2 documents: 1 valid, 0 invalid, 1 unreadable" in done.stdout
    (folder / "broken.json").write_text("[1, 2]")
    done = run_script(folder, "--openapi", "api.json", "broken.json", "user.json")
    assert done.returncode == 3  # an input that is no payload either: unreadable, as before


def test_coverage_of_the_responses_and_of_their_schemas(folder: Path) -> None:
    text = _har(
        _entry("GET", f"{API}/users/u1", 200, GOOD),
        _entry("GET", f"{API}/users/u2", 200, BAD),
    )
    (folder / "rec.har").write_text(text)
    (folder / "more.har").write_text(text)
    for jobs in ("1", "2"):
        done = run_script(
            folder, "--openapi", "api.json", "--coverage", "--jobs", jobs, "rec.har", "more.har"
        )
        assert (done.returncode, done.stderr) == (1, "")
        tail = done.stdout.splitlines()[-10:-1]
        assert tail == [
            "By schema:",
            "  getUser 200 application/json: 4 documents: 2 valid, 2 invalid, 0 unreadable",
            "Never exercised by the 2 valid documents of schema getUser 200 application/json:",
            '  /status: enum values never seen: "failed"',
            "Coverage of api.json: 1 of 4 documented responses seen (25.0%)",
            "  Never seen (3), biggest gaps first:",
            "    deleteUser 204 (no response of the operation seen)",
            "    getMe 200 application/json (no response of the operation seen)",
            "    getUser 404 application/json",
        ], done.stdout
    (folder / ".casefile-validate.toml").write_text(
        'min-coverage = 50\n[[checks]]\nfiles = ["*.har"]\nopenapi = "api.json"\n'
    )
    (folder / "more.har").unlink()
    (folder / "rec.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    done = run_script(folder)  # every response valid, but too few documented ones seen
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-2:] == [
        "coverage 25.0% of documented responses is below --min-coverage 50",
        "1 document: 1 valid, 0 invalid, 0 unreadable",
    ]


def test_a_body_of_a_documented_type_that_is_not_json_is_not_checked(folder: Path) -> None:
    spec = json.loads(json.dumps(SPEC))
    content = spec["paths"]["/users/{id}"]["get"]["responses"]["200"]["content"]
    content["text/csv"] = {"schema": {"type": "string"}}
    (folder / "api.json").write_text(json.dumps(spec))
    text = _har(_entry("GET", f"{API}/users/u1", 200, "id,status\nu1,active", "text/csv"))
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "rec.har")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == "1 document: 1 valid, 0 invalid, 0 unreadable"


def test_the_json_report_places_a_warning_in_the_body_too(folder: Path) -> None:
    body = '{"id": 5,\n "status": "active", "nmae": 1}'
    text = _har(_entry("GET", f"{API}/users/u1", 200, body))
    (folder / "rec.har").write_text(text)
    done = run_script(folder, "--openapi", "api.json", "--format", "json", "rec.har")
    assert done.returncode == 1
    document = json.loads(done.stdout)["documents"][0]
    line, column = _place(text, body)
    [error], [warning] = document["errors"], document["warnings"]
    assert (error["line"], error["column"], error["bodyLine"], error["bodyColumn"]) == (
        line,
        column,
        1,
        8,
    )
    assert (warning["line"], warning["column"], warning["bodyLine"], warning["bodyColumn"]) == (
        line,
        column,
        2,
        22,
    )
