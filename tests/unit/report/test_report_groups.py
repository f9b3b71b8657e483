"""The grouped summary: message shapes and the tally of failures across documents."""

from __future__ import annotations

import pytest

from validator.checking.messages import Failure, describe, describe_with_shape
from validator.problems import DocumentResult, Problem, Status
from validator.report.groups import EXAMPLES, MAX_GROUPS, PLACEHOLDER, Grouper, Place

ENUM = {"options": ["pending", "processing", "completed", "failed"]}


def worded(keyword: str, value: object, redact: bool = False, **details: object) -> tuple[str, str]:
    """(message, shape) as the check stage words them for a problem record."""
    return describe_with_shape(Failure(keyword, details, value), redact=redact)


def shape(keyword: str, value: object, redact: bool = False, **details: object) -> str:
    return worded(keyword, value, redact, **details)[1]


@pytest.mark.parametrize(
    ("keyword", "details", "values", "expected"),
    [
        (
            "enum",
            ENUM,
            ["done", "COMPLETED", 5, None, [1, "x"], {"a": "b"}, "x" * 5000],
            '<value> is not one of "pending", "processing", "completed", "failed"',
        ),
        (
            "type",
            {"types": ["integer"]},
            ["3", 'a "quoted" \\ str'],
            "expected integer, got string <value>",
        ),
        ("type", {"types": ["string"]}, [42, -1, 10**30], "expected string, got integer <value>"),
        ("type", {"types": ["string"]}, [2.5, -1e-7], "expected string, got number <value>"),
        ("type", {"types": ["string"]}, [True, False], "expected string, got boolean <value>"),
        ("format", {"format": "uuid"}, ["x", "urn:uuid:1", "…"], "<value> is not a valid uuid"),
        ("pattern", {"pattern": "^a,b$"}, ["z", "q"], '<value> does not match the pattern "^a,b$"'),
        ("minimum", {"limit": 0}, [-1, -2.5], "<value> is less than the minimum of 0"),
        ("minLength", {"limit": 3}, ["a", "bb"], "<value> is shorter than 3 characters"),
        (
            "const",
            {"expected_value": "got string x"},
            ["a", "b"],
            'expected "got string x", got string <value>',
        ),
        ("uniqueItems", {}, [[1, 1], ["a", "a", "b"]], "<value> has duplicate items"),
    ],
)
def test_one_shape_for_every_value(
    keyword: str, details: dict[str, object], values: list[object], expected: str
) -> None:
    shapes = {shape(keyword, value, **details) for value in values}
    assert shapes == {expected}
    assert {shape(keyword, value, redact=True, **details) for value in values} <= {
        expected,
        expected.replace(" <value>", ""),  # "got string" shows no value when redacted
    }


def test_schema_values_stay() -> None:
    assert shape("required", {"a": 1}, property="status") == 'missing required property "status"'


def test_members_not_allowed_are_one_kind_whichever_they_are() -> None:
    """Issue 21: a member not allowed is a problem of its own at its key; its name comes from
    the document, so two of them (in one document or in two) are one kind of failure, named in
    the messages, not in the shape."""
    assert shape("additionalProperties", {"extra": 1}, unexpected=["extra"]) == (
        f"unexpected property {PLACEHOLDER}"
    )
    assert shape("unevaluatedProperties", {"x": 1}, unexpected=["x"]) == (
        f"unexpected property {PLACEHOLDER}"
    )


def test_suggestion_is_not_part_of_the_shape() -> None:
    with_guess, guessed_shape = worded("enum", "Completed", **ENUM)
    assert with_guess.endswith('; did you mean "completed"?')
    assert guessed_shape == shape("enum", "zzz", **ENUM)


def test_cut_values_are_replaced_whole() -> None:
    for value in ["x" * 100_000, ["y" * 50] * 40, {"k": "v" * 300}, "a\\" * 60, 10**200]:
        text, text_shape = worded("enum", value, **ENUM)
        assert "…" in text
        assert text_shape == (
            f'{PLACEHOLDER} is not one of "pending", "processing", "completed", "failed"'
        )


