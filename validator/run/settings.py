"""The record a run receives: :class:`Options` (its field defaults are the defaults), and
:func:`resolve`, which decides the three fields that default to ``None`` where the run happens:
colour (only on a terminal, following no-color.org), workers (the cores this process may use) and
the progress line (only on a terminal, outside CI).

How each field is spelled on the command line is :data:`validator.command.options.OPTIONS`.
"""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple
# compiles each field's annotation given as a string, a cost every start-up would pay.
import os
from collections.abc import Mapping
from typing import Any, NamedTuple, TextIO

from validator.inputs.boundary import MAX_DOCUMENT_BYTES

__all__ = ["Options", "default_jobs", "resolve"]


class Options(NamedTuple):
    """Everything one run needs.  ``None`` for ``color``, ``jobs`` and ``progress`` means
    "decide from where the run happens" (see :func:`resolve`)."""

    inputs: tuple[str, ...] = ()
    schema: str | None = None
    """None: the config's checks, or without a config
    :data:`~validator.contracts.catalog.DEFAULT_SCHEMA`."""
    openapi: str | None = None
    """An OpenAPI document: with ``operation`` (and ``status``, ``media_type``) it names the
    response schema that judges every input (:mod:`validator.contracts.operations`)."""
    operation: str | None = None
    status: str | None = None
    media_type: str | None = None
    base_urls: tuple[str, ...] = ()
    """Recordings: the URLs the API was served at (in place of the document's servers)."""
    undocumented: str | None = None
    """Recordings: ``warning`` makes an undocumented endpoint or status code a warning (None:
    as the config's check says, else ``error``)."""
    schema_dirs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    config: str | None = None
    no_config: bool = False
    include_ignored: bool = False
    pre_commit: bool = False
    """Files named are taken as files found in a folder are (what pre-commit's hook passes)."""
    format: str = "text"
    output: str | None = None
    reports: tuple[tuple[str, str], ...] = ()
    jsonl: bool = False
    yaml_files: tuple[str, ...] = ()
    """``--yaml-files``: globs (gitignore-style, from the working directory) of the inputs and
    schema files read as YAML whatever their names; ``-`` for stdin."""
    quiet: bool = False
    verbose: bool = False
    max_errors: int | None = None
    redact: bool = False
    engine: str = "fast"
    cross_check: bool = False
    jobs: int | None = None
    dask_scheduler: str | None = None
    color: bool | None = None
    progress: bool | None = None
    strict: bool = False
    no_warnings: bool = False
    disable_formats: tuple[str, ...] = ()
    """``--disable-formats`` as given: each ``all`` or a comma-separated list of format names
    (read by :func:`validator.checking.formats.disabled_formats`)."""
    strict_checks: tuple[int, ...] = ()
    """The checks of the config that ask for the strict profile (``strict = true``): decided by
    the plan, never asked for on the command line."""
    yaml_checks: tuple[int, ...] = ()
    """The checks of the config whose files are all read as YAML (``yaml = true``): decided
    by the plan."""
    yaml_root: str = ""
    """The folder ``yaml_files`` globs are relative to: the run's working directory, set by the
    runner so that a worker running elsewhere (``--dask-scheduler``) reads the same files as
    YAML ("": this process's working directory)."""
    summary_limit: int = 1 << 20
    no_step_summary: bool = False
    link_base: str | None = None
    html_details: int = 1000
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    """The most bytes one document may take, a whole file or a line of JSON Lines
    (:data:`validator.inputs.boundary.MAX_DOCUMENT_BYTES`); a longer one is not read (exit 3)."""
    allow_config_code: bool = False
    """Whether a config's ``py:`` schema may be imported (code execution); the command line only."""
    coverage: bool = False
    """Also report what the valid documents never exercised of their schema: declared
    properties and ``enum`` values (:mod:`validator.checking.exercised`)."""
    min_coverage: float | None = None
    """The least share (a percentage) of the OpenAPI document's documented responses that a
    recording run must see, else it fails (exit 1): see :mod:`validator.contracts.coverage`."""


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed stream, or not a file at all
        return False


def resolve(
    options: Options, out: TextIO, err: TextIO, environ: Mapping[str, str] | None = None
) -> Options:
    """``options`` with every ``None`` decided for a run writing to ``out`` and ``err``:

    * colour only when the report goes to ``out`` and that is a terminal, and ``NO_COLOR`` is
      not set to a non-empty value (no-color.org); an explicit ``--color``/``--no-color`` wins;
    * as many workers as cores;
    * a progress line only when ``err`` is a terminal, ``CI`` is not set and the run is not
      ``--quiet``.
    """
    env: Mapping[str, Any] = os.environ if environ is None else environ
    color = options.color
    if color is None:
        color = options.output is None and _isatty(out) and not env.get("NO_COLOR")
    progress = options.progress
    if progress is None:
        progress = not options.quiet and not env.get("CI") and _isatty(err)
    jobs = options.jobs if options.jobs is not None else default_jobs()
    return options._replace(color=color, progress=progress, jobs=jobs)
