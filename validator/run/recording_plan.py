"""The plan's part for recordings: whether a run checks HAR files against an OpenAPI document
(``--openapi SPEC`` without ``--operation``), and the judge of such a check
(:class:`validator.checking.recordings.Recordings`: the document's router, and each response
schema compiled when first needed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from validator.run.placing import UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from validator.contracts.documents import Documents
    from validator.run.settings import Options

__all__ = [
    "needs_recordings",
    "options_problem",
    "recording_run",
    "recordings_judge",
    "recordings_only",
]

_RECORDINGS_ONLY = {
    "min_coverage": (
        "--min-coverage",
        "it is the share of the document's responses the recordings showed",
    ),
    "base_urls": ("--base-url", "it replaces the document's servers for the recorded URLs"),
    "undocumented": (
        "--undocumented",
        "it says what an undocumented endpoint or status code of a recorded response is",
    ),
}
"""The options only a run of recordings takes: their flags, and what each is for."""


def recordings_only(options: Options) -> str | None:
    """The field of the first option given that only a run of recordings takes, or None."""
    for field in _RECORDINGS_ONLY:
        if getattr(options, field) not in (None, ()):
            return field
    return None


def needs_recordings(field: str) -> str:
    """The line refusing an option of :func:`recordings_only` in a run without recordings."""
    flag, why = _RECORDINGS_ONLY[field]
    return f"{flag} needs --openapi SPEC with recordings to check (without --operation): {why}"


def options_problem(options: Options) -> str | None:
    """Why the options of a run of recordings cannot be used, said before anything is read: a
    ``--base-url`` that can match no URL (:mod:`validator.contracts.base_urls`), or an option
    of :func:`recordings_only` in a run that cannot have recordings (``--schema``,
    ``--operation``, or neither ``--openapi`` nor a config); None when they can."""
    from validator.contracts.base_urls import base_url_problem

    for url in options.base_urls:
        said = base_url_problem(url)
        if said is not None:
            return f"--base-url {url}: {said}"
    field = recordings_only(options)
    if field is not None and (
        options.schema is not None
        or options.operation is not None
        or (options.openapi is None and options.no_config)
    ):
        return needs_recordings(field)
    return None


def recording_run(options: Options) -> bool:
    """Whether the run checks recordings: ``--openapi SPEC`` without ``--operation``."""
    if options.openapi is None or options.operation is not None:
        return False
    if options.schema is not None:
        raise UsageError("--openapi and --schema contradict each other: give one")
    if options.status or options.media_type:
        raise UsageError("--status and --media-type need --operation OPERATION")
    if options.jsonl:  # JSON Lines hold payload documents
        raise UsageError("--jsonl needs --operation OPERATION: a run of recordings reads HAR files")
    if not options.inputs:
        raise UsageError(
            f"--openapi {options.openapi} without --operation checks recordings: name the HAR "
            "files (or folders of them), or the operation that payload documents answer with "
            "--operation"
        )
    return True


def recordings_judge(
    compile_one: Callable[..., Any],
    spec: str,
    options: Options,
    dirs: tuple[Path, ...],
    base: Path | None,
    confine: tuple[Path, ...] | None,
    disabled: frozenset[str],
    check: Any,
    documents: Documents | None = None,
) -> Any:
    """The judge of recordings against the OpenAPI document ``spec``: each response schema is
    loaded and compiled (by ``compile_one``, the plan's way) when an entry first needs it (once
    per process).  The base URLs and
    ``undocumented`` are the command line's, else those of the config's ``check``."""
    from validator.checking.recordings import Recordings
    from validator.contracts.operations import read_openapi
    from validator.contracts.routes import Router

    if "#" in spec:  # an entry point SPEC#/pointer would be cut at its first "#"
        from validator.problems import NoSuchSchema

        raise NoSuchSchema(f"{spec}: an OpenAPI document named with a # (rename it)", schema=spec)
    contents = read_openapi(
        spec, schema_dirs=dirs, base_dir=base, confine=confine, documents=documents
    )
    urls = options.base_urls or (check.base_urls if check is not None else ())
    router = Router(contents, spec, urls)
    undocumented = options.undocumented or (check.undocumented if check is not None else None)

    def compile(pointer: str, name: str) -> Any:
        entry = f"{spec}#{pointer.replace('%', '%25')}"
        return compile_one(
            entry, options, dirs, base, _quiet, confine, disabled, name, documents, defer=False
        )

    return Recordings(spec, router, compile, warn_undocumented=undocumented == "warning")


def _quiet(_: str) -> None:
    """Lint findings of a response schema compiled while entries are checked (in a worker,
    perhaps) are not said (each worker would say them again): ``--openapi SPEC --operation OP``
    says an operation's."""
