"""Goal 1: cold start. ``casefile-validate one/valid.json`` against check-jsonschema on the same
file; the target is a ratio <= 0.35. A second row holds the same run against importing the engines
alone (``python -I -c "import orjson, jsonschema_rs"`` on the same interpreter): <= 1.10. Also
records our median (the start-up that goal 6 holds serial) and where the start-up's import time
goes (medians of a few ``-X importtime`` runs, for ``--help``, one file, and one file with
``--jobs 1``)."""

from __future__ import annotations

import statistics
from pathlib import Path

from bench.context import Bench
from bench.table import at_most, ratio_row
from bench.timing import Command, expect_lines, import_times

ENGINES = "import orjson, jsonschema_rs"
IMPORT_RUNS = 5
"""Runs of ``-X importtime`` per column: the table shows each package's median (one run on a
busy machine is off by milliseconds)."""


def median_import_times(argv: list[str], cwd: Path, runs: int = IMPORT_RUNS) -> dict[str, int]:
    """Self import time (µs) per top-level package, the median of ``runs`` runs."""
    samples = [import_times(argv, cwd) for _ in range(runs)]
    packages = set().union(*samples)
    return {p: int(statistics.median(s.get(p, 0) for s in samples)) for p in packages}


def run(bench: Bench) -> None:
    one = bench.rel(bench.loads.one)
    cj_ok = expect_lines(r"^ok -- validation done$", r"^  (\S+)::", 1, 0)
    t = bench.measure(
        "goal 1",
        [
            bench.ours_cmd("ours", [one], (1, 0)),
            bench.peer_cmd(bench.cj, ["--schemafile", bench.schema, one], (0,), cj_ok),
            Command("engines", [str(bench.python), "-I", "-c", ENGINES], bench.data, (0,)),
        ],
    )
    bench.cold_start = t["ours"].median
    bench.rows.append(
        ratio_row(
            "1. cold start, one valid file",
            t["ours"],
            t.get(bench.cj.name),
            bench.cj.name,
            "<= 0.35",
            at_most(0.35),
            bench.why(bench.cj),
        )
    )
    bench.rows.append(  # the start-up of nothing but the engines (issue 13)
        ratio_row(
            "1. cold start vs importing the engines",
            t["ours"],
            t["engines"],
            "engines",
            "<= 1.10",
            at_most(1.10),
        )
    )
    bench.imports = {  # --jobs 1: a run with options, read without click
        "--help": median_import_times([*bench.ours.argv, "--help"], bench.data),
        "one file": median_import_times([*bench.ours.argv, one], bench.data),
        "--jobs 1": median_import_times([*bench.ours.argv, "--jobs", "1", one], bench.data),
    }
