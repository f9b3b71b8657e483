"""The documented responses of an OpenAPI document (3.0 and 3.1) and the coverage a run's
counts give them (:mod:`validator.contracts.coverage`)."""

from __future__ import annotations

from typing import Any

import pytest

from validator.contracts.coverage import (
    Coverage,
    Row,
    coverage_of,
    documented_responses,
    percent_text,
)
from validator.problems import DocumentResult, NotASchema, Status, Summary


def _json(schema: Any) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def spec(version: str) -> dict[str, Any]:
    """Two paths, four operations: a range, ``default``, a response by ``$ref``, one without
    content, two media types, an operation without operationId."""
    note = {"type": "string", "nullable": True} if version == "3.0.3" else {"type": ["string"]}
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/users": {
                "get": {
                    "operationId": "listUsers",
                    "responses": {
                        "200": {"description": "all", "content": _json({"type": "array"})},
                        "4XX": {"$ref": "#/components/responses/Problem"},
                        "default": {"description": "other"},
                    },
                },
                "post": {
                    "responses": {
                        "201": {
                            "description": "made",
                            "content": {
                                "application/json": {"schema": {"type": "object"}},
                                "application/problem+json; charset=utf-8": {"schema": note},
                            },
                        }
                    }
                },
            },
            "/users/{id}": {
                "delete": {
                    "operationId": "deleteUser",
                    "responses": {"204": {"description": "gone"}},
                },
                "parameters": [],
            },
        },
        "components": {
            "responses": {"Problem": {"description": "p", "content": _json({"type": "object"})}}
        },
    }


NAMES = [
    "listUsers 200 application/json",
    "listUsers 4XX application/json",
    "listUsers default",
    "POST /users 201 application/json",
    "POST /users 201 application/problem+json; charset=utf-8",
    "deleteUser 204",
]


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_every_documented_response_is_one_slot_in_document_order(version: str) -> None:
    slots = documented_responses(spec(version), "api.json")
    assert [slot.name for slot in slots] == NAMES
    assert [(s.operation, s.label, s.key, s.media_type) for s in slots[1:4]] == [
        ("listUsers", "GET /users", "4XX", "application/json"),
        ("listUsers", "GET /users", "default", None),
        ("POST /users", "POST /users", "201", "application/json"),
    ]
    # a response by $ref: the pointer is where it leads
    assert slots[1].pointer == "/components/responses/Problem/content/application~1json"
    assert slots[5].pointer == "/paths/~1users~1{id}/delete/responses/204"


def test_a_response_ref_that_leads_nowhere_is_one_slot_never_seen() -> None:
    contents = spec("3.1.0")
    contents["components"]["responses"] = {}
    slots = documented_responses(contents, "api.json")
    assert [slot.name for slot in slots][1] == "listUsers 4XX"
    assert slots[1].media_type is None


def test_an_operation_id_used_twice_is_the_documents_error() -> None:
    contents = spec("3.1.0")
    contents["paths"]["/users"]["post"]["operationId"] = "listUsers"
    with pytest.raises(NotASchema, match="operationId 'listUsers' is used twice"):
        documented_responses(contents, "api.json")


def test_a_document_without_paths_documents_nothing() -> None:
    assert documented_responses({"openapi": "3.1.0"}, "x") == []
    coverage = coverage_of({"openapi": "3.1.0"}, Summary(), "x", 50)
    assert (coverage.documented, coverage.seen, coverage.percent, coverage.below) == (
        0,
        0,
        100.0,
        False,
    )


def _summary(*named: tuple[str, Status]) -> Summary:
    summary = Summary()
    for name, status in named:
        summary.add(DocumentResult("rec.har", 1, status, schema=name))
    return summary


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_the_counts_of_the_run_are_the_tables_rows(version: str) -> None:
    summary = _summary(
        (NAMES[0], Status.VALID),
        (NAMES[0], Status.INVALID),
        (NAMES[4], Status.UNREADABLE),
        ("somethingElse 200 application/json", Status.VALID),  # not documented: not a row
    )
    coverage = coverage_of(spec(version), summary, "api.json", 50)
    assert [
        (row.slot.name, row.valid, row.invalid, row.unreadable) for row in coverage.rows or ()
    ] == [
        (NAMES[0], 1, 1, 0),
        (NAMES[1], 0, 0, 0),
        (NAMES[2], 0, 0, 0),
        (NAMES[3], 0, 0, 0),
        (NAMES[4], 0, 0, 1),
        (NAMES[5], 0, 0, 0),
    ]
    assert (coverage.documented, coverage.seen) == (6, 2)
    assert percent_text(coverage.percent) == "33.3"
    assert coverage.below
    assert coverage.why() == ("coverage 33.3% of documented responses is below --min-coverage 50")
    # the biggest gaps first: the operation nothing matched, then the others in document order
    assert [row.slot.name for row in coverage.gaps()] == [NAMES[5], NAMES[1], NAMES[2], NAMES[3]]
    assert coverage.untouched() == {"deleteUser"}


def test_the_minimum_is_compared_exactly_and_the_percentage_never_rounds_up() -> None:
    rows = tuple(Row(slot) for slot in documented_responses(spec("3.1.0"), "x"))
    seen = tuple(row._replace(valid=1) if n < 4 else row for n, row in enumerate(rows))
    assert not Coverage("x", seen, 66.66).below  # 4 of 6: 66.666...%
    assert Coverage("x", seen, 66.67).below
    assert not Coverage("x", seen, None).below
    assert percent_text(200 / 3) == "66.6"
    assert percent_text(100.0) == "100.0"
    assert percent_text(0.0) == "0.0"
    assert Coverage("x", seen, 66.67).why().endswith("is below --min-coverage 66.67")


def test_a_summary_below_the_minimum_is_invalid_and_unreadable_still_wins() -> None:
    summary = _summary((NAMES[0], Status.VALID))
    assert summary.exit_code == 0
    summary.coverage = coverage_of(spec("3.1.0"), summary, "x", 50)
    assert summary.exit_code == 1
    summary.coverage = coverage_of(spec("3.1.0"), summary, "x", 10)
    assert summary.exit_code == 0
    summary.coverage = coverage_of(spec("3.1.0"), summary, "x", 50)
    summary.add(DocumentResult("rec.har", 2, Status.UNREADABLE))
    assert summary.exit_code == 3
