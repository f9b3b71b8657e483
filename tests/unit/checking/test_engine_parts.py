"""The parts of the check stage: the engine (validator.checking.engine), its bounds
(validator.checking.limits), the reference validator (validator.checking.reference), ``$ref``
handling (validator.contracts.references), error conversion (validator.checking.convert) and the
schema walk (validator.contracts.schema_walk).

A library call leaves the interpreter as it found it; the parts import one way only; the two
engines' errors get one shape; the reference engine's budget survives a ``$schema``.
"""

from __future__ import annotations

import json
import re
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import validator
import validator.checking.engine as engine_module
from validator.checking.convert import from_fast, from_reference
from validator.checking.engine import compile_schema
from validator.checking.formats import formats_used
from validator.checking.limits import (
    lift_int_limit,
    long_integers,
    reference_limits,
    restore_int_limit,
)
from validator.checking.reference import _survey
from validator.contracts.catalog import from_contents, load_schema
from validator.contracts.schema_walk import subschemas
from validator.inputs.parse import MAX_INT_DIGITS

PACKAGE = Path(validator.__file__).resolve().parent
DRAFT7 = "http://json-schema.org/draft-07/schema#"
DRAFT2020 = "https://json-schema.org/draft/2020-12/schema"
HUGE = 10**5000  # made by arithmetic: no int -> str conversion
STARTUP_DIGITS = 4300 if sys.flags.int_max_str_digits < 0 else sys.flags.int_max_str_digits
"""Python's int <-> str digit limit as the interpreter started (4,300 unless configured)."""


def interpreter_state() -> tuple[Any, ...]:
    return (
        sys.getrecursionlimit(),
        sys.get_int_max_str_digits(),
        signal.getsignal(signal.SIGALRM),
        signal.getitimer(signal.ITIMER_REAL),
    )


# --- a library call leaves the interpreter as it found it ---------------------------------------


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_library_calls_leave_the_interpreter_as_they_found_it(engine: str) -> None:
    before = interpreter_state()
    assert before[1] == STARTUP_DIGITS  # nothing lifted it for good, at import or before
    validator.validate({"status": "completed"})
    validator.validate_bytes(b'{"request_id": 1' + b"0" * 5000 + b"}")
    compiled = compile_schema(from_contents({"maximum": 5, "const": HUGE}), engine=engine)
    compiled.findings(HUGE)
    compiled.is_valid([[[]]])
    assert interpreter_state() == before


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_verdicts_on_5000_digit_integers(engine: str) -> None:
    maximum = compile_schema(from_contents({"maximum": 5}), engine=engine)
    number = compile_schema(from_contents({"type": "number"}), engine=engine)
    with long_integers():  # the verdict methods leave it to the caller (hot paths)
        assert maximum.is_valid(HUGE) is False
        assert number.is_valid(HUGE) is True
        if engine == "fast":
            assert maximum.native() is not None and number.native() is not None
            assert maximum.native()(HUGE) is False  # type: ignore[misc]
            assert number.native()(HUGE) is True  # type: ignore[misc]
    [finding] = maximum.findings(HUGE)  # findings lift the limit themselves
    assert finding.failure.keyword == "maximum"
    assert number.findings(HUGE) == []
    assert sys.get_int_max_str_digits() == STARTUP_DIGITS


def test_the_public_api_gets_5000_digit_integers_right() -> None:
    """Through the library's own calls (which hold the limit lifted around each document)."""
    text = b"1" + b"0" * 4999
    assert validator.is_valid(HUGE, {"maximum": 5}) is False
    assert validator.is_valid(HUGE, {"type": "number"}) is True
    assert not validator.validate(HUGE, {"maximum": 5}).valid
    assert validator.validate(HUGE, {"type": "number"}).valid
    assert not validator.validate_bytes(text, {"maximum": 5}).valid
    assert validator.validate_bytes(text, {"type": "number"}).valid
    assert sys.get_int_max_str_digits() == STARTUP_DIGITS


def test_a_schema_with_a_long_integer_compiles_right() -> None:
    engine = compile_schema(from_contents({"const": HUGE}))
    with long_integers():
        assert engine.is_valid(HUGE) and not engine.is_valid(HUGE + 1)


