"""Matching a recorded response to its documented one (validator.contracts.routes): servers,
path templates (OpenAPI's own examples and the edges the module's docstring decides), methods,
status codes and content types, with the exact results and messages."""

from __future__ import annotations

from typing import Any

import pytest

from validator.contracts.routes import Miss, Response, Router
from validator.problems import SchemaProblem

JSON = {"application/json": {"schema": {"type": "object"}}}


def _ok(operation_id: str) -> dict[str, Any]:
    return {"operationId": operation_id, "responses": {"200": {"content": JSON}}}


def _router(paths: dict[str, Any], servers: Any = None, base_urls: tuple[str, ...] = ()) -> Router:
    document: dict[str, Any] = {"openapi": "3.1.0", "paths": paths}
    if servers is not None:
        document["servers"] = servers
    return Router(document, "api.json", base_urls)


def _name(router: Router, method: str, url: str) -> str | Miss:
    found = router.operation(method, url)
    return found if isinstance(found, Miss) else found[0].name


def _parameters(router: Router, method: str, url: str) -> dict[str, str]:
    found = router.operation(method, url)
    assert not isinstance(found, Miss), found
    return found[1]


# --- paths: OpenAPI's path templating examples ---------------------------------------------

PETS = {"/pets/{petId}": {"get": _ok("getPet")}, "/pets/mine": {"get": _ok("myPets")}}


def test_a_concrete_path_is_matched_before_its_templated_counterpart() -> None:
    # OpenAPI 3.x, "Path Templating Matching": /pets/mine before /pets/{petId}
    router = _router(PETS)
    assert _name(router, "GET", "/pets/mine") == "myPets"
    assert _name(router, "GET", "/pets/7") == "getPet"
    assert _parameters(router, "GET", "/pets/7") == {"petId": "7"}
    # the same whatever the document's order
    assert _name(_router(dict(reversed(PETS.items()))), "GET", "/pets/mine") == "myPets"


def test_the_ambiguous_example_is_resolved_by_the_earlier_literal_segment() -> None:
    # OpenAPI's "/{entity}/me" and "/books/{id}": ambiguous there, decided here (documented)
    router = _router({"/{entity}/me": {"get": _ok("me")}, "/books/{id}": {"get": _ok("book")}})
    assert _name(router, "GET", "/books/me") == "book"
    assert _name(router, "GET", "/users/me") == "me"
    assert _parameters(router, "GET", "/users/me") == {"entity": "users"}


def test_fewer_template_segments_win() -> None:
    router = _router({"/{a}/{b}": {"get": _ok("two")}, "/{a}/x": {"get": _ok("one")}})
    assert _name(router, "GET", "/q/x") == "one"
    assert _name(router, "GET", "/q/y") == "two"


def test_a_segment_mixing_text_and_parameters() -> None:
    router = _router(
        {
            "/reports/{id}": {"get": _ok("report")},
            "/reports/{id}.json": {"get": _ok("reportJson")},
            "/files/{name}.{ext}": {"get": _ok("file")},
        }
    )
    assert _name(router, "GET", "/reports/7.json") == "reportJson"
    assert _parameters(router, "GET", "/reports/7.json") == {"id": "7"}
    assert _name(router, "GET", "/reports/.json") == "report"  # a parameter is never empty
    assert _parameters(router, "GET", "/files/a.b.c") == {"name": "a", "ext": "b.c"}
    assert isinstance(router.operation("GET", "/files/abc"), Miss)


def test_a_parameter_takes_one_non_empty_segment() -> None:
    router = _router({"/users/{id}": {"get": _ok("user")}})
    assert _parameters(router, "GET", "/users/%C3%A9t%C3%A9") == {"id": "été"}
    for url in ("/users/", "/users", "/users/1/2", "/users//"):
        assert router.operation("GET", url) == Miss(
            "endpoint", f"no path of api.json matches GET {url} (it has /users/{{id}})"
        ), url


def test_an_encoded_slash_stays_inside_its_segment() -> None:
    router = _router({"/files/{name}": {"get": _ok("file")}, "/files/a/b": {"get": _ok("ab")}})
    assert _parameters(router, "GET", "/files/a%2Fb") == {"name": "a/b"}
    assert _name(router, "GET", "/files/a/b") == "ab"
    assert _name(router, "GET", "/files/a%2fb") == "file"


