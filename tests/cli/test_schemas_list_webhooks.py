"""``casefile-schemas list SPEC`` lists an OpenAPI 3.1 document's webhooks, in their own lines,
as not checked (requests the API makes); ``casefile-schemas``' ``--yaml-files`` has help of its
own (it reads no inputs and no standard input)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console import SCHEMAS, run_script

SPEC = """\
openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /users/{id}:
    get:
      operationId: getUser
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/User"}
webhooks:
  newUser:
    post:
      operationId: onNewUser
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/User"}
      responses:
        "200":
          description: ok
  userGone:
    put: {responses: {"204": {description: gone}}}
    delete: {operationId: onUserGone}
components:
  schemas:
    User:
      type: object
      properties: {id: {type: string}}
"""
HOOK = "not checked (a request the API makes, not a response it sends)"


def test_list_names_the_webhooks_as_not_checked(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(SPEC)
    done = run_script(tmp_path, "list", "api.yaml", script=SCHEMAS)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "GET /users/{id} (getUser): 200 application/json",
        f"webhook POST newUser (onNewUser): {HOOK}",
        f"webhook PUT userGone: {HOOK}",
        f"webhook DELETE userGone (onUserGone): {HOOK}",
        "components/schemas: User",
    ]
    (tmp_path / "u.json").write_text("{}")
    checked = run_script(tmp_path, "--openapi", "api.yaml", "--operation", "onNewUser", "u.json")
    assert checked.returncode == 2 and "names the webhook 'newUser' (POST)" in checked.stderr


@pytest.mark.parametrize("command", ["list", "show"])
def test_yaml_files_help_is_casefile_schemas_own(tmp_path: Path, command: str) -> None:
    done = run_script(tmp_path, command, "--help", script=SCHEMAS)
    assert done.returncode == 0
    said = " ".join(done.stdout.split())
    assert (
        "--yaml-files GLOB Read SPEC (list) or NAME (show) as YAML when GLOB matches its path, "
        "as *.yaml and *.yml are (gitignore-style; repeatable)." in said
    )
    assert "inputs" not in said and "stdin" not in said and "JSON Lines" not in said


def test_list_says_why_a_response_s_ref_is_not_followed(tmp_path: Path) -> None:
    # every unfollowed $ref read "(a $ref that leads nowhere here)", a cycle too
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      operationId: getA\n      responses:\n"
        "        '200': {$ref: '#/components/responses/R1'}\n"
        "        '202': {$ref: '#/components/responses/Nope'}\n"
        "components:\n  responses:\n"
        "    R1: {$ref: '#/components/responses/R2'}\n"
        "    R2: {$ref: '#/components/responses/R1'}\n"
    )
    done = run_script(tmp_path, "list", "api.yaml", script=SCHEMAS)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == (
        "GET /a (getA): 200 (the response's $refs go round in a cycle) | 202 (the response's "
        "$ref '#/components/responses/Nope': the file has no 'Nope' in #/components/responses "
        "(it has R1, R2))"
    )
