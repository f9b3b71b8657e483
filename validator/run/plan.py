"""The plan of a run: which inputs, judged by which check's schema.

Without a config (or with ``--schema``) every input is judged by one schema.  With a config
(:mod:`validator.run.config`) and no ``--schema``:

* no INPUT: every check's ``files`` globs are matched against the files below the config's
  folder (what git ignores and what ``exclude`` names are not entered), check by check; a file
  is judged by the first check that matches it; a check that matches nothing is a warning;
* INPUTs (as pre-commit passes them): each file (directories are searched as usual) is judged by
  the first check whose ``files`` match it and whose ``exclude`` does not; one that no check
  matches is skipped and counted.

The global ``exclude`` (the config's, from its folder; ``--exclude``, from the working directory)
applies to every input.  Each distinct schema is loaded and compiled once."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from validator.contracts.catalog import DEFAULT_SCHEMA
from validator.problems import SchemaProblem
from validator.run.discover import (
    ConfigError,
    Search,
    near_config_message,
    search,
    stdin_notice,
    stray_message,
    terminal_stdin,
)
from validator.run.placing import UsageError, excluded, found_by_checks, named_inputs, placed
from validator.run.recording_plan import recording_run, recordings_judge
from validator.run.tasks import Entry
from validator.run.yaml_names import with_check_specs, yaml_specs

if TYPE_CHECKING:
    from pathlib import Path

    from validator.contracts.documents import Documents
    from validator.run.config import Config
    from validator.run.settings import Options

__all__ = ["Plan", "UsageError", "checks_of", "make_plan", "operation_entry"]


class Plan:
    """The compiled engine of each check (checks sharing a schema share its engine), whether
    each reads its inputs as JSON Lines, the inputs with their check, and how many inputs no
    check matches.  (A plain class: a named tuple costs more to define at every start-up.)"""

    __slots__ = ("engines", "entries", "jsonl", "min_coverage", "skipped", "strict", "yaml")

    def __init__(
        self,
        engines: list[Any],
        jsonl: list[bool],
        entries: list[Entry],
        skipped: list[str] | None = None,
    ) -> None:
        self.engines = engines
        self.jsonl = jsonl
        self.entries = entries
        self.skipped = skipped or []
        """The inputs no check matches (named, or found in a folder given)."""
        self.strict: tuple[int, ...] = ()
        """The checks whose config asks for the strict profile (``strict = true``)."""
        self.min_coverage: float | None = None
        self.yaml: tuple[int, ...] = ()
        """The checks whose config reads every file as YAML (``yaml = true``)."""
        """The config's ``min-coverage``, if any."""


def _compile(
    spec: str,
    options: Options,
    dirs: tuple[Path, ...],
    base: Path | None,
    notice: Callable[[str], None],
    confine: tuple[Path, ...] | None = None,
    disabled: frozenset[str] = frozenset(),
    name: str | None = None,
    documents: Documents | None = None,
    defer: bool = True,
) -> Any:
    """Load (paths relative to ``base``, names also looked up in ``dirs``, the file inside one
    of the ``confine`` folders if given), compile without the ``disabled`` formats and lint (a
    warning on stderr for each finding; never for an unchanged bundled schema)."""
    from validator.checking.engine import compile_schema
    from validator.contracts.catalog import is_bundled, load_schema

    schema = load_schema(
        spec, schema_dirs=dirs, base_dir=base, confine=confine, documents=documents
    )
    schema = schema if name is None else schema._replace(name=name)  # an operation's response
    judged = schema
    if disabled:
        from validator.checking.formats import without_formats

        judged = without_formats(schema, disabled)
    engine = compile_schema(
        judged, engine=options.engine, cross_check=options.cross_check, defer=defer
    )
    if not is_bundled(schema):  # a schema that cannot be used gets its error alone
        from validator.contracts.lint import lint_schema

        for warning in lint_schema(schema):
            notice(f"warning: {warning}")
    return engine


