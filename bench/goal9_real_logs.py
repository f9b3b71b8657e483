"""Goal 9: logs as they really are (issue 21).  The workloads of :mod:`bench.real_logs`: valid
documents with nested free-form metadata, 0%, 10% and 50% of them with one undeclared property,
as JSON Lines written compact and with ``json.dumps``' default spacing, and as pretty-printed
files.  Three rows per workload, all against measurements of the same run:

* ``--jobs 1`` against the one-process floor, <= 1.15.  The floor reads, parses with orjson and
  asks jsonschema_rs for a verdict (goal 3's loop; for files, one file at a time); where documents
  carry undeclared properties it also asks a closed copy of the schema
  (``additionalProperties: false`` where properties are declared) for its verdict, the least that
  warnings cost;
* warnings on (the default) against ``--no-warnings``, <= 1.3;
* the default ``--jobs`` (the cores) against the same one-process floor, <= 1.0.
"""

from __future__ import annotations

from pathlib import Path

from bench.context import Bench
from bench.goal3_jsonl_valid import FLOOR
from bench.real_logs import SHARES, closed_copy, make_real_logs
from bench.table import at_most, ratio_row
from bench.timing import FLOOR_SUMMARY, Command, expect_counts

FLOOR_CLOSED = """\
import sys
import jsonschema_rs, orjson
def verdict(path):
    with open(path, "rb") as f:
        return jsonschema_rs.validator_for(orjson.loads(f.read()), validate_formats=True).is_valid
is_valid, is_quiet = verdict(sys.argv[1]), verdict(sys.argv[2])
loads = orjson.loads
total = valid = quiet = 0
with open(sys.argv[3], "rb") as f:
    for line in f:
        if line.strip():
            total += 1
            document = loads(line)
            valid += is_valid(document)
            quiet += is_quiet(document)
print(total, valid, total - valid)
"""
"""The floor of JSON Lines with undeclared properties: both verdicts of every line."""

FLOOR_FILES = """\
import os, sys
import jsonschema_rs, orjson
def verdict(path):
    with open(path, "rb") as f:
        return jsonschema_rs.validator_for(orjson.loads(f.read()), validate_formats=True).is_valid
is_valid = verdict(sys.argv[1])
is_quiet = verdict(sys.argv[2]) if len(sys.argv) > 4 else None
loads = orjson.loads
total = valid = quiet = 0
for entry in sorted(os.scandir(sys.argv[3]), key=lambda e: e.name):
    if entry.name.endswith(".json"):
        with open(entry.path, "rb") as f:
            document = loads(f.read())
        total += 1
        valid += is_valid(document)
        if is_quiet is not None:
            quiet += is_quiet(document)
print(total, valid, total - valid)
"""
"""The floor of a folder of files: each read, parsed and judged in turn (both verdicts when its
documents carry undeclared properties: a fifth argument says so)."""

TOY_WARNINGS = """\
import sys
import jsonschema_rs, orjson
def load(path):
    with open(path, "rb") as f:
        return orjson.loads(f.read())
schema = load(sys.argv[1])
is_valid = jsonschema_rs.validator_for(schema, validate_formats=True).is_valid
is_quiet = jsonschema_rs.validator_for(load(sys.argv[2]), validate_formats=True).is_valid
def names(node):  # declared names at a location, and the locations below (local $refs)
    while "$ref" in node:
        for token in node["$ref"][2:].split("/"):
            node = schema[token] if node is not schema and token == "$defs" else node[token]
    below = node.get("properties", {})
    return set(below), {key: names(sub) for key, sub in below.items()}
tree = names(schema)
def undeclared(doc, at, pointer, out):
    declared, below = at
    for key, value in doc.items():
        if key not in declared:
            out.append((pointer + "/" + key, key))
        elif type(value) is dict and below[key][0]:
            undeclared(value, below[key], pointer + "/" + key, out)
loads, write, name = orjson.loads, sys.stdout.write, sys.argv[3]
total = valid = 0
with open(name, "rb") as f:
    for number, line in enumerate(f, 1):
        if line.strip():
            total += 1
            document = loads(line)
            if is_quiet(document):
                valid += 1
            elif is_valid(document):
                valid += 1
                found = []
                undeclared(document, tree, "", found)
                for pointer, key in found:
                    column = line.find(b'"' + key.encode() + b'"') + 1
                    write(f"{name}:{number}:{column}: warning: {pointer}: undeclared property\\n")
print(total, valid, total - valid)
"""
"""What any tool that reports each undeclared property where it is must at least do, beside the
floor's two verdicts: find the members the schema does not declare (a walk of the declared
objects) and write a line for each, placed at the first match of its name in the line (no proof
that the line was read right, no care for a name that is also a value).  For reading the 50%
rows: how close to the floor a report of warnings can come."""

