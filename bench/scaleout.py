"""Scale-out: documents per second on one JSON Lines workload (1,000,000 lines, 30% invalid by
default) for the CLI (``--jobs 1``, ``--jobs 2``), Dask (a LocalCluster of 1 and 2 worker
processes: ``validator.dask.validate_files`` and the CLI's executor ``run_on_dask``), Spark
(``local[1]``, ``local[2]``: ``validator.spark.validate_json_lines``) and the per-row
``jsonschema.validate`` UDF people write today (on Spark ``local[2]``, measured on a sample and
extrapolated: it compiles the schema for every row), and the fair anchor, what a skilled user
writes (:mod:`bench.scaleout_loops`: ``mapInArrow`` / ``map_partitions`` with ``jsonschema_rs``
compiled once per worker and a boolean verdict) beside ``validate_column`` / ``validate_bag``.
Beside them, the machine's own ceiling for two processes (a CPU-bound loop run alone, then twice
at once).

    python -m bench.scaleout                  # the full workload (a few minutes)
    python -m bench.scaleout --lines 20000    # a smoke run
    python -m bench.scaleout --lines 200000 --only-loops   # the hand loops vs our records

Cluster and session start-up are not in the figures (they are paid once per cluster); each
engine is warmed up on a small file first, so its workers have imported and compiled.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import DEFAULT_WORK, ROOT, log
from bench.goal6_jobs import ceiling
from bench.scaleout_spark import spark_figure, timed, udf_figure
from bench.workloads import make_jsonl

BURN = "s = 0\nfor i in range(4_000_000):\n    s += i\n"


def cli(path: Path, jobs: int) -> float:
    argv = [
        sys.executable,
        "-m",
        "validator",
        "--no-config",
        "--quiet",
        f"--jobs={jobs}",
        str(path),
    ]
    seconds, done = timed(lambda: subprocess.run(argv, capture_output=True, text=True, cwd=ROOT))
    if done.returncode != 1:
        raise SystemExit(f"casefile-validate --jobs {jobs} ended with {done.returncode}")
    return float(seconds)


def dask_figures(path: Path, small: Path, workers: int, lines: int) -> tuple[float, float]:
    """(validate_files + summary, run_on_dask) seconds on a LocalCluster of ``workers``."""
    from distributed import Client, LocalCluster

    from validator.dask import run_on_dask, summary, validate_files
    from validator.run.plan import make_plan
    from validator.run.settings import Options
    from validator.run.tasks import plan

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            protocol="tcp",
            dashboard_address=":0",
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.wait_for_workers(workers)

        def frame(target: Path) -> Any:
            found = summary(validate_files(str(target), blocksize=8 << 20))
            return found

        import dask

        with dask.config.set(scheduler=client):
            frame(small)
            seconds, counted = timed(lambda: frame(path))
        if counted.documents != lines:
            raise SystemExit(f"dask counted {counted.documents} documents, not {lines}")
        options = Options(inputs=(str(path),), no_config=True, quiet=True)
        work = make_plan(options, lambda message: None)
        tasks = list(plan(work.entries, work.jsonl, ranges=True))

        def executor() -> int:
            outcomes = run_on_dask(tasks, options, False, cluster.scheduler_address, work.engines)
            return sum(valid + len(results) for valid, results in outcomes)

        executed, documents = timed(executor)
        if documents != lines:
            raise SystemExit(f"run_on_dask counted {documents} documents, not {lines}")
    return seconds, executed


class Rows(list[tuple[str, int, float, str]]):
    """The rows measured, each logged as it comes (a long run shows its progress)."""

    def append(self, row: tuple[str, int, float, str]) -> None:
        super().append(row)
        log(f"{row[0]}, {row[1]} worker(s): {row[2]:.2f} s")


Measured = tuple[list[tuple[str, int, float, str]], float | None, tuple[float, float, float]]
"""(rows: engine, workers, seconds, note; the UDF's documents/s; the machine's ceiling)."""


def measure(
    lines: int,
    work: Path,
    seed: int,
    udf_sample: int = 1_000,
    spark: bool = True,
    dask: bool = True,
    only_loops: bool = False,
) -> Measured:
    path = make_jsonl(work / f"scaleout-{lines}.jsonl", docs=lines, invalid_fraction=0.3, seed=seed)
    machine = ceiling(3, [sys.executable, "-c", BURN])
    log(f"machine ceiling: two processes do {machine[2]:.2f}x the work of one")
    rows = Rows()
    udf_rate = None
    if not only_loops:
        udf_rate = _engines(rows, path, work, lines, seed, udf_sample, spark, dask)
    from bench.scaleout_loops import rows as loop_rows  # the hand-written loops beside ours

    for row in loop_rows(path, lines, spark, dask):
        rows.append(row)
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows, udf_rate, machine


def _engines(
    rows: Rows,
    path: Path,
    work: Path,
    lines: int,
    seed: int,
    udf_sample: int,
    spark: bool,
    dask: bool,
) -> float | None:
    """The rows of each engine and of the per-row UDF; the UDF's documents/s."""
    small = make_jsonl(work / "scaleout-warm.jsonl", docs=2000, invalid_fraction=0.3, seed=1)
    sample_lines = min(udf_sample, lines)
    sample = make_jsonl(
        work / f"scaleout-udf-{sample_lines}.jsonl",
        docs=sample_lines,
        invalid_fraction=0.3,
        seed=seed,
    )
    udf_rate = None
    if spark:  # first: the figures the goals compare with
        per_doc = udf_figure(sample, sample_lines)
        udf_rate = 1 / per_doc
        note = f"timed on {sample_lines:,} lines, extrapolated"
        rows.append(("Spark per-row jsonschema UDF", 2, per_doc * lines, note))
        for cores in (2, 1):
            rows.append(
                ("Spark validate_json_lines", cores, spark_figure(path, small, cores, lines), "")
            )
    if dask:
        for workers in (2, 1):
            frame, executor = dask_figures(path, small, workers, lines)
            rows.append(("Dask validate_files", workers, frame, "records DataFrame + summary"))
            rows.append(("Dask run_on_dask", workers, executor, "the CLI's tasks"))
    for jobs in (2, 1):
        rows.append(("CLI --jobs", jobs, cli(path, jobs), "process start-up included"))
    return udf_rate