def test_lifting_never_lowers_and_nests() -> None:
    before = sys.get_int_max_str_digits()
    try:
        sys.set_int_max_str_digits(0)  # unlimited: left as it is
        assert lift_int_limit() == 0
        assert sys.get_int_max_str_digits() == 0
        sys.set_int_max_str_digits(MAX_INT_DIGITS * 2)
        with long_integers():
            assert sys.get_int_max_str_digits() == MAX_INT_DIGITS * 2
        sys.set_int_max_str_digits(4300)
        with long_integers():
            with long_integers():
                assert sys.get_int_max_str_digits() == MAX_INT_DIGITS
            assert sys.get_int_max_str_digits() == MAX_INT_DIGITS
        assert sys.get_int_max_str_digits() == 4300
        restore_int_limit(lift_int_limit())
        assert sys.get_int_max_str_digits() == 4300
    finally:
        sys.set_int_max_str_digits(before)


@pytest.mark.parametrize("error", [RecursionError, re.error, KeyboardInterrupt])
def test_reference_limits_are_restored_however_the_block_ends(error: type[BaseException]) -> None:
    before = interpreter_state()
    with pytest.raises(error), reference_limits():
        assert sys.getrecursionlimit() > before[0]
        assert sys.get_int_max_str_digits() == 0
        raise error("x")
    assert interpreter_state() == before


def test_no_part_sets_a_timer() -> None:
    """The reference engine's regex keywords match in bounded time (jsonschema_rs's engine), so
    no part of the package sets a ``SIGALRM`` timer (the budget that did, with no caller left,
    was removed): a library call never touches the process's alarm."""
    import validator.checking.limits as limits

    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "setitimer" not in text and "ITIMER_REAL" not in text, path
    gone = ("REGEX_BUDGET", "RUN_BUDGET", "OverBudget", "RunBudget", "within_budget", "search")
    assert [name for name in gone if hasattr(limits, name)] == []


def test_reference_limits_leave_other_threads_alone() -> None:
    seen: list[int] = []

    def work() -> None:
        with reference_limits():
            seen.append(sys.getrecursionlimit())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [sys.getrecursionlimit()]


# --- one shape for both engines' errors ---------------------------------------------------------

BRANCHY = {
    "type": "object",
    "properties": {
        "a": {"anyOf": [{"type": "string"}, {"properties": {"b": {"minimum": 3}}}]},
    },
}


def test_both_engines_errors_get_one_shape() -> None:
    fast = compile_schema(from_contents(BRANCHY))
    reference = compile_schema(from_contents(BRANCHY), engine="reference")
    doc = {"a": {"b": 1}}
    [one] = [from_fast(e) for e in fast._fast.iter_errors(doc)]
    [other] = [from_reference(e) for e in reference.reference.iter_errors(doc)]
    assert one.instance_location == other.instance_location == "/a"
    assert one.failure.keyword == other.failure.keyword == "anyOf"

    def shape(failure: Any) -> Any:
        return [
            [(f.keyword, f.nested, f.details.get("limit")) for f in b] for b in failure.branches
        ]

    assert (
        shape(one.failure)
        == shape(other.failure)
        == [
            [("type", "", None)],  # at the alternatives' instance
            [("minimum", "/a/b", 3)],  # below it: its pointer
        ]
    )


# --- the schema walk ----------------------------------------------------------------------------


def test_the_walk_skips_data_and_follows_named_subschemas() -> None:
    schema = {
        "enum": [{"format": "in-an-enum"}],
        "const": {"not": {}},
        "properties": {
            "enum": {"format": "date"},  # a property named like a keyword: a subschema
            "not": {"items": [{"format": "uuid"}]},
        },
        "$defs": {"x": {"default": {"format": "in-a-default"}, "format": "email"}},
        "x-unknown": {"format": "ipv4"},
    }
    assert formats_used([schema]) == {"date", "uuid", "email", "ipv4"}
    nodes = list(subschemas(schema))
    assert nodes[0] is schema
    assert schema["properties"] not in nodes  # a map of names, not a schema
    assert not any("not" in node for node in nodes)  # neither the const nor the property name