SHAPES = (("compact", "JSONL compact"), ("spaced", "JSONL json.dumps"), ("files", "files pretty"))


def _floor(bench: Bench, shape: str, share: int, path: str, closed: str) -> list[str]:
    python = str(bench.python)
    if shape == "files":
        return [python, "-c", FLOOR_FILES, bench.schema, closed, path, *(["closed"] * bool(share))]
    if share:
        return [python, "-c", FLOOR_CLOSED, bench.schema, closed, path]
    return [python, "-c", FLOOR, bench.schema, path]


def _toy(bench: Bench, shape: str, share: int, rel: str, closed: str, docs: int) -> Command | None:
    """The warnings loop beside the floor, where JSON Lines carry undeclared properties."""
    if not share or shape == "files":
        return None
    toy = [str(bench.python), "-c", TOY_WARNINGS, bench.schema, closed, rel]
    return Command("warnings loop", toy, bench.data, (0,), expect_counts(FLOOR_SUMMARY, docs, 0))


def _measure(bench: Bench, shape: str, title: str, share: int, path: Path, closed: str) -> None:
    docs = bench.sizes.files if shape == "files" else bench.sizes.jsonl_docs
    rel = bench.rel(path)
    label = f"9. {title}, {share}% undeclared"
    t = bench.measure(
        f"goal 9 ({title}, {share}%)",
        [
            bench.ours_cmd("ours", [rel], (docs, 0)),
            bench.ours_cmd("ours --jobs 1", ["--jobs", "1", rel], (docs, 0)),
            bench.ours_cmd("ours --no-warnings", ["--no-warnings", rel], (docs, 0)),
            Command(
                "floor",
                _floor(bench, shape, share, rel, closed),
                bench.data,
                (0,),
                expect_counts(FLOOR_SUMMARY, docs, 0),
            ),
            _toy(bench, shape, share, rel, closed, docs),
        ],
    )
    floor = "floor" + (" + closed" if share else "")
    bench.rows.append(
        ratio_row(
            f"{label}, --jobs 1", t["ours --jobs 1"], t["floor"], floor, "<= 1.15", at_most(1.15)
        )
    )
    bench.rows.append(
        ratio_row(
            f"{label}, warnings on",
            t["ours"],
            t["ours --no-warnings"],
            "--no-warnings",
            "<= 1.3",
            at_most(1.3),
        )
    )
    bench.rows.append(ratio_row(label, t["ours"], t["floor"], floor, "<= 1.0", at_most(1.0)))
    if "warnings loop" in t:  # no goal: how far below the bound any report of warnings can be
        bench.rows.append(
            ratio_row(
                f"{label}, a warnings loop (no goal)",
                t["warnings loop"],
                t["floor"],
                floor,
                "(reference)",
                lambda ratio: True,
            )
        )


def run(bench: Bench) -> None:
    made = make_real_logs(bench.data, bench.sizes.jsonl_docs, bench.sizes.files, bench.args.seed)
    closed = str(closed_copy(Path(bench.schema), bench.data / "closed-schema.json"))
    for shape, title in SHAPES:
        for share in SHARES:
            _measure(bench, shape, title, share, made[shape, share], closed)
