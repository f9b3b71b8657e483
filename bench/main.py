"""The run: parse the options, set up (:class:`~bench.context.Bench`), measure the goals in order,
print the report and write it to ``results.md`` in the work directory."""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

from bench import (
    goal1_cold_start,
    goal2_files,
    goal3_jsonl_valid,
    goal4_jsonl_mixed,
    goal5_memory,
    goal6_jobs,
    goal7_schemas,
    goal8_warnings,
    goal9_real_logs,
    goal10_har,
)
from bench.common import DEFAULT_WORK, ROOT
from bench.context import Bench, load_average
from bench.peers import AJV_CLI, AJV_FORMATS, CHECK_JSONSCHEMA, SOURCEMETA
from bench.table import render, render_imports

GOALS = (
    goal1_cold_start,
    goal2_files,
    goal3_jsonl_valid,
    goal4_jsonl_mixed,
    goal5_memory,
    goal6_jobs,
    goal7_schemas,
    goal8_warnings,
    goal9_real_logs,
    goal10_har,
)
"""Measured in this order: goal 6 reads goal 1's start-up and goal 3's floor."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark casefile-validate side by side with peer tools; prints ratios."
    )
    parser.add_argument("--quick", action="store_true", help="tiny workloads (smoke test)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    parser.add_argument("--memory", action="store_true", help="also run the ~1 GB memory case")
    parser.add_argument("--skip-peers", action="store_true", help="do not install or run peers")
    parser.add_argument(
        "--use-current-python",
        action="store_true",
        help="measure the project installed for this interpreter instead of building a venv",
    )
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="default: bench/.work")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="the checkout to build and measure (this one)"
    )
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument(
        "--goals",
        help="comma-separated goal numbers to measure (default: all; goal 6 needs 1 and 3)",
    )
    parser.add_argument(
        "--scale-out",
        action="store_true",
        help="also the scale-out table (CLI, Dask, Spark, the per-row UDF; about 20 minutes on "
        "1,000,000 lines, 20,000 with --quick); alone: python -m bench.scaleout",
    )
    parser.add_argument("--files", type=int, help="number of files for goal 2 (10,000)")
    parser.add_argument("--jsonl-docs", type=int, help="documents per JSONL file (100,000)")
    parser.add_argument("--mem-small-mb", type=float, help="small memory workload, MiB (100)")
    parser.add_argument("--mem-large-mb", type=float, help="large memory workload, MiB (1000)")
    parser.add_argument(
        "--har-mb", type=float, help="the HAR recording of goal 10, MiB (200; the issue's: 1000)"
    )
    parser.add_argument("--check-jsonschema", default=CHECK_JSONSCHEMA, metavar="PIP_SPEC")
    parser.add_argument("--sourcemeta", default=SOURCEMETA, metavar="PIP_SPEC")
    parser.add_argument("--ajv-cli", default=AJV_CLI, metavar="NPM_SPEC")
    parser.add_argument("--ajv-formats", default=AJV_FORMATS, metavar="NPM_SPEC")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def report(bench: Bench, elapsed: float) -> str:
    header = (
        f"casefile-validate benchmark: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; medians of {bench.runs} run(s); "
        f"{elapsed:.0f} s in all; load average {bench.load_before} before, {load_average()} after"
    )
    table = render(bench.rows)
    notes = [f"- {r.goal} [{r.peer}]: {r.note}" for r in bench.rows if r.note]
    tools = [f"- {t.name}: {t.missing or t.version}" for t in bench.tools]
    jobs = "listed by --help" if bench.has_jobs else "not listed by --help (goal 6 n/a)"
    tools.append(f"- casefile-validate --jobs: {jobs}")
    parts = [header, "", table, ""]
    if notes:
        parts += ["Notes:", "", *notes, ""]
    parts += ["Tools:", "", *tools, ""]
    parts += ["Details (wall-time medians; min and max over the runs):", "", "```"]
    parts += [*bench.details, "```", ""]
    if bench.imports:
        parts += ["Import time of casefile-validate (-X importtime, self time per package):"]
        parts += ["", "```", render_imports(bench.imports), "```", ""]
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    bench = Bench(args)
    chosen = {f"goal{n.strip()}_" for n in args.goals.split(",")} if args.goals else None
    for goal in GOALS:
        name = goal.__name__.rpartition(".")[2]
        if chosen is None or any(name.startswith(prefix) for prefix in chosen):
            goal.run(bench)
    if args.scale_out:
        from bench import scaleout

        scaleout.run(bench)
    text = report(bench, time.perf_counter() - started)
    print(text)
    results = bench.work / "results.md"
    results.write_text(f"# Benchmark results\n\n{text}")
    print(f"(also written to {results})")
    return 0
