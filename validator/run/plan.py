"""The plan of a run: which inputs, judged by which check's schema.

Without a config (or with ``--schema``) every input is judged by one schema.  With a config
(:mod:`validator.run.config`) and no ``--schema``:

* no INPUT: every check's ``files`` globs are matched against the files below the config's
  folder (what git ignores and what ``exclude`` names are not entered), check by check; a file
  is judged by the first check that matches it; a check that matches nothing is a warning;
* INPUTs (as pre-commit passes them): each file (directories are searched as usual) is judged by
  the first check whose ``files`` match it and whose ``exclude`` does not; one that no check
  matches is skipped and counted.

The global ``exclude`` (the config's, relative to its folder, and ``--exclude``, relative to the
working directory) applies to every input.  Each distinct schema is loaded and compiled once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from validator.contracts.catalog import DEFAULT_SCHEMA
from validator.inputs.sources import Item, expand
from validator.problems import SchemaProblem
from validator.run.discover import ConfigError, find_config
from validator.run.tasks import Entry

if TYPE_CHECKING:
    from pathlib import Path

    from validator.run.config import Check, Config
    from validator.run.settings import Options

__all__ = ["Plan", "UsageError", "checks_of", "make_plan"]


class UsageError(Exception):
    """Options that contradict each other, or an input a config cannot place (exit 2)."""


class Plan:
    """The compiled engine of each check (checks sharing a schema share its engine), whether
    each reads its inputs as JSON Lines, the inputs with their check, and how many inputs no
    check matches.  (A plain class: a named tuple costs more to define at every start-up.)"""

    __slots__ = ("engines", "entries", "jsonl", "skipped", "strict")

    def __init__(
        self, engines: list[Any], jsonl: list[bool], entries: list[Entry], skipped: int = 0
    ) -> None:
        self.engines = engines
        self.jsonl = jsonl
        self.entries = entries
        self.skipped = skipped
        self.strict: tuple[int, ...] = ()
        """The checks whose config asks for the strict profile (``strict = true``)."""


def _compile(
    spec: str,
    options: Options,
    dirs: tuple[Path, ...],
    base: Path | None,
    notice: Callable[[str], None],
    confine: tuple[Path, ...] | None = None,
    disabled: frozenset[str] = frozenset(),
) -> Any:
    """Load (paths relative to ``base``, names also looked up in ``dirs``, the file inside one
    of the ``confine`` folders if given), compile without the ``disabled`` formats and lint (a
    warning on stderr for each finding; never for an unchanged bundled schema)."""
    from validator.checking.engine import compile_schema
    from validator.contracts.catalog import is_bundled, load_schema

    schema = load_schema(spec, schema_dirs=dirs, base_dir=base, confine=confine)
    judged = schema
    if disabled:
        from validator.checking.formats import without_formats

        judged = without_formats(schema, disabled)
    engine = compile_schema(judged, engine=options.engine, cross_check=options.cross_check)
    if not is_bundled(schema):  # a schema that cannot be used gets its error alone
        from validator.contracts.lint import lint_schema

        for warning in lint_schema(schema):
            notice(f"warning: {warning}")
    return engine


def _config(options: Options) -> Config | None:
    if options.config is not None and options.no_config:
        raise UsageError("--config and --no-config contradict each other")
    if options.no_config:
        return None
    path = options.config if options.config is not None else find_config()
    if path is None:
        return None
    if options.config is not None and not os.path.isfile(path):
        raise ConfigError(f"{path}: no such config file")
    if options.config is None and os.path.islink(path):  # found, not named: the repository's
        from validator.inputs.boundary import inside, real

        folder = os.path.dirname(os.path.abspath(path))
        if not inside(path, real(folder)):
            shown = os.path.relpath(path)
            raise ConfigError(f"{shown}: not read: a link that leads outside its folder {folder}")
    from validator.run.config import load_config

    return load_config(path)


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


def _shown(root: Path) -> str:
    """How paths below ``root`` are named in reports: relative to the working directory when
    they are inside it."""
    rel = os.path.relpath(root)
    if rel == os.curdir:
        return ""
    return (str(root) if rel.startswith(os.pardir) else rel) + os.sep


def make_plan(options: Options, notice: Callable[[str], None]) -> Plan:
    """The plan for ``options``; :class:`ConfigError`, :class:`UsageError` or
    :class:`~validator.problems.SchemaProblem` when there is none."""
    config = _config(options)
    dirs: tuple[Path, ...] = ()
    if options.schema_dirs:  # pathlib is not needed otherwise (nor imported: start-up)
        from pathlib import Path

        dirs = tuple(Path(os.path.abspath(d)) for d in options.schema_dirs)
    dirs += config.schema_dirs if config else ()
    excludes = _excludes(options, config) if options.exclude or (config and config.exclude) else []
    given = _disabled(options)
    if options.schema is not None or config is None or not config.checks:
        disabled = given | (config.disable_formats if config else frozenset())
        spec = options.schema or DEFAULT_SCHEMA
        engine = _compile(spec, options, dirs, None, notice, disabled=disabled)
        named = expand(options.inputs or ("-",), notice)
        if excludes:
            named = (e for e in named if not _excluded(e, excludes))
        entries: list[Entry] = [(e, 0) for e in named]
        return Plan([engine], [options.jsonl], entries)
    engines: list[Any] = []
    compiled: dict[tuple[str, frozenset[str]], Any] = {}
    confine = (config.root, *dirs[: len(options.schema_dirs)])  # and the command line's dirs
    for check in config.checks:
        if check.schema.startswith("py:") and not options.allow_config_code:
            raise ConfigError(
                f'{check.where}: check {check.number}: "schema" {check.schema!r} would import '
                "Python code from the repository (code execution): refused; give "
                "--allow-config-code on the command line to allow it"
            )
        disabled = given | check.disable_formats
        key = (check.schema, disabled)
        if key not in compiled:
            try:
                compiled[key] = _compile(
                    check.schema, options, dirs, config.root, notice, confine, disabled
                )
            except SchemaProblem as problem:
                raise ConfigError(f"{check.where}: check {check.number}: {problem}") from None
        engines.append(compiled[key])
    _distinct_names(compiled)
    jsonl = [options.jsonl or check.jsonl for check in config.checks]
    gitignore = _gitignore(options, config.root, notice)
    if options.inputs:
        entries, skipped = _placed(options, config, excludes, gitignore, notice)
        made = Plan(engines, jsonl, entries, skipped)
    else:
        made = Plan(engines, jsonl, _found(config, excludes, gitignore, notice))
    made.strict = tuple(index for index, check in enumerate(config.checks) if check.strict)
    return made


def _disabled(options: Options) -> frozenset[str]:
    """The formats ``--disable-formats`` names (:class:`UsageError` for an unknown one)."""
    if not options.disable_formats:
        return frozenset()
    from validator.checking.formats import disabled_formats

    try:
        return disabled_formats(options.disable_formats)
    except ValueError as exc:
        raise UsageError(f"--disable-formats: {exc}") from None


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


def _excluded(entry: str | Item, excludes: list[Any]) -> bool:
    name = entry.source if isinstance(entry, Item) else entry
    return name != "-" and any(globs.match(name) for globs in excludes)


def _matches(check: Check, globs: dict[int, tuple[Any, Any]], rel: str) -> bool:
    files, exclude = globs[check.number]
    return bool(files.match_relative(rel)) and not (exclude and exclude.match_relative(rel))


def _check_globs(config: Config) -> dict[int, tuple[Any, Any]]:
    from validator.run.selection import Globs

    root = config.root
    return {
        c.number: (Globs(c.files, root), Globs(c.exclude, root) if c.exclude else None)
        for c in config.checks
    }


def _placed(
    options: Options,
    config: Config,
    excludes: list[Any],
    gitignore: Any,
    notice: Callable[[str], None],
) -> tuple[list[Entry], int]:
    from validator.run.selection import relative

    globs = _check_globs(config)
    entries: list[Entry] = []
    skipped = 0
    for name in options.inputs:
        if name == "-":
            raise UsageError("standard input matches no check of the config: give --schema")
        walked = os.path.isdir(name)
        for entry in expand([name], notice):
            path = entry.source if isinstance(entry, Item) else entry
            ignored = walked and gitignore is not None and gitignore.ignored_path(path)
            if ignored or _excluded(entry, excludes):
                continue
            rel = relative(path, config.root)
            index = next(
                (k for k, c in enumerate(config.checks) if rel and _matches(c, globs, rel)), None
            )
            if index is None:
                skipped += 1
            else:
                entries.append((entry, index))
    return entries, skipped


def _found(
    config: Config, excludes: list[Any], gitignore: Any, notice: Callable[[str], None]
) -> list[Entry]:
    from validator.run.selection import walk

    globs = _check_globs(config)
    own = next((g for g in excludes if g.root == config.root), None)
    others = [g for g in excludes if g is not own]
    prefix = _shown(config.root)
    tests = [(k, *globs[check.number]) for k, check in enumerate(config.checks)]
    found: list[list[str]] = [[] for _ in config.checks]
    outside: set[str] = set()  # links whose target lies outside the config's folder
    files = list(walk(config.root, own, gitignore, outside))
    for rel in files:  # each file to the first check that matches it
        for index, wanted, unwanted in tests:
            if wanted.match_relative(rel) and not (unwanted and unwanted.match_relative(rel)):
                found[index].append(rel)
                break
    entries: list[Entry] = []
    for index, check in enumerate(config.checks):
        if not found[index] and not any(_matches(check, globs, rel) for rel in files):
            notice(f"warning: {check.files_at}: check {check.number} matches no file")
        for rel in found[index]:
            path = prefix + rel
            if not others or not any(g.match(path) for g in others):
                entries.append((_outside(path, config.root) if rel in outside else path, index))
    return entries


def _outside(path: str, root: Path) -> Item:
    """The input of a link found by a glob whose target lies outside the config's folder."""
    from validator.inputs.sources import outside_message

    return Item(path, 1, None, outside_message(str(root), "the config's folder"))


def checks_of(plan: Plan) -> Iterator[tuple[str, str]]:
    """(schema name, engine judge) of each distinct engine of a plan, in check order."""
    seen: set[int] = set()
    for engine in plan.engines:
        if id(engine) not in seen:
            seen.add(id(engine))
            yield engine.schema.name, engine.judge
