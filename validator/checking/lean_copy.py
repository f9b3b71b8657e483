"""What the fast engine is given of a large shared document: the document without the text of
its ``description``, ``title`` and ``$comment`` annotations.

jsonschema_rs keeps a native copy of every resource it may resolve a ``$ref`` in (its registry,
and the validator's own copy of it): on a specification whose schemas are documented at length
(bench's generated one: 2.6 MB of its 3.3 MB of components are descriptions) that text is most
of the native memory of the compile, and none of it can change a verdict or a location: these
keywords are annotations, and an error's instance and keyword locations name the keywords that
failed.  So only a string under one of these names in a schema object (as
:func:`validator.contracts.schema_walk.subschemas` finds them: not the names of ``properties``
or ``$defs``, not the instances of ``enum``, ``const``, ``default`` or ``examples``) is left out;
anything a ``$ref`` can lead to as a schema is there as it was.  Objects with nothing left out
are the document's own (no copy); a document nested deeper than the interpreter can follow is
given as it is.
"""

from __future__ import annotations

from typing import Any

from validator.contracts.schema_walk import DATA, NAMED

__all__ = ["lean_copy"]

_TEXT = frozenset({"description", "title", "$comment"})


def lean_copy(document: Any) -> Any:
    """``document`` without its annotations' text (see the module's notes)."""
    try:
        return _lean(document)
    except RecursionError:
        return document


def _lean(node: Any) -> Any:
    if isinstance(node, list):
        items = [_lean(item) for item in node]
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if not isinstance(node, dict):
        return node
    changed = False
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _TEXT and isinstance(value, str):
            changed = True
            continue
        if key in DATA or not isinstance(value, (dict, list)):
            out[key] = value
            continue
        if key in NAMED and isinstance(value, dict):
            lean = {name: _lean(each) for name, each in value.items()}
            same = all(lean[name] is each for name, each in value.items())
            new: Any = value if same else lean
        else:
            new = _lean(value)
        changed = changed or new is not value
        out[key] = new
    return out if changed else node
