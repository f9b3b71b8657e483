"""``--redact``: no value from a document appears in any report format.

Documents and schemas come from the JSON-Schema-Test-Suite (every test, and its schemas with
generated documents) and from generators (schemas built from ``anyOf``, ``oneOf``, ``allOf``,
``not``, ``enum``, ``const``, ``type``, ``pattern``, ``required``, ... over generated values).
Each document goes through the checking stage with ``redact=True`` and then through every
reporter, as in a run.

An *instance value* is a string of 3 or more characters or a number written with 3 or more
digits, taken from the document (not its keys).  It must not appear in what a report says: the
report's text for ``text``, its unescaped workflow commands for ``github``, every string, key and
number of the parsed ``json`` and ``sarif`` reports, every tag, attribute and text of the parsed
``junit`` report.  A value is looked for as it is (its first 40 characters) and as JSON writes it
(escaped, first 40 characters), the form a message would quote it in.

Some values may appear without having leaked, and only those are excused, each precisely:

* text the schema (or, when it refers to them, the suite's remote schemas) holds: enum members,
  ``const`` values, property names of ``required``, pattern text, limits, its URI;
* the document's property names, which the reports show by design (locations, unexpected and
  duplicate keys), and each problem's locations and keyword;
* the source name (and its URI form in SARIF);
* numbers the reports print themselves: lines, columns, counts and the sizes redaction shows
  (``<string, 120 characters>``);
* the tool's own fixed wording: the string constants of the ``validator`` package (docstrings
  left out), e.g. a document value ``"string"`` is not a leak in ``got string``.
"""

from __future__ import annotations

import ast
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conformance._suite import (
    SuiteCase,
    SuiteTest,
    engine_for,
    load_cases,
    load_tests,
    require_tests,
    schema_of,
)
from validator.checking.document import check_raw
from validator.checking.engine import Engine, compile_schema
from validator.contracts.catalog import Schema
from validator.problems import DocumentResult, SchemaProblem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.registry import REPORTERS, make_reporter

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = "payload.json"
WORDING_MODULES = (
    "checking/document.py",
    "checking/engine.py",
    "checking/messages.py",
    "inputs/parse.py",
    "problems.py",
)
NEEDLE = 40
"""How many characters of a value are looked for (a message cuts a long value to 79)."""

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(autouse=True, scope="module")
def _version_read_once() -> Iterator[None]:
    """The SARIF report reads the installed version once a run; here a run is one document, so
    the version (the same every time) is read once for the module."""
    from validator.report import sarif

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sarif, "tool_version", cache(sarif.tool_version))
        yield


# --- what may appear -------------------------------------------------------------------------


