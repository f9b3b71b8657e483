"""Property test: any schema of drafts 4, 6, 7, 2019-09 and 2020-12 loads or is refused with a
schema problem (never another exception), and where the reference (jsonschema with the same
offline registry) can evaluate a document, our verdict is its verdict.  A schema refused for a
$ref cycle is one the reference never ends on, for every document tried; a schema the lint says
asserts nothing accepts every document tried."""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, validators

from validator.checking.engine import compile_schema
from validator.contracts.catalog import from_contents
from validator.contracts.lint import lint_schema
from validator.contracts.references import registry
from validator.problems import CANNOT_CHECK, RefCycle, SchemaProblem, UnresolvableRef

DRAFTS = {
    "draft4": "http://json-schema.org/draft-04/schema#",
    "draft6": "http://json-schema.org/draft-06/schema#",
    "draft7": "http://json-schema.org/draft-07/schema#",
    "draft2019": "https://json-schema.org/draft/2019-09/schema",
    "draft2020": "https://json-schema.org/draft/2020-12/schema",
}
SETTINGS = settings(
    max_examples=int(os.environ.get("SCHEMA_LOADER_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NAMES = st.sampled_from(["a", "b", "c"])
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(-5, 5, allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "a", "b", "xyz"])
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAMES, inner, max_size=3),
    max_leaves=8,
)
REFS = st.sampled_from(
    [
        "#",
        "#/definitions/d0",
        "#/definitions/d1",
        "#/$defs/d0",
        "#/definitions/missing",
        "#/properties/a",
        "#/x-data",
        "#/items/0",
        "#/allOf/0",
        "#a1",
        "http://casefile.test/n",
        "http://casefile.test/n#/properties/a",
        "urn:nowhere",
    ]
)


def _merge(a: Any, b: Any) -> Any:
    """Two schemas' keywords in one object (a boolean schema stands for itself)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return {**a, **b}
    return {"allOf": [a, b]}


def schemas(draft: str) -> st.SearchStrategy[Any]:
    """Schemas of one draft: real keywords (tuple items where the draft has them, dependencies,
    definitions, refs to the root, to definitions, to missing places, to data) mixed with
    arbitrary JSON under unknown keywords."""
    old = draft in ("draft4", "draft6", "draft7")
    leaves = [
        st.just({}),
        st.builds(lambda t: {"type": t}, st.sampled_from(["string", "integer", "object", "array"])),
        st.builds(lambda n: {"minimum": n}, st.integers(-3, 3)),
        st.builds(lambda v: {"enum": v}, st.lists(SCALARS, min_size=1, max_size=3)),
        st.builds(lambda n: {"required": [n]}, NAMES),
        st.builds(lambda r: {"$ref": r}, REFS),
        st.builds(lambda v: {"x-data": v}, JSON),
    ]
    ids = {"draft4": "id"}.get(draft, "$id")
    leaves.append(
        st.builds(lambda s: {ids: "http://casefile.test/n", **s}, st.just({"type": "object"}))
    )
    if draft in ("draft2019", "draft2020"):
        leaves.append(st.just({"$anchor": "a1", "type": "string"}))
        dynamic = "$recursiveRef" if draft == "draft2019" else "$dynamicRef"
        leaves.append(st.just({dynamic: "#"}))
    else:
        leaves.append(st.just({ids: "#a1", "type": "string"}))
    if draft != "draft4":
        leaves.append(st.booleans())
        leaves.append(st.builds(lambda v: {"const": v}, SCALARS))

    def composite(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        options = [
            st.builds(lambda d: {"properties": d}, st.dictionaries(NAMES, inner, max_size=2)),
            st.builds(lambda s: {"items": s}, inner),
            st.builds(lambda k, v: {k: v}, st.sampled_from(["allOf", "anyOf", "oneOf"]),
                      st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda s: {"not": s}, inner),
            st.builds(lambda s: {"additionalProperties": s}, inner),
            st.builds(_merge, inner, inner),
        ]  # fmt: skip
        if draft != "draft2020":
            options.append(st.builds(lambda s: {"items": s}, st.lists(inner, max_size=3)))
        else:
            options.append(st.builds(lambda s: {"prefixItems": s}, st.lists(inner, max_size=3)))
        if old:
            deps = st.dictionaries(NAMES, inner | st.lists(NAMES, max_size=2), max_size=2)
            options.append(st.builds(lambda d: {"dependencies": d}, deps))
        else:
            deps = st.dictionaries(NAMES, inner, max_size=2)
            options.append(st.builds(lambda d: {"dependentSchemas": d}, deps))
        if draft not in ("draft4", "draft6"):
            options.append(st.builds(lambda i, t: {"if": i, "then": t}, inner, inner))
        return st.one_of(options)

    body = st.recursive(st.one_of(leaves), composite, max_leaves=6)
    defs = st.fixed_dictionaries({"d0": body, "d1": body})

    def root(schema: Any, definitions: Any, holder: str) -> Any:
        top = schema if isinstance(schema, dict) else {"allOf": [schema]}
        return {"$schema": DRAFTS[draft], holder: definitions, **top}

    holders = st.sampled_from(["definitions", "$defs"] if not old else ["definitions"])
    return st.builds(root, body, defs, holders)


ANY_DRAFT = st.sampled_from(list(DRAFTS)).flatmap(schemas)


def reference_verdict(loaded: Any, document: Any) -> bool | None:
    """jsonschema's verdict with the registry our engines get; None when it never ends."""
    root = loaded.contents
    if isinstance(root, dict) and "$id" not in root:
        root = {"$id": loaded.uri, **root}
    cls = validators.validator_for(root, default=Draft202012Validator)
    checker = cls(root, registry=registry(loaded), format_checker=cls.FORMAT_CHECKER)
    try:
        return bool(checker.is_valid(document))
    except RecursionError:
        return None
    except BaseException as exc:  # rpds (Rust, under referencing) panics on a RecursionError
        if type(exc).__name__ != "PanicException":
            raise
        return None


