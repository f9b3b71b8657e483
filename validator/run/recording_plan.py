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

__all__ = ["recording_run", "recordings_judge"]


def recording_run(options: Options) -> bool:
    """Whether the run checks recordings: ``--openapi SPEC`` without ``--operation``."""
    if options.openapi is None or options.operation is not None:
        return False
    if options.schema is not None:
        raise UsageError("--openapi and --schema contradict each other: give one")
    if options.status or options.media_type:
        raise UsageError("--status and --media-type need --operation OPERATION")
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
