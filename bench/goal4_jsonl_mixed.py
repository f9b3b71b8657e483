"""Goal 4: JSON Lines, 100,000 documents, 30% invalid, every error with its position.
``casefile-validate mixed.jsonl`` against sourcemeta (which reads ``.jsonl`` itself); the target
is a ratio <= 0.5; on one process (``--jobs 1``), <= 0.35."""

from __future__ import annotations

from bench.context import Bench
from bench.table import at_most, ratio_row
from bench.timing import SOURCEMETA_SUMMARY, expect_counts


def run(bench: Bench) -> None:
    path = bench.rel(bench.loads.jsonl_mixed)
    sm_args = ["validate", bench.schema, "--continue", "--format-assertion", path]
    sm_ok = expect_counts(SOURCEMETA_SUMMARY, *bench.mixed_counts)
    t = bench.measure(
        "goal 4",
        [
            bench.ours_cmd("ours", [path], bench.mixed_counts),
            bench.ours_cmd("ours --jobs 1", ["--jobs", "1", path], bench.mixed_counts),
            bench.peer_cmd(bench.sm, sm_args, (2,), sm_ok),
        ],
    )
    bench.rows.append(
        ratio_row(
            f"4. JSONL, {bench.sizes.jsonl_docs:,}, {bench.pct}% invalid",
            t["ours"],
            t.get(bench.sm.name),
            bench.sm.name,
            "<= 0.5",
            at_most(0.5),
            bench.why(bench.sm),
        )
    )
    bench.rows.append(  # one process (issue 13)
        ratio_row(
            f"4. JSONL, {bench.sizes.jsonl_docs:,}, {bench.pct}% invalid, --jobs 1",
            t["ours --jobs 1"],
            t.get(bench.sm.name),
            bench.sm.name,
            "<= 0.35",
            at_most(0.35),
            bench.why(bench.sm),
        )
    )
