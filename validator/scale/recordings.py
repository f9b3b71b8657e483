"""HAR recordings for the scale-out engines (:mod:`validator.dask`, :mod:`validator.spark`): the
judge of an OpenAPI document made once per process, and each recorded response's record.

A worker gets the OpenAPI document's path (and the folder it is relative to: the workers must see
the same files at the same absolute paths) and the settings, and makes the judge
(:class:`~validator.checking.recordings.Recordings`) once per process (:func:`judge_for`, cached
by the document's path, size and modification time and the settings); each response schema is
compiled when an entry first needs it, once per process too.
Every entry is judged exactly as ``casefile-validate --openapi SPEC rec.har`` judges it
(:func:`~validator.checking.recording_files.check_recording`).

A record is a per-document record (:data:`~validator.scale.records.RECORD_FIELDS`: ``source`` is
the HAR file, ``line`` the line of the body's string in it, ``schema`` the documented response,
``getUser 200 application/json``, errors placed as the CLI places them) and the entry's
columns (:data:`ENTRY_FIELDS`): ``entry`` (its index in ``log.entries``), ``method``, ``url``,
``http_status`` and ``reason``.  An entry that is not checked (another host, an aborted
request, ...) is a row of status ``skipped`` (``valid`` false, no errors) whose ``reason`` says
why; a file that is not a HAR (or cannot be read) is one ``unreadable`` row without entry.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, BinaryIO

from validator.inputs.boundary import MAX_DOCUMENT_BYTES
from validator.inputs.sources import HAR_SUFFIXES
from validator.problems import DocumentResult, Status
from validator.scale.file_parts import is_url, remote_names
from validator.scale.records import (
    ERROR_FIELDS,
    RECORD_FIELDS,
    Columns,
    Settings,
    columns,
    engine_for,
)

if TYPE_CHECKING:
    from validator.checking.engine import Engine
    from validator.checking.recordings import Recordings

__all__ = [
    "ENTRY_FIELDS",
    "RECORDING_FIELDS",
    "JudgeKey",
    "arrow_schema",
    "judge_for",
    "judge_key",
    "list_hars",
    "recording_columns",
]

ENTRY_FIELDS = ("entry", "method", "url", "http_status", "reason")
"""The columns of a recorded response beside a per-document record's."""
RECORDING_FIELDS = RECORD_FIELDS + ENTRY_FIELDS
"""The fields of one record of a recording, in order."""

JudgeKey = tuple[str, str, tuple[str, ...], bool, tuple[str, ...], str, bool]
"""What makes a judge: (the OpenAPI document as given, the folder it is relative to (absolute: a
worker's folder may not be ours), the base URLs, whether undocumented endpoints and status codes
are warnings, the schema folders, the engine, cross_check)."""

_JUDGES: dict[tuple[JudgeKey, int, int], Recordings] = {}
"""The judges made in this process, by key and the document's size and modification time."""


def judge_key(
    openapi: str | os.PathLike[str],
    base_urls: Sequence[str] = (),
    undocumented: str = "error",
    schema_dirs: Sequence[str | os.PathLike[str]] = (),
    engine: str = "fast",
    cross_check: bool = False,
) -> JudgeKey:
    """The key of a judge (made where the paths are relative to); ``ValueError`` for an
    ``undocumented`` other than ``error`` or ``warning``, and for a base URL that can match no
    URL (:mod:`validator.contracts.base_urls`)."""
    if undocumented not in ("error", "warning"):
        raise ValueError(f"undocumented={undocumented!r}: give 'error' or 'warning'")
    if isinstance(base_urls, str):
        base_urls = (base_urls,)
    from validator.contracts.base_urls import base_url_problem

    for url in base_urls:
        said = base_url_problem(url)
        if said is not None:
            raise ValueError(f"base_urls: {url!r}: {said}")
    return (
        os.fspath(openapi),
        os.path.abspath(os.curdir),
        tuple(base_urls),
        undocumented == "warning",
        tuple(os.path.abspath(os.fspath(d)) for d in schema_dirs),
        engine,
        cross_check,
    )


def judge_for(key: JudgeKey) -> Recordings:
    """The judge of ``key``, made once per process (again when the document changes): raises
    :class:`~validator.problems.SchemaProblem` for a document that cannot be used."""
    try:
        found = os.stat(os.path.join(key[1], key[0]))
        stamp = (key, found.st_size, found.st_mtime_ns)
    except OSError:
        stamp = (key, -1, -1)  # reading it says why
    judge = _JUDGES.get(stamp)
    if judge is None:
        if len(_JUDGES) >= 8:  # a long-lived worker serving many documents: forget the oldest
            del _JUDGES[next(iter(_JUDGES))]
        judge = _JUDGES[stamp] = _make(key)
    return judge


