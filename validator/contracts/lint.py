"""Schema lint: what in a schema is probably not what its author meant.  Warnings only: the lint
never changes a verdict, and a schema it warns about is used as it is.

* An unknown keyword (one the schema's dialect does not define, so every engine ignores it), with
  the keyword it looks like (``requird`` -> ``required``) or the dialects that do define it
  (``prefixItems`` in a draft-07 schema).  Each keyword is reported once, at its first place
  (breadth first), with how many more places hold it.  Names of ``x-`` extensions (OpenAPI's
  convention for deliberate additions) are not reported, nor ``$defs``/``definitions`` used in a
  dialect that lacks that name (a place for subschemas that asserts nothing either way).
* A schema that asserts nothing about the document: no keyword in it can ever fail, so every
  JSON value is valid (an OpenAPI document given as a schema, ``{}``, ``true``).  A ``$ref`` and
  every assertion keyword count as asserting something: the warning is never given wrongly.

The walk follows each dialect's subschema keywords only (the names under ``properties``,
``$defs`` and the like are names, and ``enum``, ``const``, ``default`` and ``examples`` hold
values), switching dialect where a subschema names another ``$schema``.  It is cheap (one pass,
no import of the engines) and is not run for the bundled schemas, which the tests lint.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from validator.contracts.catalog import Schema
from validator.contracts.schema_walk import KEYWORDS, NEVER_FAIL
from validator.near_miss import suggest

__all__ = ["lint_schema"]

_DIALECTS = {
    "http://json-schema.org/draft-04/schema": "draft-04",
    "http://json-schema.org/draft-06/schema": "draft-06",
    "http://json-schema.org/draft-07/schema": "draft-07",
    "https://json-schema.org/draft/2019-09/schema": "draft2019-09",
    "https://json-schema.org/draft/2020-12/schema": "draft2020-12",
}
_SHOWN = {
    "draft-04": "draft 4",
    "draft-06": "draft 6",
    "draft-07": "draft 7",
    "draft2019-09": "draft 2019-09",
    "draft2020-12": "draft 2020-12",
}
_ONE = frozenset(
    {"additionalItems", "additionalProperties", "contains", "contentSchema", "else", "if"}
    | {"items", "not", "propertyNames", "then", "unevaluatedItems", "unevaluatedProperties"}
)
"""Keywords whose value is a subschema (``items`` may be an array of them before 2020-12)."""
_MANY = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
_NAMED = frozenset(
    {"$defs", "definitions", "dependencies", "dependentSchemas", "patternProperties", "properties"}
)
_CONTAINERS = frozenset({"$defs", "definitions"})
_DEPTH = 200
"""Beyond this depth a subschema is taken to assert something (no deep recursion)."""


def lint_schema(schema: Schema) -> list[str]:
    """The warnings about a schema, one line each, without a prefix, for example
    ``api.json: unknown keyword "requird" at /properties/x; did you mean "required"?``."""
    root = schema.contents
    name = _dialect(root, "")
    if not name:  # draft 3, say: a dialect whose keywords the lint does not know
        return []
    lines = []
    nothing = not _asserts(root, name, 0)
    unknown: dict[str, tuple[str, str, int]] = {}  # keyword -> (first place, dialect, count)
    todo: deque[tuple[Any, str, str]] = deque([(root, "", name)])
    while todo:
        node, where, dialect = todo.popleft()
        if not isinstance(node, dict):
            continue
        dialect = _dialect(node, dialect)
        known = KEYWORDS[dialect]
        legacy_ref = "$ref" in node and dialect in ("draft-04", "draft-06", "draft-07")
        for key, value in node.items():
            if key not in known:
                if not (isinstance(key, str) and (key.startswith("x-") or key in _CONTAINERS)):
                    first, _, count = unknown.get(key, (where, dialect, 0))
                    unknown[key] = (first, dialect, count + 1)
                if key not in _CONTAINERS:
                    continue
            if legacy_ref and key != "$ref" and key not in _CONTAINERS:
                continue  # ignored beside $ref in these dialects (its subschemas are not read)
            here = f"{where}/{_escape(key)}"
            if key in _ONE:
                values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
                todo.extend((v, here if i is None else f"{here}/{i}", dialect) for i, v in values)
            elif key in _MANY and isinstance(value, list):
                todo.extend((v, f"{here}/{i}", dialect) for i, v in enumerate(value))
            elif key in _NAMED and isinstance(value, dict):
                todo.extend((v, f"{here}/{_escape(k)}", dialect) for k, v in value.items())
    places = _places(schema.source, nothing, unknown)
    if nothing:
        lines.append(
            f"{places.pop(0)}{schema.name} asserts nothing about the document: every JSON value "
            "is valid against it"
        )
    for (key, (first, dialect, count)), at in zip(unknown.items(), places, strict=True):
        lines.append(at + _unknown(schema.name, key, first, dialect, count, bool(at)))
    return lines


def _places(source: str, nothing: bool, unknown: dict[str, tuple[str, str, int]]) -> list[str]:
    """The ``file:line:column: `` prefix of each finding (the whole schema's first, if it
    asserts nothing; each unknown keyword's at its first key), ``""`` where there is none."""
    wanted = [("", False)] if nothing else []
    wanted += [(f"{first}/{_escape(key)}", True) for key, (first, _, _) in unknown.items()]
    if not source or not wanted:
        return [""] * len(wanted)
    from validator.contracts.schema_positions import positions, shown

    name = shown(source)
    return [f"{name}:{at[0]}:{at[1]}: " if at else "" for at in positions(source, wanted)]


def _unknown(name: str, key: str, where: str, dialect: str, count: int, placed: bool) -> str:
    line = f"{'' if placed else f'{name}: '}unknown keyword {_quote(key)} at {where or '/'}"
    if count > 1:
        line += f" (and {count - 1} more place{'s' if count > 2 else ''})"
    if key == "<<":  # a YAML 1.1 habit: the keys it names are not merged (docs/yaml.md)
        return f"{line}; YAML 1.2 has no merge keys: write the keys of the anchor out"
    order = list(KEYWORDS)
    elsewhere = [d for d in order if key in KEYWORDS[d]]
    if elsewhere:
        later = len(elsewhere) > 1 and elsewhere == order[order.index(elsewhere[0]) :]
        shown = (
            f"{_SHOWN[elsewhere[0]]} and later"
            if later
            else ", ".join(_SHOWN[d] for d in elsewhere)
        )
        return f"{line}; it belongs to {shown}, not to {_SHOWN[dialect]}"
    known = KEYWORDS[dialect]
    near = suggest(key, sorted(known)) or _swapped(key, known)
    return f"{line}; did you mean {_quote(near)}?" if near else line


def _swapped(key: str, known: frozenset[str]) -> str | None:
    """The keyword ``key`` is with two neighbouring letters swapped (``tpye``), if any: one
    slip of the fingers, though two edits for :func:`validator.near_miss.suggest`."""
    for i in range(len(key) - 1):
        candidate = key[:i] + key[i + 1] + key[i] + key[i + 2 :]
        if candidate != key and candidate in known:
            return candidate
    return None


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _escape(key: Any) -> str:
    return str(key).replace("~", "~0").replace("/", "~1")


def _dialect(node: Any, default: str) -> str:
    """The dialect ``node`` names (``""`` for one the lint does not know), else ``default``;
    draft 2020-12 at the top without a ``$schema``."""
    declared = node.get("$schema") if isinstance(node, dict) else None
    if isinstance(declared, str):
        return _DIALECTS.get(declared.rstrip("#"), default or "")
    return default or "draft2020-12"


def _asserts(node: Any, dialect: str, depth: int) -> bool:
    """Whether some JSON value could fail against ``node`` (True when unsure)."""
    if not isinstance(node, dict):
        return node is False or not isinstance(node, bool)
    if depth > _DEPTH:
        return True
    dialect = _dialect(node, dialect)
    known = KEYWORDS[dialect]
    if "$ref" in node and dialect in ("draft-04", "draft-06", "draft-07"):
        return True
    for key, value in node.items():
        if key not in known or key in NEVER_FAIL:
            continue
        if key in ("anyOf",) and isinstance(value, list):
            if all(_asserts(v, dialect, depth + 1) for v in value):
                return True
        elif (key in ("allOf",) and isinstance(value, list)) or key == "if":
            branches = value if isinstance(value, list) else [node.get("then"), node.get("else")]
            if any(b is not None and _asserts(b, dialect, depth + 1) for b in branches):
                return True
        elif key in _NAMED and isinstance(value, dict):
            if any(_asserts(v, dialect, depth + 1) for v in value.values()):
                return True
        elif key in _ONE and key not in ("contains", "not"):
            values = value if isinstance(value, list) else [value]
            if any(_asserts(v, dialect, depth + 1) for v in values):
                return True
        else:  # $ref, oneOf, not, contains, every assertion keyword
            return True
    return False
