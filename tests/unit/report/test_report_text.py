"""The text report's grouped summary and colour, and the json report's ``groups``."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report.base import Reporter, ReportOptions
from validator.report.json import JsonReporter
from validator.report.text import SHOWN_GROUPS, TextReporter


def enum(value: str, line: int) -> Problem:
    return Problem(
        "/status",
        "/properties/status/$ref/enum",
        f'"{value}" is not one of "pending", "failed"',
        "enum",
        line=line,
        column=11,
        shape='<value> is not one of "pending", "failed"',
    )


MISSING = Problem(
    "",
    "/required",
    'missing required property "payload"',
    "required",
    line=3,
    column=1,
    shape='missing required property "payload"',
)
PARSE = Problem("", "", "not valid JSON: unterminated string", "parse", line=9, column=2)

FIRST_LINE = (
    'a.jsonl:1:11: /status: "done" is not one of "pending", "failed" [/properties/status/$ref/enum]'
)

RESULTS = [
    DocumentResult("a.jsonl", 1, Status.INVALID, (enum("done", 1),)),
    DocumentResult("a.jsonl", 2, Status.VALID),
    DocumentResult("a.jsonl", 3, Status.INVALID, (MISSING, enum("Done", 3))),
    DocumentResult("b.json", 1, Status.INVALID, (enum("x", 4),)),
    DocumentResult("c.jsonl", 9, Status.UNREADABLE, (PARSE,)),
    DocumentResult("d.json", 1, Status.INVALID, (enum("y", 2),)),
]


def run(reporter: Reporter, results: list[DocumentResult]) -> None:
    summary = Summary()
    for result in results:
        summary.add(result)
        reporter.document(result)
    reporter.finish(summary)


def text(results: list[DocumentResult], **options: Any) -> str:
    out = io.StringIO()
    run(TextReporter(out, ReportOptions(**options)), results)
    return out.getvalue()


def test_grouped_summary_before_the_summary_line() -> None:
    lines = text(RESULTS).splitlines()
    assert lines[0] == FIRST_LINE
    start = lines.index("")
    assert lines[start:] == [
        "",
        "Failures by kind, most frequent first (3 kinds in 5 failed documents):",
        '  [/properties/status/$ref/enum] <value> is not one of "pending", "failed"',
        "    4 documents: a.jsonl:1, a.jsonl:3, b.json:4 and 1 more",
        '  [/required] missing required property "payload"',
        "    1 document: a.jsonl:3",
        "  [parse] not valid JSON: unterminated string",
        "    1 document: c.jsonl:9",
        "6 documents: 1 valid, 4 invalid, 1 unreadable",
    ]


def test_no_grouped_summary_for_one_failed_document() -> None:
    assert text(RESULTS[:2]).splitlines() == [
        FIRST_LINE,
        "2 documents: 1 valid, 1 invalid, 0 unreadable",
    ]


def test_quiet_has_no_grouped_summary() -> None:
    assert text(RESULTS, quiet=True) == "6 documents: 1 valid, 4 invalid, 1 unreadable\n"


def test_at_most_shown_groups_are_listed() -> None:
    results = [
        DocumentResult(
            f"{n}.json", 1, Status.INVALID, (Problem("", f"/k{n}", "x", "k", line=1, column=1),)
        )
        for n in range(SHOWN_GROUPS + 2)
    ]
    lines = text(results).splitlines()
    assert lines[-2] == "  ... and 2 more kinds (--format json lists all)"
    assert lines[-1] == "12 documents: 0 valid, 12 invalid, 0 unreadable"
    assert sum(line.startswith("  [/k") for line in lines) == SHOWN_GROUPS


def test_colour_only_when_asked() -> None:
    plain = text(RESULTS)
    assert "\x1b[" not in plain
    coloured = text(RESULTS, color=True)
    assert "\x1b[1mFailures by kind" in coloured
    assert (
        coloured.splitlines()[-1] == "\x1b[31m6 documents: 1 valid, 4 invalid, 1 unreadable\x1b[0m"
    )
    assert (
        coloured.replace("\x1b[31m", "")
        .replace("\x1b[33m", "")
        .replace("\x1b[1m", "")
        .replace("\x1b[2m", "")
        .replace("\x1b[0m", "")
        == plain
    )


HOSTILE = [
    DocumentResult(
        f"x\x1b[2J\u202e{n}.json",
        1,
        Status.INVALID,
        (
            Problem(
                "/\n::error file=README.md::forged",
                "/##[stop-commands]x",
                '"\x1b]52;c;Y2xpcA==\x07" is not one of "ok"',
                "enum",
                line=1,
                column=2,
                shape="<value> is not one of",
            ),
        ),
    )
    for n in range(2)
]


def test_untrusted_text_is_shown_as_escapes_coloured_or_not() -> None:
    """Only the report's own colour codes reach the terminal: a file name's or a value's ESC,
    BEL, line break or bidi override is shown as an escape; ``##[`` as ``##\\[``."""
    for options in ({}, {"color": True}, {"verbose": True}):
        said = text(HOSTILE, **options)
        own = re.sub("\x1b\\[(?:0|1|2|31|32|33)m", "", said)
        assert re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]", own) is None
        assert "##[" not in said
        assert "x\\x1b[2J\\u202e0.json:1:2: " in own
        assert '/\\n::error file=README.md::forged: "\\x1b]52;c;Y2xpcA==\\x07"' in own
        assert "[/##\\[stop-commands]x]" in own


