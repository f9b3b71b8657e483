"""Recorded traffic checked against its operations: each response of a HAR file is matched to
the operation, status and media type the OpenAPI document documents for it
(:mod:`validator.contracts.routes`), and its body is checked against that response's schema.

What happens to each entry (the rules are documented in docs/recordings.md):

* unreadable, before anything else is decided: an entry that is no HAR entry (a field a check
  needs missing or of another type: its ``failure`` starts with
  :data:`~validator.inputs.har_entry.NOT_AN_ENTRY`);
* skipped and counted (never a problem, the summary says how many and why): a URL outside the
  document's servers (or the ``--base-url`` given); an aborted request (status 0); a protocol
  switch (101: a WebSocket) unless its operation documents ``101``; a ``304 Not Modified``, a
  redirect (3xx) or another 1xx that its operation documents neither by its code nor by its
  range (only ``default`` would take it: see :func:`_unasked`); a CORS preflight (``OPTIONS``
  that the document does not have); a body the recorder left out (``omitted``);
* a problem of the recording's own, each of its kind (see
  :mod:`validator.contracts.recording_kinds`; an error by default, a warning with ``--undocumented
  warning`` for the first two): no operation for the method and path, an undocumented status code,
  an undocumented content type, a body that is not JSON where JSON is documented, an empty body
  where a schema is documented, a body the recording cannot give (bad base64, an unknown charset:
  then the entry is unreadable);
* otherwise its body is checked as any document is, and its problems are placed at the body's
  string in the HAR file (its line and column), the position inside the body in the message and
  in :attr:`validator.problems.Recorded.places`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from validator.contracts.recording_kinds import RECORDING_KINDS
from validator.contracts.routes import Miss
from validator.inputs.har_entry import NOT_AN_ENTRY, undecodable
from validator.problems import (
    INPUT,
    DocumentResult,
    Problem,
    Recorded,
    Status,
)

if TYPE_CHECKING:
    from validator.checking.engine import Engine
    from validator.contracts.routes import Response, Router
    from validator.inputs.har import HarEntry

__all__ = [
    "OUTSIDE",
    "SKIPPED",
    "Recordings",
    "Skip",
    "check_entry",
    "checked_body",
    "decided",
    "judge_body",
    "placed",
    "read_as_json",
    "routed",
]

SKIPPED = "skipped"
"""The keyword of the one problem of a :class:`~validator.problems.Status` ``SKIPPED`` result:
its message says why the entry was not checked (the run counts these, reports do not list
them)."""

OUTSIDE = "outside the API's base URLs"
"""Why an entry whose URL lies under none of the servers (or base URLs) is skipped."""

WARNED_MISSES = frozenset({"endpoint", "status"})
"""The misses that ``--undocumented warning`` makes warnings (the others stay errors)."""


class _Named(NamedTuple):
    """What a run asks of a judge's schema: its name (the plan names a check by it)."""

    name: str


class Recordings:
    """The judge of a recordings check: one OpenAPI document, its router, and the engine of each
    response schema, compiled when first needed (once per process) by ``compile`` (given the
    schema's JSON Pointer in the document and the response's name)."""

    judge = "fast"

    def __init__(
        self,
        spec: str,
        router: Router,
        compile: Callable[[str, str], Engine],
        *,
        warn_undocumented: bool = False,
    ) -> None:
        self.spec = spec
        self.schema = _Named(spec)
        self.router = router
        self._compile = compile
        self._engines: dict[str, Engine] = {}
        self.warn_undocumented = warn_undocumented
        self._settled: set[int] = set()  # the engines whose guard was looked at

    def engine(self, response: Response) -> Engine:
        """The engine of ``response``'s schema (it has a pointer)."""
        assert response.pointer is not None
        engine = self._engines.get(response.pointer)
        if engine is None:
            engine = self._engines[response.pointer] = self._compile(
                response.pointer, response.name
            )
        return engine

    def skipped(self, url: str, status: int) -> bool:
        """Whether an entry is skipped whatever its body holds (its body is of no use): an
        aborted request (status 0) or a URL outside the servers (see :func:`_skip_reason`)."""
        return status == 0 or self.router.outside(url)

    def settle(self, engine: Engine) -> None:
        """Before ``engine`` judges many bodies: its guard against documents that would cost too
        much (:attr:`~validator.checking.engine.Engine.places`, which walks each one) dropped
        where no document can cost that much, as a check of JSON Lines drops it
        (:func:`~validator.checking.cost_model.explore`, asked once per engine)."""
        if engine.places is None or id(engine) in self._settled:
            return
        self._settled.add(id(engine))
        from validator.checking.cost_model import EXPLORE_AT, explore

        if explore(engine.places, EXPLORE_AT):
            engine.places = None


def _skip(entry: HarEntry, source: str, reason: str) -> DocumentResult:
    recorded = Recorded(
        entry.number, entry.method, entry.url, entry.status, entry.line, entry.column
    )
    problem = Problem("", "", reason, SKIPPED)
    return DocumentResult(source, entry.line, Status.SKIPPED, (problem,), "", (), recorded)