def test_segments_are_compared_percent_decoded() -> None:
    router = _router({"/caf\u00e9/{id}": {"get": _ok("cafe")}, "/a b": {"get": _ok("space")}})
    assert _name(router, "GET", "/caf%C3%A9/1") == "cafe"
    assert _name(router, "GET", "/a%20b") == "space"


def test_a_trailing_slash_is_significant() -> None:
    router = _router({"/users": {"get": _ok("list")}, "/teams/": {"get": _ok("teams")}})
    assert _name(router, "GET", "/users") == "list"
    assert router.operation("GET", "/users/") == Miss(
        "endpoint", "no path of api.json matches GET /users/ (it has /users, /teams/)"
    )
    assert _name(router, "GET", "/teams/") == "teams"
    assert isinstance(router.operation("GET", "/teams"), Miss)


def test_the_query_string_and_the_fragment_are_ignored() -> None:
    router = _router(PETS)
    assert _name(router, "GET", "https://x.test/pets/mine?limit=1&x=/y#top") == "myPets"
    assert _parameters(router, "GET", "/pets/3?petId=4") == {"petId": "3"}


def test_the_answer_kept_for_a_path_serves_its_other_queries_and_not_other_urls() -> None:
    router = _router(PETS, [{"url": "https://x.test"}])
    for query in ("", "?a=1", "?b=2#c"):
        assert _parameters(router, "GET", f"https://x.test/pets/3{query}") == {"petId": "3"}
    assert _parameters(router, "GET", "https://x.test/pets/4?a=1") == {"petId": "4"}
    assert _name(router, "POST", "https://x.test/pets/3?a=1") == Miss(
        "endpoint",
        "api.json documents no POST /pets/{petId} (the path of POST /pets/3 has only GET)",
    )
    for url in ("https://y.test/pets/3?a=1", "https://y.test/pets/3?b=2"):  # each its own words
        found = router.operation("GET", url)
        assert isinstance(found, Miss) and found.kind == "outside" and url in found.message


def test_a_path_item_given_by_ref_is_followed() -> None:
    document = {
        "openapi": "3.1.0",
        "paths": {"/items/{id}": {"$ref": "#/components/pathItems/Item"}, "/x": {"$ref": "y.json"}},
        "components": {"pathItems": {"Item": {"get": _ok("getItem")}}},
    }
    router = Router(document, "api.json")
    found = router.operation("GET", "/items/1")
    assert not isinstance(found, Miss)
    assert found[0].pointer == "/components/pathItems/Item/get"
    assert [slot.pointer for slot in router.documented()] == [
        "/components/pathItems/Item/get/responses/200/content/application~1json/schema"
    ]
    assert router.operation("GET", "/x") == Miss(
        "endpoint",
        "api.json documents no GET /x (its path item is a $ref to another file ('y.json'): not "
        "followed)",
    )


# --- methods ---------------------------------------------------------------------------------


def test_the_method_in_any_case_and_the_best_path_that_has_it() -> None:
    router = _router(
        {"/users/me": {"get": _ok("me")}, "/users/{id}": {"get": _ok("u"), "delete": _ok("del")}}
    )
    assert _name(router, "get", "/users/me") == "me"
    assert _name(router, "DELETE", "/users/me") == "del"
    assert router.operation("POST", "/users/me") == Miss(
        "endpoint", "api.json documents no POST /users/me (the path of POST /users/me has only GET)"
    )


def test_head_and_options_only_when_documented() -> None:
    router = _router({"/a": {"get": _ok("a")}, "/b": {"get": _ok("b"), "head": _ok("headB")}})
    assert router.operation("HEAD", "/a") == Miss(
        "endpoint", "api.json documents no HEAD /a (the path of HEAD /a has only GET)"
    )
    assert _name(router, "HEAD", "/b") == "headB"
    assert router.operation("OPTIONS", "/b") == Miss(
        "endpoint", "api.json documents no OPTIONS /b (the path of OPTIONS /b has only GET, HEAD)"
    )
    assert isinstance(router.operation("PROPFIND", "/a"), Miss)


# --- servers ---------------------------------------------------------------------------------

