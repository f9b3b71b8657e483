"""The coverage of a run's OpenAPI document in every report format (a summary filled by hand:
the run of recordings that fills it is tested with the recordings)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from typing import Any

from validator.contracts.coverage import coverage_of
from validator.problems import DocumentResult, Status, Summary
from validator.report.base import ReportOptions
from validator.report.registry import make_reporter

HOSTILE = "<img src=x onerror=alert(1)>|`@here ##[warning]www.evil.test\x1b[2J"
"""An operationId a pull request's author chose."""


def _spec() -> dict[str, Any]:
    def ok(schema: Any = None) -> dict[str, Any]:
        return {"description": "", "content": {"application/json": {"schema": schema or {}}}}

    return {
        "openapi": "3.1.0",
        "paths": {
            "/users": {
                "get": {
                    "operationId": "listUsers",
                    "responses": {"200": ok(), "4XX": ok(), "default": {"description": ""}},
                }
            },
            "/users/{id}": {
                "delete": {"responses": {"204": {"description": ""}, "404": ok()}},
                "put": {"operationId": HOSTILE, "responses": {"200": ok()}},
            },
        },
    }


def _summary(minimum: float | None = None) -> Summary:
    summary = Summary()
    for name, status in [
        ("listUsers 200 application/json", Status.VALID),
        ("listUsers 200 application/json", Status.INVALID),
        ("DELETE /users/{id} 204", Status.VALID),
    ]:
        summary.add(DocumentResult("rec.har", 1, status, schema=name))
    summary.coverage = coverage_of(_spec(), summary, "api.json", minimum)
    return summary


def _report(name: str, summary: Summary) -> str:
    out = io.StringIO()
    make_reporter(name, out, ReportOptions()).finish(summary)
    return out.getvalue()


def test_text_gives_the_totals_and_the_gaps() -> None:
    text = _report("text", _summary(80))
    assert text.splitlines()[-8:-1] == [
        "Coverage of api.json: 2 of 6 documented responses seen (33.3%)",
        "  Never seen (4), biggest gaps first:",
        "    <img src=x onerror=alert(1)>|`@here ##\\[warning]www.evil.test\\x1b[2J 200 "
        "application/json (no response of the operation seen)",
        "    listUsers 4XX application/json",
        "    listUsers default",
        "    DELETE /users/{id} 404 application/json",
        "coverage 33.3% of documented responses is below --min-coverage 80",
    ]
    assert text.endswith("3 documents: 2 valid, 1 invalid, 0 unreadable\n")


def _many() -> tuple[dict[str, Any], Summary]:
    """Twelve operations of two responses each; the even ones seen once."""
    paths = {
        f"/r{n}": {
            "get": {
                "operationId": f"op{n:02d}",
                "responses": {"200": {"description": ""}, "500": {"description": ""}},
            }
        }
        for n in range(12)
    }
    contents = {"openapi": "3.0.3", "paths": paths}
    summary = Summary()
    for n in range(0, 12, 2):
        summary.add(DocumentResult("rec.har", 1, Status.VALID, schema=f"op{n:02d} 200"))
    summary.coverage = coverage_of(contents, summary, "big.yaml")
    return contents, summary


def test_text_lists_the_ten_biggest_gaps_untouched_operations_first() -> None:
    _, summary = _many()
    text = _report("text", summary).splitlines()
    at = text.index("Coverage of big.yaml: 6 of 24 documented responses seen (25.0%)")
    untouched = [
        f"    op{n:02d} {key} (no response of the operation seen)"
        for n in range(1, 12, 2)
        for key in ("200", "500")
    ]
    assert text[at + 1 : at + 13] == [
        "  Never seen (18), biggest gaps first:",
        *untouched[:10],
        "    ... and 8 more (--format json lists all)",
    ]
    assert not summary.coverage.below  # no minimum
    assert text[at + 13] == "6 documents: 6 valid, 0 invalid, 0 unreadable"


