"""``--openapi SPEC --operation OPERATION``: a response schema named by its operation, end to end
through the installed console script (exact exit codes and lines), in the config and in the
Python API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import validator
from tests.console import SCHEMAS, run_script
from validator.problems import SchemaProblem

SESSIONS = "/casefiles/{id}/sessions"
POINTER = "#/paths/~1casefiles~1{id}~1sessions/post/responses/201/content/application~1json/schema"


def _spec(version: str) -> dict[str, Any]:
    """A small hand-written document: 3.0 says ``nullable``, 3.1 says ``type: [.., "null"]``."""
    note = (
        {"type": "string", "nullable": True}
        if version.startswith("3.0")
        else {"type": ["string", "null"]}
    )
    problem = {"type": "object", "required": ["title"], "properties": {"title": {"type": "string"}}}
    created = {"$ref": "#/components/schemas/Session"}
    return {
        "openapi": version,
        "info": {"title": "casefiles", "version": "1"},
        "paths": {
            SESSIONS: {
                "post": {
                    "operationId": "addSession",
                    "responses": {
                        "201": {"description": "made", "content": _json(created)},
                        "4XX": {"$ref": "#/components/responses/Problem"},
                        "default": {
                            "description": "other",
                            "content": {"application/problem+json": {"schema": {"type": "object"}}},
                        },
                    },
                },
                "get": {
                    "operationId": "listSessions",
                    "responses": {
                        "200": {"description": "all", "content": _json({"type": "array"})},
                        "206": {"description": "some", "content": _json({"type": "array"})},
                    },
                },
            },
            "/casefiles/{id}": {
                "delete": {
                    "operationId": "deleteCasefile",
                    "responses": {"204": {"description": "gone"}},
                },
                "get": {
                    "responses": {
                        "200": {
                            "description": "one",
                            "content": {
                                "application/json": {},
                                "text/plain": {"schema": {"type": "string"}},
                            },
                        }
                    }
                },
            },
        },
        "components": {
            "schemas": {
                "Session": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}, "note": note},
                }
            },
            "responses": {
                "Problem": {
                    "description": "bad",
                    "content": {"application/problem+json; charset=utf-8": {"schema": problem}},
                }
            },
        },
    }


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


@pytest.fixture(params=["3.0.3", "3.1.0"])
def folder(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(_spec(request.param)))
    (tmp_path / "good.json").write_text('{"id": "s1", "note": null}')
    (tmp_path / "bad.json").write_text('{"note": 3}')
    (tmp_path / "problem.json").write_text('{"title": "no"}')
    return tmp_path


def _error(tmp_path: Path, *args: str) -> str:
    """The one line of stderr of a run that must end with exit 2 and print nothing else."""
    done = run_script(tmp_path, "--no-config", *args, "good.json")
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr.rstrip("\n")


@pytest.mark.parametrize("operation", ["addSession", f"POST {SESSIONS}", f"post {SESSIONS}"])
def test_the_verdicts_are_those_of_the_pointer(folder: Path, operation: str) -> None:
    named = ("--openapi", "api.json", "--operation", operation)
    by_pointer = ("--schema", f"api.json{POINTER}")
    documents = ("good.json", "bad.json")
    done = run_script(folder, "--no-config", *named, *documents)
    same = run_script(folder, "--no-config", *by_pointer, *documents)
    assert (done.returncode, done.stdout, done.stderr) == (same.returncode, same.stdout, "")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        'bad.json:1:1: /: missing required property "id" [/$ref/$ref/required]'
    )
    assert run_script(folder, "--no-config", *named, "good.json").returncode == 0
    listed = run_script(folder, "--no-config", "-v", *named, "good.json")
    assert listed.stdout.splitlines()[0] == "good.json: valid (schema addSession 201)"


def test_a_status_is_looked_up_then_its_range_then_default(folder: Path) -> None:
    named = ("--no-config", "--openapi", "api.json", "--operation", "addSession")
    # 404: the 4XX response, given by $ref to #/components/responses/Problem (followed)
    done = run_script(folder, *named, "--status", "404", "problem.json", "good.json")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        'good.json:1:1: /: missing required property "title" [/$ref/required]'
    )
    assert run_script(folder, *named, "--status", "4xx", "problem.json").returncode == 0
    # 500: no 500, no 5XX: default (any object)
    assert run_script(folder, *named, "--status", "500", "good.json").returncode == 0
    assert run_script(folder, *named, "--status", "default", "good.json").returncode == 0


def test_the_mistakes_are_one_line_and_exit_2(folder: Path) -> None:
    spec = ("--openapi", "api.json")
    error = "casefile-validate: schema error: api.json"
    assert _error(folder, *spec, "--operation", "addSesion") == (
        f"{error}: no operation 'addSesion'; did you mean 'addSession'?"
    )
    assert _error(folder, *spec, "--operation", "POST /casefiles/{id}/session") == (
        f"{error}: no operation 'POST /casefiles/{{id}}/session'; did you mean "
        "'POST /casefiles/{id}/sessions'?"
    )
    assert _error(folder, *spec, "--operation", "somethingElseEntirely") == (
        f"{error}: no operation 'somethingElseEntirely' (it has listSessions, addSession, "
        "GET /casefiles/{id}, deleteCasefile)"
    )
    assert _error(folder, *spec, "--operation", "listSessions") == (
        f"{error}: listSessions documents several 2xx responses (200, 206): give --status"
    )
    assert _error(folder, *spec, "--operation", "deleteCasefile") == (
        f"{error}: deleteCasefile response 204 documents no body (it has no content)"
    )
    assert _error(folder, *spec, "--operation", "GET /casefiles/{id}") == (
        f"{error}: GET /casefiles/{{id}} response 200 documents no schema for application/json"
    )
    assert _error(folder, *spec, "--operation", "addSession", "--status", "2000") == (
        f"{error}: addSession: status '2000' is not a status code (give 200, 2XX or default)"
    )
    assert _error(folder, *spec, "--operation", "listSessions", "--status", "404") == (
        f"{error}: listSessions documents no 404 response (it has 200, 206)"
    )
    assert _error(folder, *spec, "--operation", "addSession", "--media-type", "text/csv") == (
        f"{error}: addSession response 201 documents no text/csv body (it has application/json)"
    )
    # without --operation: the documents are read as recordings (HAR files); a payload is not
    # one, and a run given only payloads is exit 2 (its line lists the operations)
    done = run_script(folder, "--no-config", *spec, "good.json")
    assert (done.returncode, done.stderr) == (2, "")
    assert done.stdout.splitlines()[0] == (
        'good.json:1:1: not a HAR file: no "log" in the object (a payload document? name the '
        "operation it answers with --operation: listSessions, addSession, GET /casefiles/{id}, "
        "deleteCasefile)"
    )


def test_the_media_type_can_be_named(folder: Path) -> None:
    named = ("--no-config", "--openapi", "api.json", "--operation", "GET /casefiles/{id}")
    done = run_script(folder, *named, "--media-type", "text/plain; charset=utf-8", "good.json")
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("good.json:1:1: /: expected string, got object")


def test_the_options_that_contradict_are_usage_errors(folder: Path) -> None:
    spec = ("--openapi", "api.json", "--operation", "addSession")
    assert _error(folder, *spec, "--schema", "x.json") == (
        "casefile-validate: --openapi and --schema contradict each other: give one"
    )
    assert _error(folder, "--operation", "addSession") == (
        "casefile-validate: --operation needs --openapi SPEC (the document it is in)"
    )
    assert _error(folder, "--status", "200") == (
        "casefile-validate: --status needs --openapi SPEC --operation OPERATION"
    )


def _document(tmp_path: Path, contents: dict[str, Any]) -> None:
    (tmp_path / "api.json").write_text(json.dumps(contents))
    (tmp_path / "good.json").write_text("{}")


def test_the_documents_own_mistakes(tmp_path: Path) -> None:
    twice = _spec("3.0.3")
    twice["paths"]["/casefiles/{id}"]["delete"]["operationId"] = "addSession"
    _document(tmp_path, twice)
    assert _error(tmp_path, "--openapi", "api.json", "--operation", "addSession") == (
        "casefile-validate: schema error: api.json: operationId 'addSession' is used twice, by "
        "POST /casefiles/{id}/sessions and DELETE /casefiles/{id} (the document's error: "
        "operationIds are unique)"
    )
    _document(tmp_path, {"swagger": "2.0", "paths": {}})
    assert _error(tmp_path, "--openapi", "api.json", "--operation", "x") == (
        "casefile-validate: schema error: api.json is a Swagger 2.0 (OpenAPI 2.0) document: "
        "only OpenAPI 3.0 and 3.1 documents are supported"
    )
    _document(tmp_path, {"type": "object"})
    assert _error(tmp_path, "--openapi", "api.json", "--operation", "x") == (
        "casefile-validate: schema error: api.json is not an OpenAPI document (it has no "
        '"openapi": "3.x")'
    )


def test_a_config_check_names_an_operation(folder: Path) -> None:
    config = folder / ".casefile-validate.toml"
    config.write_text(
        '[[checks]]\nfiles = ["good.json", "bad.json"]\nopenapi = "api.json"\n'
        f'operation = "POST {SESSIONS}"\nstatus = 201\n'
    )
    done = run_script(folder, "-v")
    assert done.returncode == 1, done.stderr
    assert "good.json: valid (schema addSession 201)" in done.stdout.splitlines()
    # without "operation": a check of recordings, whose files are read as HAR files (payloads
    # only: exit 2, the operations named)
    config.write_text('[[checks]]\nfiles = ["good.json"]\nopenapi = "api.json"\n')
    done = run_script(folder)
    assert (done.returncode, done.stderr) == (2, "")
    assert done.stdout.startswith('good.json:1:1: not a HAR file: no "log" in the object')
    config.write_text('[[checks]]\nfiles = ["good.json"]\nopenapi = "api.json"\nstatus = 201\n')
    done = run_script(folder)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        'casefile-validate: config error: .casefile-validate.toml:4:1: check 1: "status" needs '
        '"operation"\n'
    )
    config.write_text(
        '[[checks]]\nfiles = ["good.json"]\nopenapi = "api.json"\noperation = "addSesion"\n'
    )
    done = run_script(folder)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:4:1: check 1: api.json: no "
        "operation 'addSesion'; did you mean 'addSession'?\n"
    )


def test_the_python_api_names_the_same_schema(folder: Path) -> None:
    spec = folder / "api.json"
    entry = validator.operation_schema(spec, "addSession")
    assert entry == f"{spec}{POINTER}"
    assert validator.validate({"id": "s"}, entry).valid
    assert not validator.validate({"note": 3}, entry).valid
    assert validator.operation_schema(spec, "addSession", status=404).endswith(
        "/components/responses/Problem/content/application~1problem+json; charset=utf-8/schema"
    )
    with pytest.raises(SchemaProblem, match="documents several 2xx responses"):
        validator.operation_schema(spec, "listSessions")
    with pytest.raises(TypeError, match=r"give its path \(got dict; check_response takes"):
        validator.operation_schema(json.loads(spec.read_text()), "addSession")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"operation must be a string .*, got int"):
        validator.operation_schema(spec, 5)  # type: ignore[arg-type]


def test_casefile_schemas_lists_the_operations(folder: Path) -> None:
    done = run_script(folder, "list", "api.json", script=SCHEMAS)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "GET /casefiles/{id}/sessions (listSessions): 200 application/json | 206 application/json",
        "POST /casefiles/{id}/sessions (addSession): 201 application/json | 4XX "
        "application/problem+json; charset=utf-8 | default application/problem+json",
        "GET /casefiles/{id}: 200 application/json, text/plain",
        "DELETE /casefiles/{id} (deleteCasefile): 204 no body",
        "components/schemas: Session",
    ]
    (folder / "old.json").write_text('{"swagger": "2.0", "paths": {}}')
    done = run_script(folder, "list", "old.json", script=SCHEMAS)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-schemas: schema error: old.json is a Swagger 2.0 (OpenAPI 2.0) document: only "
        "OpenAPI 3.0 and 3.1 documents are supported\n"
    )


def test_a_config_reads_no_document_outside_its_folder(folder: Path) -> None:
    inner = folder / "inner"
    inner.mkdir()
    (inner / "good.json").write_text("{}")
    (inner / "link.json").symlink_to(folder / "api.json")
    for named in ("../api.json", "link.json"):
        (inner / ".casefile-validate.toml").write_text(
            f'[[checks]]\nfiles = ["good.json"]\nopenapi = "{named}"\noperation = "addSession"\n'
        )
        done = run_script(inner)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr == (
            f"casefile-validate: config error: .casefile-validate.toml:4:1: check 1: {named}: the "
            f"schema file leads outside {inner}: not read (a config's schemas must lie in its "
            "folder or in a --schema-dir)\n"
        )


@pytest.mark.parametrize(
    ("ref", "said"),
    [
        (
            "other.json#/components/responses/Problem",
            "api.json#/paths/~1casefiles~1{id}~1sessions/post/responses/4XX: the response's $ref "
            "'other.json#/components/responses/Problem' leads outside the document: not followed "
            "(only #/components/responses/... is)",
        ),
        (
            "#/components/responses/Problme",
            "api.json: the response's $ref '#/components/responses/Problme': the file has no "
            "'Problme' in #/components/responses; did you mean 'Problem'?",
        ),
        (
            "#/paths/~1casefiles~1{id}~1sessions/post/responses/4XX",
            "api.json#/paths/~1casefiles~1{id}~1sessions/post/responses/4XX: the response's $refs "
            "go round in a cycle",
        ),
    ],
)
def test_a_response_ref_is_followed_within_the_document(
    tmp_path: Path, ref: str, said: str
) -> None:
    spec = _spec("3.1.0")
    spec["paths"][SESSIONS]["post"]["responses"]["4XX"] = {"$ref": ref}
    _document(tmp_path, spec)
    named = ("--openapi", "api.json", "--operation", "addSession", "--status", "400")
    assert _error(tmp_path, *named) == f"casefile-validate: schema error: {said}"


def test_a_document_named_with_a_hash_is_refused(tmp_path: Path) -> None:
    (tmp_path / "my#api.json").write_text(json.dumps(_spec("3.0.3")))
    (tmp_path / "good.json").write_text("{}")
    assert _error(tmp_path, "--openapi", "my#api.json", "--operation", "addSession") == (
        "casefile-validate: schema error: my#api.json: an OpenAPI document named with a # "
        "(rename it)"
    )


def test_webhooks_are_not_operations_of_the_api(tmp_path: Path) -> None:
    spec = _spec("3.1.0")
    spec["webhooks"] = {"caseClosed": {"post": {"operationId": "caseClosed", "responses": {}}}}
    _document(tmp_path, spec)
    assert _error(tmp_path, "--openapi", "api.json", "--operation", "caseClosed") == (
        "casefile-validate: schema error: api.json: 'caseClosed' names the webhook 'caseClosed' "
        "(POST): a request the API makes, not a response it sends; webhooks are not checked"
    )


def test_a_yaml_document_with_integer_status_keys_names_its_operations(tmp_path: Path) -> None:
    """Most OpenAPI documents are YAML and write ``200:`` unquoted: the key is the text "200"."""
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.0.3\n"
        "info: {title: t, version: '1'}\n"
        "paths:\n"
        "  /items/{id}:\n"
        "    get:\n"
        "      operationId: getItem\n"
        "      responses:\n"
        "        200:\n"
        "          description: ok\n"
        "          content:\n"
        "            application/json:\n"
        "              schema: {type: object, properties: {id: {type: integer}}}\n"
    )
    (tmp_path / "a.json").write_text('{"id": "x"}')
    pointer = "api.yaml#/paths/~1items~1{id}/get/responses/200/content/application~1json/schema"
    named = run_script(
        tmp_path, "--no-config", "--openapi", "api.yaml", "--operation", "getItem", "a.json"
    )
    same = run_script(tmp_path, "--no-config", "--schema", pointer, "a.json")
    assert (named.returncode, named.stderr) == (1, "")
    assert named.stdout == same.stdout
    assert named.stdout.splitlines()[0] == (
        'a.json:1:8: /id: expected integer, got string "x" [/$ref/properties/id/type]'
    )


def test_a_long_chain_of_response_refs_is_not_called_a_cycle(tmp_path: Path) -> None:
    spec = _spec("3.1.0")
    responses = spec["components"].setdefault("responses", {})
    for number in range(40):  # R0 -> R1 -> ... -> R39, a response at last: no cycle
        responses[f"R{number}"] = {"$ref": f"#/components/responses/R{number + 1}"}
    responses["R40"] = {"description": "the end"}
    spec["paths"][SESSIONS]["post"]["responses"]["4XX"] = {"$ref": "#/components/responses/R0"}
    _document(tmp_path, spec)
    named = ("--openapi", "api.json", "--operation", "addSession", "--status", "400")
    assert _error(tmp_path, *named) == (
        "casefile-validate: schema error: api.json#/components/responses/R31: the response's "
        "$refs go on for more than 32 steps: not followed"
    )


def test_a_version_written_as_a_number_is_named(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text("openapi: 3.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
    said = (
        'api.yaml: "openapi": 3.0 is a number (YAML reads 3.0 unquoted so): write the version '
        'as a string, e.g. "3.0.3"'
    )
    assert _error(tmp_path, "--openapi", "api.yaml", "--operation", "x") == (
        f"casefile-validate: schema error: {said}"
    )
    (tmp_path / "api.yaml").write_text("openapi: 3.1\ninfo: {title: t, version: '1'}\n")
    assert _error(tmp_path, "--openapi", "api.yaml", "--operation", "x") == (
        'casefile-validate: schema error: api.yaml: "openapi": 3.1 is a number (YAML reads 3.1'
        ' unquoted so): write the version as a string, e.g. "3.1.0"'
    )  # it said "YAML reads 3.0 unquoted so" whatever the number
    (tmp_path / "api.yaml").write_text("openapi: 3.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
    (tmp_path / "s.json").write_text("{}")
    done = run_script(tmp_path, "--schema", "api.yaml#/components/schemas/A", "s.json")
    assert (done.returncode, done.stderr) == (2, f"casefile-validate: schema error: {said}\n")


@pytest.mark.parametrize("value", ["404.0", "true", "[201]"])
def test_a_config_status_of_another_kind_is_named(folder: Path, value: str) -> None:
    (folder / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["good.json"]\nopenapi = "api.json"\noperation = "addSession"\n'
        f"status = {value}\n"
    )
    done = run_script(folder)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        'casefile-validate: config error: .casefile-validate.toml:5:1: check 1: "status" must '
        'be a status code (201, or a string: "2XX", "default")\n'
    )


@pytest.mark.parametrize(
    ("named", "tip"),
    [
        ("DELETE /casefiles/{casefileId}", "; did you mean 'DELETE /casefiles/{id}'?"),
        ("DELETE /casefiles/cf-1", "; did you mean 'DELETE /casefiles/{id}'?"),
        ("delete /casefiles/{id}/", "; did you mean 'DELETE /casefiles/{id}'?"),
        (
            "PATCH /casefiles/{id}",
            "; /casefiles/{id} documents GET, DELETE (did you mean 'GET /casefiles/{id}'?)",
        ),
        (
            "PUT /casefiles/7/sessions",
            "; /casefiles/{id}/sessions documents GET, POST (did you mean "
            "'GET /casefiles/{id}/sessions'?)",
        ),
        # a path without its method: the operations' names were listed, no path suggested
        (
            "/casefiles/{id}",
            "; /casefiles/{id} documents GET, DELETE (did you mean 'GET /casefiles/{id}'?)",
        ),
        (
            "/casefiles/cf-1/sessions/",
            "; /casefiles/{id}/sessions documents GET, POST (did "
            "you mean 'GET /casefiles/{id}/sessions'?)",
        ),
    ],
)
def test_an_operation_named_by_its_path_is_found_by_the_path_s_shape(
    folder: Path, named: str, tip: str
) -> None:
    assert _error(folder, "--openapi", "api.json", "--operation", named) == (
        f"casefile-validate: schema error: api.json: no operation {named!r}{tip}"
    )


def test_a_missing_spec_is_said_to_be_missing(tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text("{}")
    for named in (("--operation", "x"), ()):
        assert _error(tmp_path, "--openapi", "nofile.yaml", *named) == (
            "casefile-validate: schema error: nofile.yaml: no such file"
        )  # was: "unknown schema 'nofile.yaml': not a bundled name (none) nor a file"


def test_a_range_given_where_only_its_codes_are_documented_names_them(tmp_path: Path) -> None:
    # --status 2XX where 200 and 201 are documented (and default): it checked against default,
    # the error schema, as if the operation had no success response
    ok = {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}
    error = {"description": "e", "content": {"application/json": {"schema": {"required": ["t"]}}}}
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/b": {
                "get": {
                    "operationId": "getB",
                    "responses": {"200": ok, "201": ok, "default": error},
                }
            }
        },
    }
    _document(tmp_path, spec)
    named = ("--openapi", "api.json", "--operation", "getB")
    assert _error(tmp_path, *named, "--status", "2XX") == (
        "casefile-validate: schema error: api.json: getB has no 2XX but 200, 201: give one"
    )
    assert (
        run_script(tmp_path, "--no-config", *named, "--status", "201", "good.json").returncode == 0
    )
    done = run_script(tmp_path, "--no-config", *named, "--status", "4XX", "good.json")
    assert done.returncode == 1  # no 4xx code documented: default, as the docs say