def _skip_reason(method: str, status: int, miss_kind: str) -> str | None:
    """Why a response that answers no operation is skipped rather than a problem (None: it is
    one)."""
    if status == 0:
        return "aborted (status 0)"
    if miss_kind == "outside":
        return OUTSIDE
    if status == 101:
        return "protocol switch (101)"
    if miss_kind == "endpoint" and method.upper() == "OPTIONS":
        return "CORS preflight (OPTIONS not documented)"
    return _unasked(status, ())


def _unasked(status: int, keys: Iterable[str]) -> str | None:
    """Why a response of a 1xx or 3xx ``status`` is skipped, given the status keys of its
    operation (``keys``, upper case; none when no operation is found): a 101 (a protocol
    switch) unless its operation documents ``101`` itself, another 1xx or a 3xx (``304 Not
    Modified``, a redirect) unless its operation documents the code or its range (``3XX``):
    ``default`` answers for the API's own answers, not for what a browser, a cache or a proxy
    makes of them.  None for any other status (and for a documented one)."""
    if not (100 <= status < 200 or 300 <= status < 400):
        return None
    code = str(status)
    if code in keys or (status != 101 and f"{code[0]}XX" in keys):
        return None
    if status == 101:
        return "protocol switch (101)"
    if status == 304:
        return "304 Not Modified not documented"
    return "redirect not documented" if status >= 300 else "informational (1xx) not documented"


def _label(entry: HarEntry) -> str:
    return f"entries[{entry.number}]"