def test_the_quick_path_ignores_properties_named_like_keywords() -> None:
    assert compile_schema(from_contents({"properties": {"not": {"format": "uuid"}}}))._quick
    assert not compile_schema(from_contents({"not": {"format": "uuid"}}))._quick


def test_the_quick_validator_is_compiled_when_a_second_caller_asks_for_a_screen() -> None:
    # a run of one document (the start-up) never compiles it; the rest get it from the second
    engine = compile_schema(load_schema())
    assert engine.native() == engine._fast.is_valid
    assert engine._screen is engine_module._LATER
    screen = engine.native()
    assert engine._screen is not None and engine._screen is not engine_module._LATER
    assert screen == engine._quick.is_valid != engine._fast.is_valid


# --- the reference engine and $schema -----------------------------------------------------------

CATASTROPHIC_TREE = {"type": ["string", "array"], "pattern": "^(a+)+$", "items": {"$ref": "#"}}
EVIL = [["aaaa", ["a" * 30 + "!"]]]


@pytest.mark.parametrize("dialect", [DRAFT2020, DRAFT7])
def test_the_budget_survives_a_ref_to_the_root(dialect: str) -> None:
    """The bundled schemas (draft 2020-12) are resources of every schema: a draft-07 schema
    beside them still drops its own ``$schema`` for the reference."""
    engine = compile_schema(
        from_contents({"$schema": dialect, **CATASTROPHIC_TREE}), engine="reference"
    )
    start = time.monotonic()
    assert engine.is_valid(EVIL) is False
    [finding] = engine.findings(EVIL)
    assert time.monotonic() - start < 1  # the bounded regex engine: judged, not given up
    assert finding.failure.keyword == "pattern"
    assert engine.is_valid([["aaaa", ["aa"]]]) is True
    assert engine.schema.contents["$schema"] == dialect  # the schema itself is not changed


def test_a_resource_of_another_dialect_that_may_lead_back_keeps_every_schema() -> None:
    from jsonschema import Draft7Validator, Draft202012Validator

    root = {"$schema": DRAFT2020, "items": {"$ref": "other.json"}}
    closed = {"$schema": DRAFT7, "$id": "other.json", "items": {"$ref": "#"}}
    leading_back = {"$schema": DRAFT7, "$id": "other.json", "items": {"$ref": "root.json"}}
    copies, _ = _survey(Draft202012Validator, [root, closed])
    assert list(copies) == [id(root)] and "$schema" not in copies[id(root)]
    assert _survey(Draft202012Validator, [root, leading_back])[0] == {}
    nested = {"$schema": DRAFT2020, "$defs": {"x": {"$schema": DRAFT7}}}
    assert _survey(Draft202012Validator, [nested])[0] == {}
    assert list(_survey(Draft7Validator, [{"$schema": DRAFT7}])[0]) != []
    patterns = {"patternProperties": {"^a": {"patternProperties": {"^b": {}}}}}
    assert _survey(Draft202012Validator, [patterns, closed])[1] == {"^a", "^b"}


def test_draft7_semantics_are_kept_without_the_schema() -> None:
    """Dropping ``$schema`` keeps the dialect: draft-07 ignores a ``$ref``'s siblings, and its
    ``items`` array is what 2020-12 calls ``prefixItems``."""
    schema = {
        "$schema": DRAFT7,
        "definitions": {"s": {"type": "string"}},
        "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 1}},
        "items": [{"type": "integer"}],
    }
    engine = compile_schema(from_contents(schema), engine="reference")
    assert engine.is_valid({"a": "long"}) is True
    assert engine.is_valid(["x"]) is False and engine.is_valid([1, "x"]) is True


def test_the_bundled_schema_is_not_changed_by_the_reference() -> None:
    schema = load_schema()
    before = json.dumps([schema.contents, dict(schema.resources)], sort_keys=True)
    compile_schema(schema, engine="reference").is_valid({})
    assert json.dumps([schema.contents, dict(schema.resources)], sort_keys=True) == before
