"""``casefile-validate``: the click command, built from :data:`validator.command.options.OPTIONS`.

The command parses, runs (:func:`validator.run.runner.run`) and ends in ``ctx.exit(code)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from validator.command.options import OPTIONS, Option, parse_report
from validator.run.settings import Options

__all__ = ["command", "run_command"]

EPILOG = """\b
Exit codes:
  0  every document is valid
  1  at least one document is invalid
  2  usage error, a bad config, a schema that cannot be used, or a run that cannot
     complete
  3  at least one input is unreadable or not strict JSON (wins over 1)

\b
Examples:
  casefile-validate responses/*.json
  curl -s https://api.example/x | casefile-validate -
  casefile-validate --format json logs/ > report.json
  casefile-validate logs/day.jsonl --report junit:junit.xml
"""


def _reports(_: Any, __: Any, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    try:
        return tuple(parse_report(value) for value in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _once(_: Any, param: Any, values: tuple[str, ...]) -> str | None:
    if len(values) > 1:
        raise click.BadParameter(
            f"given {len(values)} times ({', '.join(values)}); give it once, or use a config "
            "to check files against several schemas",
            param=param,
        )
    return values[0] if values else None


class _Percent(click.ParamType[float]):
    """A percentage: a finite number from 0 to 100 (``nan``, which no coverage is ever below,
    and ``inf`` are not), refused as the config's ``min-coverage`` is."""

    name = "percent"

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = float("nan")
        if not 0 <= number <= 100:  # nan too
            self.fail(f"must be a number from 0 to 100 (not {str(value)!r})", param, ctx)
        return number


def _click_option(option: Option, help: str | None = None) -> Callable[[Any], Any]:
    """The click decorator for one option (its default is the :class:`Options` field's); with
    ``help``, its help in another command (casefile-schemas, which reads no inputs)."""
    default = Options._field_defaults[option.name]
    settings: dict[str, Any] = {"help": help or option.help, "metavar": option.metavar}
    if option.kind == "flag":
        settings.update(is_flag=True)
    elif option.kind == "toggle":
        settings.update(default=None)
    elif option.kind == "count":
        settings.update(type=click.IntRange(min=1), default=default)
    elif option.kind == "percent":
        settings.update(type=_Percent(), default=default)
    elif option.kind == "choice":
        settings.update(type=click.Choice(option.choices), default=default, show_default=True)
    elif option.kind == "report":
        settings.update(multiple=True, callback=_reports)
    elif option.kind == "once":
        settings.update(multiple=True, callback=_once)
    elif option.kind == "many":
        settings.update(multiple=True)
    else:
        settings.update(default=default, show_default=default is not None)
    return click.option(*option.flags, option.name, **settings)


def _schema_action(show: bool, values: dict[str, Any]) -> int:
    """``--list-schemas`` and ``--show-schema`` (the schema of ``--schema``, or the response
    schema of ``--openapi SPEC --operation OPERATION``)."""
    from validator.contracts.catalog import DEFAULT_SCHEMA, load_schema, schema_names
    from validator.problems import EXIT_USAGE, SchemaProblem
    from validator.sinks import terminal

    if values["inputs"]:  # an input is never the schema: say so rather than print another one
        click.echo(terminal(f"casefile-validate: {_no_inputs(show, values['inputs'])}"), err=True)
        return EXIT_USAGE
    if not show:
        for name in schema_names():
            click.echo(terminal(name))
        return 0
    import os
    from pathlib import Path

    from validator.contracts.documents import Documents
    from validator.run.plan import UsageError, _yaml_names, operation_entry

    try:
        options = Options(**values)
        documents = Documents(_yaml_names(options))  # --yaml-files: as a run reads them
        dirs = tuple(Path(os.path.abspath(d)) for d in options.schema_dirs)  # as a run's
        named = operation_entry(options, dirs, documents)
        spec = named[0] if named else values["schema"] or DEFAULT_SCHEMA
        loaded = load_schema(spec, schema_dirs=dirs, documents=documents)
    except UsageError as exc:
        click.echo(terminal(f"casefile-validate: {exc}"), err=True)
        return EXIT_USAGE
    except SchemaProblem as problem:
        said = f"casefile-validate: schema error: {problem}"
        for line in said.split("\n") if problem.multiline else [said]:
            click.echo(terminal(line), err=True)  # unresolvable $refs: one line each
        return problem.exit_code
    from validator.contracts.openapi_terms import printed  # FILE#/pointer: what it names

    click.echo(printed(loaded))
    return 0


def _no_inputs(show: bool, inputs: tuple[str, ...]) -> str:
    """Why ``--show-schema``/``--list-schemas`` refuse inputs, and what the user may have meant."""
    more = f" and {len(inputs) - 1} more" if len(inputs) > 1 else ""
    if show:
        return (
            f"--show-schema takes no inputs (given {inputs[0]!r}{more}): name the schema with "
            "--schema FILE[#/pointer], or --openapi SPEC --operation OP"
        )
    return (
        f"--list-schemas takes no inputs (given {inputs[0]!r}{more}): it lists the bundled "
        "schemas (casefile-schemas list --dir DIR lists a folder's, list SPEC an OpenAPI one's)"
    )


def _command(list_schemas: bool, show_schema: bool, **values: Any) -> None:
    """Check JSON response documents against their JSON Schema (formats asserted).

    INPUT is a file, a directory (searched recursively for *.json, *.jsonl and *.ndjson, and in
    a config run for the files its checks' globs match) or - for standard input.  Files ending
    in .jsonl or .ndjson hold one document per line; each line is checked and reported under its
    line number.  With no INPUT: the files of the config's checks ([tool.casefile-validate] in
    pyproject.toml, or .casefile-validate.toml), else standard input; with INPUTs and a config,
    each input is judged by the check whose globs match it.  With --openapi and no --operation,
    INPUTs are HAR recordings (directories searched for *.har), each response checked against
    the one its operation documents.
    """
    context = click.get_current_context()
    if list_schemas or show_schema:
        context.exit(_schema_action(show_schema, values))
    from validator.run.runner import run

    context.exit(run(Options(**values)))


def _build() -> click.Command:
    function: Any = _command
    function = click.version_option(package_name="casefile-validator")(function)
    function = click.option(
        "--show-schema", is_flag=True, help="Print the selected schema and exit."
    )(function)
    function = click.option(
        "--list-schemas", is_flag=True, help="List the bundled schemas and exit."
    )(function)
    for option in reversed(OPTIONS):
        function = _click_option(option)(function)
    function = click.argument("inputs", nargs=-1, metavar="[INPUT]...")(function)
    built: click.Command = click.command(
        "casefile-validate",
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
        epilog=EPILOG,
    )(function)
    return built


command = _build()


def run_command(argv: list[str]) -> int:
    """The exit code of the command on ``argv``: click's own usage errors are exit 2 and
    ``--help``/``--version`` exit 0, without click's handling of a closed pipe (exit 1, the code
    for "invalid") or of Ctrl-C (an extra blank line); Ctrl-C and a closed standard output are
    left to :func:`validator.command.process.guarded`, around this call."""
    try:
        with command.make_context("casefile-validate", list(argv)) as context:
            command.invoke(context)
    except click.exceptions.Exit as exc:  # the run's ctx.exit(code), --help, --version
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        raise KeyboardInterrupt from None
    return 0
