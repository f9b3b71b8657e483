"""Goal 10's checking row (issue 23): checking a HAR recording against its OpenAPI document
(``casefile-validate --openapi api.json recording.har``: each entry read, matched to its
operation, its body checked against the response's schema) against checking the same API
bodies as JSON Lines through a config with one check per operation (the workload's
``bodies_jsonl``), both in one process (``--jobs 1``), neither with ``--coverage``: the
recording must keep >= 50% of that throughput (ratio <= 2).  Then the recording's check with
``--coverage`` (what the valid bodies exercised of their schemas) against the same without: it
should cost little more (ratio <= 1.2).

The document: the workload's API (``/casefiles/{casefile}/sessions``, ``GET``/``PUT`` answer
200, ``POST`` 201) with the bundled ``AddSessionToCasefileResponse`` schema as each response's
schema (by ``$ref`` to a copy beside it); entries to other hosts (a CDN, analytics) are outside
its server and skipped, as a real run skips them.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

from bench.common import SCHEMA
from bench.context import Bench
from bench.har_workload import API, HarWorkload
from bench.table import Row, at_most, ratio_row, seconds
from bench.timing import FLOOR_SUMMARY, expect_counts

HAR_LOOP = """\
import base64, re, sys
from urllib.parse import urlsplit
import jsonschema_rs, orjson
with open(sys.argv[1], "rb") as f:
    is_valid = jsonschema_rs.validator_for(orjson.loads(f.read()), validate_formats=True).is_valid
base = sys.argv[2]
path = re.compile(re.escape(urlsplit(base).path) + "/casefiles/[^/]+/sessions")
status = {"GET": 200, "PUT": 200, "POST": 201}
with open(sys.argv[3], "rb") as f:
    entries = orjson.loads(f.read())["log"]["entries"]
total = valid = 0
for entry in entries:
    request, response = entry["request"], entry["response"]
    url = request["url"]
    if not url.startswith(base) or path.fullmatch(urlsplit(url).path) is None:
        continue
    content = response["content"]
    text = content.get("text")
    if status.get(request["method"]) != response["status"] or text is None:
        continue
    if not content.get("mimeType", "").startswith("application/json"):
        continue
    if content.get("encoding") == "base64":
        text = base64.b64decode(text)
    total += 1
    valid += is_valid(orjson.loads(text))
print(total, valid, total - valid)
"""
"""The least a check of the recording costs in Python, for reading its row (no goal): the whole
file parsed at once by orjson (no bounded memory, no places, no duplicate keys found), each
entry of the API's one path template and documented status checked by jsonschema_rs."""

TOTALS = (
    r"(?m)^[\d,]+ documents?: (?P<valid>[\d,]+) valid, (?P<invalid>[\d,]+) invalid, 0 unreadable"
)


def _spec(load: HarWorkload) -> tuple[str, str]:
    """The document and the config of the JSON Lines run, written beside the recording."""
    folder = load.har.parent
    shutil.copyfile(SCHEMA, folder / SCHEMA.name)
    content = {"application/json": {"schema": {"$ref": SCHEMA.name}}}
    operation = {
        method: {
            "operationId": f"{method}Sessions",
            "responses": {code: {"description": "the casefile", "content": content}},
        }
        for method, code in (("get", "200"), ("put", "200"), ("post", "201"))
    }
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "casefiles", "version": "1"},
        "servers": [{"url": API}],
        "paths": {"/casefiles/{casefile}/sessions": operation},
    }
    (folder / "api.json").write_text(json.dumps(spec, indent=2))
    config = folder / "bodies.toml"
    config.write_text(
        f'[[checks]]\nfiles = ["*.bodies.jsonl"]\nschema = "{SCHEMA.name}"\njsonl = true\n'
    )
    return "api.json", config.name


def run(bench: Bench, load: HarWorkload) -> None:
    spec, config = _spec(load)
    har, bodies = bench.rel(load.har), bench.rel(load.bodies_jsonl)
    folder = bench.rel(load.har.parent)
    counts = (load.bodies, 0)
    ours = bench.ours_cmd(
        "ours", ["--no-config", "--jobs", "1", "--openapi", f"{folder}/{spec}", har], counts
    )
    # the run's own summary line (the lines per response before it hold counts too)
    ours = replace(ours, verify=expect_counts(TOTALS, *counts))
    jsonl = bench.ours_cmd(
        "as JSON Lines", ["--config", f"{folder}/{config}", "--jobs", "1", bodies], counts
    )
    covered = replace(ours, label="--coverage", argv=[*ours.argv[:-1], "--coverage", ours.argv[-1]])
    loop = replace(
        ours,
        label="a HAR loop",
        argv=[str(bench.python), "-c", HAR_LOOP, f"{folder}/{SCHEMA.name}", API, har],
        ok_codes=(0,),
        verify=expect_counts(FLOOR_SUMMARY, *counts),
    )
    title = f"goal 10: check a HAR of {load.bodies:,} API bodies against its operations"
    t = bench.measure(title, [ours, jsonl, covered, loop])
    mine, base = t["ours"].median, t["as JSON Lines"].median
    bench.rows.append(
        Row(
            f"10. HAR checked, {load.bodies:,} bodies (--jobs 1)",
            seconds(t["ours"]) + (f" ({load.bodies / mine:,.0f} bodies/s)" if mine else ""),
            f"as JSON Lines {seconds(t['as JSON Lines'])}",
            mine / base if mine and base else None,
            "<= 2",
            at_most(2.0),
            t["ours"].failure or t["as JSON Lines"].failure or "",
        )
    )
    loop_row = f"10. a HAR loop, {load.bodies:,} bodies (no goal)"
    reference = (t["a HAR loop"], t["as JSON Lines"], "as JSON Lines", "(reference)")
    bench.rows.append(ratio_row(loop_row, *reference, lambda ratio: True))
    cost = t["--coverage"].median
    bench.rows.append(
        Row(
            f"10. HAR checked with --coverage, {load.bodies:,} bodies (--jobs 1)",
            seconds(t["--coverage"]),
            f"without {seconds(t['ours'])}",
            cost / mine if cost and mine else None,
            "<= 1.2",
            at_most(1.2),
            t["--coverage"].failure or t["ours"].failure or "",
        )
    )
