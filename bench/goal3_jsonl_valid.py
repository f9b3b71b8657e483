"""Goal 3: JSON Lines, 100,000 documents, all valid. ``casefile-validate valid.jsonl`` against the
floor: a Python loop in its own process that reads the file, parses each line with orjson and asks
jsonschema_rs for a verdict (:data:`FLOOR`); the target is a ratio <= 1.5. A second row runs ours
on one process (``--jobs 1``, as the floor does), held to <= 1.15. Goal 6 reads the floor's
median."""

from __future__ import annotations

from bench.context import Bench
from bench.table import at_most, ratio_row
from bench.timing import FLOOR_SUMMARY, Command, expect_counts

FLOOR = """\
import sys
import jsonschema_rs, orjson
with open(sys.argv[1], "rb") as f:
    is_valid = jsonschema_rs.validator_for(orjson.loads(f.read()), validate_formats=True).is_valid
loads = orjson.loads
total = valid = 0
with open(sys.argv[2], "rb") as f:
    for line in f:
        if line.strip():
            total += 1
            valid += is_valid(loads(line))
print(total, valid, total - valid)
"""
"""The floor of goal 3: read, parse each line with orjson, ask jsonschema_rs for a verdict."""


def run(bench: Bench) -> None:
    docs = bench.sizes.jsonl_docs
    path = bench.rel(bench.loads.jsonl_valid)
    floor = [str(bench.python), "-c", FLOOR, bench.schema, path]
    floor_ok = expect_counts(FLOOR_SUMMARY, docs, 0)
    t = bench.measure(
        "goal 3",
        [
            bench.ours_cmd("ours", [path], (docs, 0)),
            bench.ours_cmd("ours --jobs 1", ["--jobs", "1", path], (docs, 0)),
            Command("floor", floor, bench.data, (0,), floor_ok),
        ],
    )
    bench.rows.append(
        ratio_row(
            f"3. JSONL, {docs:,} valid", t["ours"], t["floor"], "floor", "<= 1.5", at_most(1.5)
        )
    )
    bench.rows.append(  # one process against the one-process floor (issue 13)
        ratio_row(
            f"3. JSONL, {docs:,} valid, --jobs 1",
            t["ours --jobs 1"],
            t["floor"],
            "floor",
            "<= 1.15",
            at_most(1.15),
        )
    )
    bench.floor = t["floor"].median
    for label in ("ours", "ours --jobs 1", "floor"):
        median = t[label].median
        if median:
            bench.details.append(f"      {label}: {docs / median:,.0f} documents/s")
