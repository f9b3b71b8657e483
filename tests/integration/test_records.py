"""validator.scale.records and validator.scale.file_parts without a cluster: the schema compiled
once per process whatever copy of it arrives, records as plain data, files cut into parts with their
line numbers."""

from __future__ import annotations

import pickle
from pathlib import Path

from tests.integration.documents import expected_lines, key, write_lines
from validator.api import validate_bytes
from validator.contracts.catalog import load_schema
from validator.inputs.sources import Batch
from validator.scale.file_parts import count_ends, first_lines, list_parts, read_part
from validator.scale.records import check_lines, check_texts, engine_for, record

SETTINGS = ("fast", False, False, None)


def test_a_schema_is_compiled_once_per_process_whatever_copy_arrives() -> None:
    schema = load_schema()
    engine = engine_for(schema)
    assert engine_for(pickle.loads(pickle.dumps(schema))) is engine
    assert engine_for(schema, "reference") is not engine
    assert engine_for(schema, "reference").engine == "reference"


def test_a_record_is_plain_data() -> None:
    report = validate_bytes(b'{"status": 1}')
    from validator.checking.document import check_raw

    result = check_raw(engine_for(load_schema()), b'{"status": 1}', source="x.json")
    found = record(result._replace(schema="S"))
    assert found["source"] == "x.json" and found["line"] == 1 and found["schema"] == "S"
    assert (found["valid"], found["status"]) == (False, "invalid")
    assert [(e["line"], e["column"], e["message"]) for e in found["errors"]] == [
        (e.line, e.column, e.message) for e in report.errors
    ]
    assert pickle.loads(pickle.dumps(found)) == found


def test_bodies_on_one_line_or_several_keep_their_own_positions() -> None:
    engine = engine_for(load_schema())
    bodies = ['{"status": 1}', '{\n "status": 1}', "  ", None]
    found = check_texts(engine, bodies, [1] * 4, "<c>", SETTINGS, bodies=True)
    assert [r.status.value for r in found if r is not None] == ["invalid"] * 2 + ["unreadable"] * 2
    assert (
        [key(validate_bytes(b, source="<c>"))[2:] for b in bodies[:3]]
        == [
            (
                r.valid,
                r.status.value,
                tuple(
                    (
                        e.instance_location,
                        e.keyword_location,
                        e.message,
                        e.keyword,
                        e.line,
                        e.column,
                    )
                    for e in r.problems
                ),
                (),  # no undeclared property
            )
            for r in found[:3]
            if r is not None
        ]
    )


def test_parts_of_a_file_number_their_lines_as_the_file_does(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "day.jsonl", 100)
    engine = engine_for(load_schema())
    for size in (1, 97, 500, 4096, None):
        parts = list_parts(str(path), size)
        numbers = first_lines(parts, [count_ends(p) for p in parts])
        results = [
            r
            for part, first in zip(parts, numbers, strict=True)
            for found in read_part(part, first)
            if isinstance(found, Batch)
            for r in check_lines(engine, found, SETTINGS)
        ]
        assert [(r.source, r.line, r.valid, r.status.value) for r in results] == [
            e[:4] for e in expected_lines(path)
        ], size
