"""Goal 1: cold start. ``casefile-validate one/valid.json`` against check-jsonschema on the same
file; the target is a ratio <= 0.35.  The same with a schema file of the user's own
(``--schema``: the contract stored under another ``$id``, as a team keeps it), against
check-jsonschema on that file: the bundled schemas skip what the tests proved of them (the
metaschema check, the walk of the references), a user's file does not.  A row holds the same
run against importing the engines alone (``python -I -c "import orjson, jsonschema_rs"`` on the
same interpreter): <= 1.10.  Also records our median (the start-up that goal 6 holds serial) and
where the start-up's import time goes (medians of a few ``-X importtime`` runs, for ``--help``,
one file, and one file with ``--jobs 1``)."""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
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


def _own_schema(bench: Bench) -> str:
    """The bundled contract as a user stores it: the same schema under an ``$id`` of theirs."""
    contents = json.loads(Path(bench.schema).read_text(encoding="utf-8"))
    contents["$id"] = "https://schemas.casefiles.example/AddSessionToCasefileResponse.json"
    path = bench.data / "own-schema.json"
    path.write_text(json.dumps(contents, indent=2), encoding="utf-8")
    return bench.rel(path)


def run(bench: Bench) -> None:
    one = bench.rel(bench.loads.one)
    own = _own_schema(bench)
    cj_ok = expect_lines(r"^ok -- validation done$", r"^  (\S+)::", 1, 0)
    cj_own = bench.peer_cmd(bench.cj, ["--schemafile", own, one], (0,), cj_ok)
    own_label = f"{bench.cj.name}, own schema"
    t = bench.measure(
        "goal 1",
        [
            bench.ours_cmd("ours", [one], (1, 0)),
            bench.peer_cmd(bench.cj, ["--schemafile", bench.schema, one], (0,), cj_ok),
            Command("engines", [str(bench.python), "-I", "-c", ENGINES], bench.data, (0,)),
            bench.ours_cmd("ours, own schema", ["--schema", own, one], (1, 0)),
            None if cj_own is None else replace(cj_own, label=own_label),
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
    bench.rows.append(
        ratio_row(
            "1. cold start, one valid file, a schema file of the user's",
            t["ours, own schema"],
            t.get(own_label),
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