def _config(options: Options, notice: Callable[[str], None]) -> tuple[Config | None, Search | None]:
    """The run's config, and the search that found it (None: named, or ``--no-config``); a
    table of a ``pyproject.toml`` read on the way that looks meant for this tool but is not its
    table is a warning."""
    if options.config is not None and options.no_config:
        raise UsageError("--config and --no-config contradict each other")
    if options.no_config:
        return None, None
    looked = None
    if options.config is None:
        looked = search()
        for file, line, name in looked.strays:
            notice(f"warning: {stray_message(file, line, name)}")
        for file in looked.near:
            notice(f"warning: {near_config_message(file)}")
    path = options.config if looked is None else looked.found
    if path is None:
        return None, looked
    if options.config is not None and not os.path.isfile(path):
        raise ConfigError(f"{path}: no such config file")
    if options.config is None and os.path.islink(path):  # found, not named: the repository's
        from validator.inputs.boundary import inside, real

        folder = os.path.dirname(os.path.abspath(path))
        if not inside(path, real(folder)):
            shown = os.path.relpath(path)
            raise ConfigError(f"{shown}: not read: a link that leads outside its folder {folder}")
    from validator.run.config import load_config

    return load_config(path), looked


def _excludes(options: Options, config: Config | None) -> list[Any]:
    from pathlib import Path

    from validator.run.selection import Globs

    found = []
    if options.exclude:
        from validator.run.selection import BadGlob

        try:
            found.append(Globs(options.exclude, Path(os.path.abspath(os.curdir))))
        except BadGlob as exc:
            raise UsageError(f"--exclude {exc}") from None
    if config is not None and config.exclude:
        found.append(Globs(config.exclude, config.root))
    return found


def _yaml_names(options: Options) -> Callable[[str], bool] | None:
    """Which schema files ``--yaml-files`` reads as YAML (None: by their names alone);
    :class:`UsageError` for globs that cannot be used."""
    if not options.yaml_files:
        return None
    from validator.run.yaml_names import check_yaml_files, yaml_names

    why = check_yaml_files(options.yaml_files, options.jsonl)
    if why is not None:
        raise UsageError(why)
    return yaml_names(options.yaml_files)


def make_plan(options: Options, notice: Callable[[str], None]) -> Plan:
    """The plan for ``options``; :class:`ConfigError`, :class:`UsageError` or
    :class:`~validator.problems.SchemaProblem` when there is none."""
    if options.dask_scheduler:  # before anything is read: the extra may be missing
        from validator.run.on_dask import MissingExtra, require_dask

        try:
            require_dask()
        except MissingExtra as exc:
            raise UsageError(str(exc)) from None
    config, looked = _config(options, notice)
    dirs: tuple[Path, ...] = ()
    if options.schema_dirs:  # pathlib is not needed otherwise (nor imported: start-up)
        from pathlib import Path

        dirs = tuple(Path(os.path.abspath(d)) for d in options.schema_dirs)
    dirs += config.schema_dirs if config else ()
    excludes = _excludes(options, config) if options.exclude or (config and config.exclude) else []
    given = _disabled(options)
    from validator.contracts.documents import Documents

    documents = Documents(with_check_specs(_yaml_names(options), yaml_specs(config)))
    if recording_run(options):
        disabled = given | (config.disable_formats if config else frozenset())
        judge = recordings_judge(
            _compile, options.openapi or "", options, dirs, None, None, disabled, None, documents
        )
        found = named_inputs(options, notice, recordings=True)
        if excludes:
            found = (e for e in found if not excluded(e, excludes))
        made = Plan([judge], [False], [(e, 0) for e in found])
        made.min_coverage = config.min_coverage if config else None
        return made
    named_by = operation_entry(options, dirs, documents)
    if named_by or options.schema is not None or config is None or not config.checks:
        disabled = given | (config.disable_formats if config else frozenset())
        spec, name = named_by or (options.schema or DEFAULT_SCHEMA, None)
        engine = _compile(spec, options, dirs, None, notice, None, disabled, name, documents)
        if not options.inputs and terminal_stdin():
            notice(stdin_notice(looked if config is None else None))
        named = named_inputs(options, notice)
        if excludes:
            named = (e for e in named if not excluded(e, excludes))
        entries: list[Entry] = [(e, 0) for e in named]
        made = Plan([engine], [options.jsonl], entries)
        made.min_coverage = config.min_coverage if config else None
        return _settled(made, options, notice)
    engines = _check_engines(options, config, dirs, given, notice, documents)
    jsonl = [options.jsonl or check.jsonl for check in config.checks]
    gitignore = _gitignore(options, config.root, notice)
    if options.inputs:
        entries, skipped = placed(options, config, excludes, gitignore, notice)
        made = Plan(engines, jsonl, entries, skipped)
    else:
        made = Plan(engines, jsonl, found_by_checks(config, excludes, gitignore, notice))
    made.strict = tuple(index for index, check in enumerate(config.checks) if check.strict)
    made.yaml = tuple(index for index, check in enumerate(config.checks) if check.yaml)
    made.min_coverage = config.min_coverage
    return _settled(made, options, notice)


