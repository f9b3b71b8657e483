"""The check stage: a schema compiled for checking many documents -> a verdict and, for invalid
documents, the detailed failures.

Semantics are those of ``jsonschema``'s validator class for the schema's dialect (draft 2020-12
without a ``$schema``) with format assertion on and an offline registry (the *reference*; see
:mod:`validator.checking.reference`).  With ``engine="fast"`` (the default) the verdict and the
details come from ``jsonschema_rs`` (the *fast engine*), compiled offline with format assertion on;
the differential tests in ``tests/conformance`` show that the two agree on the whole JSON Schema
Test Suite and on generated documents.  The reference does not judge a document again: a rejection
is confirmed by the fast engine's own findings (a rejection with none to show for it is an
``engine-disagreement`` failure, never passed), and the reference judges only a value the fast
engine cannot take (a key that is not a string, a type outside JSON's).  With
``cross_check=True`` every document is judged by both, any difference in verdict being reported
the same way (slow: the reference costs tens of microseconds a document).  ``engine="reference"``
is the reference alone, and it is also the judge (:attr:`Engine.judge`) of a schema the fast
engine cannot compile (a ``$ref`` whose pointer holds ``<`` or a space, which the reference
takes) and of one with a ``$ref`` cycle that some documents enter (the reference gives up on
those with a ``cannot-check`` finding, where jsonschema_rs would pass them).

Around here: :mod:`validator.checking.limits` (bounds, each scoped to the work that needs it),
:mod:`validator.contracts.references` (``$ref`` resolution and cycles),
:mod:`validator.checking.reference` (the reference validator) and :mod:`validator.checking.convert`
(each engine's errors -> findings).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any

from validator.checking.fast_compile import LATER as _LATER
from validator.checking.fast_compile import compile_fast as _compile_fast
from validator.checking.fast_compile import compile_screen
from validator.checking.fast_compile import quick_validator as _quick_validator
from validator.checking.limits import (
    GIVE_UP,
    lift_int_limit,
    reference_limits,
    restore_int_limit,
)
from validator.contracts.catalog import Schema, is_bundled
from validator.problems import CannotCompile

if TYPE_CHECKING:  # the errors' conversion is imported by the first invalid document
    from validator.checking.convert import Finding

__all__ = ["ENGINES", "Engine", "Finding", "compile_schema", "compile_screen"]


def __getattr__(name: str) -> Any:
    """``Finding``, still importable from here (imported when first asked for)."""
    if name == "Finding":
        from validator.checking.convert import Finding

        return Finding
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ENGINES = ("fast", "reference")
"""``fast``: jsonschema_rs verdicts and details (the reference judges only what jsonschema_rs
cannot take, and every document with ``--cross-check``); ``reference``: the jsonschema library
alone (slow)."""


class Engine:
    """A schema compiled for checking many documents."""

    def __init__(
        self,
        schema: Schema,
        *,
        engine: str = "fast",
        cross_check: bool = False,
        defer: bool = False,
    ) -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
        self.schema = schema
        self.engine = engine
        self.judge = engine
        """Which engine judges this schema's documents: ``fast``, or ``reference`` (asked for, or
        the fallback for a schema the fast engine cannot compile, such as a ``$ref`` whose
        pointer holds ``<`` or a space, or one with a ``$ref`` cycle that only some documents
        enter, on which the reference gives up where jsonschema_rs would pass them).  Reports
        name it."""
        self.loops = False
        """Whether some documents enter an endless ``$ref`` cycle of the schema (see
        :func:`validator.contracts.references.check_references`)."""
        self.places: Any = None
        """The :class:`validator.contracts.expansion.Places` that every document is walked with
        before an engine sees it, for a schema whose counts of objects applied at a place may
        grow past the bound; None for the others (see :mod:`validator.contracts.expansion`)."""
        self.terms: Any = None
        """An OpenAPI 3.0 translation's :class:`~validator.contracts.openapi_terms.Terms`."""
        if not is_bundled(schema):  # the bundled schemas are known to pass (tests say so)
            from validator.contracts.openapi_terms import terms_for
            from validator.contracts.shared_walk import measure  # not at start-up

            self.terms = terms_for(schema)

            cycles, self.places = measure(schema)
            self.loops = bool(cycles)
            if self.loops:  # a cycle some documents enter: the reference says so
                self.judge = "reference"
        self.deferred = 0.0
        """The estimated seconds of a native compile put off until the documents are counted
        (``defer``: see :meth:`expect`); 0 when none is."""
        lifted = lift_int_limit()  # integers in the schema are read through their text too
        self._fast: Any = None
        try:
            if self.judge == "fast" and defer and not cross_check:
                from validator.checking.cost_model import native_cost

                self.deferred = native_cost(schema)
                self.judge = "reference" if self.deferred else "fast"
            if self.judge == "fast":
                self._fast = _compile_fast(schema)
        except CannotCompile:  # the reference can (check_references said so): it judges
            self._fast, self.judge = None, "reference"
        finally:
            restore_int_limit(lifted)
        self._screen: Any = _LATER if self._fast is not None else None
        self._screened = False
        self.cross_check = cross_check and self._fast is not None
        if (self._fast is None and not self.deferred) or self.cross_check:
            _ = self.reference  # a bad $ref reported before any document (deferred: at expect)

    def expect(self, documents: int, together: int = 0) -> str | None:
        """Settle a native compile put off (``defer``) for a check of ``documents`` documents
        (``together``: those of every check of the schema's document), as
        :mod:`validator.checking.cost_model` says; what was chosen and why (for ``--verbose``),
        or None when nothing was put off."""
        if not self.deferred:
            return None
        from validator.checking.cost_model import explore, native_pays
        from validator.checking.fast_compile import shared_validator

        cost, self.deferred = self.deferred, 0.0
        told = f"{documents:,} document{'' if documents == 1 else 's'}"
        lifted = lift_int_limit()
        try:
            if native_pays(cost, max(documents, together)):
                self._fast = shared_validator(self.schema)  # one for the document's checks
            said = f"fast engine (the document's {together:,} documents repay one native compile)"
            if self._fast is None and native_pays(cost, documents):
                self._fast, said = _compile_fast(self.schema), f"fast engine ({told} repay it)"
        except CannotCompile:  # pragma: no cover - the reference judges, as it would have
            self._fast = None
        finally:
            restore_int_limit(lifted)
        if self._fast is None:
            _ = self.reference  # a bad $ref reported before any document
            return f"reference engine ({told}; a native compile would cost more: ~{cost:.2f} s)"
        self.judge, self._screen = "fast", _LATER if "repay it" in said else None
        if self.places is not None and explore(self.places, documents):
            self.places = None
        return said

    @property
    def _quick(self) -> Any:
        """The quick validator (see :func:`_quick_validator`), or None; compiled when first
        asked for (a run of one document never needs it)."""
        if self._screen is _LATER:
            lifted = lift_int_limit()
            try:
                self._screen = _quick_validator(self.schema)
            except CannotCompile:  # pragma: no cover - the exact one compiled: so does this one
                self._screen = None
            finally:
                restore_int_limit(lifted)
        return self._screen

    @_quick.setter
    def _quick(self, value: Any) -> None:
        self._screen = value

    @functools.cached_property
    def reference(self) -> Any:
        """The jsonschema validator (built on first use: it is slow to import)."""
        from validator.checking.reference import compile_reference

        return compile_reference(self.schema)

    def native(self) -> Callable[[Any], bool] | None:
        """A compiled validator's own ``is_valid`` method, for hot loops that want no Python call
        in between.  It never accepts a document :meth:`is_valid` rejects, but it may reject one
        that is valid after all (see :func:`_quick_validator`): a rejection is confirmed by
        :meth:`findings` (a document without findings is valid).  It may raise ValueError,
        OverflowError or TypeError on a value the fast engine cannot take: such a document must
        go to :meth:`is_valid`.  It reads an integer of more digits than Python's int -> str
        limit (4,300 by default) wrongly: where a document may hold one (one the exact parser
        read, or a Python value), call it inside :func:`validator.checking.limits.long_integers`,
        which lifts the limit for the parser's longest (:meth:`findings` does so itself).  None when
        the verdict needs more than the fast engine (``cross_check``, or the reference
        engine).  The first call gets the exact validator's: a run of one document does not
        pay for compiling the quick one."""
        if self._fast is None or self.cross_check:
            return None
        if self._screen is _LATER and not self._screened:
            self._screened = True
            exact: Callable[[Any], bool] = self._fast.is_valid
            return self._guarded(exact)
        screen: Callable[[Any], bool] = (self._quick or self._fast).is_valid
        return self._guarded(screen)

    def _guarded(self, verdict: Callable[[Any], bool]) -> Callable[[Any], bool]:
        """``verdict``, rejecting first a document that :attr:`places` finds too costly."""
        if self.places is None:
            return verdict
        over = self.places.over

        def guarded(document: Any) -> bool:
            return over(document) is None and verdict(document)

        return guarded

    def is_valid(self, document: Any) -> bool:
        """The verdict alone (fast: no details are gathered).  With ``cross_check``, a document
        on which the engines disagree is not valid: :meth:`findings` then says why.  Like
        :meth:`native`, a hot path that leaves integers longer than Python's int -> str limit to
        the caller's :func:`~validator.checking.limits.long_integers`."""
        if self.places is not None and self.places.over(document) is not None:
            return False  # findings() says why
        if self._fast is not None:
            try:
                verdict: bool = (
                    self._quick is not None and self._quick.is_valid(document)
                ) or self._fast.is_valid(document)
            except (ValueError, OverflowError, TypeError):  # a value the fast engine cannot take
                return self._reference_verdict(document) is True
            if self.cross_check and verdict:
                return self._reference_verdict(document) is True
            return verdict
        # The reference giving up (None) is not a pass: findings() says why.
        return self._reference_verdict(document) is True

    def findings(
        self, document: Any, *, long_integers: bool = True, shared: bool = False
    ) -> list[Finding]:
        """Every failure of a document (empty when it is valid), at most
        :data:`~validator.checking.error_cap.MAX_FINDINGS` and a note.  ``long_integers=False``:
        the caller has already lifted Python's int <-> str digit limit where the document needs
        it (see :func:`validator.checking.limits.lift_int_limit`).  ``shared``: the document
        shares values many times (YAML aliases): the reference finds them, one at a time.  An
        OpenAPI 3.0 schema's are told in the user's document's terms
        (:mod:`validator.contracts.openapi_terms`)."""
        found = self._findings(document, long_integers, shared)
        return found if self.terms is None or not found else self.terms.findings(found)

    def _findings(self, document: Any, long_integers: bool, shared: bool) -> list[Finding]:
        if self.places is not None:
            over = self.places.over(document)
            if over is not None:  # no engine sees it
                return [_convert().too_costly(*over)]
        if self._fast is None:
            return self._reference_findings(document)
        if shared:  # the reference stops at the bound; the fast engine's errors all come at once
            found = self._reference_findings(document)
            if found:
                return found
        if not long_integers:
            return self._fast_findings(document)
        lifted = lift_int_limit()
        try:
            return self._fast_findings(document)
        finally:
            restore_int_limit(lifted)

    def _fast_findings(self, document: Any) -> list[Finding]:
        convert = _convert()
        disagreement = convert.disagreement
        try:
            errors = _capping().first(self._fast.iter_errors(document))
            found: list[Finding] = _capping().capped(convert.fast_findings(errors, document))
        except (ValueError, OverflowError, TypeError):  # a value the fast engine cannot take
            return self._reference_findings(document)
        if self.cross_check:
            verdict = self._reference_verdict(document)
            if found and verdict is True:
                found.append(disagreement("rejects", "accepts"))
            elif not found and verdict is False:
                found = [disagreement("accepts", "rejects"), *self._reference_findings(document)]
            elif not found and verdict is None:
                found = self._reference_findings(document)  # says why it gave up
        elif not found and not self._fast.is_valid(document):
            found.append(disagreement("rejects", "gives no reason for", who="its own details"))
        return found

    def _reference_verdict(self, document: Any) -> bool | None:
        """The reference engine's verdict, or None when it gave up (see
        :func:`validator.checking.limits.reference_limits`)."""
        try:
            with reference_limits():
                return bool(self.reference.is_valid(document))
        except GIVE_UP:
            return None
        except BaseException as exc:
            if not _out_of_depth(exc):
                raise
            return None

    def _reference_findings(self, document: Any) -> list[Finding]:
        from validator.checking.convert import from_reference, gave_up

        found: list[Finding] = []
        try:
            with reference_limits():
                repeats: dict[tuple[str, str, str], int] = {}
                cap = _capping().MAX_FINDINGS
                for error in self.reference.iter_errors(document):
                    if len(found) > cap:  # one more than the bound: the note goes there
                        break
                    finding = from_reference(error, self.schema.uri)
                    found.append(finding)
                    if self.loops:  # an endless recursion yields each failure again per turn
                        key = _key(finding)
                        repeats[key] = repeats.get(key, 0) + 1
                        if repeats[key] > _REPEATS:
                            raise RecursionError  # not waiting for it: a quadratic wait
        except GIVE_UP as exc:
            if isinstance(exc, RecursionError):
                found = _once(found)
            found.append(gave_up(exc))
        except BaseException as exc:
            if not _out_of_depth(exc):
                raise
            found = _once(found)
            found.append(gave_up(RecursionError()))
        capped: list[Finding] = _capping().capped(found)
        return capped


