"""The reference engine: jsonschema's validator class for the schema's dialect, with its regex
keywords reading patterns as ECMA-262 and matching them in bounded time.

The class is built with jsonschema's public extension point, ``validators.extend``, from the
class ``validators.validator_for`` picks (so verdicts are that class's); jsonschema's own modules
and classes are left as they are, and so is every other user of jsonschema in the process.
Replaced are the keywords that search with Python's ``re`` (which is not ECMA-262: ``\\d``
matches any digit, ``$`` matches before a final newline, ``\\p{L}`` is an error; and it
backtracks without bound):

* ``pattern``, ``patternProperties`` and ``additionalProperties`` (which searches the
  ``patternProperties`` of its schema object), by small functions of this module that give the
  same verdicts and messages but match with :func:`validator.contracts.patterns.bounded`, the
  fast engine's own regex engine (linear time, or a step limit): one verdict by construction;
* ``unevaluatedProperties`` (drafts 2019-09 and 2020-12), where the schema has
  ``patternProperties``: which properties count as evaluated depends on them, so the evaluated
  names are found by :func:`_evaluated`, matching the same way.  (Without ``patternProperties``
  jsonschema's own function is kept.)

And the errors of ``false`` subschemas keep their places (:mod:`validator.checking.false_schemas`).

A validator moves to the class a ``$schema`` names whenever it enters a schema object with one (a
``$ref`` to the root, for one), leaving an extended class behind.  So the reference gets its
resources (the schema and those beside it) without the ``$schema`` at their top that names its
own dialect (copies, which keep their dialect in the registry): it then stays in the bounded
class, with the same verdicts.  Not covered (jsonschema's own class, Python's ``re``): a resource
of another dialect, and a ``$schema`` deeper inside a resource (only embedded resources may have
one); and when a resource of another dialect might lead back (a reference out of it), no
``$schema`` is removed at all.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry

from validator.checking.bounded_alternatives import any_of, one_of
from validator.checking.false_schemas import false_items, placed
from validator.checking.formats import reference_format_checker
from validator.checking.integers30 import REFERENCE_KEYWORDS
from validator.checking.ref_paths import with_ref
from validator.checking.unique_items import unique_items
from validator.contracts.catalog import Schema
from validator.contracts.documents import memo_of
from validator.contracts.integers30 import holds_translation
from validator.contracts.patterns import bounded
from validator.contracts.references import registry, resource
from validator.contracts.schema_walk import subschemas

__all__ = ["bounded_class", "compile_reference"]

Errors = Iterator[ValidationError]


def compile_reference(schema: Schema) -> Any:
    """The reference validator of a schema (format assertion on, never fetching anything)."""
    registered = validators.validator_for(schema.contents, default=Draft202012Validator)
    shared = _shared(schema, registered)
    if shared is None:
        copies, patterns = _survey(registered, [schema.contents, *schema.resources.values()])
    else:  # the entry points of one document: its resources surveyed and registered once
        copies, patterns = _survey(registered, [schema.contents])
        patterns |= shared[1]

    def own(contents: Any) -> Any:
        return copies.get(id(contents), contents)

    root = own(schema.contents)
    if isinstance(root, dict) and "$id" not in root:
        root = {"$id": schema.uri, **root}
    integers30 = holds_translation([schema.contents, *schema.resources.values()])
    cls = bounded_class(registered, patterns, integers30)
    checker = reference_format_checker(registered)  # its own, but for the bound of a few
    if shared is None:
        return cls(root, registry=registry(schema, own), format_checker=checker)
    held = shared[0].with_resource(schema.uri, resource(own(schema.contents), like=schema.contents))
    return cls(root, registry=held, format_checker=checker)


def _shared(schema: Schema, registered: Any) -> tuple[Any, frozenset[str]] | None:
    """The registry of a shared document's resources (their copies: see :func:`_survey`) and
    their patterns, made once (see :mod:`validator.contracts.documents`); None for a schema
    whose resources are its own, or whose root's dialect or ``$schema`` set it apart."""
    memo = memo_of(schema.resources)
    root = schema.contents
    if memo is None or (isinstance(root, dict) and set(root) - {"$schema", "$ref"}):
        return None
    key = f"reference {registered.__name__}"
    if key not in memo:
        copies, patterns = _survey(registered, [{}, *schema.resources.values()])
        held = Registry().with_resources(
            (uri, resource(copies.get(id(c), c), like=c)) for uri, c in schema.resources.items()
        )
        memo[key] = held, patterns
    found: tuple[Any, frozenset[str]] = memo[key]
    return found


