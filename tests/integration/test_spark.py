"""validator.spark on PySpark in local[2] mode: the same documents through Spark and through the
CLI's library give the same verdicts, messages and line:column positions, for a column of
bodies and for JSON Lines files (cut into parts, or gzip'd)."""

from __future__ import annotations

import gzip
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import import_extra

pyspark = import_extra("pyspark", "spark")
from pyspark.sql import SparkSession  # noqa: E402

from tests.integration.documents import (  # noqa: E402
    GOOD,
    LINES,
    expected_bodies,
    expected_lines,
    write_lines,
)
from validator.problems import SchemaProblem  # noqa: E402
from validator.spark import validate_column, validate_json_lines  # noqa: E402

pytestmark = pytest.mark.filterwarnings(
    # pyspark's own notice about the pandas it finds (pandas is not used here)
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("casefile-validator-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _errors(errors: Any) -> tuple[Any, ...]:
    return tuple(
        (e.instance_location, e.keyword_location, e.message, e.keyword, e.line, e.column)
        for e in errors
    )


BODIES = [
    *LINES,
    None,
    '{\n  "status": "done",\n  "request_id": 7\n}',  # a document on several lines
    GOOD + "\n",
]


def test_a_column_of_bodies_is_judged_as_the_cli_judges_each(spark: Any) -> None:
    df = spark.createDataFrame(list(enumerate(BODIES)), "id int, body string").repartition(3)
    rows = sorted(validate_column(df, "body").collect(), key=lambda r: r.id)
    assert [r.body for r in rows] == BODIES  # the other columns are kept
    found = [
        (v.valid, v.status, _errors(v.errors), _errors(v.warnings))
        for v in (r.validation for r in rows)
    ]
    expected = expected_bodies(BODIES)
    assert found[: len(LINES)] == expected[: len(LINES)]
    assert found[len(LINES)] == (
        False,
        "unreadable",
        (("", "", "no document: the value is null", "input", None, None),),
        (),
    )
    assert found[len(LINES) + 1 :] == expected[len(LINES) + 1 :]
    assert [f[1] for f in found].count("unreadable") == 6  # 2 blank, 3 not strict JSON, 1 null
    # the multi-line document: positions inside it
    assert found[-2][2][-1][2:] == ("expected string, got integer 7", "type", 3, 17)


def test_a_binary_column_and_a_schema_of_ones_own(spark: Any) -> None:
    df = spark.createDataFrame([(b'{"n": 1}',), (b'{"n": "1"}',)], "body binary")
    schema = {"properties": {"n": {"type": "integer"}}}
    rows = validate_column(df, "body", schema, name="check").collect()
    found = [(r.check.valid, r.check.status, _errors(r.check.errors)) for r in rows]
    assert found == [
        (True, "valid", ()),
        (
            False,
            "invalid",
            (("/n", "/properties/n/type", 'expected integer, got string "1"', "type", 1, 7),),
        ),
    ]
    assert [r.check.warnings for r in rows] == [[], []]


def test_mistakes_are_said_at_once(spark: Any) -> None:
    df = spark.createDataFrame([("{}",)], "body string")
    with pytest.raises(ValueError, match=r"^no column 'text' in the DataFrame \(it has body\)$"):
        validate_column(df, "text")
    with pytest.raises(ValueError, match=r"^column 'n' holds integer, not the string or binary"):
        validate_column(spark.createDataFrame([(1,)], "n int"), "n")
    with pytest.raises(SchemaProblem, match="NoSuchThing"):
        validate_column(df, "body", "NoSuchThing")


def _records(df: Any) -> list[tuple[Any, ...]]:
    return [
        (r.source, r.line, r.valid, r.status, _errors(r.errors), _errors(r.warnings))
        for r in df.collect()
    ]


def test_json_lines_files_keep_file_and_line(spark: Any, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "day.jsonl", 60)
    expected = expected_lines(path)
    cut = validate_json_lines(spark, str(path), blocksize=2000)
    assert cut.rdd.getNumPartitions() == -(-path.stat().st_size // 2000)
    assert _records(cut) == expected
    assert _records(validate_json_lines(spark, str(path), blocksize=None)) == expected
    assert {r.schema for r in cut.collect()} == {"AddSessionToCasefileResponse"}


def test_gzip_files_and_globs(spark: Any, tmp_path: Path) -> None:
    plain = write_lines(tmp_path / "a.jsonl", 36)
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    found = _records(validate_json_lines(spark, str(tmp_path / "*.jsonl*"), blocksize=1000))
    assert found == expected_lines(plain) + expected_lines(plain, source=str(packed))
