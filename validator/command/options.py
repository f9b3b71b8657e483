"""The options of a run, defined once, as data: :data:`OPTIONS` says how each field of
:class:`~validator.run.settings.Options` (the record a run receives) is spelled on the command
line.  The click command (:mod:`validator.command.cli`) is built from it, and the start-up path
that skips click (:mod:`validator.command.entry`) reads the simple options with it.
"""

__all__ = ["OPTIONS", "REPORT_FORMATS", "Option", "parse_report"]

from validator.checking.engine import ENGINES
from validator.contracts.catalog import DEFAULT_SCHEMA
from validator.report.registry import REPORTERS

REPORT_FORMATS = tuple(REPORTERS)


class Option:
    """How one field of :class:`~validator.run.settings.Options` is given on the command line.

    ``kind``: ``flag`` (on when given), ``toggle`` (``--x/--no-x``; unset is None), ``value`` (a
    string), ``once`` (a string given at most once: twice is a usage error), ``many`` (a string,
    repeatable), ``count`` (an integer >= 1), ``percent`` (a number from 0 to 100), ``choice`` (one
    of ``choices``), ``report`` (``FORMAT:FILE``, repeatable).  (A plain class: a named tuple costs
    more to define at every start-up.)"""

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
        "openapi",
        ("--openapi",),
        "once",
        "An OpenAPI 3.0 or 3.1 document: with --operation, its response judges every input; "
        "without, each response recorded in the HAR files given is checked against its own.",
        "SPEC",
    ),
    Option(
        "operation",
        ("--operation",),
        "once",
        'The operation of --openapi: its operationId or "METHOD /path/template".',
        "OPERATION",
    ),
    Option(
        "status",
        ("--status",),
        "once",
        "The response of --operation: a code (then its range, then default), 2XX or default "
        "(default: its only 2xx response).",
        "CODE",
    ),
    Option(
        "media_type",
        ("--media-type",),
        "once",
        "The media type of the response (default: its only JSON type).",
        "TYPE",
    ),
    Option(
        "base_urls",
        ("--base-url",),
        "many",
        "With --openapi and recordings (.har): the URL the API was served at, in place of the "
        "document's servers (repeatable); entries elsewhere are skipped and counted.",
        "URL",
    ),
    Option(
        "undocumented",
        ("--undocumented",),
        "choice",
        "With --openapi and recordings: an undocumented endpoint or status code is an error "
        "(default: as the config's check says, else error) or a warning.",
        choices=("error", "warning"),
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
    Option(
        "pre_commit",
        ("--pre-commit",),
        "flag",
        "Take the files named as files found in a folder are taken (pre-commit's hook passes "
        "every changed file): those a check of the config matches, and *.json, *.jsonl, "
        "*.ndjson (every file with --jsonl); leave the others alone.",
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
    Option(
        "yaml_files",
        ("--yaml-files",),
        "many",
        "Read the inputs and schema files matching GLOB as YAML, as *.yaml and *.yml are "
        "(gitignore-style; - for stdin; repeatable). JSON Lines stay JSON.",
        "GLOB",
    ),
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
        "Report at most N errors per document (default: all, up to the 1,000 collected).",
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
        "The strict profile: warnings (undeclared properties, and the undocumented endpoints "
        "and statuses --undocumented warning makes warnings) are errors, so a document with one "
        "is invalid (exit 1).",
    ),
    Option(
        "no_warnings",
        ("--no-warnings",),
        "flag",
        "Do not look for, or report, warnings (undeclared properties, and the undocumented "
        "endpoints and statuses --undocumented warning makes warnings: dropped, the entry "
        "counted valid); --strict still does.",
    ),
    Option(
        "disable_formats",
        ("--disable-formats",),
        "many",
        "Do not check these formats, in either engine: all, or a comma-separated list of "
        "format names (repeatable; added to the config's disable-formats).",
        "all|NAME[,NAME...]",
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
        "max_document_bytes",
        ("--max-document-bytes",),
        "count",
        "The most bytes one document may take, a whole file or one line of JSON Lines "
        "(default: 64 MiB); a longer one is not read, and is unreadable (exit 3).",
        "BYTES",
    ),
    Option(
        "allow_config_code",
        ("--allow-config-code",),
        "flag",
        "Let the config's checks name a py:module:Model schema, which imports Python code "
        "from the repository: code execution, for repositories you trust (refused otherwise).",
    ),
    Option(
        "coverage",
        ("--coverage",),
        "flag",
        "Also report, per schema, the declared properties no valid document contained and the "
        "enum values none held.",
    ),
    Option(
        "min_coverage",
        ("--min-coverage",),
        "percent",
        "With --openapi and recordings: fail the run (exit 1) when fewer than PERCENT of the "
        "documented responses were seen (the config's min-coverage).",
        "PERCENT",
    ),
    Option(
        "color",
        ("--color/--no-color",),
        "toggle",
        "Colour the text report (default: only on a terminal, and not when NO_COLOR is set to "
        "a non-empty value; the flag wins over NO_COLOR).",
    ),
)
"""The command-line spelling of every field of :class:`~validator.run.settings.Options` but
``inputs`` (the arguments) and ``progress`` (never asked for: decided by
:func:`~validator.run.settings.resolve`), ``strict_checks`` and ``yaml_checks`` (decided by
the plan)."""


def parse_report(value: str) -> tuple[str, str]:
    """``FORMAT:FILE`` -> ``(format, file)``; ValueError saying what is expected."""
    name, sep, path = value.partition(":")
    if not sep or not path or name not in REPORT_FORMATS:
        raise ValueError(
            f"{value!r}: expected FORMAT:FILE with FORMAT one of {', '.join(REPORT_FORMATS)}"
        )
    return name, path
