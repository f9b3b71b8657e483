"""The configuration of a repository: which files each schema judges (found by
:func:`validator.run.discover.find_config`, re-exported here).

Keys (in ``[tool.casefile-validate]``, or at the top of ``.casefile-validate.toml``):
``schema-dirs`` (folders searched for schema names), ``exclude`` (globs skipped everywhere),
``disable-formats`` (format names not checked, or ``all``), ``min-coverage`` (what
``--min-coverage`` says, for runs with an OpenAPI document and recordings) and ``checks``, a list of
tables (``[[tool.casefile-validate.checks]]``), each with ``files`` (globs, required), ``schema``
(anything ``--schema`` takes, required), ``exclude``, ``jsonl``, ``yaml`` (every file as YAML),
``strict`` (the strict profile for the check's documents: warnings are errors) and
``disable-formats`` (added to the top level's).
Globs and paths are relative to the config's folder.  A mistake is a :class:`ConfigError` (exit 2)
that names the file, line and column.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any, NamedTuple

from validator.run.config_hints import unknown_keys
from validator.run.config_places import element_position, formats_of
from validator.run.discover import CONFIG_FILE, PYPROJECT, ConfigError, find_config

__all__ = [
    "CHECK_KEYS",
    "CONFIG_FILE",
    "TOP_KEYS",
    "Check",
    "Config",
    "ConfigError",
    "find_config",
    "key_position",
    "load_config",
]

TABLE = ("tool", "casefile-validate")
TOP_KEYS = ("schema-dirs", "exclude", "disable-formats", "min-coverage", "checks")
CHECK_KEYS = (
    *("files", "schema", "exclude", "jsonl", "yaml", "strict", "disable-formats"),
    *("openapi", "operation", "status", "media-type", "base-url", "undocumented"),
)


class Check(NamedTuple):
    """One ``[[checks]]`` table: ``number`` counts from 1; ``where`` and ``files_at`` are the
    ``FILE:LINE:COLUMN`` of its ``schema`` and ``files`` keys."""

    number: int
    files: tuple[str, ...]
    schema: str
    exclude: tuple[str, ...] = ()
    jsonl: bool = False
    where: str = ""
    files_at: str = ""
    strict: bool = False
    disable_formats: frozenset[str] = frozenset()
    """The formats not checked for this check's documents (the top level's too)."""
    openapi: str | None = None
    """An OpenAPI document instead of ``schema``: its ``operation``'s response judges (with
    ``status`` and ``media_type``; see :mod:`validator.contracts.operations`)."""
    operation: str | None = None
    status: str | None = None
    media_type: str | None = None
    base_urls: tuple[str, ...] = ()
    """With ``openapi`` and no ``operation`` (a check of recordings): the URLs the API was
    served at, in place of the document's servers."""
    undocumented: str | None = None
    """A check of recordings: ``warning`` makes undocumented endpoints and status codes warnings."""
    yaml: bool = False
    """Every file of the check is read as YAML, whatever its name (``yaml = true``)."""


class Config(NamedTuple):
    """A configuration: its file, the folder its globs and paths are relative to, and its keys."""

    path: Path
    root: Path
    schema_dirs: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    disable_formats: frozenset[str] = frozenset()
    """The top level's ``disable-formats`` (see
    :func:`validator.checking.formats.disabled_formats`)."""
    min_coverage: float | None = None
    """The top level's ``min-coverage`` (a percentage; ``--min-coverage`` wins over it)."""


def _show(path: Path) -> str:
    from validator.contracts.schema_positions import shown

    return shown(path)


