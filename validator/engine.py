"""The check stage: a compiled validator for one schema -> a verdict and, for invalid documents,
the detailed failures.

Semantics are those of ``jsonschema.Draft202012Validator(schema,
format_checker=Draft202012Validator.FORMAT_CHECKER, registry=...)`` (the *reference*).  For
speed the verdict and the details come from ``jsonschema_rs`` (the *fast engine*), compiled
offline with format assertion on; the differential tests in ``tests/conformance`` show that the
two agree on the whole JSON Schema Test Suite and on generated documents.

Disagreements found at run time are reported, never passed: a fast verdict of "invalid" with no
error to show for it is an ``engine-disagreement`` failure; and with ``cross_check=True`` every
document is also judged by the reference, any difference in verdict being reported the same way
(slow: the reference costs tens of microseconds a document).  Values the fast engine cannot take
(integers beyond its range) fall back to the reference alone.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import signal
import sys
import threading
import time
import types
from collections.abc import Callable, Iterator, Sequence
from sys import intern
from typing import Any, NamedTuple

import jsonschema_rs

from validator.catalog import Schema
from validator.formats import fast_formats, formats_used
from validator.messages import Failure
from validator.problems import CANNOT_CHECK, DISAGREEMENT, CannotCompile, RefCycle, UnresolvableRef

__all__ = ["ENGINES", "Engine", "Finding", "compile_schema"]

ENGINES = ("fast", "reference")
"""``fast``: jsonschema_rs verdicts, cross-checked by the reference on every rejection;
``reference``: the jsonschema library alone (slow, for when you want no second opinion)."""


REGEX_BUDGET = 1.0
"""Seconds of regular expression matching the reference engine may spend on one evaluation of one
document.  Python's ``re`` backtracks without bound (``^(a+)+$`` against ``"a" * 30 + "!"`` takes
about a minute), so on the main thread each ``pattern``/``patternProperties`` search runs under a
``SIGALRM`` timer; when the budget is spent the reference gives up and the document is reported
invalid with a ``cannot-check`` finding.  jsonschema_rs needs no such budget: its regex engine is
linear-time, or backtracking with a step limit (it then reports the value as not matching)."""


def _escape(segment: str | int) -> str:
    return str(segment).replace("~", "~0").replace("/", "~1")


def to_pointer(path: Sequence[str | int]) -> str:
    """A JSON Pointer from path segments."""
    if not path:
        return ""
    joined = "/".join(map(str, path))
    if "~" in joined or joined.count("/") != len(path) - 1:  # a segment needs escaping
        return "".join("/" + _escape(p) for p in path)
    return "/" + joined


class Finding(NamedTuple):
    """One failed keyword, located in the instance and in the schema (not yet in the text)."""

    instance_location: str
    keyword_location: str
    absolute_keyword_location: str | None
    failure: Failure


class Engine:
    """A schema compiled for checking many documents."""

    def __init__(self, schema: Schema, *, engine: str = "fast", cross_check: bool = False) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
        self.schema = schema
        self.engine = engine
        if not _is_bundled(schema):  # the bundled schemas are known to pass (tests say so)
            check_references(schema)
        _allow_long_integers()
        self._fast: Any = _compile_fast(schema) if engine == "fast" else None
        self._quick: Any = _quick_validator(schema) if self._fast is not None else None
        self.cross_check = cross_check and self._fast is not None
        if self._fast is None or self.cross_check:  # report a bad $ref before any document
            _ = self.reference

    @functools.cached_property
    def reference(self) -> Any:
        """The jsonschema validator (imported and built on first use: it is slow to import)."""
        return _compile_reference(self.schema)

    def native(self) -> Callable[[Any], bool] | None:
        """A compiled validator's own ``is_valid`` method, for hot loops that want no Python call
        in between.  It never accepts a document :meth:`is_valid` rejects, but it may reject one
        that is valid after all (see :func:`_quick_validator`): a rejection is confirmed by
        :meth:`findings` (a document without findings is valid).  It may raise ValueError,
        OverflowError or TypeError on a value the fast engine cannot take: such a document must
        go to :meth:`is_valid`.  None when the verdict needs more than the fast engine
        (``cross_check``, or the reference engine)."""
        if self._fast is None or self.cross_check:
            return None
        screen: Callable[[Any], bool] = (self._quick or self._fast).is_valid
        return screen

    def is_valid(self, document: Any) -> bool:
        """The verdict alone (fast: no details are gathered).  With ``cross_check``, a document
        on which the engines disagree is not valid: :meth:`findings` then says why."""
        if self._fast is not None:
            try:
                verdict: bool = (
                    self._quick is not None and self._quick.is_valid(document)
                ) or self._fast.is_valid(document)
            except (ValueError, OverflowError, TypeError):
                return self._reference_verdict(document) is True
            if self.cross_check and verdict:
                return self._reference_verdict(document) is True
            return verdict
        # The reference giving up (None) is not a pass: findings() says why.
        return self._reference_verdict(document) is True

    def findings(self, document: Any) -> list[Finding]:
        """Every failure of a document (empty when it is valid)."""
        if self._fast is None:
            return self._reference_findings(document)
        try:
            found = [_from_fast(e) for e in self._fast.iter_errors(document)]
        except (ValueError, OverflowError, TypeError):
            return self._reference_findings(document)
        if self.cross_check:
            verdict = self._reference_verdict(document)
            if found and verdict is True:
                found.append(_disagreement("rejects", "accepts"))
            elif not found and verdict is False:
                found = [_disagreement("accepts", "rejects"), *self._reference_findings(document)]
            elif not found and verdict is None:
                found = self._reference_findings(document)  # says why it gave up
        elif not found and not self._fast.is_valid(document):
            found.append(_disagreement("rejects", "gives no reason for", who="its own details"))
        return found

    def _reference_verdict(self, document: Any) -> bool | None:
        """The reference engine's verdict, or None when it gave up (see :func:`_limits`)."""
        try:
            with _limits():
                return bool(self.reference.is_valid(document))
        except _GIVE_UP:
            return None

    def _reference_findings(self, document: Any) -> list[Finding]:
        found: list[Finding] = []
        try:
            with _limits():
                for error in self.reference.iter_errors(document):
                    found.append(_from_reference(error))
        except _GIVE_UP as exc:
            found.append(_gave_up(exc))
        return found


