"""Spark's Python workers without this package (a script run with the venv's Python, the venv
not activated: the workers start the ``python3`` on the path): the first call says so at once, in
one line naming the fix, instead of a failed job's long trace when the work runs.

The workers' Python is this one behind a wrapper that puts first on ``PYTHONPATH`` a
``validator`` package whose import fails, as a Python without the package fails.  The session
runs in a process of its own (``PYSPARK_PYTHON`` is read when a Spark context starts)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import import_extra

import_extra("pyspark", "spark")

pytestmark = pytest.mark.slow

SCRIPT = """\
import time
import warnings

warnings.simplefilter("ignore")
from pyspark.sql import SparkSession

from validator.spark import WorkersCannotImport, validate_column, validate_json_lines

spark = (
    SparkSession.builder.master("local[2]")
    .config("spark.ui.enabled", "false")
    .config("spark.ui.showConsoleProgress", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("OFF")
df = spark.createDataFrame([(1, "{}")], "id int, body string")
for call in (lambda: validate_column(df, "body"), lambda: validate_json_lines(spark, "a.jsonl")):
    started = time.monotonic()
    try:
        call()
    except WorkersCannotImport as exc:
        print(f"{time.monotonic() - started:.1f}", exc, flush=True)
    else:
        print("no error", flush=True)
spark.stop()
"""


def test_workers_that_cannot_import_the_package_are_said_at_once(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "validator"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'validator'\", name='validator')\n"
    )
    wrapper = tmp_path / "python3"
    wrapper.write_text(
        textwrap.dedent(f"""\
            #!/bin/sh
            PYTHONPATH={tmp_path / "shadow"}${{PYTHONPATH:+:$PYTHONPATH}}
            export PYTHONPATH
            exec {sys.executable} "$@"
            """)
    )
    wrapper.chmod(0o755)
    (tmp_path / "a.jsonl").write_text("{}\n")
    (tmp_path / "run.py").write_text(SCRIPT)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYSPARK", "SPARK", "PYTHON"))
    }
    env["PYSPARK_PYTHON"] = str(wrapper)
    done = subprocess.run(
        [sys.executable, "run.py"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    said = (
        f"Spark's Python workers cannot import casefile-validator ({sys.executable}: "
        "ModuleNotFoundError: No module named 'validator'): set PYSPARK_PYTHON (or "
        "spark.pyspark.python) to a Python that has casefile-validator (this one is "
        f"{sys.executable}) before the Spark session starts, or install casefile-validator "
        "(with pyarrow) on the workers"
    )
    lines = done.stdout.splitlines()
    assert [line.partition(" ")[2] for line in lines] == [said, said]  # at the call itself