def test_json_has_all_of_it_in_a_top_level_object() -> None:
    report = json.loads(_report("json", _summary(80)))
    assert report["summary"]["exit_code"] == 1
    coverage = report["coverage"]
    operations = coverage.pop("operations")
    assert coverage == {
        "spec": "api.json",
        "documented": 6,
        "seen": 2,
        "percent": 33.3,
        "min_coverage": 80,
        "below": True,
        "never_seen": [
            f"{HOSTILE} 200 application/json",
            "listUsers 4XX application/json",
            "listUsers default",
            "DELETE /users/{id} 404 application/json",
        ],
    }
    assert [(o["operation"], o["method"], o["path"]) for o in operations] == [
        ("listUsers", "GET", "/users"),
        (HOSTILE, "PUT", "/users/{id}"),  # a path item's operations in the specification's order
        ("DELETE /users/{id}", "DELETE", "/users/{id}"),
    ]
    assert operations[0]["responses"][0] == {
        "status": "200",
        "media_type": "application/json",
        "name": "listUsers 200 application/json",
        "pointer": "/paths/~1users/get/responses/200/content/application~1json",
        "seen": True,
        "matched": 2,
        "valid": 1,
        "invalid": 1,
        "unreadable": 0,
    }
    assert operations[0]["responses"][2]["media_type"] is None
    assert operations[2]["responses"][0]["name"] == "DELETE /users/{id} 204"
    raw = _report("json", _summary(80))
    assert "##[" not in raw and "\x1b" not in raw  # json_text: exact values, nothing raw


def test_json_without_coverage_has_no_such_key() -> None:
    assert "coverage" not in json.loads(_report("json", Summary()))


def test_markdown_has_a_section_with_every_row_escaped() -> None:
    text = _report("markdown", _summary(80))
    assert text.startswith(
        "## &#10060; casefile-validate: failed (1 invalid of 3 documents; coverage 33.3% of "
        "documented responses is below --min-coverage 80)\n"
    )
    assert "### Coverage of api.json: 2 of 6 documented responses seen (33.3%)\n" in text
    assert "| listUsers | 200 | application/json | &#9989; 2 | 1 | 1 | 0 |\n" in text
    assert "| listUsers | default | no body | &#10060; never | 0 | 0 | 0 |\n" in text
    assert "| DELETE /users/&#123;id&#125; | 204 | no body | &#9989; 1 | 1 | 0 | 0 |\n" in text
    assert "<img" not in text and "@here" not in text and "www.evil" not in text
    assert "&#60;img src=x onerror=alert(1)&#62;&#124;&#96;&#64;&#8204;here" in text


def test_markdown_verdict_when_only_the_coverage_fails() -> None:
    summary = Summary()
    summary.add(DocumentResult("rec.har", 1, Status.VALID, schema="listUsers default"))
    summary.coverage = coverage_of(_spec(), summary, "api.json", 50)
    assert _report("markdown", summary).startswith(
        "## &#10060; casefile-validate: failed (coverage 16.6% of documented responses is below "
        "--min-coverage 50)\n"
    )


def test_html_has_a_table_with_every_row_escaped() -> None:
    page = _report("html", _summary(80))
    assert (
        '<h1 id="verdict">Failed: 1 invalid of 3 documents; coverage 33.3% of documented '
        "responses is below --min-coverage 80</h1>"
    ) in page
    assert '<section id="coverage"><h2>Coverage of api.json: 2 of 6 documented responses' in page
    assert (
        '<tr class="never"><td class="mono">listUsers</td><td>default</td>'
        '<td class="mono">no body</td><td>never seen</td>'
    ) in page
    assert '<tr class="seen"><td class="mono">listUsers</td><td>200</td>' in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_sarif_has_the_json_object_among_the_run_properties() -> None:
    sarif = json.loads(_report("sarif", _summary(80)))
    coverage = sarif["runs"][0]["properties"]["coverage"]
    assert coverage == json.loads(_report("json", _summary(80)))["coverage"]