def _disagreement(fast: str, other: str, who: str = "the reference (jsonschema)") -> Finding:
    message = (
        f"engines disagree: the fast engine (jsonschema_rs) {fast} this document but {who} "
        f"{other} it; please report this as a bug"
    )
    return Finding("", "", None, Failure(DISAGREEMENT, {}, None, message))


def _compile_fast(schema: Schema, *, builtin_uuid: bool = False) -> Any:
    """The fast validator.  Formats are checked exactly as the reference checks them (see
    :mod:`validator.formats`); with ``builtin_uuid`` jsonschema_rs checks ``uuid`` itself instead,
    which is quicker but stricter (see :func:`_quick_validator`)."""
    resources = [(uri, c) for uri, c in schema.resources.items() if uri != schema.uri]
    used = formats_used([schema.contents, *schema.resources.values()])
    if builtin_uuid:
        used.discard("uuid")
    try:
        registry = jsonschema_rs.Registry(resources) if resources else None
        return jsonschema_rs.validator_for(
            schema.contents,
            validate_formats=True,
            formats=fast_formats(used, schema.contents),
            registry=registry,
            base_uri=schema.uri,
            offline=True,
        )
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CannotCompile(
            f"{schema.name}: cannot compile schema: {first}", schema=schema.name
        ) from None


_NOT_MONOTONE = frozenset(
    {"not", "if", "oneOf", "contains", "minContains", "maxContains"}
    | {"unevaluatedProperties", "unevaluatedItems", "$dynamicRef"}
)
"""Keywords through which a subschema failing can make a document pass."""