GIGANTIC = [
    {"url": "https://development.gigantic-server.com/v1"},
    {"url": "https://staging.gigantic-server.com/v1"},
    {"url": "https://api.gigantic-server.com/v1"},
]


def test_several_servers_any_of_them() -> None:
    router = _router(PETS, GIGANTIC)
    for host in ("development", "staging", "api"):
        assert _name(router, "GET", f"https://{host}.gigantic-server.com/v1/pets/mine") == "myPets"
    assert router.operation("GET", "https://cdn.test/v1/pets/mine") == Miss(
        "outside",
        "https://cdn.test/v1/pets/mine is under none of api.json's servers "
        "(https://development.gigantic-server.com/v1, https://staging.gigantic-server.com/v1, "
        "https://api.gigantic-server.com/v1)",
    )
    assert isinstance(router.operation("GET", "https://api.gigantic-server.com/v2/pets/1"), Miss)
    assert _name(router, "GET", "/v1/pets/1") == "getPet"  # a path alone: any host


def test_server_variables_take_their_defaults() -> None:
    servers = [
        {
            "url": "https://{username}.gigantic-server.com:{port}/{basePath}",
            "variables": {
                "username": {"default": "demo"},
                "port": {"enum": ["8443", "443"], "default": "8443"},
                "basePath": {"default": "v2"},
            },
        }
    ]
    router = _router(PETS, servers)
    assert _name(router, "GET", "https://demo.gigantic-server.com:8443/v2/pets/1") == "getPet"
    assert _name(router, "GET", "https://DEMO.Gigantic-Server.com:8443/v2/pets/1") == "getPet"
    assert isinstance(router.operation("GET", "https://demo.gigantic-server.com/v2/pets/1"), Miss)
    assert isinstance(router.operation("GET", "https://other.gigantic-server.com:8443/v2/x"), Miss)


def test_default_ports_equal_none_and_the_scheme_must_match() -> None:
    router = _router(PETS, [{"url": "https://api.test/"}, {"url": "http://plain.test:80"}])
    assert _name(router, "GET", "https://api.test:443/pets/1") == "getPet"
    assert _name(router, "GET", "http://plain.test/pets/1") == "getPet"
    assert router.operation("GET", "http://api.test/pets/1").kind == "outside"  # type: ignore[union-attr]
    assert router.operation("GET", "https://api.test:8443/pets/1").kind == "outside"  # type: ignore[union-attr]


def test_a_relative_server_is_a_base_path_on_any_host() -> None:
    router = _router(PETS, [{"url": "/api/v1"}])
    assert _name(router, "GET", "https://anything.test/api/v1/pets/1") == "getPet"
    assert _name(router, "GET", "/api/v1/pets/mine") == "myPets"
    assert isinstance(router.operation("GET", "/api/v10/pets/1"), Miss)  # segment by segment
    assert isinstance(router.operation("GET", "/pets/1"), Miss)


def test_no_servers_is_the_root_and_base_urls_replace_the_servers() -> None:
    assert _name(_router(PETS), "GET", "https://any.test/pets/1") == "getPet"
    router = _router(PETS, GIGANTIC, ("http://localhost:8000/api",))
    assert _name(router, "GET", "http://LOCALHOST:8000/api/pets/1") == "getPet"
    assert router.operation("GET", "https://api.gigantic-server.com/v1/pets/1") == Miss(
        "outside",
        "https://api.gigantic-server.com/v1/pets/1 is under none of api.json's servers "
        "(http://localhost:8000/api)",
    )


def test_the_servers_own_url_is_the_path_slash() -> None:
    router = _router({"/": {"get": _ok("root")}}, [{"url": "https://api.test/v1"}])
    assert _name(router, "GET", "https://api.test/v1") == "root"
    assert _name(router, "GET", "https://api.test/v1/") == "root"


def test_the_longest_server_path_first_then_the_others() -> None:
    paths = {"/v1/health": {"get": _ok("rootHealth")}, "/users": {"get": _ok("users")}}
    router = _router(paths, [{"url": "/"}, {"url": "/v1"}])
    assert _name(router, "GET", "/v1/users") == "users"
    assert _name(router, "GET", "/v1/health") == "rootHealth"


