"""The options of a run, defined once, as data.

:class:`Options` is the record a run receives (its field defaults are the defaults).
:data:`OPTIONS` describes how each field is spelled on the command line; the click command
(:mod:`validator.cli`) is built from it, and the start-up path that skips click
(:mod:`validator.entry`) needs nothing from it but the defaults.  Three fields default to
``None``, *decided where the run happens* by :func:`resolve`: colour (only on a terminal,
following no-color.org), workers (the cores this process may use) and the progress line (only on
a terminal, outside CI).
"""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple
# compiles each field's annotation given as a string, a cost every start-up would pay.
import os
from collections.abc import Mapping
from typing import Any, NamedTuple, TextIO

__all__ = ["OPTIONS", "Option", "Options", "default_jobs", "parse_report", "resolve"]

from validator.catalog import DEFAULT_SCHEMA
from validator.engine import ENGINES
from validator.report.registry import REPORTERS

REPORT_FORMATS = tuple(REPORTERS)


class Options(NamedTuple):
    """Everything one run needs.  ``None`` for ``color``, ``jobs`` and ``progress`` means
    "decide from where the run happens" (see :func:`resolve`)."""

    inputs: tuple[str, ...] = ()
    schema: str | None = None
    """None: the config's checks, or without a config :data:`DEFAULT_SCHEMA`."""
    schema_dirs: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    config: str | None = None
    no_config: bool = False
    include_ignored: bool = False
    format: str = "text"
    output: str | None = None
    reports: tuple[tuple[str, str], ...] = ()
    jsonl: bool = False
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
    strict_checks: tuple[int, ...] = ()
    """The checks of the config that ask for the strict profile (``strict = true``): decided by
    the plan, never asked for on the command line."""
    summary_limit: int = 1 << 20
    no_step_summary: bool = False
    link_base: str | None = None
    html_details: int = 1000