def _quick_validator(schema: Schema) -> Any:
    """A second fast validator for the accept-path, or None.

    The reference's ``uuid`` check (Python's ``uuid.UUID``) runs as a Python callback in the
    exact validator: a few microseconds a document.  jsonschema_rs's own check is native, and
    every string it accepts the reference accepts too (a property test says so), but not the
    reverse (the reference also takes ``"…-"`` endings, ``_`` and non-ASCII digits).  So where
    failing can never help a document pass (no keyword of :data:`_NOT_MONOTONE` anywhere), "the
    quick validator accepts" implies "the exact one accepts", and only documents the quick one
    rejects need the exact one.
    """
    used = formats_used([schema.contents, *schema.resources.values()])
    if "uuid" not in used or _mentions(
        [schema.contents, *schema.resources.values()], _NOT_MONOTONE
    ):
        return None
    return _compile_fast(schema, builtin_uuid=True)


def _mentions(schemas: list[Any], keys: frozenset[str]) -> bool:
    todo = list(schemas)
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if not keys.isdisjoint(node):
                return True
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return False


def _compile_reference(schema: Schema) -> Any:
    from jsonschema import Draft202012Validator, validators

    _bound_reference_regexes()
    registry = _registry(schema)  # no retrieve: never fetches
    cls = validators.validator_for(schema.contents, default=Draft202012Validator)
    root = schema.contents
    if isinstance(root, dict) and "$id" not in root:
        root = {"$id": schema.uri, **root}
    return cls(root, registry=registry, format_checker=cls.FORMAT_CHECKER)


def compile_schema(schema: Schema, *, engine: str = "fast", cross_check: bool = False) -> Engine:
    """Compile a schema; a schema that cannot be compiled raises
    :class:`~validator.problems.SchemaProblem`."""
    return Engine(schema, engine=engine, cross_check=cross_check)


# --- limits of the reference engine ------------------------------------------------------------


def _allow_long_integers() -> None:
    """Let every integer the parser accepts be converted to text (raising Python's limit, 4,300
    digits by default, to :data:`validator.parse.MAX_INT_DIGITS`; never lowering it).

    jsonschema_rs reads a Python int through its decimal text, and one past the limit silently
    becomes ``null`` there: ``{"maximum": 5}`` then accepts ``10**5000`` and ``{"type": "number"}``
    rejects it.  The limit guards against quadratic conversions of huge numbers; the parser
    already refuses integers longer than MAX_INT_DIGITS, so raising it that far is safe."""
    from validator.parse import MAX_INT_DIGITS

    get = getattr(sys, "get_int_max_str_digits", None)
    if get is not None and 0 < get() < MAX_INT_DIGITS:
        sys.set_int_max_str_digits(MAX_INT_DIGITS)


class _OverBudget(Exception):
    """The reference engine spent :data:`REGEX_BUDGET` on regular expressions."""

    def __init__(self, pattern: str) -> None:
        super().__init__(pattern)
        self.pattern = pattern


_GIVE_UP: tuple[type[BaseException], ...] = (RecursionError, _OverBudget, re.error)


class _Budget(threading.local):
    remaining: float | None = None  # seconds left for regex matching; None: unbounded


_BUDGET = _Budget()

_FRAMES_PER_MIB = 1280
"""Python frames the reference may stack per MiB of C stack.  jsonschema costs about 330 bytes
of C stack per frame on CPython 3.11 (measured: a $ref cycle overflows an 8 MiB stack between
20,000 and 30,000 frames); 1,280 a MiB leaves a margin of more than two to one."""


def _frame_limit() -> int:
    """A recursion limit the main thread's C stack can take (10,240 frames for 8 MiB): room for
    jsonschema to walk documents nested as deep as the parser allows (about 4 frames a level
    with a recursive ``$ref``; :data:`validator.parse.MAX_DEPTH` is 1,024)."""
    try:
        import resource

        soft, _ = resource.getrlimit(resource.RLIMIT_STACK)
    except (ImportError, OSError, ValueError):  # pragma: no cover - not POSIX
        return sys.getrecursionlimit()
    mib = 8 if soft == resource.RLIM_INFINITY or soft <= 0 else min(soft >> 20, 64)
    return max(sys.getrecursionlimit(), mib * _FRAMES_PER_MIB)


