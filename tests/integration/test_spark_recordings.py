"""validator.spark.validate_recordings on PySpark in local[2] mode: HAR recordings give the records
``casefile-validate --openapi SPEC --format json`` gives, skipped entries as rows with their
reason, a file that is no HAR one unreadable row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import import_extra

pyspark = import_extra("pyspark", "spark")

from tests.integration import test_spark  # noqa: E402
from tests.integration.recorded import cli_records, record_key, write_recordings  # noqa: E402
from validator.problems import SchemaProblem  # noqa: E402
from validator.spark import RECORDINGS_DDL, validate_recordings  # noqa: E402

pytestmark = test_spark.pytestmark
spark = test_spark.spark  # the module's session, as test_spark makes it


def test_recordings_give_the_records_the_cli_gives(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hars = write_recordings(tmp_path)
    code, expected, _ = cli_records(tmp_path, *hars)
    assert code == 3
    monkeypatch.chdir(tmp_path)  # relative paths, as the command was given them
    df = validate_recordings(spark, hars, "api.json")
    assert df.rdd.getNumPartitions() == 3  # one task per file
    assert df.schema.simpleString() == f"struct<{RECORDINGS_DDL.replace(' ', ':')}>".replace(
        ",:", ","
    )
    rows = df.collect()
    checked = [r for r in rows if r.status != "skipped"]
    assert [record_key(r) for r in checked] == expected
    skipped = [(r.source, r.entry, r.reason, r.valid) for r in rows if r.status == "skipped"]
    assert skipped == [
        ("a.har", 3, "outside the API's base URLs", False),
        ("a.har", 9, "aborted (status 0)", False),
    ]
    counts = {r.status: r["count"] for r in df.groupBy("status").count().collect()}
    assert counts == {"valid": 6, "invalid": 11, "unreadable": 1, "skipped": 2}


def test_options_and_bad_inputs(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``undocumented="warning"`` and ``base_urls`` as the CLI takes them; an unusable document
    raised at once; a missing HAR one unreadable row."""
    write_recordings(tmp_path)
    args = ("--undocumented", "warning", "--base-url", "https://api.example.com/v1")
    _, expected, _ = cli_records(tmp_path, *args, str(tmp_path / "a.har"))
    monkeypatch.chdir(tmp_path)
    df = validate_recordings(
        spark,
        [str(tmp_path / "a.har")],
        "api.json",
        undocumented="warning",
        base_urls=["https://api.example.com/v1"],
    )
    rows = [r for r in df.collect() if r.status != "skipped"]
    assert [record_key(r) for r in rows] == expected
    with pytest.raises(SchemaProblem, match=r"gone\.json"):
        validate_recordings(spark, [str(tmp_path / "a.har")], str(tmp_path / "gone.json"))
    missing = str(tmp_path / "gone.har")
    [row] = validate_recordings(spark, [missing], str(tmp_path / "api.json")).collect()
    assert (row.source, row.line, row.status, row.entry) == (missing, 1, "unreadable", None)
    assert [e.message for e in row.errors] == ["no such file or directory"]


def test_recordings_named_by_fsspec_urls(
    spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """HAR files named by an fsspec URL (``file://`` here, ``s3://`` on a cluster): the CLI's
    records, each named by its URL, one task per file."""
    hars = write_recordings(tmp_path)
    _, expected, _ = cli_records(tmp_path, *hars)
    url = tmp_path.as_uri()
    monkeypatch.chdir(tmp_path)
    df = validate_recordings(spark, f"{url}/*.har", "api.json")
    assert df.rdd.getNumPartitions() == 3
    checked = [r for r in df.collect() if r.status != "skipped"]
    assert [record_key(r) for r in checked] == [(f"{url}/{r[0]}", *r[1:]) for r in expected]