@functools.lru_cache(maxsize=32)
def bounded_class(
    registered: Any, patterns: frozenset[str] = frozenset(), integers30: bool = False
) -> Any:
    """``registered`` (a jsonschema validator class) with its regex keywords bounded;
    ``patterns``: every ``patternProperties`` pattern of the schema (see the module's notes);
    ``integers30``: with OpenAPI 3.0's integer keyword (:mod:`validator.checking.integers30`)."""
    ours: dict[str, Callable[..., Errors]] = {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
        "uniqueItems": unique_items,  # linear: jsonschema's is quadratic
        "anyOf": any_of,  # their branch errors bounded
        "oneOf": one_of,
    }
    keywords: dict[str, Callable[..., Any]] = {
        n: ours[n] for n in ours if n in registered.VALIDATORS
    }
    if "unevaluatedProperties" in registered.VALIDATORS and patterns:
        keywords["unevaluatedProperties"] = _unevaluated_properties
    if integers30:
        keywords.update(REFERENCE_KEYWORDS)
    if "prefixItems" in registered.VALIDATORS:
        keywords["items"] = false_items(registered.VALIDATORS["items"])
    if "$ref" in registered.VALIDATORS:  # errors below it: through it, as the fast engine says
        keywords["$ref"] = with_ref(registered.VALIDATORS["$ref"])
    return placed(validators.extend(registered, validators=keywords))  # type: ignore[no-untyped-call]


# --- the keywords ------------------------------------------------------------------------------


def _matches(pattern: str, string: str) -> bool:
    """Whether ``pattern`` (ECMA-262) is found in ``string``, by the bounded engine the fast
    engine uses (see :func:`validator.contracts.patterns.bounded`)."""
    found = bounded(pattern)
    if found is None:  # refused when the schema was loaded; a Schema built by hand may hold one
        shown = json.dumps(pattern, ensure_ascii=False)[:100]
        raise re.error(f"the pattern {shown} is not one the bounded regex engine can run")
    return found(string)


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "string") and not _matches(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, named: Any, instance: Any, schema: Any) -> Errors:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in named.items():
        for name, value in instance.items():
            if _matches(pattern, name):
                yield from validator.descend(value, subschema, path=name, schema_path=pattern)


def _additional_properties(validator: Any, additional: Any, instance: Any, schema: Any) -> Errors:
    if not validator.is_type(instance, "object"):
        return
    declared = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    extras = [  # in the document's order (a set's varies from run to run: the first errors too)
        name
        for name in instance
        if name not in declared and not any(_matches(pattern, name) for pattern in patterns)
    ]
    if validator.is_type(additional, "object"):
        for name in extras:
            yield from validator.descend(instance[name], additional, path=name)
    elif not additional and extras:
        if "patternProperties" in schema:
            names = ", ".join(repr(name) for name in sorted(extras))
            verb = "does" if len(extras) == 1 else "do"
            regexes = ", ".join(repr(pattern) for pattern in sorted(schema["patternProperties"]))
            yield ValidationError(f"{names} {verb} not match any of the regexes: {regexes}")
        else:
            names = ", ".join(repr(name) for name in sorted(extras, key=str))
            verb = "was" if len(extras) == 1 else "were"
            message = f"Additional properties are not allowed ({names} {verb} unexpected)"
            yield ValidationError(message)