@contextlib.contextmanager
def _limits() -> Iterator[None]:
    """Run the reference engine within bounds, on the main thread (the CLI's, and each worker
    process's): recursion deep enough for any document the parser accepts, conversion of integers
    of any length the parser accepts (at most :data:`validator.parse.MAX_INT_DIGITS` digits, so
    ``repr`` in jsonschema's messages stays cheap) and :data:`REGEX_BUDGET` seconds of regex
    matching.  Elsewhere the interpreter's own limits apply: a RecursionError there, like an
    exhausted budget here, makes the reference give up (a ``cannot-check`` finding)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    frames = sys.getrecursionlimit()
    digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
    budget = _BUDGET.remaining
    sys.setrecursionlimit(max(frames, _frame_limit()))
    if digits is not None:
        sys.set_int_max_str_digits(0)
    _BUDGET.remaining = REGEX_BUDGET
    try:
        yield
    finally:
        _BUDGET.remaining = budget
        if digits is not None:
            sys.set_int_max_str_digits(digits)
        sys.setrecursionlimit(frames)


def _timed_search(pattern: Any, string: Any, flags: int = 0) -> re.Match[str] | None:
    """``re.search`` under the budget of :func:`_limits` (a plain search outside it)."""
    remaining = _BUDGET.remaining
    if (
        remaining is None
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0  # someone else's timer: leave it alone
    ):
        return re.search(pattern, string, flags)
    if remaining <= 0:
        raise _OverBudget(str(pattern))

    def expire(signum: int, frame: Any) -> None:
        raise _OverBudget(str(pattern))

    previous = signal.signal(signal.SIGALRM, expire)
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        return re.search(pattern, string, flags)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        _BUDGET.remaining = remaining - (time.monotonic() - start)


class _TimedRe(types.ModuleType):
    """The ``re`` module with :func:`_timed_search` for ``search``."""

    search = staticmethod(_timed_search)

    def __getattr__(self, name: str) -> Any:
        return getattr(re, name)


_TIMED_RE = _TimedRe("re")


def _bound_reference_regexes() -> list[str]:
    """Make jsonschema's ``pattern`` and ``patternProperties`` (and the property checks of
    ``additionalProperties``/``unevaluatedProperties``) search with :func:`_timed_search`.  They
    call ``re.search`` through their module's ``re``; outside :func:`_limits` the timed search is
    a plain one, so other users of jsonschema in the process see no change.  Returns the modules
    patched (a test checks that jsonschema still searches this way)."""
    import importlib

    patched = []
    for name in ("jsonschema._keywords", "jsonschema._utils", "jsonschema._legacy_keywords"):
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - depends on jsonschema's version
            continue
        if getattr(module, "re", None) in (re, _TIMED_RE):
            module.re = _TIMED_RE  # type: ignore[attr-defined]
            patched.append(name)
    return patched


def _gave_up(exc: BaseException) -> Finding:
    if isinstance(exc, re.error):
        message = (
            f"cannot check: the reference engine (jsonschema) cannot use a pattern of the schema "
            f"(Python's re: {exc}); reported invalid unchecked. --engine fast supports the "
            "ECMA 262 patterns JSON Schema specifies"
        )
    elif isinstance(exc, _OverBudget):
        message = (
            f"cannot check: the reference engine (jsonschema) gave up after {REGEX_BUDGET:g} s of "
            f"matching the pattern {json.dumps(exc.pattern, ensure_ascii=False)[:100]} (Python's "
            "re backtracks without bound); reported invalid unchecked. --engine fast matches "
            "patterns in bounded time"
        )
    else:
        message = (
            "cannot check: the reference engine (jsonschema) ran out of recursion depth (a schema "
            "that recurses without end?); reported invalid unchecked"
        )
    return Finding("", "", None, Failure(CANNOT_CHECK, {}, None, message))


# --- references: all resolvable, none fetched, no cycle without progress -----------------------

_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")
"""Keywords whose subschemas apply to the instance itself (as do ``$ref`` and
``dependentSchemas``): a cycle through them alone never ends."""


def _is_bundled(schema: Schema) -> bool:
    from validator.catalog import is_bundled

    return is_bundled(schema)


def _registry(schema: Schema) -> Any:
    """Every resource the schema may reach, and nothing else (no ``retrieve``: never fetches)."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def resource(contents: Any) -> Resource[Any]:
        return Resource.from_contents(contents, default_specification=DRAFT202012)

    pairs = [(uri, resource(c)) for uri, c in schema.resources.items()]
    pairs.append((schema.uri, resource(schema.contents)))
    return Registry().with_resources(pairs)