def placed(result: DocumentResult, entry: HarEntry, name: str) -> DocumentResult:
    """A body's result moved into the HAR file: each problem (and warning) at the body's string,
    its place in the body said in its message and kept in the entry's ``places`` (the
    problems', then the warnings')."""
    places = tuple((p.line, p.column) for p in (*result.problems, *result.warnings))

    def moved(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
        out = []
        for p in problems:
            at = f", body {p.line}:{p.column}" if p.line is not None else ""
            out.append(
                p._replace(
                    message=f"{p.message} ({_label(entry)}{at})",
                    line=entry.line,
                    column=entry.column,
                    shape=p.shape or p.message,
                )
            )
        return tuple(out)

    recorded = Recorded(
        entry.number, entry.method, entry.url, entry.status, entry.line, entry.column, places
    )
    return result._replace(
        line=entry.line,
        problems=moved(result.problems),
        warnings=moved(result.warnings),
        schema=name,
        entry=recorded,
    )


def _problem(
    entry: HarEntry, source: str, miss: Miss, name: str = "", *, warn: bool
) -> DocumentResult:
    """An entry whose problem is the recording's own (its keyword by the kind of ``miss``:
    :data:`~validator.contracts.recording_kinds.RECORDING_KINDS`; ``warn``: a warning on a
    valid result);
    ``name``: the documented response it answers (none for an undocumented one: coverage counts
    documented responses only)."""
    message = miss.message
    recorded = Recorded(
        entry.number, entry.method, entry.url, entry.status, entry.line, entry.column
    )
    problem = Problem(
        "",
        "",
        f"{message} ({_label(entry)})",
        RECORDING_KINDS[miss.kind],
        None,
        entry.line,
        entry.column,
        False,
        message,
    )
    if warn:
        return DocumentResult(source, entry.line, Status.VALID, (), name, (problem,), recorded)
    return DocumentResult(source, entry.line, Status.INVALID, (problem,), name, (), recorded)


def check_entry(
    judge: Recordings,
    entry: HarEntry,
    source: str,
    check: Callable[[Engine, bytes], DocumentResult],
) -> DocumentResult:
    """The result of one entry (see the module's docstring)."""
    found = routed(judge, entry, source)
    if isinstance(found, DocumentResult):
        return found
    return checked_body(judge, entry, source, found, check)


def routed(judge: Recordings, entry: HarEntry, source: str) -> Response | DocumentResult:
    """The documented response an entry answers, or its result when it answers none (skipped,
    or a problem of the recording's); an entry that is no HAR entry (a field missing or of
    another type) is unreadable, before anything is asked of its fields."""
    if entry.failure is not None and entry.failure.startswith(NOT_AN_ENTRY):
        return _unreadable(entry, source, "")
    found = decided(judge.router, entry.method, entry.url, entry.status, entry.content_type)
    if isinstance(found, Skip):
        return _skip(entry, source, found.reason)
    if isinstance(found, Miss):
        warn = judge.warn_undocumented and found.kind in WARNED_MISSES
        return _problem(entry, source, found, warn=warn)
    return found


class Skip(NamedTuple):
    """Why a response is skipped (not checked, never a problem): ``reason`` is the run's
    wording (``304 Not Modified not documented``)."""

    reason: str


def decided(
    router: Router, method: str, url: str, status: int, content_type: str
) -> Response | Miss | Skip:
    """The documented response a recorded response answers, else why it answers none: the
    :class:`Miss` that is a problem, or the :class:`Skip` of one that is not checked (see the
    module's docstring): the one rule of a recording's entries, :func:`validator.check_response`
    and the pytest plugin."""
    found = router.operation(method, url)
    if isinstance(found, Miss):
        reason = _skip_reason(method, status, found.kind)
        return found if reason is None else Skip(reason)
    operation, _ = found
    if 100 <= status < 200 or 300 <= status < 400:  # rare: its keys looked at
        responses = operation.node.get("responses")
        keys = [str(key).upper() for key in responses] if isinstance(responses, dict) else []
        reason = _unasked(status, keys)
        if reason is not None:
            return Skip(reason)
    response = router.response(operation, status, content_type)
    if isinstance(response, Miss) and status == 0:
        return Skip("aborted (status 0)")
    return response


def read_as_json(response: Response, content_type: str) -> bool:
    """Whether the body of ``response`` (received as ``content_type``) is checked as JSON, so
    read as text (:func:`judge_body`'s rule): one whose media type is not JSON is not checked,
    so not decoded either."""
    from validator.contracts.operations import _is_json

    json_type = _is_json(content_type) or _is_json(response.media_type or "")
    return response.pointer is not None and json_type


def judge_body(
    response: Response,
    text: str,
    content_type: str,
    check: Callable[[bytes], DocumentResult],
    source: str,
) -> DocumentResult:
    """The verdict on the body (decoded ``text``) of a response documented as ``response``, as a
    document of ``source`` whose problems are placed inside the body (the command line's and
    :func:`validator.check_response`'s one rule): a body where the response documents none, an
    empty one where it documents a schema, and one that is not JSON where JSON is documented are
    problems of the recording's own (``unexpected-body``, ``empty-body``, ``body-not-json``);
    a body of a media type that is not JSON is not checked; else ``check`` judges its bytes."""
    from validator.contracts.operations import _is_json

    name = response.name
    if response.pointer is None:
        if response.media_type is None and text.strip():
            return _own(source, f"a body where {name} documents none", name, "body")
        return DocumentResult(source, 1, Status.VALID, (), name)
    if not (_is_json(content_type) or _is_json(response.media_type or "")):
        return DocumentResult(source, 1, Status.VALID, (), name)  # not JSON: not checked
    if not text.strip():
        return _own(source, f"an empty body where {name} documents a schema", name, "empty")
    result = check(text.encode("utf-8", "surrogatepass"))
    if result.status is Status.UNREADABLE:  # not JSON where JSON is documented: the API's fault
        first = result.problems[0]
        said = first.message.removeprefix("not valid JSON: ")
        message = f"the body is not JSON where {response.media_type} is documented: {said}"
        kind = RECORDING_KINDS["not-json"]
        problem = first._replace(message=message, keyword=kind, shape=message)
        return result._replace(status=Status.INVALID, problems=(problem,), schema=name)
    return result._replace(schema=name)


def _own(source: str, message: str, name: str, kind: str) -> DocumentResult:
    """A body's problem, unplaced (``kind``: a key of
    :data:`~validator.contracts.recording_kinds.RECORDING_KINDS`)."""
    problem = Problem("", "", message, RECORDING_KINDS[kind], shape=message)
    return DocumentResult(source, 1, Status.INVALID, (problem,), name)


def _unreadable(entry: HarEntry, source: str, name: str) -> DocumentResult:
    """An entry whose ``failure`` makes it unreadable (``name``: the documented response it
    answers, "" when none was looked for)."""
    recorded = Recorded(
        entry.number, entry.method, entry.url, entry.status, entry.line, entry.column
    )
    problem = Problem(  # grouped by the failure, whichever entry it is
        "",
        "",
        f"{entry.failure} ({_label(entry)})",
        INPUT,
        None,
        entry.line,
        entry.column,
        shape=entry.failure or "",
    )
    result = DocumentResult(source, entry.line, Status.UNREADABLE, (problem,))
    return result._replace(schema=name, entry=recorded)


def checked_body(
    judge: Recordings,
    entry: HarEntry,
    source: str,
    response: Response,
    check: Callable[[Engine, bytes], DocumentResult],
) -> DocumentResult:
    """The checked body of an entry whose response is documented (see :func:`judge_body`),
    placed in the HAR file.  Bytes that are no text in their charset are unreadable only where
    the body is read as JSON (:func:`read_as_json`): an image's bytes are no UTF-8."""
    text = entry.text
    if entry.failure is not None:
        if not undecodable(entry.failure) or read_as_json(response, entry.content_type):
            return _unreadable(entry, source, response.name)
        text = "\ufffd"  # not read: only that there is a body matters
    if text is None and entry.omitted is not None:
        return _skip(entry, source, f"body {entry.omitted}")
    result = judge_body(
        response,
        text or "",
        entry.content_type,
        lambda raw: check(judge.engine(response), raw),
        source,
    )
    return placed(result, entry, response.name)
