"""Goal 8: warnings for undeclared properties cost little.  The JSON Lines workload of goal 3
(100,000 valid documents) checked as usual, warnings on (the default), against the same run
with ``--no-warnings``; the target is a ratio <= 1.3 (the declared names of each schema
location are computed once, not per document)."""

from __future__ import annotations

from bench.context import Bench
from bench.table import at_most, ratio_row


def run(bench: Bench) -> None:
    docs = bench.sizes.jsonl_docs
    path = bench.rel(bench.loads.jsonl_valid)
    t = bench.measure(
        "goal 8",
        [
            bench.ours_cmd("warnings", [path], (docs, 0)),
            bench.ours_cmd("no warnings", ["--no-warnings", path], (docs, 0)),
        ],
    )
    bench.rows.append(
        ratio_row(
            f"8. JSONL, {docs:,} valid, warnings on",
            t["warnings"],
            t["no warnings"],
            "--no-warnings",
            "<= 1.3",
            at_most(1.3),
        )
    )