def check_references(schema: Schema) -> None:
    """Resolve every ``$ref`` and ``$dynamicRef`` of a schema without fetching anything, and
    find ``$ref`` cycles that apply to the same instance without end.

    Raises :class:`~validator.problems.SchemaProblem` (exit code 2) for a reference to anything
    outside the registry (a URL, a file, a missing ``$defs`` entry or anchor) and for a cycle
    such as ``a -> b -> a``: for it jsonschema recurses until Python gives up, and the
    specification leaves the outcome undefined.  Both engines then refuse the schema alike.
    """
    from jsonschema_specifications import REGISTRY as METASCHEMAS  # type: ignore[import-untyped]
    from referencing import Resource
    from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unresolvable
    from referencing.jsonschema import DRAFT202012

    registry = METASCHEMAS.combine(_registry(schema))
    root = Resource.from_contents(schema.contents, default_specification=DRAFT202012)
    todo: list[tuple[Any, Any]] = [(root, registry.resolver(base_uri=schema.uri))]
    edges: dict[int, list[tuple[int, str]]] = {}  # in-place steps, by id() of the subschema
    keep: list[Any] = []  # the subschemas whose id() is a key
    while todo:
        resource, resolver = todo.pop()
        contents = resource.contents
        if not isinstance(contents, dict) or id(contents) in edges:
            continue
        keep.append(contents)
        steps = edges[id(contents)] = []
        for keyword in ("$ref", "$dynamicRef"):
            ref = contents.get(keyword)
            if not isinstance(ref, str):
                continue
            try:
                resolved = resolver.lookup(ref)
            except PointerToNowhere:
                why = "no such location in the schema"
            except NoSuchAnchor:
                why = "no such anchor in the schema"
            except Unresolvable:
                why = (
                    "not a bundled schema nor part of this one, and references are never "
                    "fetched (no network, no file reads)"
                )
            else:
                target = Resource.from_contents(
                    resolved.contents, default_specification=DRAFT202012
                )
                todo.append((target, resolved.resolver))
                if keyword == "$ref":  # a $dynamicRef may land elsewhere: no cycle claimed
                    steps.append((id(resolved.contents), f"$ref {json.dumps(ref)}"))
                continue
            raise UnresolvableRef(
                f"{schema.name}: cannot resolve {keyword} {json.dumps(ref)}: {why}",
                schema=schema.name,
                ref=ref,
            )
        for keyword in _IN_PLACE:
            value = contents.get(keyword)
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, dict):
                    steps.append((id(child), keyword))
        dependent = contents.get("dependentSchemas")
        if isinstance(dependent, dict):
            steps.extend((id(c), "dependentSchemas") for c in dependent.values())
        for sub in resource.subresources():
            todo.append((sub, resolver.in_subresource(sub)))
    cycle = _find_cycle(edges)
    if cycle:
        raise RefCycle(
            f"{schema.name}: endless $ref cycle: {' -> '.join(cycle)} -> (again), never reaching "
            "into the document: no instance could ever be checked against it",
            schema=schema.name,
            cycle=tuple(cycle),
        )


