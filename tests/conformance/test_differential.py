"""Differential tests: the fast engine (jsonschema_rs) and the reference (jsonschema) agree.

* On every test of the JSON-Schema-Test-Suite (required, optional and format), both engines give
  the same verdict, except the tests listed in ``known_gaps.DISAGREEMENTS`` (each with its
  reason; strict: a listed test on which they now agree fails).  With ``cross_check`` on,
  ``check_value`` never reports an ``engine-disagreement`` on the others.
* On documents generated from the bundled schema (hypothesis-jsonschema), on those documents with
  one value replaced by arbitrary JSON or a uuid-like string, and on arbitrary JSON values, both
  engines give the same verdict, and ``check_value`` with ``cross_check`` never reports an
  ``engine-disagreement``.  There is no exception: the fast engine asserts ``format: uuid`` with
  the reference's own check, so even the ``request_id`` strings that Python's ``uuid.UUID``
  accepts and RFC 9562 does not (:data:`LAX_UUIDS`) get the same verdict from both.
* :func:`validator.checking.formats.is_uuid`, the fast engine's copy of that check, equals
  jsonschema's own
  ``uuid`` checker on arbitrary text and on mutated uuids.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, example, find, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from jsonschema import Draft202012Validator, validators

from tests.conformance import _suite
from tests.conformance.known_gaps import DISAGREEMENTS
from validator.checking.document import check_value
from validator.checking.engine import Engine, compile_schema
from validator.checking.formats import is_uuid
from validator.checking.limits import reference_limits
from validator.checking.reference import compile_reference
from validator.contracts.catalog import load_schema
from validator.contracts.references import registry
from validator.problems import DISAGREEMENT

CASES = _suite.load_cases()


def _params() -> list[Any]:
    return [pytest.param(case, id=case.id) for case in CASES] or [_suite.MISSING]


@pytest.mark.parametrize("case", _params())
def test_engines_agree_on_the_suite(case: _suite.SuiteCase | None) -> None:
    _suite.require_tests()
    assert case is not None
    fast = _suite.engine_for(case, "fast")
    reference = _suite.engine_for(case, "reference")
    crossed = _suite.engine_for(case, "fast", cross_check=True)
    wrong = []
    for test in case.tests:
        verdicts = (_suite.verdict(fast, test.data), _suite.verdict(reference, test.data))
        agree = verdicts[0] == verdicts[1]
        if test.key in DISAGREEMENTS:
            if agree:
                wrong.append(f"{test.key}: the engines now agree; remove it from KNOWN_GAPS")
            continue
        if not agree:
            wrong.append(f"{test.key}: fast -> {verdicts[0]}, reference -> {verdicts[1]}")
            continue
        checked, keywords = _suite.check_verdict(crossed, test.data)
        if checked != verdicts[0] or DISAGREEMENT in keywords:
            wrong.append(f"{test.key}: cross-checked check_value -> {checked}, {keywords}")
    assert not wrong, "\n".join(wrong)


def test_disagreements_are_single_engine_gaps() -> None:
    _suite.require_tests()
    names = {test.key for case in CASES for test in case.tests}
    assert set(DISAGREEMENTS) <= names
    assert all(reason for reason in DISAGREEMENTS.values())


# --- the reference engine is jsonschema's own class ---------------------------------------------

DIALECTS = {
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
    "2019-09": "https://json-schema.org/draft/2019-09/schema",
    "draft7": "http://json-schema.org/draft-07/schema#",
    "draft6": "http://json-schema.org/draft-06/schema#",
    "draft4": "http://json-schema.org/draft-04/schema#",
}


def _in_dialect(contents: Any, dialect: str) -> Any:
    return {**contents, "$schema": dialect} if isinstance(contents, dict) else contents


def _outcome(checker: Any, data: Any) -> bool | str:
    try:
        with reference_limits():
            return bool(checker.is_valid(data))
    except Exception as exc:  # the same failure from both is agreement too
        return type(exc).__name__


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_the_reference_engine_gives_jsonschemas_own_verdicts(dialect: str) -> None:
    """The reference validator (bounded regex keywords, resources without the ``$schema`` of its
    dialect) against jsonschema's own class for the dialect, on every schema and test of the
    suite with the schema and every remote declared in one dialect (so that the ``$schema``s
    are dropped): the same verdict every time, in five dialects, except where the schema has a
    regular expression, which the reference reads as ECMA-262 (and then with the suite's
    verdict)."""
    _suite.require_tests()
    declared = DIALECTS[dialect]
    remotes = {uri: _in_dialect(c, declared) for uri, c in _suite.remotes().items()}
    wrong = []
    for case in CASES:
        first = case.tests[0]
        schema = _suite.schema_of(first)._replace(
            contents=_in_dialect(first.schema, declared), resources=remotes
        )
        cls = validators.validator_for(schema.contents, default=Draft202012Validator)
        root = schema.contents
        if isinstance(root, dict) and "$id" not in root:
            root = {"$id": schema.uri, **root}
        own = cls(root, registry=registry(schema), format_checker=cls.FORMAT_CHECKER)
        ours = compile_reference(schema)
        if isinstance(schema.contents, dict):
            assert "$schema" not in ours.schema, case.id  # dropped, so the budget holds
        ecma = _reads_patterns(first.schema)
        for test in case.tests:
            expected, got = _outcome(own, test.data), _outcome(ours, test.data)
            if expected != got and not (ecma and got == test.expected):
                wrong.append(f"{test.key}: jsonschema -> {expected}, reference -> {got}")
    assert not wrong, "\n".join(wrong)


def _reads_patterns(schema: Any) -> bool:
    """Whether a schema has a regular expression, which the reference reads as ECMA-262 where
    jsonschema's own class reads it with Python's ``re``: there the reference may differ from
    jsonschema, and only to give the suite's verdict."""
    from validator.contracts.schema_walk import subschemas

    return any(
        "pattern" in node or "patternProperties" in node or node.get("format") == "regex"
        for node in subschemas(schema)
    )


