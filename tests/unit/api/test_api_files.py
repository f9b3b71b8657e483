"""The Python API on files: JSON Lines, paths given to assert_valid, and how a report reads."""

from __future__ import annotations

import doctest
import importlib
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import validator
import validator.api

VALID: dict[str, Any] = {
    "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
    "status": "completed",
    "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t", "total_sessions": 3},
}
GOOD = json.dumps(VALID)
BAD = json.dumps({**VALID, "status": "done"})


def _lines_file(tmp_path: Path, name: str = "day.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(f"{GOOD}\n\n{BAD}\n  \t\n[1,\n{GOOD}\n")
    return path


def _summary(reports: Iterator[validator.Report]) -> list[tuple[str, int, str]]:
    return [(r.source, r.line, r.status.value) for r in reports]


def test_validate_lines_reports_each_non_blank_line_of_a_file(tmp_path: Path) -> None:
    path = _lines_file(tmp_path)
    for given in (path, str(path)):
        reports = list(validator.validate_lines(given))
        assert _summary(iter(reports)) == [
            (str(path), 1, "valid"),
            (str(path), 3, "invalid"),
            (str(path), 5, "unreadable"),
            (str(path), 6, "valid"),
        ]
    [error] = reports[1].errors
    assert (error.line, error.column, error.instance_location) == (
        3,
        BAD.index('"done"') + 1,
        "/status",
    )
    [parse] = reports[2].errors
    assert (parse.line, parse.column, parse.keyword) == (5, 4, "parse")


def test_validate_lines_takes_bytes_and_lines(tmp_path: Path) -> None:
    data = _lines_file(tmp_path).read_bytes()
    expected = [("<lines>", 1, "valid"), ("<lines>", 3, "invalid")]
    assert _summary(validator.validate_lines(data))[:2] == expected
    assert _summary(validator.validate_lines([GOOD, "", BAD.encode()]))[:2] == expected
    named = validator.validate_lines([BAD + "\n"], source="upload")
    assert _summary(named) == [("upload", 1, "invalid")]
    assert _summary(validator.validate_lines(['{"a": 1}'], {"type": "object"})) == [
        ("<lines>", 1, "valid")
    ]


def test_validate_lines_is_lazy() -> None:
    read: list[int] = []

    def endless() -> Iterator[str]:
        for n in itertools.count(1):
            assert n < 100, "read far past what was asked for"
            read.append(n)
            yield GOOD if n % 2 else BAD

    reports = validator.validate_lines(endless())
    assert read == []  # nothing read before the first report is asked for
    first = list(itertools.islice(reports, 3))
    assert [r.valid for r in first] == [True, False, True]
    assert read == [1, 2, 3]


def test_validate_lines_streams_a_file(tmp_path: Path) -> None:
    path = tmp_path / "big.ndjson"
    with path.open("w") as out:
        for _ in range(20_000):
            out.write(GOOD + "\n")
    reports = validator.validate_lines(path)
    assert next(reports).line == 1 and next(reports).line == 2
    reports.close()  # the file is closed with the generator (no ResourceWarning)


def test_validate_lines_refuses_a_missing_schema_at_once() -> None:
    with pytest.raises(validator.SchemaProblem):
        validator.validate_lines([GOOD], "NoSuchContract")


@pytest.mark.parametrize("name", ["day.jsonl", "day.ndjson", "DAY.JSONL"])
def test_validate_file_refuses_json_lines(tmp_path: Path, name: str) -> None:
    path = _lines_file(tmp_path, name)
    with pytest.raises(ValueError, match=r"JSON Lines.*validate_lines\(\)"):
        validator.validate_file(path)


def test_assert_valid_reads_a_path(tmp_path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(VALID, indent=2))
    bad.write_text(json.dumps({**VALID, "status": "done"}, indent=2))
    validator.assert_valid(good)
    with pytest.raises(AssertionError) as raised:
        validator.assert_valid(bad)
    assert str(raised.value).splitlines() == [
        f"{bad}: invalid (1 error)",
        '  3:13: /status: "done" is not one of "pending", "processing", "completed", "failed"'
        " [/properties/status/$ref/enum]",
    ]
    with pytest.raises(AssertionError, match=r"day\.jsonl: invalid \(1 error\)"):
        validator.assert_valid(_lines_file(tmp_path))
    with pytest.raises(OSError):
        validator.assert_valid(tmp_path / "missing.json")
    # a str is a JSON string, not a path
    with pytest.raises(AssertionError, match=r'expected object, got string "good\.json"'):
        validator.assert_valid("good.json")


def test_report_counts_errors_in_words() -> None:
    one = validator.validate({**VALID, "status": "done"})
    two = validator.validate({**VALID, "status": "done", "error": 1})
    assert str(one).splitlines()[0] == "<object>: invalid (1 error)"
    assert str(two).splitlines()[0] == "<object>: invalid (2 errors)"
    assert str(validator.validate(VALID)) == "<object>: valid"
    unreadable = validator.validate_bytes(b"[1,")
    assert str(unreadable).splitlines() == [
        "<bytes>: unreadable (1 error)",
        "  1:4: not valid JSON: expected a JSON value, found end of input",
    ]


def test_public_names_are_listed_once() -> None:
    assert validator.__all__ == validator.api.__all__
    assert "validate_lines" in validator.__all__
    source = Path(validator.__file__).read_text("utf-8")
    assert '"validate_file"' not in source  # the list lives in validator/api.py


@pytest.mark.parametrize(
    "module",
    [
        "validator",
        "validator.api",
        "validator.checking.messages",
        "validator.near_miss",
        "validator.inputs.locate",
    ],
)
def test_doctests(module: str) -> None:
    failed, tried = doctest.testmod(importlib.import_module(module))
    assert tried and not failed


def test_a_second_document_suggests_validate_lines() -> None:
    [error] = validator.validate_bytes(b"{}\n{}", {}).errors
    assert (error.line, error.column, error.message) == (
        2,
        1,
        'not valid JSON: unexpected "{" after the document: a second JSON document? '
        "for one document per line use validate_lines()",
    )
    [report] = validator.validate_lines([b"{} {}"], {})
    assert report.errors[0].message == (
        'not valid JSON: unexpected "{" after the document: a second JSON document?'
    )


def test_integers_past_pythons_digit_limit_through_every_call() -> None:
    huge, text = 10**5000, b"1" + b"0" * 4999  # past Python's int <-> str limit (4,300 digits)
    schema = {"maximum": 5}
    assert validator.is_valid(huge, schema) is False
    assert validator.is_valid(huge, {"type": "number"}) is True
    [error] = validator.validate(huge, schema).errors
    assert error.message == "1" + "0" * 78 + "… (5001 characters) is greater than the maximum of 5"
    [error] = validator.validate_bytes(text, schema).errors
    assert error.message == "1" + "0" * 78 + "… (5000 characters) is greater than the maximum of 5"
    assert validator.validate_bytes(text, {"type": "number"}).valid
