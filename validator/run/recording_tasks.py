"""The tasks of a check of recordings (``--openapi SPEC`` without ``--operation``, or a config
check with ``openapi`` and no ``operation``), checked: every input of such a check is read as a
HAR file (:mod:`validator.checking.recording_files`), whatever its name says, but for

* standard input (``-``): read as a HAR file, as a stream, in chunks (bounded memory, as a
  file is), its places named ``<stdin>``; only this process can read it, so a run on Dask
  workers, which read their own inputs, refuses it (:data:`STDIN_ELSEWHERE`);
* a JSON Lines file (``.jsonl``, ``.ndjson``): not read (its lines are payload documents, or at
  best HAR entries without their file), unreadable, named with the operations to give with
  ``--operation`` (as a payload document given as a recording is: a run given nothing else is
  a usage error, see :func:`~validator.checking.recording_files.payload_given`)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from validator.inputs.sources import STDIN, is_jsonl
from validator.problems import INPUT, DocumentResult, Problem, Status
from validator.run.har_tasks import HarPart

if TYPE_CHECKING:
    from validator.run.settings import Options

__all__ = ["STDIN_ELSEWHERE", "check_recordings"]

STDIN_ELSEWHERE = (
    "standard input is read by this process only, and Dask's workers read the recordings: "
    "save it to a HAR file and name the file"
)
"""Why a run on Dask workers does not check a recording given on standard input."""


def check_recordings(task: Any, options: Options, judge: Any) -> tuple[Any, list[DocumentResult]]:
    """Every entry of the recordings of ``task`` (a task of :mod:`validator.run.tasks`, of a
    check of recordings, judged by ``judge``): each listed, valid or not (the run counts them
    per documented response); an :data:`~validator.run.tasks.Outcome`."""
    from validator.checking.document import check_raw
    from validator.checking.recording_files import check_recording, lines_given, screen_of

    item = getattr(task, "item", None)
    if item is not None:  # a Known task: an input known to be unreadable
        problem = Problem("", "", item.problem or "cannot be read", INPUT)
        return 0, [DocumentResult(item.source, item.line, Status.UNREADABLE, (problem,))]
    if not isinstance(task, HarPart) and getattr(task, "paths", None) is None:
        raise TypeError(f"a check of recordings given a {type(task).__name__} task")  # never
    redact, max_errors = options.redact, options.max_errors
    strict = options.strict or task.check in options.strict_checks
    finders = not options.no_warnings or strict
    results: list[DocumentResult] = []
    watches = None
    if options.coverage:  # what the valid bodies show, per response schema: those the batch
        from validator.checking.exercised import Watches  # verdict passes as it parsed them

        watches = Watches(strict)
    screen = screen_of(finders, None if watches is None else watches.documents)
    paths = (task.path,) if isinstance(task, HarPart) else task.paths
    part = (task.start, task.stop) if isinstance(task, HarPart) else None
    limit = options.max_document_bytes
    for path in paths:
        source = STDIN if path == "-" else path

        def check(engine: Any, raw: bytes, source: str = source) -> DocumentResult:
            warnings = None
            if finders:
                from validator.checking.property_warnings import for_engine

                warnings = for_engine(engine)
            result = check_raw(
                engine, raw, source=source, redact=redact, max_errors=max_errors, warnings=warnings
            )
            if watches is not None:
                watches.result(engine, raw, result)
            return result

        if path == "-":
            if sys.stdin is None:  # started with standard input closed
                problem = Problem("", "", "standard input is closed", INPUT)
                results.append(DocumentResult(STDIN, 1, Status.UNREADABLE, (problem,)))
                continue
            found = check_recording(judge, STDIN, check, limit=limit, opener=_stdin, screen=screen)
        elif is_jsonl(path):
            results.append(lines_given(judge, path))
            continue
        else:
            found = check_recording(judge, path, check, limit=limit, part=part, screen=screen)
        results.extend(found)
    return (0 if watches is None else watches.tallies()), results


def _stdin() -> BinaryIO:
    """Standard input's bytes, in a ``with`` that leaves them open (``sys.stdin`` stays the
    run's, as a payload run leaves it)."""
    from contextlib import nullcontext

    return cast("BinaryIO", nullcontext(sys.stdin.buffer))