# --- the bundled contract, on generated documents ----------------------------------------------

SCHEMA = load_schema()
FAST = compile_schema(SCHEMA, engine="fast")
REFERENCE = compile_schema(SCHEMA, engine="reference")
CROSSED = compile_schema(SCHEMA, engine="fast", cross_check=True)

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

_RFC_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)

LAX_UUIDS: dict[str, str] = {
    "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b-": "trailing hyphen: uuid.UUID() drops every hyphen",
    "6f1c2a9e-3b4d-4e5f-8a7b-9c0d-1e2f3a4b": "a fifth hyphen: uuid.UUID() drops every hyphen",
    "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a_b": "underscore: int(..., 16) allows '_' between digits",
    "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a\u09e8b": "Bengali digit: int(..., 16) takes any Nd digit",
}
"""``request_id`` values of the bundled contract that RFC 9562 (and the suite's
``optional/format/uuid.json``) rejects but the reference's ``uuid`` check, Python's
``uuid.UUID`` plus hyphens at 8/13/18/23, accepts.  The toolkit's verdict is the reference's, so
both engines accept them (the fast engine uses the same check) and ``--cross-check`` reports no
disagreement; ``known_gaps.LAX_UUID`` lists the suite tests this costs."""

VALID: dict[str, Any] = {
    "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
    "status": "completed",
    "payload": {
        "casefile_id": "cf-1",
        "session_id": "s-1",
        "session_type": "chat",
        "total_sessions": 3,
    },
}


@pytest.mark.parametrize("request_id", list(LAX_UUIDS))
def test_engines_agree_on_lax_uuids(request_id: str) -> None:
    doc = {**VALID, "request_id": request_id}
    assert not _RFC_UUID.fullmatch(request_id)
    assert is_uuid(request_id) is True
    assert REFERENCE.is_valid(doc) is True, "the reference now rejects it: drop this entry"
    assert FAST.is_valid(doc) is True
    result = check_value(CROSSED, doc)
    assert result.valid and not result.problems, result.problems


def _agree(doc: Any) -> None:
    fast, reference = FAST.is_valid(doc), REFERENCE.is_valid(doc)
    assert fast == reference, f"fast -> {fast}, reference -> {reference} on {doc!r}"
    result = check_value(CROSSED, doc)
    assert result.valid == fast
    assert DISAGREEMENT not in {p.keyword for p in result.problems}, result.problems


UUIDS = st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper())
GENERATED = from_schema(copy.deepcopy(SCHEMA.contents), custom_formats={"uuid": UUIDS})

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
JSON = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=20,
)

