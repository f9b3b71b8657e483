"""Documents for the scale-out tests: valid, invalid, not strict JSON, duplicate keys, integers
beyond 64 bits, blank lines; and the records the CLI's own checking gives for them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from validator.api import Report, validate_bytes, validate_lines

GOOD = (
    '{"request_id":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","status":"pending",'
    '"payload":{"casefile_id":"c","session_id":"s","session_type":"t","total_sessions":1}}'
)
LINES = [
    GOOD,
    "",
    GOOD.replace('"pending"', '"PENDING"')[:-1] + ',"timestmap":"t"}',  # and a warning
    "   ",
    GOOD[:-1] + ',"status":"failed"}',  # duplicate key
    GOOD.replace('"total_sessions":1', '"total_sessions":123456789012345678901234567890,"eror":1'),
    GOOD.replace('"total_sessions":1', '"total_sessions":1.5'),
    "{not json",
    GOOD.replace('"c"', '"\\u00e9t\\u00e9"').replace('"pending"', '"x"'),
    '{"status": NaN}',
    GOOD.replace("3a4b", "3a4b-"),  # valid for the reference's uuid check
    '["\\ud800"]',  # a lone surrogate
]
"""Twelve lines: 3 valid documents, 4 invalid, 3 not strict JSON, and 2 blank lines; one valid
and one invalid document have an undeclared property (a warning)."""


def write_lines(path: Path, count: int) -> Path:
    """``count`` lines cycling through :data:`LINES` (a varying request id keeps them apart)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            out.write(LINES[i % len(LINES)].replace("9c0d1e2f3a4b", f"{i % 10**12:012d}") + "\n")
    return path


def key(report: Report) -> tuple[Any, ...]:
    def facts(found: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            (e.instance_location, e.keyword_location, e.message, e.keyword, e.line, e.column)
            for e in found
        )

    errors, warnings = facts(report.errors), facts(report.warnings)
    return (report.source, report.line, report.valid, report.status.value, errors, warnings)


def expected_lines(path: Path, source: str | None = None) -> list[tuple[Any, ...]]:
    """What ``validator.validate_lines`` says of each line of a file."""
    return [key(r) for r in validate_lines(path, source=source or str(path))]


def expected_bodies(bodies: Iterable[str | None]) -> list[tuple[Any, ...]]:
    """What ``validator.validate_bytes`` says of each body (None: no document)."""
    return [None if b is None else key(validate_bytes(b, source="<body>"))[2:] for b in bodies]


def record_key(record: dict[str, Any]) -> tuple[Any, ...]:
    def facts(found: list[dict[str, Any]]) -> tuple[Any, ...]:
        fields = ("instance_location", "keyword_location", "message", "keyword", "line", "column")
        return tuple(tuple(e[f] for f in fields) for e in found)

    errors, warnings = facts(record["errors"]), facts(record["warnings"])
    return (record["source"], record["line"], record["valid"], record["status"], errors, warnings)