def _find_cycle(edges: dict[int, list[tuple[int, str]]]) -> list[str]:
    """The labels along one cycle of the graph that has at least one ``$ref`` in it, or []."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in edges:
        if start in state:
            continue
        path: list[tuple[int, str]] = [(start, "")]
        stack = [iter(edges.get(start, []))]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()[0]] = 2
                stack.pop()
                continue
            node, label = step
            if state.get(node) == 1:
                at = next(i for i, (n, _) in enumerate(path) if n == node)
                labels = [lab for _, lab in path[at + 1 :]] + [label]
                if any(lab.startswith("$ref") for lab in labels):
                    return labels
                continue
            if node in state or node not in edges:
                continue
            state[node] = 1
            path.append((node, label))
            stack.append(iter(edges[node]))
    return []


# --- converting each engine's errors ------------------------------------------------------------


def _details(kind: Any) -> dict[str, Any]:
    try:
        details = kind.as_dict()
    except Exception:  # pragma: no cover - depends on the engine's version
        return {}
    return details if isinstance(details, dict) else {}


def _fast_failure(error: Any, base: int = 0) -> Failure:
    kind = error.kind
    name: str = kind.name
    branches: tuple[tuple[Failure, ...], ...] = ()
    details = _details(kind)
    if name in ("anyOf", "oneOfNotValid", "oneOf"):
        depth = len(error.instance_path)
        branches = tuple(tuple(_fast_failure(e, depth) for e in branch) for branch in kind.context)
        details = {}
    return Failure(
        keyword=name,
        details=details,
        instance=error.instance,
        fallback=error.message,
        branches=branches,
        nested=len(error.instance_path) > base if base else False,
    )


def _from_fast(error: Any) -> Finding:
    absolute = error.absolute_keyword_location
    return Finding(
        to_pointer(error.instance_path),
        # Schema locations repeat from document to document: interned, they are one object each,
        # which pickle sends once per batch of results.
        intern(to_pointer(error.evaluation_path)),
        None if absolute is None else intern(absolute),
        _fast_failure(error),
    )


def _reference_failure(error: Any, base: int = 0) -> Failure:
    keyword = str(error.validator)
    value = error.validator_value
    details: dict[str, Any] = {}
    if keyword == "type":
        details["types"] = [value] if isinstance(value, str) else list(value)
    elif keyword == "enum":
        details["options"] = list(value)
    elif keyword == "const":
        details["expected_value"] = value
    elif keyword == "format":
        details["format"] = value
    elif keyword == "pattern":
        details["pattern"] = value
    elif keyword == "multipleOf":
        details["multiple_of"] = value
    elif keyword == "required":
        details["property"] = _required_property(error)
    elif keyword.startswith(("min", "max", "exclusive")):
        details["limit"] = value
    branches: tuple[tuple[Failure, ...], ...] = ()
    if keyword in ("anyOf", "oneOf") and error.context:
        depth = len(error.absolute_path)
        grouped: dict[int, list[Failure]] = {}
        for sub in error.context:
            index = sub.relative_schema_path[0] if sub.relative_schema_path else 0
            grouped.setdefault(int(index), []).append(_reference_failure(sub, depth))
        branches = tuple(tuple(grouped[i]) for i in sorted(grouped))
    return Failure(
        keyword=keyword,
        details=details,
        instance=error.instance,
        fallback=error.message,
        branches=branches,
        nested=len(error.absolute_path) > base if base else False,
    )


def _required_property(error: Any) -> Any:
    """The property a reference ``required`` error is about (one error per missing property)."""
    missing = [p for p in error.validator_value if p not in error.instance]
    for name in missing:
        if str(error.message).startswith(repr(name)):
            return name
    return missing[0] if missing else ""


def _from_reference(error: Any) -> Finding:
    return Finding(
        instance_location=to_pointer(list(error.absolute_path)),
        keyword_location=to_pointer(list(error.absolute_schema_path)),
        absolute_keyword_location=None,
        failure=_reference_failure(error),
    )
