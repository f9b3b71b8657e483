"""GitHub Actions workflow commands: exact lines and the escaping of every special character."""

from __future__ import annotations

import io

import pytest

from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.github import GithubReporter, command
from validator.report.groups import Grouper
from validator.sinks import escape_data, escape_property


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("%", "%25", "%25"),
        ("\r", "%0D", "%0D"),
        ("\n", "%0A", "%0A"),
        (":", ":", "%3A"),
        (",", ",", "%2C"),
        ("%0A", "%250A", "%250A"),  # an escape in the text itself is not decoded by the runner
        ("a::b", "a::b", "a%3A%3Ab"),
        ("x,y=z", "x,y=z", "x%2Cy=z"),
        ("\r\n::error::x", "%0D%0A::error::x", "%0D%0A%3A%3Aerror%3A%3Ax"),
        ("plain é ∑ \t", "plain é ∑ \t", "plain é ∑ \t"),
    ],
)
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def invalid(source: str, *problems: Problem, line: int = 1) -> DocumentResult:
    return DocumentResult(source, line, Status.INVALID, problems)


ENUM = Problem(
    "/status",
    "/properties/status/$ref/enum",
    '"done" is not one of "pending", "failed"',
    "enum",
    line=2,
    column=63,
)


def test_one_command_per_problem() -> None:
    assert command(invalid("examples/responses.jsonl", ENUM, line=2), ENUM) == (
        "::error file=examples/responses.jsonl,line=2,col=63,"
        "title=casefile-validate%3A enum at /status::"
        '"done" is not one of "pending", "failed" [/properties/status/$ref/enum]'
    )


def test_every_special_character_in_message_title_and_file() -> None:
    nasty = Problem(
        "/a,b/c:d",
        "/properties/a,b/type",
        'got "100%\r\n::warning::x, y: z"',
        "type",
        line=1,
        column=5,
    )
    line = command(invalid("dir,1/we:ird%\n.json", nasty), nasty)
    assert line == (
        "::error file=dir%2C1/we%3Aird%25%0A.json,line=1,col=5,"
        "title=casefile-validate%3A type at /a%2Cb/c%3Ad::"
        'got "100%25\\r\\n::warning::x, y: z" [/properties/a,b/type]'
    )  # the message shows line breaks as escapes (one line in the log); the file is exact
    assert "\n" not in line and "\r" not in line


def test_positions_are_left_out_when_unknown() -> None:
    missing = Problem("", "", "no such file or directory", "input")
    result = DocumentResult("gone.json", 1, Status.UNREADABLE, (missing,))
    assert command(result, missing) == (
        "::error file=gone.json,title=casefile-validate%3A input::no such file or directory"
    )
    # no column known: the document's line only
    unplaced = Problem("/x", "/required", 'missing required property "x"', "required")
    assert command(invalid("a.jsonl", unplaced, line=7), unplaced) == (
        "::error file=a.jsonl,line=7,title=casefile-validate%3A required at /x::"
        'missing required property "x" [/required]'
    )


def test_stdin_has_no_file_and_leads_with_the_position() -> None:
    parse = Problem("", "", "not valid JSON: unterminated string", "parse", line=3, column=9)
    result = DocumentResult("<stdin>", 3, Status.UNREADABLE, (parse,))
    assert command(result, parse) == (
        "::error title=casefile-validate%3A parse::<stdin>:3:9: not valid JSON: unterminated string"
    )


def test_leading_dot_slash_is_dropped() -> None:
    assert command(invalid("./././a.json", ENUM), ENUM).startswith("::error file=a.json,line=2,")


def test_reporter_prints_nothing_for_valid_documents_and_ends_with_the_summary() -> None:
    out = io.StringIO()
    reporter = GithubReporter(out, ReportOptions())
    summary = Summary()
    for result in (DocumentResult("ok.json", 1, Status.VALID), invalid("bad.json", ENUM)):
        summary.add(result)
        reporter.document(result)
    reporter.finish(summary)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error file=bad.json,line=2,col=63,")
    assert lines[1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    assert lines[2] == (
        "::notice title=casefile-validate::2 documents: 1 valid, 1 invalid, 0 unreadable; "
        "1 kind of failure"
    )


def test_quiet_keeps_only_the_summary() -> None:
    out = io.StringIO()
    reporter = GithubReporter(out, ReportOptions(quiet=True))
    summary = Summary()
    result = invalid("bad.json", ENUM)
    summary.add(result)
    reporter.document(result)
    reporter.finish(summary)
    assert out.getvalue() == "1 document: 0 valid, 1 invalid, 0 unreadable\n"


def _type_error(line: int) -> Problem:
    return Problem(
        "/x",
        "/properties/x/type",
        f'expected integer, got string "{line}"',
        "type",
        line=line,
        column=6,
        shape="expected integer, got string <value>",
    )


MISSING = Problem("", "/required", 'missing required property "x"', "required", line=1, column=1)
UNDECLARED = Problem("/y", "", "undeclared property", "undeclared", line=1, column=2)


def test_several_schemas_sharing_a_kind_each_show_their_first_and_are_counted_apart() -> None:
    """The same failure (keyword, location, shape) under two schemas is two kinds: each schema's
    first annotation of it comes as it is met, every later one at the end in the order met;
    the closing notice counts the kinds of failure as the grouped summary does, warnings
    aside."""
    a1 = DocumentResult("a1.json", 1, Status.INVALID, (_type_error(2),), "A")
    a2 = DocumentResult("a2.json", 1, Status.INVALID, (_type_error(3),), "A")
    b1 = DocumentResult("b1.json", 1, Status.INVALID, (_type_error(4),), "B")
    b2 = DocumentResult("b2.json", 1, Status.INVALID, (_type_error(5), MISSING), "B")
    warned = DocumentResult("w.json", 1, Status.VALID, (), "A", (UNDECLARED,))
    a3 = DocumentResult("a3.json", 1, Status.INVALID, (MISSING, _type_error(6)), "A")
    results = (a1, a2, b1, b2, warned, a3)
    out = io.StringIO()
    reporter = GithubReporter(out, ReportOptions(schemas=("A", "B")))
    summary = Summary()
    grouper = Grouper()
    for result in results:
        summary.add(result)
        grouper.add(result)
        reporter.document(result)
    reporter.finish(summary)

    def error(result: DocumentResult, problem: Problem) -> str:
        return command(result, problem, schema=True)

    assert error(b1, b1.problems[0]) == (
        "::error file=b1.json,line=4,col=6,"
        "title=casefile-validate%3A type at /x (schema B)::"
        'expected integer, got string "4" [/properties/x/type]'
    )
    first = [
        error(a1, a1.problems[0]),
        error(b1, b1.problems[0]),
        error(b2, MISSING),
        command(warned, UNDECLARED, schema=True, level="warning"),
        error(a3, MISSING),
    ]
    later = [error(a2, a2.problems[0]), error(b2, b2.problems[0]), error(a3, a3.problems[1])]
    assert len(grouper.groups()) == 4
    assert out.getvalue().splitlines() == [
        *first,
        *later,
        "By schema:",
        "  A: 4 documents: 1 valid, 3 invalid, 0 unreadable",
        "  B: 2 documents: 0 valid, 2 invalid, 0 unreadable",
        "6 documents: 1 valid, 5 invalid, 0 unreadable; 1 warning",
        "::notice title=casefile-validate::6 documents: 1 valid, 5 invalid, 0 unreadable; "
        "1 warning; 4 kinds of failure",
    ]
