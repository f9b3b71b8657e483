"""Goal 7: one run for the whole repository.  The files of goal 2's size (10,000 pretty-printed
documents, 30% invalid) spread over five folders, each judged by its own schema (five copies of
the bundled schema under their own ``$id`` and ``title``), as a ``.casefile-validate.toml`` with
five checks says: ``casefile-validate`` with no input, against the same files checked with one
``--schema``.  The target is <= 1.2: five schemas cost at most a fifth more than one (each schema
is compiled once per process; the files are walked once)."""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import SCHEMA
from bench.context import Bench
from bench.table import at_most, ratio_row
from bench.timing import OURS_SUMMARY, Command, expect_counts
from bench.workloads import make_files

SCHEMAS = 5
LAST_LINE = r"(?m)^[\d,]+ documents?: " + OURS_SUMMARY + "$"
"""The summary line (the per-schema lines above it hold counts too)."""


def make_repository(bench: Bench) -> tuple[Path, tuple[int, int]]:
    """The repository (made once per size and seed): five schemas, five folders of files and the
    config tying them together; and its (valid, invalid) counts."""
    root = bench.data / f"schemas-{SCHEMAS}"
    per = bench.sizes.files // SCHEMAS
    fraction = bench.sizes.invalid_fraction
    contents = json.loads(SCHEMA.read_text())
    checks = []
    (root / "schemas").mkdir(parents=True, exist_ok=True)
    for k in range(SCHEMAS):
        copy = {
            **contents,
            "$id": f"https://bench.invalid/schemas/response-{k}.json",
            "title": f"Response{k}",
        }
        (root / "schemas" / f"response-{k}.json").write_text(json.dumps(copy, indent=2))
        make_files(root / "payloads" / f"p{k}", per, fraction, bench.args.seed + k)
        checks.append(f'[[checks]]\nfiles = ["payloads/p{k}/*.json"]\n')
        checks.append(f'schema = "schemas/response-{k}.json"\n\n')
    (root / ".casefile-validate.toml").write_text("".join(checks))
    invalid = SCHEMAS * round(per * fraction)
    return root, (SCHEMAS * per - invalid, invalid)


def run(bench: Bench) -> None:
    root, counts = make_repository(bench)
    verify = expect_counts(LAST_LINE, *counts)
    ok = (1,) if counts[1] else (0,)

    def ours(label: str, args: list[str]) -> Command:
        return Command(label, [*bench.ours.argv, *args], root, ok, verify, no_redraw=True)

    five, one = f"{SCHEMAS} schemas", "one schema"
    t = bench.measure(
        "goal 7",
        [ours(five, []), ours(one, ["--schema", "schemas/response-0.json", "payloads"])],
    )
    goal = f"7. {SCHEMAS * (bench.sizes.files // SCHEMAS):,} files, {SCHEMAS} schemas"
    bench.rows.append(ratio_row(goal, t[five], t.get(one), one, "<= 1.2", at_most(1.2)))
    bench.details.append("      re-run: python3 bench/run.py --goals 7 --skip-peers")