def test_a_url_that_is_not_one() -> None:
    assert _router(PETS).operation("GET", "http://[::1/x") == Miss(
        "outside", "'http://[::1/x' is not a URL"
    )
    assert _router(PETS).operation("GET", "http://h.test:99999/x").kind == "outside"  # type: ignore[union-attr]


# --- status codes ----------------------------------------------------------------------------


def _operation(router: Router, method: str = "GET", url: str = "/a") -> Any:
    found = router.operation(method, url)
    assert not isinstance(found, Miss), found
    return found[0]


RESPONSES = {
    "200": {"content": JSON},
    "4xx": {"content": {"application/problem+json": {"schema": {}}}},
    "default": {"$ref": "#/components/responses/Error"},
}
ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/E"}}}}


def _statuses() -> Router:
    document = {
        "openapi": "3.1.0",
        "paths": {
            "/a": {"get": {"operationId": "getA", "responses": RESPONSES}},
            "/b": {"delete": {"operationId": "delB", "responses": {"204": {"description": ""}}}},
        },
        "components": {"responses": {"Error": ERROR}, "schemas": {"E": {}}},
    }
    return Router(document, "api.json")


def test_the_exact_code_then_its_range_then_default() -> None:
    router = _statuses()
    get_a = _operation(router)
    assert router.response(get_a, 200, "application/json") == Response(
        get_a,
        "200",
        "application/json",
        "/paths/~1a/get/responses/200/content/application~1json/schema",
        "getA 200 application/json",
    )
    found = router.response(get_a, 404, "application/problem+json")
    assert isinstance(found, Response) and (found.key, found.name) == (
        "4xx",
        "getA 4xx application/problem+json",
    )
    found = router.response(get_a, 503, "application/json")
    assert isinstance(found, Response)
    assert found.pointer == "/components/responses/Error/content/application~1json/schema"
    assert found.name == "getA default application/json"


def test_a_status_no_key_covers() -> None:
    router = _statuses()
    del_b = _operation(router, "DELETE", "/b")
    assert router.response(del_b, 200, "application/json") == Miss(
        "status", "api.json: delB documents no 200 response (it has 204)"
    )
    assert router.response(del_b, 0, "") == Miss(
        "status", "api.json: delB: status 0 is no HTTP status (it has 204)"
    )
    assert router.response(del_b, 204, "") == Response(del_b, "204", None, None, "delB 204")


# --- content types ---------------------------------------------------------------------------


def _content(*types: str) -> Router:
    content = {t: {"schema": {}} for t in types}
    get = {"operationId": "getA", "responses": {"200": {"content": content}}}
    return _router({"/a": {"get": get}})


def _media(router: Router, content_type: str) -> str | Miss | None:
    found = router.response(_operation(router), 200, content_type)
    return found if isinstance(found, Miss) else found.media_type


def test_parameters_are_ignored_and_case_does_not_matter() -> None:
    router = _content("application/json", "text/plain")
    assert _media(router, "application/json; charset=utf-8") == "application/json"
    assert _media(router, "Application/JSON") == "application/json"
    assert _media(router, "text/plain;charset=ISO-8859-1") == "text/plain"
    assert _media(router, "text/html; charset=utf-8") == Miss(
        "media-type",
        "api.json: getA response 200 documents no text/html body (it has application/json, "
        "text/plain)",
    )
    assert _media(router, "text/html") == Miss(
        "media-type",
        "api.json: getA response 200 documents no text/html body (it has application/json, "
        "text/plain)",
    )


def test_the_exact_type_then_the_most_specific_range() -> None:
    router = _content("*/*", "application/*", "application/*+json", "application/json")
    assert _media(router, "application/json") == "application/json"
    assert _media(router, "application/vnd.api+json") == "application/*+json"
    assert _media(router, "application/xml") == "application/*"
    assert _media(router, "text/html") == "*/*"
    assert _media(_content("text/*"), "image/png") == Miss(
        "media-type", "api.json: getA response 200 documents no image/png body (it has text/*)"
    )


def test_no_content_type_recorded() -> None:
    assert _media(_content("application/json", "text/plain"), "") == "application/json"
    assert _media(_content("text/plain"), "") == "text/plain"
    assert _media(_content("application/json", "application/x+json"), "") == Miss(
        "media-type",
        "api.json: getA response 200: the response has no Content-Type, and several are "
        "documented (it has application/json, application/x+json)",
    )