@SETTINGS
@given(ANY_DRAFT, st.lists(JSON, min_size=1, max_size=4))
def test_any_schema_loads_or_is_a_schema_problem(schema: Any, documents: list[Any]) -> None:
    try:
        loaded = from_contents(schema)
        engine = compile_schema(loaded)
    except RefCycle:
        event("refused: cycle")
        loaded = from_contents(schema)
        assert all(reference_verdict(loaded, d) is None for d in documents)
        return
    except SchemaProblem as problem:
        event(f"refused: {type(problem).__name__}")
        lines = str(problem).split("\n")  # a line each for several broken $refs (issue 21)
        several = isinstance(problem, UnresolvableRef) and len(problem.refs) > 1
        count = len(problem.refs) if isinstance(problem, UnresolvableRef) else 0
        assert len(lines) == (1 + min(count, 100) + (count > 100) if several else 1), lines
        assert all(line.startswith("  ") for line in lines[1:]), lines
        return
    event(f"loaded, judged by the {engine.judge} engine")
    nothing = any("asserts nothing" in line for line in lint_schema(loaded))
    for document in documents:
        verdict = engine.is_valid(document)
        findings = engine.findings(document)
        assert (not findings) is verdict
        expected = reference_verdict(loaded, document)
        if expected is not None:
            assert verdict is expected, (engine.judge, document)
        # The lint never says "asserts nothing" wrongly; but a schema whose $ref cycle some
        # documents enter is judged by the reference, which may give up on one (reported
        # "cannot check", never valid unchecked), as on {"anyOf": [{"$recursiveRef": "#"}, {}]}
        # in draft 2019-09, which asserts nothing indeed.
        gave_up = bool(findings) and findings[-1].failure.keyword == CANNOT_CHECK
        assert verdict or not nothing or (engine.loops and gave_up)