def _make(key: JudgeKey) -> Recordings:
    from validator.checking.recordings import Recordings
    from validator.contracts.catalog import load_schema
    from validator.contracts.documents import PROCESS
    from validator.contracts.operations import read_openapi
    from validator.contracts.routes import Router
    from validator.problems import NoSuchSchema

    spec, base, base_urls, warn, dirs, engine, cross_check = key
    if "#" in spec:  # an entry point SPEC#/pointer would be cut at its first "#"
        raise NoSuchSchema(f"{spec}: an OpenAPI document named with a # (rename it)", schema=spec)
    contents = read_openapi(spec, schema_dirs=dirs, base_dir=base, documents=PROCESS)
    router = Router(contents, spec, base_urls)

    def compile(pointer: str, name: str) -> Engine:
        entry = f"{spec}#{pointer.replace('%', '%25')}"
        schema = load_schema(entry, schema_dirs=dirs, base_dir=base, documents=PROCESS)
        return engine_for(schema._replace(name=name), engine, cross_check)

    return Recordings(spec, router, compile, warn_undocumented=warn)


def list_hars(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The HAR files named: files as given (a missing one is reported unreadable, as the CLI
    does), globs (sorted; one that matches nothing raises ``FileNotFoundError``) and folders
    (their ``*.har`` files, sorted), local or as fsspec URLs (named by their URL)."""
    names = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if not names:
        raise ValueError("no recording given")
    found: list[str] = []
    for given in [os.fspath(name) for name in names]:
        if is_url(given):
            found.extend(_remote_hars(given))
        elif glob.has_magic(given):
            matched = sorted(glob.glob(given, recursive=True))
            if not matched:
                raise FileNotFoundError(f"{given}: no file matches")
            found.extend(matched)
        elif os.path.isdir(given):
            hars = sorted(
                os.path.join(folder, name)
                for folder, _, files in os.walk(given)
                for name in files
                if name.lower().endswith(HAR_SUFFIXES)
            )
            if not hars:
                raise FileNotFoundError(f"{given}: the folder holds no *.har file")
            found.extend(hars)
        else:
            found.append(given)
    return found


def _remote_hars(url: str) -> list[str]:
    """The HAR files an fsspec URL names: a file as given, a glob's matches, a folder's
    ``*.har`` files (sorted)."""
    from fsspec.core import url_to_fs  # type: ignore[import-untyped]

    fs, path = url_to_fs(url)
    if glob.has_magic(path) or not fs.isdir(path):
        return remote_names(url)
    hars = [name for name in remote_names(url) if name.lower().endswith(HAR_SUFFIXES)]
    if not hars:
        raise FileNotFoundError(f"{url}: the folder holds no *.har file")
    return hars


def iter_results(key: JudgeKey, source: str, settings: Settings) -> Iterator[DocumentResult]:
    """The result of each entry of the HAR file ``source`` (read at its absolute path), as the
    CLI gives it (warnings of undeclared properties included)."""
    from validator.checking.document import check_raw
    from validator.checking.property_warnings import for_engine
    from validator.checking.recording_files import check_recording, screen_of

    _, _, redact, max_errors = settings
    judge = judge_for(key)
    remote = is_url(source)
    path = source if remote else os.path.join(key[1], source)

    def check(engine: Engine, raw: bytes) -> DocumentResult:
        return check_raw(
            engine,
            raw,
            source=source,
            redact=redact,
            max_errors=max_errors,
            warnings=for_engine(engine),
        )

    opener = _opener(source) if remote else None
    screen = screen_of(True)  # the bodies judged in batches: the same results
    found = check_recording(
        judge, path, check, limit=MAX_DOCUMENT_BYTES, opener=opener, screen=screen
    )
    for result in found:
        yield result if result.source == source else result._replace(source=source)


def _opener(url: str) -> Callable[[], BinaryIO]:
    def opened() -> BinaryIO:
        import fsspec  # type: ignore[import-untyped]

        stream: BinaryIO = fsspec.open(url, "rb").open()
        return stream

    return opened


def recording_columns(results: Iterable[DocumentResult]) -> Columns:
    """Results of recorded responses as columns (:data:`RECORDING_FIELDS`)."""
    kept = list(results)
    out = columns(r._replace(problems=()) if r.status is Status.SKIPPED else r for r in kept)
    entry, method, url, status, reason = (out.setdefault(name, []) for name in ENTRY_FIELDS)
    for r in kept:
        found = r.entry
        entry.append(None if found is None else found.number)
        method.append(None if found is None else found.method)
        url.append(None if found is None else found.url)
        status.append(None if found is None else found.status)
        skipped = r.status is Status.SKIPPED and r.problems
        reason.append(r.problems[0].message if skipped else None)
    return out


def arrow_schema() -> Any:
    """The Arrow schema of the records of recordings."""
    import pyarrow as pa  # type: ignore[import-untyped]

    text, number = pa.string(), pa.int64()
    error = pa.list_(
        pa.struct([(f, number if f in ("line", "column") else text) for f in ERROR_FIELDS])
    )
    types = {"valid": pa.bool_(), "errors": error, "warnings": error}
    types.update(dict.fromkeys(("line", "entry", "http_status"), number))
    return pa.schema([(f, types.get(f, text)) for f in RECORDING_FIELDS])