def _is_docstring(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


@cache
def tool_wording() -> tuple[str, ...]:
    """Every string constant of the modules that word problems and write reports (f-string
    parts included), docstrings and other bare string statements left out: the fixed words a
    report can be made of."""
    found: set[str] = set()
    package = ROOT / "validator"
    for path in sorted([*(package / m for m in WORDING_MODULES), *package.glob("report/*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {id(n.value) for n in ast.walk(tree) if _is_docstring(n)}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skipped
            ):
                found.add(node.value)
    # ElementTree's own XML declaration (not a constant of the package)
    found.add("<?xml version='1.0' encoding='utf-8'?>")
    return tuple(sorted(found))


def _number_text(value: int | float) -> str:
    """A number as a message would quote it (as ``validator.checking.messages.show`` writes
    JSON)."""
    if isinstance(value, int):
        return str(value)
    return orjson.dumps(value).decode("utf-8")


def _texts(value: Any, *, keys: bool = True, values: bool = True) -> Iterator[str]:
    """Strings (keys and/or values) and the text of numbers in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            if keys:
                yield key
            yield from _texts(item, keys=keys, values=values)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, keys=keys, values=values)
    elif not values or isinstance(value, bool) or value is None:
        return
    elif isinstance(value, str):
        yield value
    elif isinstance(value, (int, float)):
        yield _number_text(value)


def _sizes(value: Any) -> Iterator[str]:
    """The sizes ``--redact`` shows for a value and everything in it."""
    if isinstance(value, (str, list, dict)):
        yield str(len(value))
    if isinstance(value, dict):
        for item in value.values():
            yield from _sizes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _sizes(item)


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _candidates(document: Any) -> Iterator[tuple[str, list[str]]]:
    """(value, the needles it would show as) for every instance value of the document."""
    for value in _walk_values(document):
        if isinstance(value, str):
            if len(value) < 3:
                continue
            escaped = json.dumps(value, ensure_ascii=False)[1:-1]
            needles = {value[:NEEDLE], escaped[:NEEDLE]}
        else:
            text = _number_text(value)
            if _digits(text) < 3:
                continue
            needles = {text}
        yield repr(value)[:60], sorted(n for n in needles if len(n) >= 3)


def _walk_values(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk_values(item)
    elif isinstance(value, str) or (
        isinstance(value, (int, float)) and not isinstance(value, bool)
    ):
        yield value


def _mentions_refs(schema: Any) -> bool:
    return any(k in ("$ref", "$dynamicRef") for k in _texts(schema, values=False))


def allowed_texts(document: Any, schema: Schema, result: DocumentResult) -> list[str]:
    """Everything a redacted report may show (see the module's docstring)."""
    allowed = [SOURCE, quote(SOURCE), schema.uri, *tool_wording()]
    allowed += _texts(schema.contents)
    if _mentions_refs(schema.contents):
        for contents in schema.resources.values():
            allowed += _texts(contents)
    keys = list(_texts(document, values=False))
    allowed += keys
    allowed += [k.replace("~", "~0").replace("/", "~1") for k in keys]
    allowed += _sizes(document)
    allowed += [str(result.line), "1", "0"]
    for problem in result.problems:
        allowed += [
            problem.instance_location,
            problem.keyword_location,
            problem.absolute_keyword_location or "",
            problem.keyword,
            str(problem.line),
            str(problem.column),
        ]
    # as messages quote them: JSON text, escaped
    allowed += [json.dumps(text, ensure_ascii=False)[1:-1] for text in allowed]
    return allowed


# --- what each report says ---------------------------------------------------------------------


def _json_view(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _json_view(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_view(item)
    else:
        yield value if isinstance(value, str) else json.dumps(value)


def _xml_view(element: ET.Element) -> Iterator[str]:
    for node in element.iter():
        yield node.tag
        for name, value in node.attrib.items():
            yield name
            yield value
        yield node.text or ""
        yield node.tail or ""


def _unescape_github(text: str) -> str:
    """Each workflow command's properties and message, unescaped, apart (``::notice
    title=x::1 document`` says "1 document", not "::1")."""
    pieces = []
    for line in text.splitlines():
        if line.startswith("::") and "::" in line[2:]:
            head, _, message = line[2:].partition("::")
            pieces.extend([*head.partition(" ")[2].split(","), message])
        else:
            pieces.append(line)
    joined = "\x00".join(pieces)
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        joined = joined.replace(code, char)
    return joined


def views(name: str, output: str) -> str:
    """What a report says, unescaped: the pieces of its parsed form joined by NUL characters."""
    if name in ("json", "sarif"):
        return "\x00".join(_json_view(json.loads(output)))
    if name == "junit":
        return "\x00".join(_xml_view(ET.fromstring(output)))
    if name == "github":
        return _unescape_github(output)
    if name in ("markdown", "html"):
        return "\x00".join(_markup_text(output))
    return output


def _markup_text(output: str) -> list[str]:
    """The text of a markdown or html report, character references decoded (``&#123;`` is
    ``{``, not the number 123) and markup left out (an SVG bar's width is no document value);
    what a script or a JSON island holds is text too."""
    from html.parser import HTMLParser

    pieces: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data: str) -> None:
            pieces.append(data)

    reader = Text(convert_charrefs=True)
    reader.feed(output)
    reader.close()
    return pieces


def reports(result: DocumentResult) -> dict[str, str]:
    """Every format's report of one document, as a run writes it."""
    written = {}
    for name in REPORTERS:
        stream = io.StringIO()
        reporter = make_reporter(name, stream, ReportOptions())
        summary = Summary()
        summary.add(result)
        if result.status is not Status.VALID or reporter.wants_valid:
            reporter.document(result)
        reporter.finish(summary)
        written[name] = stream.getvalue()
    return written


def assert_redacted(
    engine: Engine, schema: Schema, document: Any, raw: bytes, *tokens: str
) -> DocumentResult:
    """Check ``raw`` (the text of ``document``, plus ``tokens`` written into it) with redaction;
    no report shows a value or a token."""
    result = check_raw(engine, raw, source=SOURCE, redact=True)
    allowed: list[str] = []  # worked out when first needed
    outputs = reports(result)
    candidates = [*_candidates(document), *((repr(t), [t]) for t in tokens)]
    for name, output in outputs.items():
        said = views(name, output)
        for value, needles in candidates:
            for needle in needles:
                if needle not in said:
                    continue
                allowed = allowed or allowed_texts(document, schema, result)
                if not any(needle in text for text in allowed):
                    at = said.index(needle)
                    context = said[max(0, at - 80) : at + 80].replace("\x00", " | ")
                    pytest.fail(
                        f"--redact: {name} report shows the document's value {value} "
                        f"({needle!r}): ...{context}...\nschema: {json.dumps(schema.contents)}"
                        f"\ndocument: {raw.decode('utf-8', 'replace')[:500]}"
                    )
    return result


def _dump(document: Any, indent: int | None) -> bytes | None:
    try:
        return json.dumps(document, indent=indent, ensure_ascii=False, allow_nan=False).encode()
    except (ValueError, UnicodeEncodeError):  # NaN, lone surrogates: not a document here
        return None


# --- the suite's documents and schemas ---------------------------------------------------------

SUITE_TESTS = load_tests()
SUITE_CASES = load_cases()
ALTERNATIVE_CASES = [
    case
    for case in SUITE_CASES
    if any(k in ("anyOf", "oneOf") for k in _texts(case.tests[0].schema, values=False))
]
"""The cases whose schemas have alternatives (half of the draws: their reasons are worded)."""


def test_every_suite_document_is_redacted() -> None:
    require_tests()
    invalid = 0
    for test in SUITE_TESTS:
        raw = _dump(test.data, 2)
        if raw is None:
            continue
        engine = engine_for(test)
        result = assert_redacted(engine, schema_of(test), test.data, raw)
        invalid += result.status is Status.INVALID
    # the test means something only if many documents fail (their messages are the risk)
    assert invalid > 500, invalid


# --- generated values and schemas --------------------------------------------------------------

# Strings as a secret would be: letters (also non-ASCII), digits, a few signs, quotes and
# line ends (they are escaped when quoted); no spaces or commas, so that a generated value
# cannot be two words of the tool's own wording joined by chance.
ALPHABET = st.characters(codec="utf-8", categories=("L", "Nd")) | st.sampled_from('-_."\\\n')
# values worth hiding: strings of 3+ characters, numbers of 3+ digits (and smaller ones too)
secrets = (
    st.text(ALPHABET, min_size=3, max_size=24)
    | st.integers(min_value=100, max_value=10**12)
    | st.integers(min_value=-(10**30), max_value=-100)
    | st.floats(min_value=100.5, max_value=1e300)
)
strings = st.text(ALPHABET, max_size=24)
numbers = st.integers() | st.floats(allow_nan=False, allow_infinity=False)
scalars = st.none() | st.booleans() | numbers | strings
NAMES = ["alpha", "beta", "gamma", "delta"]
names = st.sampled_from(NAMES)
keys = names | strings
documents = st.recursive(
    secrets | scalars,
    lambda children: (
        st.lists(children, min_size=1, max_size=4)
        | st.dictionaries(keys, children, min_size=1, max_size=4)
    ),
    max_leaves=12,
)

TYPES = ["null", "boolean", "integer", "number", "string", "array", "object"]
PATTERNS = ["^a", "[0-9]{2}", "^[^x]*$", "z$", "^.{0,3}$"]
FORMATS = ["uuid", "date", "email", "ipv4", "date-time"]


def _leaf_schemas() -> st.SearchStrategy[Any]:
    types = st.sampled_from(TYPES)
    return st.one_of(
        st.just(False),
        types.map(lambda t: {"type": t}),
        st.lists(types, min_size=1, max_size=3, unique=True).map(lambda ts: {"type": ts}),
        st.lists(scalars, min_size=1, max_size=4).map(lambda vs: {"enum": vs}),
        scalars.map(lambda v: {"const": v}),
        st.sampled_from(PATTERNS).map(lambda p: {"pattern": p}),
        st.sampled_from(PATTERNS).map(lambda p: {"type": "string", "pattern": p}),
        st.sampled_from(FORMATS).map(lambda f: {"format": f}),
        st.integers(0, 5).map(lambda n: {"minLength": n}),
        st.integers(0, 5).map(lambda n: {"maxLength": n}),
        st.integers(-5, 5).map(lambda n: {"maximum": n}),
        st.integers(-5, 5).map(lambda n: {"exclusiveMinimum": n}),
        st.integers(2, 5).map(lambda n: {"multipleOf": n}),
        st.integers(0, 3).map(lambda n: {"minItems": n, "uniqueItems": True}),
        st.integers(0, 2).map(lambda n: {"maxProperties": n}),
        st.lists(names, min_size=1, max_size=3, unique=True).map(
            lambda r: {"type": "object", "required": r}
        ),
    )


def _combined(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    alternatives = st.lists(children, min_size=2, max_size=3)
    return st.one_of(
        alternatives.map(lambda cs: {"anyOf": cs}),
        alternatives.map(lambda cs: {"oneOf": cs}),
        alternatives.map(lambda cs: {"allOf": cs}),
        children.map(lambda c: {"not": c}),
        children.map(lambda c: {"items": c}),
        children.map(lambda c: {"contains": c}),
        st.dictionaries(names, children, min_size=1, max_size=3).map(lambda ps: {"properties": ps}),
        st.dictionaries(names, children, min_size=1, max_size=2).map(
            lambda ps: {"properties": ps, "additionalProperties": False}
        ),
        st.tuples(children, children).map(
            lambda ab: {**ab[0], **ab[1]} if all(isinstance(s, dict) for s in ab) else ab[0]
        ),
    )


schemas = st.recursive(_leaf_schemas(), _combined, max_leaves=8)
# anyOf/oneOf at the top and below, where the reasons of the alternatives are worded
alternatives_schemas = st.lists(schemas, min_size=2, max_size=3).flatmap(
    lambda cs: st.sampled_from([{"anyOf": cs}, {"oneOf": cs}])
)


def _compiled(contents: Any) -> tuple[Engine, Schema]:
    schema = Schema("generated", "urn:casefile-test:generated", contents)
    try:
        return compile_schema(schema), schema
    except SchemaProblem:  # not expected of these schemas, but then there is nothing to check
        assume(False)
        raise


@SETTINGS
@given(schemas | alternatives_schemas, documents, st.sampled_from([None, 2]))
def test_generated_documents_and_schemas_are_redacted(
    contents: Any, document: Any, indent: int | None
) -> None:
    engine, schema = _compiled(contents)
    raw = _dump(document, indent)
    if raw is not None:
        assert_redacted(engine, schema, document, raw)


@SETTINGS
@given(st.data(), documents)
def test_suite_schemas_with_generated_documents_are_redacted(
    data: st.DataObject, document: Any
) -> None:
    require_tests()
    case: SuiteCase = data.draw(
        st.sampled_from(ALTERNATIVE_CASES) | st.sampled_from(SUITE_CASES), label="case"
    )
    test: SuiteTest = case.tests[0]
    raw = _dump(document, 2)
    if raw is not None:
        assert_redacted(engine_for(test), schema_of(test), document, raw)


@settings(SETTINGS, max_examples=50)
@given(
    documents,
    st.integers(1, 10**6),
    st.sampled_from(["", ".5", ".125"]),
    st.integers(400, 99_999),
    st.sampled_from(["", "-"]),
)
def test_a_number_out_of_range_is_not_quoted(
    document: Any, mantissa: int, fraction: str, exponent: int, sign: str
) -> None:
    """A parse problem quotes no more than one character of the text; a number that overflows a
    double is named without its digits."""
    token = f"{sign}{mantissa}{fraction}e{exponent}"
    text = _dump([document], None)
    assume(text is not None)
    assert text is not None
    raw = text[:-1] + b", " + token.encode() + b"]"
    engine, schema = _compiled(True)
    result = assert_redacted(engine, schema, [document], raw, token)
    assert result.status is Status.UNREADABLE