def test_redacted_messages_have_the_same_shape() -> None:
    plain = shape("enum", "s3cr3t", **ENUM)
    assert shape("enum", "s3cr3t", redact=True, **ENUM) == plain
    assert shape("type", "s3cr3t", redact=True, types=["integer"]) == (
        "expected integer, got string"
    )


def test_alternatives() -> None:
    branch_a = (Failure("minimum", {"limit": 10}, 5),)
    branch_b = (Failure("enum", {"options": ["a"]}, 5),)
    failure = Failure("anyOf", {}, 5, branches=(branch_a, branch_b))
    assert describe_with_shape(failure) == (
        "matches none of the 2 alternatives: (1) 5 is less than the minimum of 10; "
        '(2) 5 is not one of "a"',
        "matches none of the 2 alternatives: (1) <value> is less than the minimum of 10; "
        '(2) <value> is not one of "a"',
    )
    short = Failure(
        "anyOf",
        {},
        5,
        branches=(
            (Failure("type", {"types": ["string"]}, 5),),
            (Failure("type", {"types": ["null"]}, 5),),
        ),
    )
    assert describe(short, shape=True) == "expected string or null, got integer <value>"


def test_problems_without_a_shape_are_grouped_by_their_message() -> None:
    texts = [
        "not valid JSON: unterminated string",
        'not valid JSON: expected a JSON value, found "n"',
        "no such file or directory",
        'duplicate key "status": which value counts depends on the reader',
    ]
    grouper = Grouper()
    for n, text in enumerate(texts * 2):
        grouper.add(
            DocumentResult(f"{n}.json", 1, Status.UNREADABLE, (Problem("", "", text, "parse"),))
        )
    assert [(g.message, g.documents) for g in grouper.groups()] == [(t, 2) for t in texts]


def problem(keyword: str, value: object, line: int | None = None, **details: object) -> Problem:
    text, text_shape = worded(keyword, value, **details)
    return Problem(
        "/status",
        f"/properties/status/{keyword}",
        text,
        keyword,
        line=line,
        column=1,
        shape=text_shape,
    )


def invalid(source: str, *problems: Problem, line: int = 1) -> DocumentResult:
    return DocumentResult(source, line, Status.INVALID, problems)


def test_grouper_counts_documents_most_frequent_first() -> None:
    grouper = Grouper()
    grouper.add(DocumentResult("ok.json", 1, Status.VALID))
    grouper.add(invalid("a.json", problem("type", 1, 3, types=["string"])))
    for n in range(5):
        grouper.add(invalid("b.jsonl", problem("enum", f"v{n}", n + 1, options=["x"]), line=n + 1))
    # the same kind twice in one document counts once
    grouper.add(
        invalid(
            "c.json",
            problem("enum", "a", 2, options=["x"]),
            problem("enum", "b", 9, options=["x"]),
        )
    )
    unreadable = DocumentResult(
        "d.json", 1, Status.UNREADABLE, (Problem("", "", "no such file or directory", "input"),)
    )
    grouper.add(unreadable)
    assert grouper.failed == 8
    groups = grouper.groups()
    assert [(g.keyword, g.documents) for g in groups] == [("enum", 6), ("type", 1), ("input", 1)]
    enum = groups[0]
    assert enum.message == '<value> is not one of "x"'
    assert enum.label == "/properties/status/enum"
    assert enum.examples == (Place("b.jsonl", 1), Place("b.jsonl", 2), Place("b.jsonl", 3))
    assert len(enum.examples) == EXAMPLES
    assert groups[2].label == "input"
    assert groups[2].examples == (Place("d.json", None),)


def test_grouper_keeps_at_most_max_groups() -> None:
    grouper = Grouper()
    for n in range(MAX_GROUPS + 5):
        grouper.add(invalid("a.json", Problem("", f"/k{n}", "x", f"k{n}")))
    assert len(grouper.groups()) == MAX_GROUPS
    assert grouper.untracked == 5