def run(bench: Any) -> None:
    """As a goal of ``bench/run.py`` (``bench.main.GOALS``): rows for the targets, the table in
    the details."""
    from bench.table import Row, at_least

    lines = 20_000 if bench.args.quick else 1_000_000
    rows, udf_rate, machine = measure(lines, bench.work, bench.args.seed)
    rate = {(name, workers): lines / seconds for name, workers, seconds, _ in rows}
    for name in ("Spark validate_json_lines", "Dask validate_files"):
        if udf_rate and (name, 2) in rate:
            bench.rows.append(
                Row(
                    f"scale-out: {name}, 2 workers vs the per-row UDF",
                    f"{rate[name, 2]:,.0f} docs/s",
                    f"{udf_rate:,.0f} docs/s",
                    rate[name, 2] / udf_rate,
                    ">= 20",
                    at_least(20),
                )
            )
    for name in ("Dask validate_files", "Dask run_on_dask", "Spark validate_json_lines"):
        if (name, 1) in rate and (name, 2) in rate:
            bench.rows.append(
                Row(
                    f"scale-out: {name}, 2 workers vs 1",
                    f"{rate[name, 2]:,.0f} docs/s",
                    f"{rate[name, 1]:,.0f} docs/s",
                    rate[name, 2] / rate[name, 1],
                    f">= 1.6 (machine: {machine[2]:.2f})",
                    at_least(1.6),
                )
            )
    for engine, ours in (("Spark", "validate_column"), ("Dask", "validate_bag")):
        loop = [s for name, _, s, _ in rows if name.startswith(f"{engine} ") and "loop" in name]
        mine = [s for name, _, s, _ in rows if name.startswith(f"{engine} {ours}")]
        if loop and mine:
            bench.rows.append(
                Row(
                    f"scale-out: {engine} {ours} (records) vs the hand loop",
                    f"{lines / mine[0]:,.0f} docs/s",
                    f"{lines / loop[0]:,.0f} docs/s",
                    loop[0] / mine[0],
                    ">= 0.8",
                    at_least(0.8),
                )
            )
    bench.details.extend(
        "  scale-out | " + line for line in table(rows, lines, udf_rate, machine).splitlines()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--udf-sample", type=int, default=1_000, help="lines the UDF is timed on")
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument(
        "--only-loops",
        action="store_true",
        help="only the hand-written loops (mapInArrow, map_partitions) and the records beside them",
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    rows, udf_rate, machine = measure(
        args.lines,
        args.work_dir.resolve(),
        args.seed,
        args.udf_sample,
        spark=not args.skip_spark,
        dask=not args.skip_dask,
        only_loops=args.only_loops,
    )
    print(table(rows, args.lines, udf_rate, machine))
    print(f"\nbench.scaleout: {time.perf_counter() - began:.0f} s in all")
    return 0


def table(
    rows: list[tuple[str, int, float, str]],
    lines: int,
    udf_rate: float | None,
    machine: tuple[float, float, float],
) -> str:
    one_worker = {name: seconds for name, workers, seconds, _ in rows if workers == 1}
    out = [
        f"Scale-out: {lines:,} JSON Lines documents, 30% invalid; {os.cpu_count()} CPUs",
        "",
        "| engine | workers | seconds | documents/s | vs 1 worker | vs per-row UDF | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name, workers, seconds, note in rows:
        rate = lines / seconds
        scale = f"{one_worker[name] / seconds:.2f}x" if workers == 2 and name in one_worker else ""
        versus = f"{rate * 1 / udf_rate:.0f}x" if udf_rate else ""
        out.append(
            f"| {name} | {workers} | {seconds:.2f} | {rate:,.0f} | {scale} | {versus} | {note} |"
        )
    one, two, limit = machine
    out.append(
        f"\nMachine ceiling: a CPU-bound loop takes {one:.3f} s alone and {two:.3f} s twice at "
        f"once: two processes do {limit:.2f}x the work of one (the bound on any 2-worker speed-up)"
    )
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
