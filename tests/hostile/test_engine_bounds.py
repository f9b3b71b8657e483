"""Engine bounds (issue 20, item 7): what a schema or a document can make the engines spend.

Each resource case runs the installed console script in a subprocess with 1 GiB of address space
and a timeout (see :mod:`tests.hostile._limited`), and asserts the exit code and the one line
said, never a traceback.  Without the bounds these runs abort (the native engine's allocation
fails under the limit), run out the timeout, or take minutes.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Any

import pytest

from tests.hostile._limited import run, write
from validator.contracts.expansion import MAX_APPLIED

ENGINES = [["--engine", "fast"], ["--engine", "reference"], ["--cross-check"]]


# --- a schema that expands: refused before anything is compiled --------------------------------


def fan_out(depth: int, at: str = "") -> dict[str, Any]:
    """The issue's 2 KB schema: ``a0`` is ``allOf`` of two refs to ``a1``, ... to ``a<depth>``."""
    defs: dict[str, Any] = {
        f"a{i}": {"allOf": [{"$ref": f"#/$defs/a{i + 1}"}, {"$ref": f"#/$defs/a{i + 1}"}]}
        for i in range(depth)
    }
    defs[f"a{depth}"] = {"type": "object", "properties": {"x": {"type": "integer"}}}
    if at:
        return {"$defs": defs, "properties": {at: {"$ref": "#/$defs/a0"}}}
    return {"$defs": defs, "$ref": "#/$defs/a0"}


