"""Goal 2: many files (10,000 pretty-printed documents, 30% invalid), every error reported.
``casefile-validate files`` (a directory) against check-jsonschema (the paths on its command
line: it takes no directories), ajv-cli (which expands the glob) and sourcemeta (a directory);
the targets are <= 0.25 against check-jsonschema and < 1 against the other two."""

from __future__ import annotations

import os

from bench.common import ENV
from bench.context import Bench
from bench.table import at_most, below, ratio_row
from bench.timing import SOURCEMETA_SUMMARY, expect_counts, expect_lines


def run(bench: Bench) -> None:
    files = bench.rel(bench.loads.files)
    valid, invalid = bench.files_counts
    file_list = sorted(bench.rel(p) for p in bench.loads.files.glob("*.json"))
    # check-jsonschema takes files only (no directories): the paths go on its command line.
    arg_bytes = sum(len(f) + 1 for f in file_list)
    arg_bytes += sum(len(k) + len(v) + 2 for k, v in ENV.items())
    arg_max = os.sysconf("SC_ARG_MAX") if hasattr(os, "sysconf") else 2**21
    cj_note = None
    if arg_bytes > arg_max * 0.9:
        cj_note = f"{len(file_list):,} paths ({arg_bytes:,} bytes) exceed ARG_MAX ({arg_max:,})"
        cj_cmd = None
    else:
        cj_ok = expect_lines(None, r"^  (\S+?)::", 0, invalid)
        cj_args = ["--schemafile", bench.schema, *file_list]
        cj_cmd = bench.peer_cmd(bench.cj, cj_args, (1,), cj_ok)
    ajv_args = ["validate", "--spec=draft2020", "-c", "ajv-formats", "--all-errors"]
    ajv_args += ["--errors=text", "-s", bench.schema, "-d", f"{files}/*.json"]
    ajv_ok = expect_lines(r"^(\S+) valid$", r"^(\S+) invalid$", valid, invalid)
    sm_args = ["validate", bench.schema, "--continue", "--format-assertion", files]
    sm_ok = expect_counts(SOURCEMETA_SUMMARY, valid, invalid)
    t = bench.measure(
        "goal 2",
        [
            bench.ours_cmd("ours", [files], bench.files_counts),
            cj_cmd,
            bench.peer_cmd(bench.ajv, ajv_args, (1,), ajv_ok),
            bench.peer_cmd(bench.sm, sm_args, (2,), sm_ok),
        ],
    )
    goal = f"2. {bench.sizes.files:,} files, {bench.pct}% invalid"
    cj, ajv, sm = bench.cj, bench.ajv, bench.sm
    bench.rows += [
        ratio_row(
            goal, t["ours"], t.get(cj.name), cj.name, "<= 0.25", at_most(0.25),
            bench.why(cj) or cj_note,
        ),
        ratio_row(goal, t["ours"], t.get(ajv.name), ajv.name, "< 1", below(1), bench.why(ajv)),
        ratio_row(goal, t["ours"], t.get(sm.name), sm.name, "< 1", below(1), bench.why(sm)),
    ]  # fmt: skip
