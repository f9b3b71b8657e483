"""One verdict whatever the engine, for the keywords that are annotations in some dialect (issue 21,
section 2): the fast engine (jsonschema_rs), the reference (jsonschema) and the two cross-checked
judge every instance alike, in drafts 4, 6, 7, 2019-09 and 2020-12.

Covered: ``contentMediaType``, ``contentEncoding`` and ``contentSchema`` (which jsonschema_rs
asserts in drafts 6 and 7 unless told otherwise), the other annotations (``title``,
``readOnly``, ``deprecated``...), every keyword some other dialect defines (``dependencies`` in
2019-09 and 2020-12, ``prefixItems`` in draft 7...), and ``format`` with every format name any
dialect's reference checker knows, and names none knows (which neither engine may assert), at the
root and nested, beside ``type`` (the issue's ``{"type": ["object", "string"],
"contentMediaType": "application/json"}``).
"""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import validators

from validator.checking.engine import Engine
from validator.contracts.catalog import from_contents
from validator.contracts.dialects import METASCHEMA_URIS
from validator.contracts.schema_walk import KEYWORDS
from validator.problems import SchemaProblem

DIALECTS = {name: METASCHEMA_URIS[name] for name in KEYWORDS}

_UNASSERTED = {"iri", "iri-reference", "binary", "byte", "int32", "int64", "password", "no-such"}
_CHECKERS = [validators.validator_for({"$schema": u}).FORMAT_CHECKER for u in DIALECTS.values()]
FORMATS = sorted(set().union(*(checker.checkers for checker in _CHECKERS)) | _UNASSERTED)

NEVER = {"not": {}}
"""A subschema no instance passes (draft 4 has no boolean schemas)."""

VALUES: dict[str, list[Any]] = {
    "contentMediaType": ["application/json", "image/png"],
    "contentEncoding": ["base64", "base32", "7bit", "quoted-printable"],
    "contentSchema": [{"type": "object"}, False],
    "title": ["t"],
    "description": ["d"],
    "default": [1],
    "examples": [[1]],
    "$comment": ["c"],
    "readOnly": [True],
    "writeOnly": [True],
    "deprecated": [True],
    "dependencies": [{"a": ["b"]}, {"a": NEVER}, {"a": {"required": ["c"]}}],
    "dependentRequired": [{"a": ["b"]}],
    "dependentSchemas": [{"a": NEVER}],
    "prefixItems": [[NEVER], [{"type": "string"}]],
    "unevaluatedItems": [NEVER],
    "unevaluatedProperties": [NEVER],
    "minContains": [2],
    "maxContains": [0],
    "contains": [NEVER, {"type": "string"}],
    "const": [1, "a"],
    "propertyNames": [NEVER, {"maxLength": 1}],
    "if": [NEVER, {"type": "string"}],
    "then": [NEVER],
    "else": [NEVER],
    "$defs": [{"x": NEVER}],
    "$anchor": ["here"],
    "$vocabulary": [{}],
}

INSTANCES: list[Any] = [
    None, True, False, 0, 7, 1.5, -3, 10**20, "", "a", "ab", "{}", "[]", "{", "e30=", "YQ==",
    "!!", "MFRGG===", "=41", "\u00e9", "2020-01-01", "2020-01-01T00:00:00Z", "12:00:00Z",
    "2020-13-01", "a@b.c", "@", "x.example", "-bad-.com", "http://x/y", "not a uri", "/a/b",
    "a/b", "1/a", "0#", "::1", "1.2.3.4", "256.1.1.1", "P1D", "P", "{a}", "{", "^(", "[a-z]+",
    "\\p{L}", "(?<n>a)\\k<n>", "550e8400-e29b-41d4-a716-446655440000", "550e8400", "\u0661",
    [], [1], [1, "a"], ["a", "b"], [1, 1], [[]], {}, {"a": 1}, {"a": 1, "b": 2}, {"ab": 1},
    {"b": []}, {"a": "", "c": 1}, {"x": "!!"},
]  # fmt: skip


def _cases() -> list[Any]:
    cases = []
    for dialect, uri in DIALECTS.items():
        for keyword, values in VALUES.items():
            defined = keyword in KEYWORDS[dialect]
            for value in values:
                tag = f"{dialect}-{keyword}-{'own' if defined else 'foreign'}"
                cases.append(pytest.param(uri, {keyword: value}, id=f"{tag}-{value!r}"[:80]))
        cases.append(pytest.param(uri, "formats", id=f"{dialect}-format"))
    return cases


def _shapes(uri: str, keywords: dict[str, Any]) -> list[dict[str, Any]]:
    """The keywords at the root (beside ``type``, as in the issue) and nested."""
    return [
        {"$schema": uri, **keywords},
        {"$schema": uri, "type": ["object", "string"], **keywords},
        {"$schema": uri, "properties": {"x": keywords}, "items": keywords},
        {"$schema": uri, "anyOf": [{"type": "null"}, keywords]},
    ]


def _verdicts(schema: Any) -> list[tuple[Any, bool, bool, bool]]:
    fast = Engine(schema)
    reference = Engine(schema, engine="reference")
    crossed = Engine(schema, cross_check=True)
    found = []
    for instance in INSTANCES:
        verdicts = (fast.is_valid(instance), reference.is_valid(instance))
        cross = crossed.is_valid(instance) and not crossed.findings(instance)
        found.append((instance, *verdicts, cross))
    return found


@pytest.mark.parametrize(("uri", "keywords"), _cases())
def test_the_engines_give_one_verdict(uri: str, keywords: Any) -> None:
    if keywords == "formats":
        shapes = [s for name in FORMATS for s in _shapes(uri, {"format": name})]
    else:
        shapes = _shapes(uri, keywords)
    judged = 0
    for contents in shapes:
        try:
            schema = from_contents(contents)
        except SchemaProblem:  # not a schema of this dialect (its metaschema says so)
            continue
        judged += 1
        for instance, fast, reference, crossed in _verdicts(schema):
            assert fast == reference, (contents, instance, fast, reference)
            assert crossed == reference, (contents, instance, crossed, reference)
    assert judged, shapes


@pytest.mark.parametrize("dialect", ["draft-04", "draft-06", "draft-07"])
def test_formats_the_reference_does_not_assert_are_not_asserted(dialect: str) -> None:
    """Every string is valid for a format the dialect's reference checker lacks, in both
    engines."""
    uri = DIALECTS[dialect]
    known = validators.validator_for({"$schema": uri}).FORMAT_CHECKER.checkers
    for name in FORMATS:
        if name in known:
            continue
        schema = from_contents({"$schema": uri, "format": name})
        fast = Engine(schema)
        assert all(fast.is_valid(i) for i in INSTANCES), name


def test_the_issue_example_is_valid_with_either_engine() -> None:
    schema = from_contents(
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "type": ["object", "string"],
            "contentMediaType": "application/json",
        }
    )
    for engine in ("fast", "reference"):
        assert Engine(schema, engine=engine).is_valid("")
    assert Engine(schema, cross_check=True).findings("") == []