_UUID_EDITS = [
    lambda s: s,
    str.upper,
    lambda s: s + "-",
    lambda s: s[:-1] + "_",
    lambda s: s[:-2] + "_" + s[-1],
    lambda s: s[:-1] + "\u09e8",
    lambda s: "{" + s + "}",
    lambda s: "urn:uuid:" + s,
    lambda s: s.replace("-", ""),
    lambda s: s[:28] + "-" + s[28:],
    lambda s: s + "\n",
    lambda s: " " + s,
]
UUIDISH = st.builds(lambda u, edit: edit(str(u)), st.uuids(), st.sampled_from(_UUID_EDITS))


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A generated valid document with one value (top level or in payload) replaced."""
    doc = copy.deepcopy(draw(GENERATED))
    target = doc
    if draw(st.booleans()) and isinstance(doc.get("payload"), dict):
        target = doc["payload"]
    keys = [*sorted(target), "request_id", "timestamp", "extra"]
    key = draw(st.sampled_from(keys))
    target[key] = draw(JSON | UUIDISH if key == "request_id" else JSON)
    return doc


@SETTINGS
@given(GENERATED)
def test_engines_agree_on_generated_documents(doc: Any) -> None:
    _agree(doc)


@SETTINGS
@given(mutated())
@example({**VALID, "payload": {**VALID["payload"], "total_sessions": 1e300}})
@example({**VALID, "payload": {**VALID["payload"], "total_sessions": 2**64}})
@example({**VALID, "payload": {**VALID["payload"], "total_sessions": -(2**70)}})
@example({**VALID, "payload": {**VALID["payload"], "total_sessions": 3.0}})
def test_engines_agree_on_mutated_documents(doc: Any) -> None:
    _agree(doc)


@SETTINGS
@given(JSON)
def test_engines_agree_on_arbitrary_json(doc: Any) -> None:
    _agree(doc)


def test_engines_are_what_they_say() -> None:
    assert isinstance(FAST, Engine) and FAST.engine == "fast"
    assert REFERENCE.engine == "reference"
    assert CROSSED.cross_check


# --- validator.checking.formats.is_uuid against jsonschema's own uuid checker ---------------------

REFERENCE_FORMATS = Draft202012Validator.FORMAT_CHECKER


def _reference_uuid(value: Any) -> bool:
    return bool(REFERENCE_FORMATS.conforms(value, "uuid"))


_NON_ASCII_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


_EDITS = (
    *("case", "upper", "drop-hyphen", "no-hyphens", "add-hyphen", "braces", "urn"),
    *("underscore", "digit", "truncate", "extend"),
)


@st.composite
def uuid_like(draw: st.DrawFn) -> str:
    """A uuid string put through a few random edits of the kinds uuid.UUID is lax about."""
    text = str(draw(st.uuids()))
    for _ in range(draw(st.integers(0, 3))):
        edit = draw(st.sampled_from(_EDITS))
        position = draw(st.integers(0, len(text)))
        if edit == "case":
            flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
            text = "".join(c.swapcase() if f else c for c, f in zip(text, flips, strict=True))
        elif edit == "upper":
            text = text.upper()
        elif edit == "drop-hyphen" and "-" in text:
            cut = text.find("-", position)
            cut = cut if cut >= 0 else text.index("-")
            text = text[:cut] + text[cut + 1 :]
        elif edit == "no-hyphens":
            text = text.replace("-", "")
        elif edit == "add-hyphen":
            text = text[:position] + "-" + text[position:]
        elif edit == "braces":
            text = "{" + text + "}"
        elif edit == "urn":
            text = draw(st.sampled_from(["urn:uuid:", "URN:UUID:"])) + text
        elif edit == "underscore":
            replace = draw(st.booleans())
            text = text[:position] + "_" + text[position + replace :]
        elif edit == "digit":
            replace = draw(st.booleans())
            text = text[:position] + draw(_NON_ASCII_DIGITS) + text[position + replace :]
        elif edit == "truncate":
            text = text[:position]
        elif edit == "extend":
            text = text[:position] + draw(st.text(max_size=3)) + text[position:]
    return text


@settings(max_examples=1000, deadline=None)
@given(st.text() | uuid_like() | st.none() | st.integers())
@example("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")
@example("6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B")
@example("6f1c2a9e3b4d4e5f8a7b9c0d1e2f3a4b")
@example("{6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b}")
@example("urn:uuid:6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")
@example("")
@example("-" * 36)
@example("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b\n")
@example("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a\uff14b")
@example("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4\U0001d7d8")
@example("0x1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")
@example(" 6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")
def test_is_uuid_equals_the_reference_check(value: Any) -> None:
    assert is_uuid(value) == _reference_uuid(value), repr(value)


@pytest.mark.parametrize(
    ("what", "wanted"),
    [
        (
            "a lax uuid (accepted, not RFC 9562)",
            lambda t: is_uuid(t) and not _RFC_UUID.fullmatch(t),
        ),
        ("a rejected near-uuid", lambda t: not is_uuid(t) and len(t) >= 32),
        (
            "an RFC 9562 uuid in mixed case",
            lambda t: bool(_RFC_UUID.fullmatch(t)) and t != t.lower(),
        ),
    ],
)
def test_uuid_like_reaches_every_verdict(what: str, wanted: Any) -> None:
    """The mutated uuids reach both verdicts and the lax cases (else the test above is weak)."""
    found = find(uuid_like(), wanted, settings=settings(max_examples=2000, database=None))
    assert is_uuid(found) == _reference_uuid(found), what