def test_a_media_type_without_schema_has_no_pointer() -> None:
    get = {"responses": {"200": {"content": {"text/csv": {}}}}}
    router = _router({"/a": {"get": get}})
    found = router.response(_operation(router), 200, "text/csv")
    assert isinstance(found, Response) and (found.pointer, found.name) == (
        None,
        "GET /a 200 text/csv",
    )


# --- the documented slots and the document's errors ------------------------------------------


def test_every_documented_slot_in_document_order() -> None:
    assert [(s.name, s.pointer) for s in _statuses().documented()] == [
        (
            "getA 200 application/json",
            "/paths/~1a/get/responses/200/content/application~1json/schema",
        ),
        (
            "getA 4xx application/problem+json",
            "/paths/~1a/get/responses/4xx/content/application~1problem+json/schema",
        ),
        (
            "getA default application/json",
            "/components/responses/Error/content/application~1json/schema",
        ),
        ("delB 204", None),
    ]


def test_a_response_ref_that_leads_nowhere_stops_only_that_response() -> None:
    responses = {"200": {"content": JSON}, "500": {"$ref": "#/components/responses/Nope"}}
    router = _router({"/a": {"get": {"operationId": "getA", "responses": responses}}})
    assert [(s.name, s.media_type) for s in router.documented()] == [
        ("getA 200 application/json", "application/json"),
        ("getA 500", None),
    ]
    assert isinstance(router.response(_operation(router), 200, "application/json"), Response)
    assert router.response(_operation(router), 500, "application/json") == Miss(
        "status",
        "api.json: the response's $ref '#/components/responses/Nope': the file has no "
        "'components' in # (it has openapi, paths) (getA response 500)",
    )


def test_two_operations_of_one_id_are_the_documents_error() -> None:
    with pytest.raises(SchemaProblem) as raised:
        _router({"/a": {"get": _ok("same")}, "/b": {"get": _ok("same")}})
    assert str(raised.value) == (
        "api.json: operationId 'same' is used twice, by GET /a and GET /b (the document's "
        "error: operationIds are unique)"
    )


def test_the_answers_are_kept() -> None:
    router = _statuses()
    get_a = _operation(router)
    assert router.response(get_a, 404, "application/problem+json") is router.response(
        get_a, 404, "application/problem+json"
    )


def test_paths_that_are_no_object() -> None:
    router = Router({"openapi": "3.1.0", "paths": "nope"}, "api.json")
    assert router.documented() == []
    assert router.operation("GET", "/a") == Miss(
        "endpoint", "no path of api.json matches GET /a (it has none)"
    )


def test_a_miss_says_the_path_under_its_server_as_the_templates_are() -> None:
    servers = [{"url": "https://api.test/api/v1"}, {"url": "https://api.test/"}]
    router = _router({"/users/{id}": {"delete": _ok("drop")}}, servers)
    assert router.operation("GET", "https://api.test/api/v1/users") == Miss(
        "endpoint",
        "no path of api.json matches GET /users (/api/v1/users under https://api.test/api/v1; "
        "it has /users/{id})",
    )
    assert router.operation("GET", "https://api.test/api/v1/users/a%2Fb") == Miss(
        "endpoint",
        "api.json documents no GET /users/{id} (the path of GET /users/a%2Fb has only DELETE "
        "(/api/v1/users/a%2Fb under https://api.test/api/v1))",
    )
    assert router.operation("GET", "https://api.test/api/v1") == Miss(
        "endpoint",
        "no path of api.json matches GET / (/api/v1 under https://api.test/api/v1; it has "
        "/users/{id})",
    )
    assert router.operation("GET", "https://api.test/other") == Miss(  # a server without a path
        "endpoint", "no path of api.json matches GET /other (it has /users/{id})"
    )
    router = _router({"/api/v1/things": {"delete": _ok("drop")}}, servers)
    assert router.operation("GET", "https://api.test/api/v1/things") == Miss(
        "endpoint",  # found under the server "/": said as under it
        "api.json documents no GET /api/v1/things (the path of GET /api/v1/things has only DELETE)",
    )
