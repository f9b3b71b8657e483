"""JUnit XML, read back with junitparser, a library CI tools use to read these reports."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from junitparser import Error, Failure, JUnitXml, TestCase, TestSuite

from tests.unit.report.report_records import MISSING, PARSE, REQUIRED, render
from validator.problems import DocumentResult, Problem, Status
from validator.report.base import ReportOptions
from validator.report.junit import JunitReporter, xml_text

FORMAT = Problem(
    "/request_id",
    "/properties/request_id/format",
    '"x<y&z" is not a valid uuid',
    "format",
    line=2,
    column=17,
    headline=True,
)

RESULTS = [
    DocumentResult("ok.json", 1, Status.VALID),
    DocumentResult("bad.json", 1, Status.INVALID, (REQUIRED, FORMAT)),
    DocumentResult("logs/day.jsonl", 4, Status.UNREADABLE, (PARSE,)),
    DocumentResult("gone.json", 1, Status.UNREADABLE, (MISSING,)),
    DocumentResult("logs/day.jsonl", 5, Status.VALID),
]


def report(results: list[DocumentResult], options: ReportOptions | None = None) -> str:
    return render(JunitReporter, results, options)


def suite_of(text: str) -> TestSuite:
    xml = JUnitXml.fromstring(text.encode("utf-8"))
    suites = list(xml)
    assert len(suites) == 1
    suite: TestSuite = suites[0]
    return suite


def test_counts_and_cases() -> None:
    text = report(RESULTS)
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<testsuites ")
    suite = suite_of(text)
    assert suite.name == "casefile-validate"
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (5, 1, 2, 0)
    cases: list[TestCase] = list(suite)
    assert [(c.classname, c.name) for c in cases] == [
        ("ok.json", "ok.json:1"),
        ("bad.json", "bad.json:1"),
        ("logs/day.jsonl", "logs/day.jsonl:4"),
        ("gone.json", "gone.json:1"),
        ("logs/day.jsonl", "logs/day.jsonl:5"),
    ]
    assert [c.is_passed for c in cases] == [True, False, False, False, True]


def test_failure_has_the_headline_and_lists_every_error() -> None:
    bad = list(suite_of(report(RESULTS)))[1]
    [failure] = bad.result
    assert isinstance(failure, Failure)
    assert (
        failure.message
        == '/request_id: "x<y&z" is not a valid uuid [/properties/request_id/format]'
    )
    assert failure.type == "format"
    assert failure.text == (
        '1:1 /: missing required property "payload" [/required]\n'
        '2:17 /request_id: "x<y&z" is not a valid uuid [/properties/request_id/format]'
    )


def test_unreadable_documents_are_errors() -> None:
    cases = list(suite_of(report(RESULTS)))
    [parse] = cases[2].result
    assert isinstance(parse, Error)
    assert (parse.type, parse.message) == ("parse", "not valid JSON: unterminated string")
    assert parse.text == "4:12 not valid JSON: unterminated string"
    [missing] = cases[3].result
    assert isinstance(missing, Error)
    assert (missing.type, missing.message, missing.text) == (
        "input",
        "no such file or directory",
        "no such file or directory",
    )


def test_no_documents() -> None:
    suite = suite_of(report([]))
    assert (suite.tests, suite.failures, suite.errors) == (0, 0, 0)
    assert list(suite) == []


def test_quiet_does_not_shorten_the_report() -> None:
    assert report(RESULTS, ReportOptions(quiet=True)) == report(RESULTS)


def test_characters_xml_cannot_hold() -> None:
    assert (
        xml_text("a\x00b\x1b[31mc\ud800d\ufffe\t\n\r é 😀")
        == "a\\x00b\\x1b[31mc\\ud800d\\ufffe\t\n\r é 😀"
    )
    weird = "we\x01ird\udcff.json"
    text = report([DocumentResult(weird, 1, Status.INVALID, (REQUIRED,))])
    ET.fromstring(text.encode("utf-8"))  # well-formed
    [case] = list(suite_of(text))
    assert case.classname == "we\\x01ird\\udcff.json"