@functools.cache
def _convert() -> ModuleType:
    """:mod:`validator.checking.convert`, imported by the first findings (an import statement in
    :meth:`Engine.findings` would cost each invalid document more than converting an error)."""
    import validator.checking.convert

    return validator.checking.convert


@functools.cache
def _capping() -> ModuleType:
    """:mod:`validator.checking.error_cap`, imported with the first findings."""
    import validator.checking.error_cap

    return validator.checking.error_cap


_REPEATS = 16
"""How often the same failure at the same place may come back, in a schema with a cycle some
documents enter, before the reference is taken to recurse without end."""


def _key(finding: Finding) -> tuple[str, str, str]:
    return (finding.instance_location, finding.failure.keyword, finding.failure.fallback)


def _once(found: list[Finding]) -> list[Finding]:
    """The findings of an endless recursion, each failure once (the first, by the shortest
    path): ``{"type": "object", "$ref": "#"}`` fails ``type`` again at every turn."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for finding in found:
        key = _key(finding)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


def _out_of_depth(exc: BaseException) -> bool:
    """Whether ``exc`` is the panic of Rust code under ``referencing`` (rpds) that a
    RecursionError raised inside it becomes: the reference ran out of recursion depth."""
    return type(exc).__name__ == "PanicException" and "RecursionError" in str(exc)


def compile_schema(
    schema: Schema, *, engine: str = "fast", cross_check: bool = False, defer: bool = False
) -> Engine:
    """Compile a schema; a schema that cannot be compiled raises
    :class:`~validator.problems.SchemaProblem`.  ``defer``: a costly native compile may wait
    for :meth:`Engine.expect`."""
    return Engine(schema, engine=engine, cross_check=cross_check, defer=defer)