def expansion(depth: int) -> int:
    """What :func:`fan_out` applies at the document: the root, then per level the two branch
    objects and what each reference leads to."""
    size = 1  # a<depth>
    for _ in range(depth):
        size = 1 + 2 * (1 + size)
    return 1 + size


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e[-1])
def test_the_issues_fan_out_schema_is_refused_in_one_line(
    tmp_path: Path, engine: list[str]
) -> None:
    schema = write(tmp_path / "fan.json", fan_out(30))
    assert len(schema.read_bytes()) < 2200
    write(tmp_path / "doc.json", {"x": 1})
    write(tmp_path / "extra.json", {"x": 1, "y": 2})  # the warnings' closed screen too
    result = run([*engine, "--schema", "fan.json", "doc.json", "extra.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: schema error: fan: cannot compile schema: it expands too far: the "
        f"schema object at # applies {expansion(30):,} schema objects in place ($ref, allOf, "
        f"anyOf, oneOf ...), over the bound of {MAX_APPLIED:,} (see docs/security-bounds.md)\n"
    )


def test_a_fan_out_below_a_property_is_named_where_it_is(tmp_path: Path) -> None:
    write(tmp_path / "fan.json", fan_out(20, at="deep"))
    write(tmp_path / "doc.json", {"shallow": 1})  # never reaches it: refused all the same
    result = run(["--schema", "fan.json", "doc.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        "casefile-validate: schema error: fan: cannot compile schema: it expands too far: the "
        f"schema object at #/properties/deep applies {expansion(20):,} schema objects in place "
    )
    assert result.stderr.count("\n") == 1


def test_just_within_the_bound_is_compiled_and_checked(tmp_path: Path) -> None:
    depth = 11
    assert expansion(depth) <= MAX_APPLIED < expansion(depth + 1)
    write(tmp_path / "fan.json", fan_out(depth))
    write(tmp_path / "doc.json", {"x": 1})
    write(tmp_path / "bad.json", {"x": "one"})
    result = run(["--schema", "fan.json", "doc.json", "bad.json"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"


def test_the_python_api_refuses_it_too(tmp_path: Path) -> None:
    from validator.api import validate
    from validator.problems import CannotCompile

    with pytest.raises(CannotCompile, match=f"it expands too far: .* {expansion(14):,} schema"):
        validate({"x": 1}, fan_out(14))  # (small enough to evaluate in this process)


# --- a document that multiplies what a schema applies: reported unchecked -----------------------


def properties_fan(depth: int) -> dict[str, Any]:
    """Each level declares ``p`` twice (itself, and an ``allOf`` branch), leading to the next:
    the objects applied at ``/p/p/...`` double with each level of the document."""
    defs: dict[str, Any] = {
        f"a{i}": {
            "properties": {"p": {"$ref": f"#/$defs/a{i + 1}"}},
            "allOf": [{"properties": {"p": {"$ref": f"#/$defs/a{i + 1}"}}}],
        }
        for i in range(depth)
    }
    defs[f"a{depth}"] = {"type": "object", "required": ["x"]}
    return {"$defs": defs, "$ref": "#/$defs/a0"}


def nested(depth: int, key: str = "p", leaf: Any = None) -> Any:
    document: Any = {} if leaf is None else leaf
    for _ in range(depth):
        document = {key: document}
    return document


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e[-1])
def test_a_document_that_multiplies_the_schema_is_reported_unchecked(
    tmp_path: Path, engine: list[str]
) -> None:
    write(tmp_path / "s.json", properties_fan(30))
    write(tmp_path / "deep.json", nested(30))
    write(tmp_path / "shallow.json", nested(3, leaf={"x": 1}))
    result = run(
        [*engine, "--schema", "s.json", "--format", "json", "deep.json", "shallow.json"], tmp_path
    )
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    deep, shallow = report["documents"]
    assert shallow["status"] == "valid"
    assert deep["status"] == "invalid"
    [error] = deep["errors"]
    pointer = "/p" * 12  # 3 * 2**12 objects there, the first place over the bound
    assert error == {
        "valid": False,
        "instanceLocation": pointer,
        "keywordLocation": "",
        "error": "cannot check: the schema would apply 12,288 schema objects here, over the "
        f"bound of {MAX_APPLIED:,} per place (a $ref/allOf/anyOf fan-out that this document's "
        "nesting multiplies); reported invalid unchecked",
        "keyword": "cannot-check",
        "line": 1,
        "column": 1 + [i for i, c in enumerate(json.dumps(nested(30))) if c == "{"][12],
        "headline": True,
    }


def expandable(depth: int) -> dict[str, Any]:
    """A specification shaped like Stripe's: every object's ``source`` is the id or one of three
    objects, each of which has a ``source`` too."""
    either = {
        "anyOf": [
            {"type": "string"},
            {"$ref": "#/components/schemas/charge"},
            {"$ref": "#/components/schemas/refund"},
            {"$ref": "#/components/schemas/fee"},
        ]
    }
    schemas = {
        name: {
            "type": "object",
            "properties": {"id": {"type": "string"}, "object": {"const": name}, "source": either},
            "required": ["id", "object"],
        }
        for name in ("charge", "refund", "fee")
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": schemas},
    }


def test_an_api_specification_keeps_its_documents_and_stops_the_hostile_one(
    tmp_path: Path,
) -> None:
    """Real documents of a Stripe-like specification get their verdicts; one that nests
    ``source`` ten deep (200 bytes: without the bound, gigabytes of error details) is unchecked."""
    write(tmp_path / "api.json", expandable(3))
    real = {
        "id": "ch_1",
        "object": "charge",
        "source": {"id": "re_1", "object": "refund", "source": "fee_1"},
    }
    write(tmp_path / "real.json", real)
    write(
        tmp_path / "wrong.json", {**real, "source": {"id": "re_1", "object": "refund", "source": 5}}
    )
    write(tmp_path / "deep.json", nested(12, "source", leaf={"id": 1}))
    args = ["--schema", "api.json#/components/schemas/charge", "--format", "json"]
    result = run([*args, "real.json", "wrong.json", "deep.json"], tmp_path)
    assert result.returncode == 1, result.stderr
    real_result, wrong, deep = json.loads(result.stdout)["documents"]
    assert real_result["status"] == "valid"
    assert wrong["status"] == "invalid"
    assert all(e["keyword"] != "cannot-check" for e in wrong["errors"])
    assert [(e["keyword"], e["instanceLocation"]) for e in deep["errors"]] == [
        ("cannot-check", "/source" * 8)
    ]


def thousand_components(seed: int = 20) -> dict[str, Any]:
    """An API specification of a thousand components referring to each other (issue M):
    nullable, expandable and array references, and a shared base for some."""
    rng = random.Random(seed)
    schemas: dict[str, Any] = {
        "Base": {
            "type": "object",
            "properties": {"id": {"type": "string"}, "created": {"type": "integer"}},
            "required": ["id"],
        }
    }
    for i in range(1000):
        properties: dict[str, Any] = {"name": {"type": "string"}, "count": {"type": "integer"}}
        for j in range(rng.randint(2, 6)):
            target = {"$ref": f"#/components/schemas/C{rng.randrange(1000)}"}
            properties[f"p{j}"] = rng.choice(
                [
                    target,
                    {"anyOf": [target, {"type": "null"}]},
                    {"type": "array", "items": target},
                    {"anyOf": [{"type": "string"}, target]},
                ]
            )
        body = {"type": "object", "properties": properties}
        schemas[f"C{i}"] = (
            {"allOf": [{"$ref": "#/components/schemas/Base"}, body]} if rng.random() < 0.3 else body
        )
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "components": {"schemas": schemas},
    }


def test_a_thousand_components_referring_to_each_other_pass(tmp_path: Path) -> None:
    spec = thousand_components()
    write(tmp_path / "api.json", spec)
    first = spec["components"]["schemas"]["C0"]
    body = first["allOf"][1] if "allOf" in first else first
    document = {"id": "x", "name": "n", "count": 1}
    wrong = {**document, "count": "many"}
    write(tmp_path / "ok.json", document)
    write(tmp_path / "wrong.json", wrong)
    result = run(
        ["--schema", "api.json#/components/schemas/C0", "--no-warnings", "ok.json", "wrong.json"],
        tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    assert "count" in body["properties"]


# --- the measure itself -----------------------------------------------------------------------


def _brute(schema: dict[str, Any], node: Any) -> int:
    """Objects applied in place, by expanding every path (small schemas only)."""
    if not isinstance(node, dict):
        return 0
    total = 1
    if "$ref" in node:
        target: Any = schema
        for token in node["$ref"].lstrip("#/").split("/"):
            target = target[token] if token else target
        total += _brute(schema, target)
    for keyword in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(keyword, []):
            total += _brute(schema, branch)
    for keyword in ("not", "if", "then", "else"):
        total += _brute(schema, node.get(keyword))
    return total


@pytest.mark.parametrize("seed", range(20))
def test_the_memoised_expansion_is_the_expanded_count(seed: int) -> None:
    from validator.contracts.catalog import from_contents
    from validator.contracts.places import Places
    from validator.contracts.references import _Walk

    rng = random.Random(seed)
    defs: dict[str, Any] = {}
    for i in reversed(range(8)):
        later = [f"d{j}" for j in range(i + 1, 8)]
        node: dict[str, Any] = {"type": "object"}
        for keyword in ("allOf", "anyOf", "oneOf"):
            if later and rng.random() < 0.6:
                node[keyword] = [
                    {"$ref": f"#/$defs/{rng.choice(later)}"} for _ in range(rng.randint(1, 3))
                ]
        if later and rng.random() < 0.3:
            node["not"] = {"$ref": f"#/$defs/{rng.choice(later)}"}
        defs[f"d{i}"] = node
    schema = {"$defs": defs, "$ref": "#/$defs/d0"}
    walk = _Walk(from_contents(schema))
    walk.run()
    assert Places(walk, MAX_APPLIED).root.total == _brute(schema, schema)  # type: ignore[union-attr]


def test_a_union_of_thousands_of_variants_is_read_once_per_name(tmp_path: Path) -> None:
    """The warnings' finder used to look through every variant for every name of the object
    (8,000 variants: about a minute); it now indexes the variants by the names they declare."""
    variants = [
        {"type": "object", "properties": {"kind": {"const": f"v{i}"}, f"f{i}": {"type": "integer"}}}
        for i in range(8000)
    ]
    write(tmp_path / "union.json", {"oneOf": variants})
    write(tmp_path / "doc.json", {"kind": "v5", "f5": 1, "extra": 2})
    result = run(["--schema", "union.json", "doc.json"], tmp_path, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "doc.json:1:25: warning: /extra: undeclared property\n"
        "1 document: 1 valid, 0 invalid, 0 unreadable; 1 warning\n"
    )


# --- format checks: a length bound where the check is superlinear -------------------------------


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e[-1])
def test_a_300k_uri_template_is_reported_unchecked_at_once(
    tmp_path: Path, engine: list[str]
) -> None:
    """The reference's uri-template check takes quadratic time (minutes for this string)."""
    from validator.checking.limits import FORMAT_LENGTHS

    longest = FORMAT_LENGTHS["uri-template"]
    schema = {"type": "object", "properties": {"t": {"type": "string", "format": "uri-template"}}}
    write(tmp_path / "s.json", schema)
    write(tmp_path / "long.json", {"t": "{" * 300_000})
    write(tmp_path / "edge.json", {"t": "{" * longest})  # checked: not a uri-template
    lines = [{"t": "http://example.com/{id}"}] * 200 + [{"t": "{" * 300_000}]
    (tmp_path / "many.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = run([*engine, "--schema", "s.json", "long.json", "edge.json", "many.jsonl"], tmp_path)
    assert result.returncode == 1, result.stderr
    unchecked = (
        ": /: cannot check: a string of 300,000 characters is longer than the "
        f'{longest:,} a "uri-template" format is checked for (the check takes time that grows '
        "faster than the string); reported invalid unchecked"
    )
    out = result.stdout.splitlines()
    assert out[0] == f"long.json:1:1{unchecked}"
    assert out[1].startswith('edge.json:1:7: /t: "{{{')
    assert out[1].endswith("is not a valid uri-template [/properties/t/format]")
    assert out[2] == f"many.jsonl:201:1{unchecked}"
    assert out[-1] == "203 documents: 200 valid, 3 invalid, 0 unreadable"


# --- the reference engine: a budget per run -----------------------------------------------------


def test_the_reference_engine_matches_a_backtracking_pattern_in_bounded_time(
    tmp_path: Path,
) -> None:
    """A schema only the reference engine compiles (a $ref through a name with a space), with
    a pattern that backtracks: 2 s a line with Python's re under its budget (a second for the
    verdict, a second for the details; hours for these 2,000 before the budget); the reference
    now matches with the fast engine's bounded engine, and gives its verdicts, at once."""
    schema = {
        "$defs": {"a b": {"type": "string", "pattern": "^(a+)+$"}},
        "type": "object",
        "properties": {"s": {"$ref": "#/$defs/a b"}},
    }
    write(tmp_path / "s.json", schema)
    lines = [{"s": "aaa"}] + [{"s": "a" * 40 + "!"}] * 2000 + [{"s": 5}]
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    start = time.monotonic()
    result = run(["--schema", "s.json", "--format", "json", "docs.jsonl"], tmp_path, timeout=60)
    assert time.monotonic() - start < 30
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["valid"] == 1
    first, *documents = report["documents"]
    assert first["status"] == "valid"
    assert len(documents) == 2001
    assert all([e["keyword"] for e in d["errors"]] == ["pattern"] for d in documents[:-1])
    assert [e["keyword"] for e in documents[-1]["errors"]] == ["type"]


# --- undeclared keys: placed in one pass, and capped ----------------------------------------------


@pytest.mark.parametrize("indent", [None, 3], ids=["compact", "indented"])
def test_40000_undeclared_keys_are_placed_in_one_pass_and_capped(
    tmp_path: Path, indent: int | None
) -> None:
    from validator.checking.property_warnings import MAX_WARNINGS

    write(tmp_path / "s.json", {"type": "object", "properties": {"a": {"type": "integer"}}})
    document = {"a": 1, **{f"k{i}é": i for i in range(40_000)}}  # not ASCII: offsets differ
    (tmp_path / "doc.json").write_text(json.dumps(document, indent=indent, ensure_ascii=False))
    result = run(["--schema", "s.json", "doc.json"], tmp_path, timeout=30)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert len(out) == MAX_WARNINGS + 2
    if indent:
        assert out[0] == "doc.json:3:4: warning: /k0é: undeclared property"
        assert out[MAX_WARNINGS] == (
            f"doc.json:{MAX_WARNINGS + 3}:4: warning: /k{MAX_WARNINGS}é: ... and "
            f"{40_000 - MAX_WARNINGS:,} more undeclared properties"
        )
    else:
        text = (tmp_path / "doc.json").read_text()
        column = text.index(f'"k{MAX_WARNINGS}é"') + 1
        assert (
            out[0]
            == f"doc.json:1:{text.index(chr(34) + 'k0é') + 1}: warning: /k0é: undeclared property"
        )
        assert out[MAX_WARNINGS] == (
            f"doc.json:1:{column}: warning: /k{MAX_WARNINGS}é: ... and "
            f"{40_000 - MAX_WARNINGS:,} more undeclared properties"
        )
    assert out[-1] == "1 document: 1 valid, 0 invalid, 0 unreadable; 40000 warnings"  # not the note


def test_the_cap_meets_strict_and_max_errors(tmp_path: Path) -> None:
    """--strict makes the capped warnings (the note too) errors; --max-errors then cuts them."""
    from validator.checking.property_warnings import MAX_WARNINGS

    write(tmp_path / "s.json", {"type": "object", "properties": {"a": {"type": "integer"}}})
    write(tmp_path / "doc.json", {"a": "x", **{f"k{i}": i for i in range(5_000)}})
    result = run(["--strict", "--format", "json", "--schema", "s.json", "doc.json"], tmp_path)
    assert result.returncode == 1, result.stderr
    [document] = json.loads(result.stdout)["documents"]
    errors = document["errors"]
    assert len(errors) == 1 + MAX_WARNINGS + 1  # the type error, the warnings, the note
    assert errors[-1]["error"] == f"... and {5_000 - MAX_WARNINGS:,} more undeclared properties"
    assert errors[-1]["keyword"] == "undeclared-property"
    args = ["--strict", "--max-errors", "3", "--format", "json", "--schema", "s.json", "doc.json"]
    result = run(args, tmp_path)
    assert result.returncode == 1, result.stderr
    [document] = json.loads(result.stdout)["documents"]
    assert [e["instanceLocation"] for e in document["errors"]] == ["/a", "/k0", "/k1"]


def test_100000_duplicate_keys_are_placed_in_one_pass(tmp_path: Path) -> None:
    """Each duplicate counted the lines before it again: 30 s for these."""
    write(tmp_path / "s.json", {"type": "object"})
    body = ",\n".join(f'  "a": {i}' for i in range(100_000))
    (tmp_path / "doc.json").write_text("{\n" + body + "\n}\n")
    result = run(["--schema", "s.json", "doc.json"], tmp_path, timeout=15)
    assert result.returncode == 1, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == (
        'doc.json:3:3: /: duplicate key "a": which value counts depends on the reader (headline)'
    )
    assert out[99_998] == (
        'doc.json:100001:3: /: duplicate key "a": which value counts depends on the reader'
    )
    assert out[-1] == "1 document: 0 valid, 1 invalid, 0 unreadable"


@pytest.mark.parametrize("seed", range(30))
def test_positions_in_one_pass_are_line_column_of_each(seed: int) -> None:
    from validator.inputs.locate import positions
    from validator.inputs.parse import line_column

    rng = random.Random(seed)
    text = "".join(rng.choice("ab\n\n é\t") for _ in range(rng.randint(0, 200)))
    offsets = [rng.randint(0, len(text)) for _ in range(rng.randint(0, 30))]
    assert positions(text, offsets) == {o: line_column(text, o) for o in offsets}


# --- the JUnit report: streamed, not kept -------------------------------------------------------


def test_the_junit_report_of_many_documents_stays_small_in_memory(tmp_path: Path) -> None:
    """500,000 lines in 300 MB of address space (the testcases kept in memory took 275 MB of
    it, and the run failed; 2,000,000 took 2.1 GB)."""
    lines = 500_000
    write(tmp_path / "s.json", {"type": "object", "properties": {"a": {"type": "integer"}}})
    (tmp_path / "docs.jsonl").write_text("".join(f'{{"a": {i}}}\n' for i in range(lines)))
    args = ["--schema", "s.json", "--report", "junit:report.xml", "docs.jsonl"]
    result = run(args, tmp_path, memory=300 << 20, timeout=300)
    assert result.returncode == 0, result.stderr
    with (tmp_path / "report.xml").open(encoding="utf-8") as report:
        head = [next(report) for _ in range(3)]
        cases = sum(line.startswith("    <testcase ") for line in report)
    counts = f'tests="{lines}" failures="0" errors="0" skipped="0"'
    assert head == [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<testsuites name="casefile-validate" {counts}>\n',
        f'  <testsuite name="casefile-validate" {counts}>\n',
    ]
    assert cases == lines
    tail = "      </properties>\n    </testcase>\n  </testsuite>\n</testsuites>\n"
    assert (tmp_path / "report.xml").read_text().endswith(tail)


def _elementtree_report(results: list[Any], summary: Any) -> str:
    """The report as ElementTree writes it from the whole tree (what the reporter wrote before
    it streamed): the streamed one must be the very same text."""
    import xml.etree.ElementTree as ET

    from validator.problems import Status
    from validator.report import junit
    from validator.report.common import describe_problem, entries_skipped

    counts = {
        "tests": str(summary.documents),
        "failures": str(summary.invalid),
        "errors": str(summary.unreadable),
        "skipped": "0",
    }
    suites = ET.Element("testsuites", {"name": junit.SUITE, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": junit.SUITE, **counts})
    text = junit.xml_text
    if summary.entries_skipped:  # a recording's entries skipped: the suite's properties
        said = ET.SubElement(suite, "properties")
        count = str(sum(summary.entries_skipped.values()))
        ET.SubElement(said, "property", name="entries.skipped", value=count)
        why = text(entries_skipped(summary))
        ET.SubElement(said, "property", name="entries.skipped.why", value=why)
    for result in results:
        source = text(result.source)
        case = ET.SubElement(suite, "testcase", classname=source, name=f"{source}:{result.line}")
        if result.schema:
            properties = ET.SubElement(case, "properties")
            ET.SubElement(properties, "property", name="schema", value=text(result.schema))
        if result.status is not Status.VALID:
            headline = junit._headline(result)
            kind = "failure" if result.status is Status.INVALID else "error"
            message = describe_problem(result.status, headline) if headline else ""
            outcome = ET.SubElement(
                case,
                kind,
                message=text(message or result.status.value),
                type=text(headline.keyword if headline else result.status.value),
            )
            outcome.text = text("\n".join(junit._line(result, p) for p in result.problems))
        if result.warnings:
            out = "\n".join(junit._warning_line(result, w) for w in result.warnings)
            ET.SubElement(case, "system-out").text = text(out)
    ET.indent(suites)
    return "<?xml version='1.0' encoding='utf-8'?>\n" + ET.tostring(suites, "unicode") + "\n"


@pytest.mark.parametrize("seed", range(40))
def test_the_streamed_junit_report_is_what_elementtree_writes(seed: int) -> None:
    import io

    from validator.problems import DocumentResult, Problem, Status, Summary
    from validator.report.base import ReportOptions
    from validator.report.junit import JunitReporter

    rng = random.Random(seed)
    alphabet = "ab\"<&>'\t\r\n\x1b\u202e é😀\x00\ud800:#[0"

    def text() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))

    def problem(headline: bool = False) -> Problem:
        return Problem(
            "/" + text(),
            "/p/" + text(),
            text(),
            rng.choice(["format", "required", text()]),
            line=rng.choice([None, 1, 5]),
            column=rng.choice([None, 2]),
            headline=headline,
        )

    sources, schemas = [text() or "x", text() or "y"], ["", text()]
    results = []
    for _ in range(rng.randint(0, 12)):
        status = rng.choice([*Status, Status.VALID, Status.VALID])
        count = 0 if status is Status.VALID else rng.randint(status is Status.UNREADABLE, 3)
        problems = tuple(problem(i == 0 and rng.random() < 0.5) for i in range(count))
        warnings = tuple(problem() for _ in range(rng.choice([0, 0, 1, 2])))
        source, schema = rng.choice(sources), rng.choice(schemas)
        results.append(
            DocumentResult(source, rng.randint(0, 99), status, problems, schema, warnings)
        )
    stream, summary = io.StringIO(), Summary()
    reporter = JunitReporter(stream, ReportOptions())
    for result in results:
        reporter.document(result)
        summary.add(result)
    reporter.finish(summary)
    assert stream.getvalue() == _elementtree_report(results, summary)
