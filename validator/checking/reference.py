"""The reference engine: jsonschema's validator class for the schema's dialect, with its regex
keywords searching under the budget of :mod:`validator.checking.limits`.

The class is built with jsonschema's public extension point, ``validators.extend``, from the
class ``validators.validator_for`` picks (so verdicts are that class's); jsonschema's own modules
and classes are left as they are, and so is every other user of jsonschema in the process.
Replaced are the keywords that search with ``re``:

* ``pattern``, ``patternProperties`` and ``additionalProperties`` (which searches the
  ``patternProperties`` of its schema object), by small functions of this module that give the
  same verdicts and messages but search with :func:`validator.checking.limits.search`;
* ``unevaluatedProperties`` (drafts 2019-09 and 2020-12: which properties count as evaluated
  depends on the ``patternProperties`` of every subschema it looks through), by jsonschema's own
  function of the dialect run after a bounded search of every ``patternProperties`` pattern of
  the schema against the object's property names: a search that would not end gives up within
  the budget there, and jsonschema's own searches then repeat ones known to end.  (Its rules for
  evaluated properties changed in jsonschema 4.25: calling its own function keeps the verdicts of
  the jsonschema installed.)

A validator moves to the class a ``$schema`` names whenever it enters a schema object with one (a
``$ref`` to the root, for one), leaving an extended class behind.  So the reference gets its
resources (the schema and those beside it) without the ``$schema`` at their top that names its
own dialect (copies, which keep their dialect in the registry): it then stays in the bounded
class, with the same verdicts.  Not covered by the budget: a resource of another dialect, and a
``$schema`` deeper inside a resource (only embedded resources may have one); and when a resource
of another dialect might lead back (a reference out of it), no ``$schema`` is removed at all.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from validator.checking.formats import reference_format_checker
from validator.checking.limits import search, within_budget
from validator.contracts.catalog import Schema
from validator.contracts.references import registry
from validator.contracts.schema_walk import subschemas

__all__ = ["bounded_class", "compile_reference"]

Errors = Iterator[ValidationError]


def compile_reference(schema: Schema) -> Any:
    """The reference validator of a schema (format assertion on, never fetching anything)."""
    registered = validators.validator_for(schema.contents, default=Draft202012Validator)
    copies, patterns = _survey(registered, [schema.contents, *schema.resources.values()])

    def own(contents: Any) -> Any:
        return copies.get(id(contents), contents)

    root = own(schema.contents)
    if isinstance(root, dict) and "$id" not in root:
        root = {"$id": schema.uri, **root}
    cls = bounded_class(registered, patterns)
    checker = reference_format_checker(registered)  # its own, but for the bound of a few
    return cls(root, registry=registry(schema, own), format_checker=checker)


@functools.lru_cache(maxsize=32)
def bounded_class(registered: Any, patterns: frozenset[str] = frozenset()) -> Any:
    """``registered`` (a jsonschema validator class) with its regex keywords bounded;
    ``patterns``: every ``patternProperties`` pattern of the schema (see the module's notes)."""
    ours: dict[str, Callable[..., Errors]] = {
        "pattern": _pattern,
        "patternProperties": _pattern_properties,
        "additionalProperties": _additional_properties,
    }
    keywords = {name: ours[name] for name in ours if name in registered.VALIDATORS}
    unevaluated = registered.VALIDATORS.get("unevaluatedProperties")
    if unevaluated is not None and patterns:
        keywords["unevaluatedProperties"] = _searched_first(unevaluated, patterns)
    return validators.extend(registered, validators=keywords)  # type: ignore[no-untyped-call]


# --- the keywords ------------------------------------------------------------------------------


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Errors:
    if validator.is_type(instance, "string") and not search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _pattern_properties(validator: Any, named: Any, instance: Any, schema: Any) -> Errors:
    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in named.items():
        for name, value in instance.items():
            if search(pattern, name):
                yield from validator.descend(value, subschema, path=name, schema_path=pattern)


def _additional_properties(validator: Any, additional: Any, instance: Any, schema: Any) -> Errors:
    if not validator.is_type(instance, "object"):
        return
    declared = schema.get("properties", {})
    either = "|".join(schema.get("patternProperties", {}))  # one search for all the patterns
    extras = {
        name for name in instance if name not in declared and not (either and search(either, name))
    }
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


def _searched_first(
    unevaluated: Callable[..., Any], patterns: frozenset[str]
) -> Callable[..., Errors]:
    def unevaluated_properties(validator: Any, value: Any, instance: Any, schema: Any) -> Errors:
        if validator.is_type(instance, "object") and instance:
            names = list(instance)
            for pattern in patterns:
                within_budget(pattern, functools.partial(_search_each, pattern, names))
        yield from unevaluated(validator, value, instance, schema) or ()

    return unevaluated_properties


def _search_each(pattern: str, names: list[str]) -> None:
    try:
        for name in names:
            re.search(pattern, name)
    except re.error:  # jsonschema's own search raises it again, if it searches this pattern
        pass


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
