"""validator.dask.validate_files reads .yaml/.yml files (compressed or not) as YAML streams, as
the command line does: one record per document, each at its line, problems at line:column; on a
real distributed.LocalCluster."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from tests.conftest import import_extra
from tests.console import VALIDATE

import_extra("distributed", "dask")

from tests.integration.test_dask import client, cluster  # noqa: E402, F401 - the fixtures
from tests.integration.yaml_streams import expected, shown, write_streams  # noqa: E402
from validator.dask import validate_files  # noqa: E402


def _records(on: Any, df: Any) -> list[tuple[Any, ...]]:
    frame = on.compute(df, sync=True)
    return [
        shown(r["source"], r["line"], r["status"], r["errors"], r["warnings"])
        for r in frame.to_dict("records")
    ]


def test_yaml_files_are_read_as_yaml_streams(client: Any, tmp_path: Path) -> None:  # noqa: F811
    plain, packed = write_streams(tmp_path)
    df = validate_files(str(plain), blocksize=10)  # a YAML file is never cut into ranges
    assert df.npartitions == 1
    assert _records(client, df) == expected(str(plain))
    both = _records(client, validate_files(str(tmp_path / "day.y*")))
    assert both == expected(str(plain)) + expected(str(packed))


def test_the_records_say_what_the_command_line_says(
    client: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    plain, _ = write_streams(tmp_path)
    result = subprocess.run(
        [str(VALIDATE), "--no-config", "day.yaml"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"},
        timeout=60,
    )
    placed = [line.split(": ", 1)[0] for line in result.stdout.splitlines() if ": " in line]
    found = _records(client, validate_files(str(plain)))
    ours = sorted({f"day.yaml:{line}:{column}" for r in found for line, column, *_ in r[3] + r[4]})
    assert sorted(set(p for p in placed if p.startswith("day.yaml:"))) == ours


def test_yaml_files_globs_on_a_cluster_started_elsewhere(
    client: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    """``--dask-scheduler`` with ``--yaml-files``: the workers (started in another folder than
    the run's) read the names the run matched as YAML, as a local run does."""
    from tests.console import run_script

    (tmp_path / "s.json").write_text('{"properties": {"status": {"enum": ["ok"]}}}')
    (tmp_path / "a.txt").write_text("status: done\n")
    (tmp_path / "b.txt").write_text("status: ok\n")
    args = ("--yaml-files", "*.txt", "--schema", "s.json", "a.txt", "b.txt")
    local = run_script(tmp_path, *args)
    assert (local.returncode, local.stdout) == (
        1,
        'a.txt:1:9: /status: "done" is not one of "ok" [/properties/status/enum]\n'
        "2 documents: 1 valid, 1 invalid, 0 unreadable\n",
    )
    found = run_script(tmp_path, "--dask-scheduler", client.scheduler.address, *args)
    assert (found.returncode, found.stdout, found.stderr) == (1, local.stdout, local.stderr)