def _check_engines(
    options: Options,
    config: Config,
    dirs: tuple[Path, ...],
    given: frozenset[str],
    notice: Callable[[str], None],
    documents: Documents,
) -> list[Any]:
    """The engine of each check of the config (checks of one schema share it; a check of
    recordings has its judge); :class:`ConfigError` naming the check for a schema that cannot
    be used."""
    engines: list[Any] = []
    compiled: dict[tuple[str, frozenset[str]], Any] = {}
    confine = (config.root, *dirs[: len(options.schema_dirs)])  # and the command line's dirs
    for check in config.checks:
        if check.schema.startswith("py:") and not options.allow_config_code:
            raise ConfigError(
                f'{check.where}: check {check.number}: "schema" {check.schema!r} would import '
                "Python code from the repository (code execution): refused; give "
                "--allow-config-code on the command line to allow it (in a pre-commit hook: "
                "args: [--allow-config-code])"
            )
        disabled = given | check.disable_formats
        try:
            if check.openapi is not None and check.operation is None:  # recordings
                root, open_api = config.root, check.openapi
                judge = recordings_judge(
                    _compile, open_api, options, dirs, root, confine, disabled, check, documents
                )
                engines.append(judge)
                continue
            spec, name = _check_schema(check, dirs, config.root, confine, documents)
            key = (spec, disabled)
            if key not in compiled:
                compiled[key] = _compile(
                    spec, options, dirs, config.root, notice, confine, disabled, name, documents
                )
        except SchemaProblem as problem:
            raise ConfigError(f"{check.where}: check {check.number}: {problem}") from None
        engines.append(compiled[key])
    _distinct_names(compiled)
    return engines


def _settled(plan: Plan, options: Options, notice: Callable[[str], None]) -> Plan:
    """Each engine that put off a costly native compile, told how many documents it gets (JSON
    Lines count as many: :mod:`validator.checking.cost_model`); ``--verbose`` says what each
    chose.  (A check of recordings compiles each response's schema when first needed.)"""
    from validator.checking.cost_model import EXPLORE_AT, release_walks

    engines = [e for e in plan.engines if getattr(e, "router", None) is None]
    counts: dict[int, int] = {}
    for check, entries in Counter(check for _, check in plan.entries).items():
        if getattr(plan.engines[check], "router", None) is not None:
            continue
        many = (EXPLORE_AT if plan.jsonl[check] else 1) * entries
        for one in (plan.engines[check], plan.engines[check].schema.resources):
            counts[id(one)] = counts.get(id(one), 0) + many  # the engine's, its document's
    if len(engines) == len(plan.engines):  # every entry point is measured: its walk can go
        release_walks(e.schema.resources for e in engines)
    for name, engine in {id(e): (e.schema.name, e) for e in engines}.values():
        said = engine.expect(counts.get(id(engine), 0), counts.get(id(engine.schema.resources), 0))
        if said and options.verbose:
            notice(f"{name}: {said}")
    return plan


