"""validator.spark.validate_json_lines reads .yaml/.yml files (compressed or not) as YAML streams,
as the command line does: one record per document, each at its line, problems at line:column; on
PySpark in local[2] mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import import_extra

import_extra("pyspark", "spark")

from tests.integration.test_spark import spark  # noqa: E402, F401 - the local[2] session
from tests.integration.yaml_streams import expected, shown, write_streams  # noqa: E402
from validator.spark import validate_json_lines  # noqa: E402

pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)


def test_yaml_files_are_read_as_yaml_streams(spark: Any, tmp_path: Path) -> None:  # noqa: F811
    plain, packed = write_streams(tmp_path)
    df = validate_json_lines(spark, str(plain), blocksize=10)  # never cut into ranges
    assert df.rdd.getNumPartitions() == 1
    found = [shown(r.source, r.line, r.status, r.errors, r.warnings) for r in df.collect()]
    assert found == expected(str(plain))
    both = validate_json_lines(spark, [str(plain), str(packed)])
    found = [shown(r.source, r.line, r.status, r.errors, r.warnings) for r in both.collect()]
    assert found == expected(str(plain)) + expected(str(packed))
    assert {r.schema for r in both.collect()} == {"AddSessionToCasefileResponse"}