def test_json_summary_groups() -> None:
    out = io.StringIO()
    run(JsonReporter(out, ReportOptions()), RESULTS)
    report = json.loads(out.getvalue())
    assert len(report["documents"]) == 6
    summary = report["summary"]
    assert summary["exit_code"] == 3
    assert summary["groups"] == [
        {
            "keyword": "enum",
            "keywordLocation": "/properties/status/$ref/enum",
            "message": '<value> is not one of "pending", "failed"',
            "documents": 4,
            "examples": [
                {"source": "a.jsonl", "line": 1},
                {"source": "a.jsonl", "line": 3},
                {"source": "b.json", "line": 4},
            ],
        },
        {
            "keyword": "required",
            "keywordLocation": "/required",
            "message": 'missing required property "payload"',
            "documents": 1,
            "examples": [{"source": "a.jsonl", "line": 3}],
        },
        {
            "keyword": "parse",
            "keywordLocation": "",
            "message": "not valid JSON: unterminated string",
            "documents": 1,
            "examples": [{"source": "c.jsonl", "line": 9}],
        },
    ]


def test_json_groups_even_when_quiet_or_valid() -> None:
    out = io.StringIO()
    run(JsonReporter(out, ReportOptions(quiet=True)), RESULTS)
    report = json.loads(out.getvalue())
    assert report["documents"] == []
    assert [g["documents"] for g in report["summary"]["groups"]] == [4, 1, 1]
    out = io.StringIO()
    run(JsonReporter(out, ReportOptions()), [DocumentResult("ok.json", 1, Status.VALID)])
    assert json.loads(out.getvalue())["summary"]["groups"] == []


def test_a_documents_warning_lines_are_its_warnings_two_parts_joined() -> None:
    """The one-write path (:func:`warning_lines`) says what :func:`warning_line` says of each
    warning: placed or not, on a later line of JSON Lines, a recording's, several, hostile."""
    from validator.problems import RECORDING, UNDECLARED
    from validator.report.text import warning_line, warning_lines

    def undeclared(pointer: str, line: int | None, column: int | None) -> Problem:
        return Problem(pointer, "", "undeclared property 'x'", UNDECLARED, None, line, column)

    recording = Problem("", "", "no operation\x1b[2J ##[add-mask]", RECORDING, None, 7, 3)
    cases = [
        DocumentResult("a.json", 1, Status.VALID, warnings=(undeclared("/x", 2, 5),)),
        DocumentResult("a.jsonl", 9, Status.VALID, warnings=(undeclared("", None, None),)),
        DocumentResult("a.jsonl", 1, Status.VALID, warnings=(undeclared("/\u202e", None, None),)),
        DocumentResult("r.har", 7, Status.INVALID, warnings=(recording,)),
        DocumentResult("b\x07.json", 1, Status.VALID, warnings=(undeclared("/a", 1, 2),) * 2),
        DocumentResult("::error::c.json", 1, Status.VALID, warnings=(undeclared("/a", 1, 2),)),
        DocumentResult("d.json", 1, Status.VALID, warnings=(undeclared("/##[x\x1b", 3, 4),)),
    ]
    for result in cases:
        parts = (warning_line(result, w) for w in result.warnings)
        assert warning_lines(result) == "".join(f"{where}: {what}\n" for where, what in parts)
    assert warning_lines(cases[0]) == "a.json:2:5: warning: /x: undeclared property 'x'\n"
    assert warning_lines(cases[5]).startswith(":\\:error::c.json:1:2: warning: /a: ")
    assert warning_lines(cases[6]).startswith("d.json:3:4: warning: /##\\[x\\x1b: ")