def test_junit_has_suite_properties() -> None:
    suite = ET.fromstring(_report("junit", _summary(80))).find("testsuite")
    assert suite is not None
    said = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert said == {
        "coverage.spec": "api.json",
        "coverage.documented": "6",
        "coverage.seen": "2",
        "coverage.percent": "33.3",
        "coverage.never_seen": (
            HOSTILE.replace("\x1b", "\\x1b") + " 200 application/json, "
            "listUsers 4XX application/json, listUsers default, "
            "DELETE /users/{id} 404 application/json"
        ),
        "coverage.min_coverage": "80",
        "coverage.below": "true",
    }


def test_github_gives_the_text_lines_before_its_summary() -> None:
    lines = _report("github", _summary(80)).splitlines()
    assert lines[-4:] == [
        "coverage 33.3% of documented responses is below --min-coverage 80",
        "3 documents: 2 valid, 1 invalid, 0 unreadable",
        "::error title=casefile-validate::coverage 33.3%25 of documented responses is below "
        "--min-coverage 80",  # why the run fails, as an annotation (escaped as every one)
        "::notice title=casefile-validate::3 documents: 2 valid, 1 invalid, 0 unreadable",
    ]
    assert not any(line.lstrip().startswith("::") for line in lines[:-2])
    assert "##[" not in "".join(lines)


def _exercised() -> Summary:
    """``--coverage`` on a payload run: one schema's gaps, a hostile name and value among them."""
    from validator.contracts.coverage import Coverage, Exercise, Gap

    summary = Summary()
    summary.add(DocumentResult("a.json", 1, Status.VALID, schema="s"))
    gaps = (
        Gap("/status", True, (), ("failed", HOSTILE)),
        Gap(f"/{HOSTILE}", False, (HOSTILE, "b"), ()),
    )
    summary.coverage = Coverage("", None, None, (Exercise("s", 1, gaps, True),))
    return summary


def test_the_gaps_of_a_schema_in_text_and_github() -> None:
    shown = "<img src=x onerror=alert(1)>|`@here ##\\[warning]www.evil.test\\x1b[2J"
    in_json = '"<img src=x onerror=alert(1)>|`@here ##\\[warning]www.evil.test\\u001b[2J"'
    assert _report("text", _exercised()).splitlines() == [
        "Never exercised by the 1 valid document of schema s:",
        f'  /status: enum values never seen: "failed", {in_json}',
        f"  /{shown} (never reached): properties never seen: {shown}, b",
        "  (only the first 1000 locations of the schema are followed)",
        "1 document: 1 valid, 0 invalid, 0 unreadable",
    ]
    assert "##[" not in _report("github", _exercised())


def test_the_gaps_of_a_schema_in_json_markdown_and_html() -> None:
    unit = json.loads(_report("json", _exercised()))["coverage"]
    assert unit == {
        "schemas": [
            {
                "schema": "s",
                "documents": 1,
                "truncated": True,
                "gaps": [
                    {
                        "location": "/status",
                        "reached": True,
                        "properties": [],
                        "values": ["failed", HOSTILE],
                    },
                    {
                        "location": f"/{HOSTILE}",
                        "reached": False,
                        "properties": [HOSTILE, "b"],
                        "values": [],
                    },
                ],
            }
        ]
    }
    text = _report("markdown", _exercised())
    assert "### Never exercised by the valid documents\n" in text
    assert "| s | /status |  | &#34;failed&#34;, &#34;&#60;img" in text
    assert "Only the first 1000 locations of a schema are followed." in text
    assert "<img" not in text and "@here" not in text
    page = _report("html", _exercised())
    assert '<section id="exercised"><h2>Never exercised by the valid documents</h2>' in page
    assert (
        '<td class="mono">/status</td><td class="mono"></td><td class="mono">&quot;failed&quot;, '
        in page
    )
    assert "<img" not in page
    assert _report("junit", _exercised()).count("property") == 0  # the table only: junit has none
