"""A YAML file of three responses for the scale-out engines, and what the CLI says of it."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

STREAM = """# three responses
request_id: 1f0c3a52-9d4b-4c6e-8f2a-0b1c2d3e4f5a
status: completed
---
request_id: 1f0c3a52-9d4b-4c6e-8f2a-0b1c2d3e4f5a
status: done
payload: {session_id: s, on: yes}
---
[1, 2
"""

REQUIRED = "missing required property"
EXPECTED = [  # (line, status, errors as (line, column, message), warnings as (line, column))
    (2, "invalid", [(2, 1, f'{REQUIRED} "payload"')], []),
    (
        4,
        "invalid",
        [
            (6, 9, '"done" is not one of "pending", "processing", "completed", "failed"'),
            (7, 10, f'{REQUIRED} "casefile_id"'),
            (7, 10, f'{REQUIRED} "session_type"'),
            (7, 10, f'{REQUIRED} "total_sessions"'),
        ],
        [(7, 26)],
    ),
    (
        10,
        "unreadable",
        [
            (
                10,
                1,
                "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)",
            )
        ],
        [],
    ),
]


def write_streams(folder: Path) -> tuple[Path, Path]:
    """The stream as ``day.yaml`` and gzip'd as ``day.yml.gz``."""
    plain = folder / "day.yaml"
    plain.write_text(STREAM)
    packed = folder / "day.yml.gz"
    packed.write_bytes(gzip.compress(STREAM.encode()))
    return plain, packed


def expected(source: str) -> list[tuple[Any, ...]]:
    return [(source, line, status, errors, warnings) for line, status, errors, warnings in EXPECTED]


def shown(source: str, line: int, status: str, errors: Any, warnings: Any) -> tuple[Any, ...]:
    """A record as :func:`expected` gives it (errors and warnings: sequences of mappings or
    rows with ``line``, ``column``, ``message``)."""
    return (
        source,
        line,
        status,
        [(e["line"], e["column"], e["message"]) for e in errors],
        [(w["line"], w["column"]) for w in warnings],
    )