def _unevaluated_properties(validator: Any, value: Any, instance: Any, schema: Any) -> Errors:
    """``unevaluatedProperties``, whose evaluated names (:func:`_evaluated`) are matched against
    ``patternProperties`` as ECMA-262, by the bounded engine."""
    if not validator.is_type(instance, "object"):
        return
    evaluated = _evaluated(validator, instance, schema)
    failed = [
        name
        for name in instance
        if name not in evaluated
        and next(iter(validator.descend(instance[name], value, path=name, schema_path=name)), None)
        is not None
    ]
    if not failed:
        return
    if value is False:
        names = ", ".join(repr(name) for name in sorted(failed, key=str))
        verb = "was" if len(failed) == 1 else "were"
        yield ValidationError(f"Unevaluated properties are not allowed ({names} {verb} unexpected)")
    else:
        names = ", ".join(repr(name) for name in failed)
        verb = "was" if len(failed) == 1 else "were"
        yield ValidationError(
            "Unevaluated properties are not valid under the given schema "
            f"({names} {verb} unevaluated and invalid)"
        )


def _passes(validator: Any, instance: Any, schema: Any) -> bool:
    return next(iter(validator.descend(instance, schema)), None) is None


def _evaluated(validator: Any, instance: dict[str, Any], schema: Any) -> set[str]:
    """The names of ``instance`` that ``schema`` and the subschemas it applies in place evaluate
    successfully (JSON Schema 2020-12, section 11.3): those of ``properties``,
    ``patternProperties`` (matched as ECMA-262), ``additionalProperties`` and
    ``unevaluatedProperties`` that pass, through ``$ref``, ``$dynamicRef``, ``dependentSchemas``,
    the ``allOf``/``anyOf``/``oneOf`` branches that pass and ``if``/``then``/``else``."""
    if not isinstance(schema, dict):
        return set()
    names: set[str] = set()
    for keyword in ("$ref", "$dynamicRef"):
        if isinstance(ref := schema.get(keyword), str):
            resolved = validator._resolver.lookup(ref)
            inner = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
            names |= _evaluated(inner, instance, resolved.contents)
    if isinstance(properties := schema.get("properties"), dict):
        names |= properties.keys() & instance.keys()
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if (subschema := schema.get(keyword)) is not None:
            names |= {n for n, v in instance.items() if _passes(validator, v, subschema)}
    for pattern in schema.get("patternProperties", {}):
        names |= {name for name in instance if _matches(pattern, name)}
    for name, subschema in schema.get("dependentSchemas", {}).items():
        if name in instance:
            names |= _evaluated(validator, instance, subschema)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for subschema in schema.get(keyword, []):
            if _passes(validator, instance, subschema):
                names |= _evaluated(validator, instance, subschema)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            names |= _evaluated(validator, instance, schema["if"])
            names |= _evaluated(validator, instance, schema.get("then"))
        else:
            names |= _evaluated(validator, instance, schema.get("else"))
    return names


# --- $schema ------------------------------------------------------------------------------------


def _survey(registered: Any, resources: list[Any]) -> tuple[dict[int, Any], frozenset[str]]:
    """One walk over the resources (``resources[0]`` is the schema itself) for what the reference
    needs: id() of each resource whose ``$schema`` names ``registered``'s dialect (or none
    jsonschema knows) -> a copy without it, none when a resource of another dialect might lead
    back into them (see the module's notes); and every ``patternProperties`` pattern."""
    copies: dict[int, Any] = {}
    patterns: set[str] = set()
    mixed = False
    for index, contents in enumerate(resources):
        nodes = list(subschemas(contents))
        for node in nodes:
            if isinstance(named := node.get("patternProperties"), dict):
                patterns.update(named)
        declared = [node for node in nodes if isinstance(node.get("$schema"), str)]
        others = [node for node in declared if _dialect(node, registered) is not registered]
        if not others:
            if isinstance(contents, dict) and isinstance(contents.get("$schema"), str):
                copies[id(contents)] = {k: v for k, v in contents.items() if k != "$schema"}
        elif index == 0 or others[0] is not contents or len(declared) > 1 or not _closed(nodes):
            mixed = True
    return ({} if mixed else copies), frozenset(patterns)


def _dialect(node: dict[str, Any], registered: Any) -> Any:
    """The validator class jsonschema moves to on entering ``node`` from ``registered``."""
    return validators.validator_for(node, default=registered)


def _closed(nodes: list[dict[str, Any]]) -> bool:
    """Whether the references among ``nodes`` (one resource's objects) all stay inside it."""
    return all(
        "$dynamicRef" not in node
        and "$recursiveRef" not in node
        and (not isinstance(ref := node.get("$ref"), str) or ref.startswith("#"))
        for node in nodes
    )
