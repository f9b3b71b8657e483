"""validator.check_response and validator.testing.assert_response: one response checked against
its OpenAPI document, with a real FastAPI app and its TestClient, and requests' and httpx's own
response objects (duck-typed: validator/ imports none of them)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests
from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.testclient import TestClient
from pydantic import BaseModel

import validator
from validator import traffic
from validator.problems import INPUT, Status
from validator.testing import assert_response


class User(BaseModel):
    id: int
    name: str


def _app() -> FastAPI:
    app = FastAPI()

    @app.get("/users/me", responses={200: {"model": User}})
    def me() -> Any:
        return JSONResponse({"id": 0, "name": "me"})

    @app.get("/users/{user_id}", responses={200: {"model": User}, 404: {"description": "none"}})
    def get_user(user_id: int) -> Any:
        if user_id == 7:
            return JSONResponse({"id": "7", "name": 3})
        if user_id == 8:
            return PlainTextResponse("oops", status_code=500)
        if user_id == 9:
            return Response("{not json", media_type="application/json")
        if user_id == 10:
            return Response(status_code=404)
        return JSONResponse({"id": user_id, "name": "u"})

    queued = {202: {"description": "queued"}}

    @app.post("/users/{user_id}/ping", status_code=202, response_class=Response, responses=queued)
    def ping(user_id: int) -> Any:
        return Response(b"{}" if user_id == 1 else b"", status_code=202)

    return app


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return _app()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


def _failure(spec: Any, response: Any) -> str:
    with pytest.raises(AssertionError) as raised:
        assert_response(spec, response)
    return str(raised.value)


GET_USER = "get_user_users__user_id__get"


def test_valid_responses_of_a_real_app_pass(app: FastAPI, client: TestClient) -> None:
    spec = app.openapi()
    for url in ("/users/me", "/users/1", "/users/x"):  # /users/x: FastAPI's documented 422
        report = assert_response(spec, client.get(url))
        assert (report.valid, report.errors, report.source) == (
            True,
            (),
            f"GET http://testserver{url}",
        )
    assert assert_response(spec, client.post("/users/2/ping")).valid  # 202 without content


def test_a_body_against_its_schema(app: FastAPI, client: TestClient) -> None:
    assert _failure(app.openapi(), client.get("/users/7")) == (
        "GET http://testserver/users/7: invalid (2 errors)\n"
        '  1:7: /id: expected integer, got string "7" [/$ref/$ref/properties/id/type]\n'
        "  1:18: /name: expected string, got integer 3 [/$ref/$ref/properties/name/type]"
    )


def test_an_undocumented_status_and_endpoint(app: FastAPI, client: TestClient) -> None:
    spec = app.openapi()
    assert _failure(spec, client.get("/users/8")) == (
        "GET http://testserver/users/8: invalid (1 error)\n"
        f"  <openapi>: {GET_USER} documents no 500 response (it has 200, 404, 422)"
    )
    assert _failure(spec, client.get("/nope")) == (
        "GET http://testserver/nope: invalid (1 error)\n"
        "  no path of <openapi> matches GET /nope (it has /users/me, /users/{user_id}, "
        "/users/{user_id}/ping)"
    )
    assert _failure(spec, client.post("/users/me")) == (
        "POST http://testserver/users/me: invalid (1 error)\n"
        "  <openapi> documents no POST /users/me (the path of POST /users/me has only GET)"
    )


def test_bodies_that_are_not_what_is_documented(app: FastAPI, client: TestClient) -> None:
    spec = app.openapi()
    assert _failure(spec, client.get("/users/9")) == (
        "GET http://testserver/users/9: invalid (1 error)\n"
        "  1:2: the body is not JSON where application/json is documented: expected a "
        'string key, found "n"'
    )
    assert _failure(spec, client.post("/users/1/ping")) == (
        "POST http://testserver/users/1/ping: invalid (1 error)\n"
        "  a body where ping_users__user_id__ping_post 202 documents none"
    )
    report = validator.check_response(spec, "GET", "/users/1", 200, b"", content_type="")
    assert [e.message for e in report.errors] == [
        f"an empty body where {GET_USER} 200 application/json documents a schema"
    ]
    assert [e.keyword for e in report.errors] == ["empty-body"]
    assert assert_response(spec, client.get("/users/10")).valid  # 404 without content: empty


SPEC = {
    "openapi": "3.0.3",
    "servers": [{"url": "https://api.test/v1"}],
    "paths": {
        "/notes/{id}": {
            "get": {
                "operationId": "getNote",
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/N"}},
                            "text/plain": {"schema": {"type": "string"}},
                        }
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {"N": {"type": "object", "properties": {"text": {"type": "string"}}}}
    },
}
NOTE = "https://api.test/v1/notes/1"


def test_a_charset_named_decodes_the_body_and_none_is_guessed() -> None:
    body = json.dumps({"text": "d\u00e9j\u00e0"}, ensure_ascii=False).encode("latin-1")
    latin = "application/json; charset=ISO-8859-1"
    assert validator.check_response(SPEC, "GET", NOTE, 200, body, content_type=latin).valid
    report = validator.check_response(SPEC, "GET", NOTE, 200, body, content_type="application/json")
    assert (report.status, [e.message for e in report.errors]) == (
        Status.UNREADABLE,
        ["the body is not 'utf-8' text (byte 0xE9 at body offset 11)"],
    )
    report = validator.check_response(
        SPEC, "GET", NOTE, 200, body, content_type="application/json; charset=nope"
    )
    assert [(e.keyword, e.message) for e in report.errors] == [
        (INPUT, "the charset 'nope' of the content type is not one Python knows")
    ]


def test_headers_in_any_form_and_other_types_left_unchecked() -> None:
    pairs = [("X-Other", "1"), ("content-TYPE", "application/json")]
    report = validator.check_response(SPEC, "get", NOTE, 200, '{"text": 1}', headers=pairs)
    assert [e.message for e in report.errors] == ["expected string, got integer 1"]
    text = {"Content-Type": "text/plain"}
    assert validator.check_response(SPEC, "GET", NOTE, 200, "not JSON", headers=text).valid
    report = validator.check_response(SPEC, "GET", "https://cdn.test/x.js", 200, "", headers=text)
    assert [e.message for e in report.errors] == [
        "https://cdn.test/x.js is under none of <openapi>'s servers (https://api.test/v1)"
    ]


def test_the_document_is_loaded_and_compiled_once_while_its_file_stays_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("api.json").write_text(json.dumps(SPEC))
    first = traffic.spec_of("api.json")
    assert traffic.spec_of(tmp_path / "api.json") is first
    assert traffic.spec_of(SPEC) is traffic.spec_of(json.loads(json.dumps(SPEC)))
    pointer = "/paths/~1notes~1{id}/get/responses/200/content/application~1json/schema"
    assert first.engine(pointer) is first.engine(pointer)
    good = validator.check_response(
        "api.json", "GET", NOTE, 200, '{"text": "a"}', content_type="application/json"
    )
    assert good.valid
    changed = json.loads(json.dumps(SPEC))
    changed["components"]["schemas"]["N"]["properties"]["text"] = {"type": "integer"}
    Path("api.json").write_text(json.dumps(changed, indent=1))  # another size
    os.utime("api.json", ns=(1, 1))
    assert traffic.spec_of("api.json") is not first
    again = validator.check_response(
        "api.json", "GET", NOTE, 200, '{"text": "a"}', content_type="application/json"
    )
    assert [e.message for e in again.errors] == ['expected integer, got string "a"']


def test_a_document_that_cannot_be_used(tmp_path: Path) -> None:
    for spec, message in (
        ({"type": "object"}, '<openapi> is not an OpenAPI document (it has no "openapi": "3.x")'),
        (
            tmp_path / "nope.json",
            f"{tmp_path / 'nope.json'}: cannot read schema: No such file or directory",
        ),
    ):
        with pytest.raises(validator.SchemaProblem) as raised:
            validator.check_response(spec, "GET", "/", 200, "")
        assert str(raised.value) == message


def test_requests_and_httpx_responses_duck_typed() -> None:
    made = requests.Response()
    made.status_code, made._content, made.url = 200, b'{"text": 2}', NOTE
    made.headers["Content-Type"] = "application/json"
    made.request = requests.Request("GET", NOTE).prepare()
    assert _failure(SPEC, made) == (
        f"GET {NOTE}: invalid (1 error)\n"
        "  1:10: /text: expected string, got integer 2 [/$ref/$ref/properties/text/type]"
    )
    sent = httpx.Response(200, json={"text": "a"}, request=httpx.Request("GET", f"{NOTE}?x=1"))
    assert assert_response(SPEC, sent).source == f"GET {NOTE}?x=1"
    for response, lacks in (
        (httpx.Response(200, json={}), "request.method, url"),
        (object(), "request.method, url, status_code"),
    ):
        with pytest.raises(TypeError) as raised:
            assert_response(SPEC, response)
        assert str(raised.value) == (
            f"{type(response).__name__} is not a response object that assert_response knows "
            f"(it has no {lacks}): give check_response() the parts instead"
        )


def test_a_status_is_an_int_or_three_digits_and_anything_else_is_named() -> None:
    json_type = {"content_type": "application/json"}
    assert validator.check_response(SPEC, "GET", NOTE, "200", '{"text": "a"}', **json_type).valid
    wanted = 'status must be an int or a string of three digits (200 or "200"), got '
    for status, error, said in (
        ("2xx", ValueError, "'2xx'"),
        ("20", ValueError, "'20'"),
        (" 200", ValueError, "' 200'"),
        ("\u0662\u0660\u0660", ValueError, "'\u0662\u0660\u0660'"),  # digits, not ASCII ones
        (200.0, TypeError, "float"),
        (True, TypeError, "bool"),
        (None, TypeError, "NoneType"),
    ):
        with pytest.raises(error) as raised:
            validator.check_response(SPEC, "GET", NOTE, status, b"{}", **json_type)  # type: ignore[arg-type]
        assert str(raised.value) == wanted + said
    with pytest.raises(TypeError) as raised:
        validator.check_response(SPEC, "GET", None, 200, b"{}")  # type: ignore[arg-type]
    assert str(raised.value) == "url must be a string, got NoneType"


def test_a_body_that_is_not_checked_is_not_decoded_either() -> None:
    text = {"content_type": "text/plain"}
    assert validator.check_response(SPEC, "GET", NOTE, 200, b"\xff\xfe", **text).valid
    odd = {"content_type": "text/plain; charset=nope"}
    assert validator.check_response(SPEC, "GET", NOTE, 200, b"\xff\xfe", **odd).valid
    report = validator.check_response(
        SPEC, "GET", NOTE, 200, b"\xff\xfe", content_type="application/json"
    )
    assert [e.message for e in report.errors] == [
        "the body is not 'utf-8' text (byte 0xFF at body offset 0)"
    ]


def test_a_body_where_none_is_documented_need_not_be_text(app: FastAPI) -> None:
    report = validator.check_response(app.openapi(), "POST", "/users/1/ping", 202, b"\xff")
    assert [e.message for e in report.errors] == [
        "a body where ping_users__user_id__ping_post 202 documents none"
    ]


def test_an_empty_url_is_said_to_be_empty() -> None:
    assert str(validator.check_response(SPEC, "GET", "", 200, b"{}")) == (
        'GET "": invalid (1 error)\n  the URL "" is empty: give the URL the request was sent to'
    )


def test_a_streamed_response_not_read_is_named_and_left_alone() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        chunks = iter([b'{"text": ', b'"a"}'])  # a stream, read only when asked
        return httpx.Response(200, content=chunks, headers={"Content-Type": "application/json"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with client, client.stream("GET", NOTE) as response:
        with pytest.raises(ValueError) as raised:
            assert_response(SPEC, response)
        assert str(raised.value) == (
            "the response is streamed and its body was not read: call response.read() "
            "(await response.aread()) before assert_response"
        )
        response.read()
        assert assert_response(SPEC, response).valid