def _toml(path: Path, text: str) -> dict[str, Any]:
    import importlib

    try:
        tomllib: Any = importlib.import_module("tomllib")
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        tomllib = importlib.import_module("tomli")
    try:
        parsed: dict[str, Any] = tomllib.loads(text)
    except RecursionError:  # arrays or tables nested thousands deep
        raise ConfigError(f"{_show(path)}: invalid TOML: values nested too deeply") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        if found:
            where = f"{found.group(1)}:{found.group(2)}"
            message = message[: found.start()]
        else:
            where = f"{max(1, text.count(chr(10)) + (not text.endswith(chr(10))))}:1"
            message = re.sub(r"\s*\(at end of document\)$", "", message)
        raise ConfigError(f"{_show(path)}:{where}: invalid TOML: {message}") from None
    return parsed


def _section(path: Path, text: str) -> dict[str, Any] | None:
    """The casefile-validate table of a file (the whole file for .casefile-validate.toml)."""
    parsed = _toml(path, text)
    if path.name != PYPROJECT:
        return parsed
    tool = parsed.get("tool")
    table = tool.get("casefile-validate") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


# --- where a key is in the text -----------------------------------------------------------------

_HEADER = r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$"
_KEY = r"""\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[.=]"""


def _parts(name: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in name.split("."))


def key_position(
    text: str, table: tuple[str, ...], key: str | None, index: int | None = None
) -> tuple[int, int]:
    """(line, column) of ``key`` in ``table`` (the ``index``-th, from 0, when the table is an array
    of tables; ``key`` None: the table's header; a key given by a header of its own, as
    ``[key.sub]``: that header); the table's header, else (1, 1), when not found."""
    regions = _layout(text).get(table, [])
    chosen = regions if index is None else regions[index : index + 1]
    for _, keys in chosen:
        if key is not None and key in keys:
            return keys[key]
    for name, found in _layout(text).items() if key is not None else ():  # [key.sub] headers
        if name[: len(table) + 1] == (*table, key) and found[0][0] is not None:
            return found[0][0]
    header = chosen[-1][0] if chosen and table else None
    return header or (1, 1)


@functools.lru_cache(maxsize=4)
def _layout(text: str) -> dict[tuple[str, ...], list[tuple[tuple[int, int] | None, Keys]]]:
    """Each table of the text (the top, before any header, is ``()``), each time it occurs: its
    header's position and where each key in it first is; read once per text (a config of many
    checks asks for a position per key of each)."""
    keys: Keys = {}
    regions: dict[tuple[str, ...], list[tuple[tuple[int, int] | None, Keys]]] = {(): [(None, keys)]}
    for number, line in enumerate(text.splitlines(), 1):
        match = re.match(_HEADER, line)
        if match and not line.lstrip().startswith("#"):
            keys = {}
            header = (number, line.index("[") + 1)
            regions.setdefault(_parts(match.group(2)), []).append((header, keys))
            continue
        found = re.match(_KEY, line)
        if found:
            column = line.index(found.group(0).strip()[0]) + 1
            for name in found.groups():
                if name is not None:
                    keys.setdefault(name, (number, column))
    return regions


Keys = dict[str, tuple[int, int]]


# --- reading ------------------------------------------------------------------------------------


