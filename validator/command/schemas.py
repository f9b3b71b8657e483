"""``casefile-schemas``: the contracts themselves, kept in step with the docs that define them.

``import`` writes the schema files that model docs define, ``check`` says how the stored ones
drifted from their docs, ``list`` and ``show`` print what a schema folder (or the bundle) holds.
The work is :mod:`validator.contracts.model_docs`'s; this module only reads options and prints.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from validator.problems import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from validator.sinks import terminal

if TYPE_CHECKING:
    from validator.contracts.documents import Documents

__all__ = ["group", "main", "run_command"]

PROG = "casefile-schemas"

EPILOG = """\b
Exit codes:
  0  done; for check, every stored schema equals its doc's
  1  check: a stored schema differs from its doc's, or is missing
  2  usage error, a doc or schema that cannot be used, a file that cannot be written
"""

_DIR = click.option(
    "--dir",
    "folder",
    default="schemas",
    show_default=True,
    metavar="DIR",
    help="The folder of the schema files.",
)
_DOCS = click.argument("docs", nargs=-1, required=True, metavar="DOC.md...")


def _yaml_files_option() -> Callable[[Any], Any]:
    """``--yaml-files GLOB``: casefile-validate's option (its :data:`OPTIONS` entry), read by
    :func:`_documents` with casefile-validate's semantics, with help of its own: this command
    reads no inputs and no standard input (a file a ``$ref`` reaches is YAML by its name)."""
    from validator.command.cli import _click_option
    from validator.command.options import OPTIONS

    (option,) = (option for option in OPTIONS if option.name == "yaml_files")
    said = (
        "Read SPEC (list) or NAME (show) as YAML when GLOB matches its path, as *.yaml and "
        "*.yml are (gitignore-style; repeatable)."
    )
    return _click_option(option, said)


_YAML_FILES = _yaml_files_option()


def _error(message: object, lines: bool = False) -> None:
    """One line on stderr, as a terminal may show it (:func:`validator.sinks.terminal`); with
    ``lines`` (unresolvable $refs, one each), each line of the message so."""
    said = f"{PROG}: {message}"
    for line in said.split("\n") if lines else [said]:
        click.echo(terminal(line), err=True)


def _documents(globs: tuple[str, ...]) -> Documents | None:
    """Where SPEC and schema files are read, the ones ``globs`` (``--yaml-files``) match as
    YAML, as casefile-validate reads them (None: by their names alone); a glob that cannot be
    used is a usage error."""
    if not globs:
        return None
    from validator.contracts.documents import Documents
    from validator.run.yaml_names import check_yaml_files, yaml_names

    why = check_yaml_files(globs, jsonl=False)
    if why is not None:
        _error(why)
        raise click.exceptions.Exit(EXIT_USAGE)
    return Documents(yaml_names(globs))


def _say(line: str) -> None:
    """One line on stdout, as a terminal may show it: the names and pointers in it come from the
    docs and schema files (:func:`validator.sinks.terminal`)."""
    click.echo(terminal(line))


@click.group(
    PROG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EPILOG,
)
@click.version_option(package_name="casefile-validator")
def group() -> None:
    """JSON Schema contracts from the model docs that define them.

    A model doc (Markdown, as model_docs_generator.py writes it) has a "# Title", a
    "**Package:** `package`" line and a "## JSON Schema" section with a ```json block.  A DOC
    may be a folder: every *.md file in it (recursively) is a model doc.
    """


@group.command("import")
@_DOCS
@_DIR
def import_(docs: tuple[str, ...], folder: str) -> None:
    """Write the schema file each DOC defines: DIR/Title.json ($schema, $id, then the doc's)."""
    from validator.contracts.catalog import check_schema
    from validator.contracts.model_docs import contract, read_docs, store
    from validator.problems import SchemaProblem

    found, unread = read_docs(list(docs))
    problems: list[SchemaProblem] = [*unread]
    good = []
    for doc in found:
        try:
            check_schema(contract(doc), f"{doc.path}:{doc.line}")
        except SchemaProblem as problem:
            problems.append(problem)
        else:
            good.append(doc)
    for unusable in problems:
        _error(unusable)
    if problems:
        _error("nothing written")
        raise click.exceptions.Exit(EXIT_USAGE)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        _error(f"{folder}: not a directory")
        raise click.exceptions.Exit(EXIT_USAGE)
    for doc in good:
        try:
            path, written = store(doc, target)
        except OSError as exc:
            _error(f"{target / doc.file_name}: cannot write: {exc.strerror or exc}")
            raise click.exceptions.Exit(EXIT_USAGE) from None
        _say(f"{'wrote' if written else 'unchanged'} {path} (from {doc.path})")


@group.command("check")
@_DOCS
@_DIR
def check(docs: tuple[str, ...], folder: str) -> None:
    """Exit 1 when a stored schema differs from (or lacks) the one its DOC defines, listing the
    differences by JSON Pointer; exit 0 when every one equals its doc's (as JSON: key order
    and layout aside)."""
    from validator.contracts.model_docs import DocProblem, compare, read_docs

    found, problems = read_docs(list(docs))
    same = changed = missing = unchecked = 0
    for doc in found:
        try:
            stored = compare(doc, Path(folder))
        except DocProblem as problem:  # its stored file cannot be used: said below
            problems.append(problem)
            unchecked += 1
            continue
        if stored.missing:
            missing += 1
            _say(
                f"{stored.path}: no stored schema for {doc.title} (documented in {doc.path}; "
                f"casefile-schemas import writes it)"
            )
        elif stored.changes:
            changed += 1
            count = len(stored.changes)
            _say(
                f"{stored.path}: differs from the schema documented in {doc.path} "
                f"({count} change{'' if count == 1 else 's'}):"
            )
            for line in stored.changes:
                _say(f"  {line}")
        else:
            same += 1
    for unusable in problems:
        _error(unusable)
    total = same + changed + missing + unchecked
    noun = "schema" if total == 1 else "schemas"
    click.echo(
        f"{total} documented {noun}: {same} up to date, {changed} changed, {missing} missing"
        + (f", {unchecked} not checked (stored file unusable)" if unchecked else "")
    )
    if problems:
        raise click.exceptions.Exit(EXIT_USAGE)
    raise click.exceptions.Exit(EXIT_INVALID if changed or missing else EXIT_OK)


@group.command("list")
@click.argument("spec", required=False, metavar="[SPEC]")
@click.option("--dir", "folder", metavar="DIR", help="A folder of schema files (default: bundled).")
@_YAML_FILES
def list_(spec: str | None, folder: str | None, yaml_files: tuple[str, ...]) -> None:
    """List the schema names (the bundled ones, or those of DIR's *.json files); with SPEC, an
    OpenAPI document, its operations with their documented responses, its webhooks (requests
    the API makes: not checked) and its components."""
    from validator.contracts.catalog import schema_names

    documents = _documents(yaml_files)
    if spec is not None:
        _operations(spec, folder, documents)
        return
    if folder is None:
        names = schema_names()
    elif not Path(folder).is_dir():
        _error(f"{folder}: not a directory")
        raise click.exceptions.Exit(EXIT_USAGE)
    else:
        from validator.contracts.confined import stored_names

        names, unused = stored_names(folder)  # a link out of DIR, a named pipe: not listed
        for line in unused:
            _error(line)
        if unused:
            _list(names)
            raise click.exceptions.Exit(EXIT_USAGE)
    _list(names)


def _list(names: list[str]) -> None:
    for name in names:
        _say(name)


def _operations(spec: str, folder: str | None, documents: Documents | None) -> None:
    """``list SPEC``: the operations of an OpenAPI document (see
    :func:`validator.contracts.operations.describe`)."""
    from validator.contracts.operations import describe
    from validator.problems import SchemaProblem

    if folder is not None:
        _error("list: give SPEC or --dir, not both")
        raise click.exceptions.Exit(EXIT_USAGE)
    try:
        lines = describe(spec, documents)
    except SchemaProblem as problem:
        _error(f"schema error: {problem}", problem.multiline)
        raise click.exceptions.Exit(problem.exit_code) from None
    for line in lines:
        _say(line)


@group.command("show")
@click.argument("name")
@click.option("--dir", "folder", metavar="DIR", help="A folder of schema files (default: bundled).")
@_YAML_FILES
def show(name: str, folder: str | None, yaml_files: tuple[str, ...]) -> None:
    """Print the schema NAME (a bundled name or a file; with --dir, DIR/NAME.json)."""
    from validator.contracts.catalog import load_schema
    from validator.problems import SchemaProblem

    documents = _documents(yaml_files)
    try:
        if folder is None:
            loaded = load_schema(name, documents=documents)
        else:
            loaded = load_schema(_in_dir(name, folder), documents=documents)
    except SchemaProblem as problem:
        _error(f"schema error: {problem}", problem.multiline)
        raise click.exceptions.Exit(problem.exit_code) from None
    from validator.contracts.openapi_terms import printed  # FILE#/pointer: what it names

    click.echo(printed(loaded))


def _in_dir(name: str, folder: str) -> Path:
    """The schema file ``show --dir`` names: DIR/NAME.json, a regular file inside DIR."""
    from validator.contracts.confined import DIR, inside_or_refused, stored_names
    from validator.problems import NoSuchSchema

    path = Path(folder) / f"{name}.json"
    if Path(name).name != name or name.startswith(".") or not os.path.lexists(path):
        known = stored_names(folder)[0] if Path(folder).is_dir() else []
        raise NoSuchSchema(
            f"unknown schema {name!r} in {folder} (known: {', '.join(known) or 'none'})",
            schema=name,
        )
    return inside_or_refused(path, Path(folder), DIR)


def run_command(argv: list[str]) -> int:
    """The exit code of ``casefile-schemas`` on ``argv`` (usage errors are exit 2, ``--help``
    and ``--version`` exit 0; Ctrl-C and a closed standard output are left to the caller)."""
    try:
        with group.make_context(PROG, list(argv)) as context:
            group.invoke(context)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        raise KeyboardInterrupt from None
    return EXIT_OK


def _run(argv: list[str]) -> int:
    try:
        return run_command(argv)
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return EXIT_INTERRUPTED


def main() -> None:
    """Console-script entry point: Ctrl-C is exit 130, a closed standard output 141."""
    from validator.command.process import guarded, safe_streams

    safe_streams()
    sys.exit(guarded(lambda: _run(sys.argv[1:])))