class Option:
    """How one field of :class:`Options` is given on the command line.

    ``kind``: ``flag`` (on when given), ``toggle`` (``--x/--no-x``; unset is None), ``value``
    (a string), ``once`` (a string given at most once: twice is a usage error), ``many`` (a
    string, repeatable), ``count`` (an integer >= 1), ``choice`` (one of ``choices``), ``report``
    (``FORMAT:FILE``, repeatable).  (A plain class: a named tuple costs more to define at every
    start-up.)"""

    __slots__ = ("choices", "flags", "help", "kind", "metavar", "name")

    def __init__(
        self,
        name: str,
        flags: tuple[str, ...],
        kind: str,
        help: str,
        metavar: str | None = None,
        choices: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.flags = flags
        self.kind = kind
        self.help = help
        self.metavar = metavar
        self.choices = choices

    def __repr__(self) -> str:
        return f"Option({self.name!r}, {self.flags!r}, {self.kind!r})"


OPTIONS: tuple[Option, ...] = (
    Option(
        "schema",
        ("--schema", "-s"),
        "once",
        f"A bundled schema by name, or a schema file; every input is judged by it (default: "
        f"the config's checks, else {DEFAULT_SCHEMA}).",
        "NAME|PATH",
    ),
    Option(
        "schema_dirs",
        ("--schema-dir",),
        "many",
        "A folder of schema files, where schema names and $refs are looked for too "
        "(repeatable; the config's schema-dirs).",
        "DIR",
    ),
    Option(
        "exclude",
        ("--exclude",),
        "many",
        "Skip inputs matching GLOB (gitignore-style, ** for any folders; repeatable).",
        "GLOB",
    ),
    Option(
        "config",
        ("--config",),
        "value",
        "Read the checks from FILE (default: .casefile-validate.toml or pyproject.toml, found "
        "from the working directory upwards).",
        "FILE",
    ),
    Option("no_config", ("--no-config",), "flag", "Ignore any config file."),
    Option(
        "include_ignored",
        ("--include-ignored",),
        "flag",
        "Also check the files git ignores (.gitignore), which a config run skips.",
    ),
    Option("format", ("--format", "-f"), "choice", "Report format.", choices=REPORT_FORMATS),
    Option(
        "output", ("--output", "-o"), "value", "Write the report to FILE instead of stdout.", "FILE"
    ),
    Option(
        "reports",
        ("--report",),
        "report",
        "Also write a report in FORMAT to FILE (repeatable).",
        "FORMAT:FILE",
    ),
    Option("jsonl", ("--jsonl",), "flag", "Treat every input (stdin too) as JSON Lines."),
    Option("quiet", ("--quiet", "-q"), "flag", "Print only the summary; the exit code tells."),
    Option(
        "verbose",
        ("--verbose", "-v"),
        "flag",
        "List every document with its verdict and the schema that judged it.",
    ),
    Option(
        "max_errors",
        ("--max-errors",),
        "count",
        "Report at most N errors per document (default: all).",
        "N",
    ),
    Option("redact", ("--redact",), "flag", "Never print instance values, only locations."),
    Option(
        "engine",
        ("--engine",),
        "choice",
        "fast: jsonschema_rs, its rejections explained by its own findings, the reference "
        "judging only values it cannot take; reference: jsonschema alone.",
        choices=ENGINES,
    ),
    Option(
        "cross_check",
        ("--cross-check",),
        "flag",
        "Also judge every document with the reference engine and report any disagreement "
        "(slow; the test suite already proves agreement on the JSON Schema Test Suite).",
    ),
    Option(
        "jobs",
        ("--jobs", "-j"),
        "count",
        "Processes that check large inputs, this one included (default: the number of cores).",
        "N",
    ),
    Option(
        "dask_scheduler",
        ("--dask-scheduler",),
        "value",
        "Hand the work to a running Dask distributed cluster (needs the dask extra); the "
        "report and the exit code are those of a local run.",
        "tcp://HOST:PORT",
    ),
    Option(
        "strict",
        ("--strict",),
        "flag",
        "The strict profile: warnings (undeclared properties) are errors, so a document with "
        "one is invalid (exit 1).",
    ),
    Option(
        "no_warnings",
        ("--no-warnings",),
        "flag",
        "Do not look for, or report, warnings (undeclared properties); --strict still does.",
    ),
    Option(
        "summary_limit",
        ("--summary-limit",),
        "count",
        "The most bytes the markdown report (and the GitHub step summary) may take "
        "(default: 1 MiB, GitHub's limit); what does not fit is counted, not listed.",
        "BYTES",
    ),
    Option(
        "no_step_summary",
        ("--no-step-summary",),
        "flag",
        "With --format github inside GitHub Actions, do not append the markdown summary to "
        "$GITHUB_STEP_SUMMARY.",
    ),
    Option(
        "link_base",
        ("--link-base",),
        "value",
        "The URL that source paths are relative to, for links in the markdown report (default "
        "inside GitHub Actions: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/).",
        "URL",
    ),
    Option(
        "html_details",
        ("--html-details",),
        "count",
        "Failed documents the html report lists in detail (default: 1000); the rest are "
        "counted by failure kind.",
        "N",
    ),
    Option(
        "color",
        ("--color/--no-color",),
        "toggle",
        "Colour the text report (default: only on a terminal, and not when NO_COLOR is set to "
        "a non-empty value; the flag wins over NO_COLOR).",
    ),
)
"""The command-line spelling of every field of :class:`Options` but ``inputs`` (the arguments)
and ``progress`` (never asked for: decided by :func:`resolve`) and ``strict_checks`` (decided by
the plan)."""


def parse_report(value: str) -> tuple[str, str]:
    """``FORMAT:FILE`` -> ``(format, file)``; ValueError saying what is expected."""
    name, sep, path = value.partition(":")
    if not sep or not path or name not in REPORT_FORMATS:
        raise ValueError(
            f"{value!r}: expected FORMAT:FILE with FORMAT one of {', '.join(REPORT_FORMATS)}"
        )
    return name, path


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