def _strings(value: Any, name: str, at: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{at}: {name} must be a string or a list of strings")


def _globs(value: Any, name: str, at: str) -> tuple[str, ...]:
    """:func:`_strings`, each a glob git can match something with."""
    from validator.run.selection import BadGlob
    from validator.run.wildmatch import BadPattern, check_glob

    globs = _strings(value, name, at)
    for glob in globs:
        try:
            check_glob(glob)
        except BadPattern as problem:
            raise ConfigError(f"{at}: {name}: {BadGlob(glob, problem)}") from None
    return globs


def _folders(root: Path, dirs: tuple[str, ...], at: str) -> tuple[Path, ...]:
    """The ``schema-dirs``, each inside the config's folder (links resolved)."""
    from validator.inputs.boundary import inside, real

    boundary = real(root)
    for folder in dirs:
        if not inside(root / folder, boundary):
            raise ConfigError(
                f'{at}: "schema-dirs" entry {folder!r} leads outside the config\'s folder '
                f"{root}: not read"
            )
    return tuple(root / d for d in dirs)


def _read(path: Path, shown: str) -> str:
    """The text of a config file: a regular file of at most
    :data:`~validator.inputs.boundary.MAX_CONFIG_BYTES`, in UTF-8."""
    from validator.inputs.boundary import MAX_CONFIG_BYTES, read_regular

    try:
        return read_regular(path, MAX_CONFIG_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise ConfigError(f"{shown}: cannot read the config: {reason or exc}") from None


def _formats(value: Any, at: Any) -> frozenset[str]:
    """``disable-formats``, each element placed (``at(index)``)."""
    return formats_of(value, _strings(value, '"disable-formats"', at(None)), at)


def _percent(value: Any, at: str) -> float | None:
    """The ``min-coverage`` value: a number from 0 to 100 (None when absent)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ConfigError(f'{at}: "min-coverage" must be a number from 0 to 100')
    return float(value)


def _operation(raw: dict[str, Any], name: str, inside: Any) -> tuple[str | None, ...]:
    """A check's ``openapi``, ``operation``, ``status`` and ``media-type`` (empty: no
    ``openapi``)."""
    keys = ("openapi", "operation", "status", "media-type")
    if "openapi" not in raw:
        for key in (*keys[1:], "base-url", "undocumented"):
            if key in raw:
                raise ConfigError(f'{inside(key)}: {name}: "{key}" needs "openapi" (a document)')
        return ()
    values: list[str | None] = []
    for key in keys:
        value = raw.get(key)
        if key == "status" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # status = 201
        if value is not None and (not isinstance(value, str) or not value):
            kind = 'a status code (201, or a string: "2XX", "default")'
            said = kind if key == "status" else "a non-empty string"
            raise ConfigError(f'{inside(key)}: {name}: "{key}" must be {said}')
        values.append(value)
    if values[1] is None:  # a check of recordings
        for key in ("status", "media-type", "jsonl"):  # jsonl: payloads
            if key in raw:
                raise ConfigError(f'{inside(key)}: {name}: "{key}" needs "operation"')
    for key in ("base-url", "undocumented"):
        if key in raw and values[1] is not None:
            raise ConfigError(
                f'{inside(key)}: {name}: "{key}" is for recordings (a check without "operation")'
            )
    return tuple(values)


def _named_by(values: tuple[str | None, ...]) -> dict[str, Any]:
    """The fields of a check that :func:`_operation`'s values give."""
    return dict(zip(("openapi", "operation", "status", "media_type"), values, strict=False))


def _recording_keys(raw: dict[str, Any], name: str, inside: Any) -> dict[str, Any]:
    """A check of recordings' ``base-url`` and ``undocumented``."""
    urls = _strings(raw.get("base-url", []), '"base-url"', inside("base-url"))
    for url in urls:
        from validator.contracts.base_urls import base_url_problem

        said = base_url_problem(url)
        if said is not None:
            raise ConfigError(f'{inside("base-url")}: {name}: "base-url" {url}: {said}')
    undocumented = raw.get("undocumented")
    if undocumented is not None and undocumented not in ("error", "warning"):
        raise ConfigError(
            f'{inside("undocumented")}: {name}: "undocumented" must be "error" or "warning"'
        )
    return {"base_urls": urls, "undocumented": undocumented}


Table = tuple[str, ...]
Item = int | None


def _no_table(text: str, table: Table, shown: str) -> ConfigError:
    """The error of a config without this tool's table (a misnamed one named)."""
    from validator.run.discover import strays

    line, column = key_position(text, (), None)
    near = strays(text) if table else []
    if near:  # a misnamed table: name it
        line, column = near[0][0], 1
    tip = f": [tool.{near[0][1]}] is not read; did you mean [tool.casefile-validate]?"
    tip = tip if near else ""
    return ConfigError(f"{shown}:{line}:{column}: no [tool.casefile-validate] table{tip}")


def load_config(path: str | Path) -> Config:
    """Read and check a configuration file (:class:`ConfigError` on any mistake)."""
    path = Path(path)
    shown = _show(path)
    text = _read(path, shown)
    table = TABLE if path.name == PYPROJECT else ()
    section = _section(path, text)
    if section is None:
        raise _no_table(text, table, shown)

    def at(key: str | None, index: int | None = None, sub: Table = (), item: Item = None) -> str:
        line, column = key_position(text, table + sub, key, index)
        if item is not None:  # an element of the key's array
            line, column = element_position(text, line, column, item) or (line, column)
        return f"{shown}:{line}:{column}"

    def element(check: int | None, item: int | None) -> str:  # of disable-formats
        return at("disable-formats", check, ("checks",) if check is not None else (), item)

    heading = "[tool.casefile-validate]" if table else shown
    unknown_keys(section, TOP_KEYS, at, heading, whole=not table)
    root = Path(os.path.abspath(path)).parent
    dirs = _strings(section.get("schema-dirs", []), '"schema-dirs"', at("schema-dirs"))
    schema_dirs = _folders(root, dirs, at("schema-dirs"))
    exclude = _globs(section.get("exclude", []), '"exclude"', at("exclude"))
    formats = _formats(section.get("disable-formats", []), functools.partial(element, None))
    minimum = _percent(section.get("min-coverage"), at("min-coverage"))
    raw_checks = section.get("checks", [])
    if not isinstance(raw_checks, list) or not all(isinstance(c, dict) for c in raw_checks):
        raise ConfigError(f'{at("checks")}: "checks" must be a list of tables ([[checks]])')
    checks = []
    for number, raw in enumerate(raw_checks, 1):

        def inside(key: str | None, index: int = number - 1) -> str:
            return at(key, index, ("checks",))

        name = f"check {number}"
        unknown_keys(raw, CHECK_KEYS, inside, name)
        if "files" not in raw:
            raise ConfigError(f'{inside(None)}: {name} has no "files" (globs of the files)')
        files = _globs(raw["files"], '"files"', inside("files"))
        if not files:
            raise ConfigError(f'{inside("files")}: {name}: "files" is empty')
        named_by = _operation(raw, name, inside)
        schema = raw.get("schema", "" if named_by else None)
        if named_by and "schema" in raw:
            raise ConfigError(f'{inside("schema")}: {name}: "schema" and "openapi" contradict')
        if not isinstance(schema, str) or (not schema and not named_by):
            where = inside("schema" if "schema" in raw else None)
            raise ConfigError(f'{where}: {name} needs "schema", a schema name or file as a string')
        jsonl = raw.get("jsonl", False)
        if not isinstance(jsonl, bool):
            raise ConfigError(f'{inside("jsonl")}: {name}: "jsonl" must be true or false')
        strict, yaml = raw.get("strict", False), raw.get("yaml", False)
        for key, value in (("strict", strict), ("yaml", yaml)):
            if not isinstance(value, bool):
                raise ConfigError(f'{inside(key)}: {name}: "{key}" must be true or false')
        if yaml and jsonl:
            raise ConfigError(f'{inside("yaml")}: {name}: "yaml" and "jsonl" contradict')
        check_exclude = _globs(raw.get("exclude", []), '"exclude"', inside("exclude"))
        own = _formats(raw.get("disable-formats", []), functools.partial(element, number - 1))
        checks.append(
            Check(
                number,
                files,
                schema,
                check_exclude,
                jsonl,
                inside(("operation" if named_by[1] else "openapi") if named_by else "schema"),
                inside("files"),
                strict,
                own | formats,
            )._replace(**_named_by(named_by), **_recording_keys(raw, name, inside), yaml=yaml)
        )
    return Config(path, root, schema_dirs, exclude, tuple(checks), formats, minimum)
