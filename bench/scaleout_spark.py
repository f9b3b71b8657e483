"""Scale-out, the Spark part: a SparkSession on ``local[N]``, the toolkit's
``validate_json_lines`` and the per-row ``jsonschema.validate`` UDF people write today (see
:mod:`bench.scaleout`)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import ROOT


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def spark_session(cores: int, extra: dict[str, str] | None = None) -> Any:
    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(f"local[{cores}]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(cores))
    )
    for key, value in (extra or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_figure(path: Path, small: Path, cores: int, lines: int) -> float:
    from validator.spark import validate_json_lines

    session = spark_session(cores)
    try:

        def count(target: Path) -> int:
            df = validate_json_lines(session, str(target), blocksize=8 << 20)
            return sum(row["count"] for row in df.groupBy("status").count().collect())

        count(small)
        seconds, documents = timed(lambda: count(path))
        if documents != lines:
            raise SystemExit(f"spark counted {documents} documents, not {lines}")
        return seconds
    finally:
        session.stop()


def udf_figure(sample: Path, lines: int) -> float:
    """Seconds per document of the per-row UDF on Spark local[2] (the sample's lines)."""
    import json

    from pyspark.sql.functions import col, udf
    from pyspark.sql.types import BooleanType

    schema = json.loads((ROOT / "schemas" / "AddSessionToCasefileResponse.json").read_text())
    session = spark_session(2)
    try:

        def check(body: str) -> bool:  # what the per-row UDFs of today do
            import jsonschema

            try:
                jsonschema.validate(json.loads(body), schema)
            except (jsonschema.ValidationError, ValueError):
                return False
            return True

        judge = udf(check, BooleanType())
        df = session.read.text(str(sample)).repartition(2)
        df.select(judge(col("value")).alias("ok")).limit(10).collect()  # warm-up
        seconds, _ = timed(
            lambda: df.select(judge(col("value")).alias("ok")).groupBy("ok").count().collect()
        )
        return seconds / lines
    finally:
        session.stop()