def operation_entry(
    options: Options, dirs: tuple[Path, ...], documents: Documents | None = None
) -> tuple[str, str] | None:
    """The entry point and name of ``--openapi SPEC --operation OPERATION``'s response schema
    (:mod:`validator.contracts.operations`); None without ``--openapi``."""
    if options.openapi is None:
        for flag, value in (("--status", options.status), ("--media-type", options.media_type)):
            if value is not None and options.operation is None:
                raise UsageError(f"{flag} needs --openapi SPEC --operation OPERATION")
        if options.operation is not None:
            raise UsageError("--operation needs --openapi SPEC (the document it is in)")
        return None
    if options.schema is not None:
        raise UsageError("--openapi and --schema contradict each other: give one")
    if options.operation is None and (options.status or options.media_type):
        raise UsageError("--status and --media-type need --operation OPERATION")
    from validator.contracts.operations import entry_point

    return entry_point(
        options.openapi,
        options.operation,
        options.status,
        options.media_type,
        schema_dirs=dirs,
        documents=documents,
    )


def _check_schema(
    check: Any, dirs: tuple[Path, ...], root: Path, confine: tuple[Path, ...], documents: Any
) -> tuple[str, str | None]:
    """The schema a config check names: its ``schema``, or its ``openapi`` and ``operation``."""
    if check.openapi is None:
        return check.schema, None
    from validator.contracts.operations import entry_point

    return entry_point(
        check.openapi,
        check.operation,
        check.status,
        check.media_type,
        schema_dirs=dirs,
        base_dir=root,
        confine=confine,
        documents=documents,
        via="config",
    )


def _disabled(options: Options) -> frozenset[str]:
    """The formats ``--disable-formats`` names (:class:`UsageError` for an unknown one)."""
    if not options.disable_formats:
        return frozenset()
    from validator.checking.formats import EmptyFormat, disabled_formats

    try:
        return disabled_formats(options.disable_formats)
    except ValueError as exc:
        said = " " if isinstance(exc, EmptyFormat) else ": "  # "--disable-formats needs ..."
        raise UsageError(f"--disable-formats{said}{exc}") from None


def _distinct_names(compiled: dict[tuple[str, frozenset[str]], Any]) -> None:
    """Reports name a schema by its name (a file's stem, a pointer's last token); two different
    schemas of one name (``a/schema.json``, ``b/schema.json``) are named as the config names
    them instead, so that their documents and counts stay apart."""
    names: dict[str, int] = {}
    for engine in compiled.values():
        names[engine.schema.name] = names.get(engine.schema.name, 0) + 1
    for (spec, _), engine in compiled.items():
        if names[engine.schema.name] > 1:
            engine.schema = engine.schema._replace(name=spec)


def _gitignore(options: Options, root: Path, notice: Callable[[str], None]) -> Any:
    if options.include_ignored:
        return None
    from validator.run.selection import GitIgnore, relative, work_tree

    top = work_tree(root)
    if top is None:
        return None
    rules = GitIgnore(top, notice)
    inside = relative(str(root), top)
    # a config in a folder git ignores (a scratch copy, a benchmark's data) is not in the work
    # tree as far as git is concerned: its files are all checked
    return None if inside is not None and rules.ignored(inside, is_dir=True) else rules


def checks_of(plan: Plan) -> Iterator[tuple[str, str]]:
    """(schema name, engine judge) of each distinct engine of a plan, in check order."""
    seen: set[int] = set()
    for engine in plan.engines:
        if id(engine) not in seen:
            seen.add(id(engine))
            yield engine.schema.name, engine.judge
