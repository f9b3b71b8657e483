"""``casefile-validate``: click options -> :class:`~validator.runner.Options` -> run() -> exit."""

from __future__ import annotations

from typing import Any

import click

from validator.catalog import DEFAULT_SCHEMA
from validator.entry import guarded
from validator.report import REPORTERS

EPILOG = """\b
Exit codes:
  0  every document is valid
  1  at least one document is invalid
  2  usage error, a schema that cannot be used, or a run that cannot complete
  3  at least one input is unreadable or not strict JSON (wins over 1)

\b
Examples:
  casefile-validate responses/*.json
  curl -s https://api.example/x | casefile-validate -
  casefile-validate --format json logs/ > report.json
  casefile-validate logs/day.jsonl --report junit:junit.xml
"""


def _report(_: Any, __: Any, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        name, sep, path = value.partition(":")
        if not sep or not path or name not in REPORTERS:
            raise click.BadParameter(
                f"{value!r}: expected FORMAT:FILE with FORMAT one of {', '.join(REPORTERS)}"
            )
        pairs.append((name, path))
    return tuple(pairs)


def _show_schema(name: str) -> int:
    import json

    from validator.catalog import load_schema
    from validator.problems import SchemaProblem

    try:
        schema = load_schema(name)
    except SchemaProblem as problem:
        click.echo(f"casefile-validate: schema error: {problem}", err=True)
        return 2
    click.echo(json.dumps(schema.contents, indent=2, ensure_ascii=False))
    return 0


@click.command(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EPILOG,
)
@click.argument("inputs", nargs=-1, metavar="[INPUT]...")
@click.option(
    "--schema",
    "-s",
    default=DEFAULT_SCHEMA,
    show_default=True,
    metavar="NAME|PATH",
    help="A bundled schema by name, or a draft 2020-12 schema file.",
)
@click.option(
    "--format",
    "-f",
    "format_",
    type=click.Choice(list(REPORTERS)),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option("--output", "-o", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option(
    "--report",
    "reports",
    multiple=True,
    metavar="FORMAT:FILE",
    callback=_report,
    help="Also write a report in FORMAT to FILE (repeatable).",
)
@click.option("--jsonl", is_flag=True, help="Treat every input (stdin too) as JSON Lines.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary; the exit code tells.")
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    metavar="N",
    help="Report at most N errors per document (default: all).",
)
@click.option("--redact", is_flag=True, help="Never print instance values, only locations.")
@click.option(
    "--engine",
    type=click.Choice(["fast", "reference"]),
    default="fast",
    show_default=True,
    help="fast: jsonschema_rs, cross-checked by jsonschema on every rejection; "
    "reference: jsonschema alone.",
)
@click.option(
    "--cross-check",
    is_flag=True,
    help="Also judge every document with the reference engine and report any disagreement "
    "(slow; the test suite already proves agreement on the JSON Schema Test Suite).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes for large inputs (default: the number of cores).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report (default: only on a terminal, never with NO_COLOR set).",
)
@click.option("--list-schemas", is_flag=True, help="List the bundled schemas and exit.")
@click.option("--show-schema", is_flag=True, help="Print the selected schema and exit.")
@click.version_option(package_name="casefile-validator")
def command(
    inputs: tuple[str, ...],
    schema: str,
    format_: str,
    output: str | None,
    reports: tuple[tuple[str, str], ...],
    jsonl: bool,
    quiet: bool,
    max_errors: int | None,
    redact: bool,
    engine: str,
    cross_check: bool,
    jobs: int | None,
    color: bool | None,
    list_schemas: bool,
    show_schema: bool,
) -> int:
    """Check JSON response documents against their JSON Schema (draft 2020-12, formats asserted).

    INPUT is a file, a directory (searched recursively for *.json, *.jsonl and *.ndjson) or -
    for standard input (the default).  Files ending in .jsonl or .ndjson hold one document per
    line; each line is checked and reported under its line number.
    """
    from validator.entry import build_options
    from validator.runner import run

    if list_schemas:
        from validator.catalog import schema_names

        for name in schema_names():
            click.echo(name)
        return 0
    if show_schema:
        return _show_schema(schema)
    options = build_options(
        inputs,
        schema=schema,
        format_=format_,
        output=output,
        reports=reports,
        jsonl=jsonl,
        quiet=quiet,
        max_errors=max_errors,
        redact=redact,
        engine=engine,
        cross_check=cross_check,
        jobs=jobs,
        color=color,
    )
    return run(options)


def run_command(argv: list[str]) -> int:
    """The exit code of the command on ``argv``: click's own usage errors are exit 2 and
    ``--help``/``--version`` exit 0, without click's handling of a closed pipe (exit 1, the code
    for "invalid") or of Ctrl-C (an extra blank line)."""

    def invoke() -> int:
        try:
            with command.make_context("casefile-validate", list(argv)) as context:
                code = command.invoke(context)
        except click.exceptions.Exit as exc:  # --help, --version
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = exc.exit_code
        except click.Abort:
            raise KeyboardInterrupt from None
        return code if isinstance(code, int) else 0

    return guarded(invoke)


def main() -> None:
    """Console-script entry point (see :func:`validator.entry.main`, which skips click when the
    arguments are only inputs)."""
    from validator.entry import main as entry_main

    entry_main()
