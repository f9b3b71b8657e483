"""The ``casefile-validate`` entry point: argv -> options -> run() -> exit code.

Most calls name inputs and perhaps a few options (``casefile-validate payloads/``,
``casefile-validate --jobs 1 --format json day.jsonl``).  Such arguments are read here, straight
from the options table (:data:`validator.command.options.OPTIONS`, the one the click command is
built from), and the run starts without importing click (about a tenth of the start-up).  Anything
else goes to the click command (:mod:`validator.command.cli`): ``--help``, ``--version``, every
mistake (so that its message and exit code are click's), and whatever is unusual (short flags run
together, ``--``, a value that looks like an option).

Start-up allocates some hundred thousand objects that live until the end, and none of them is
garbage: the cyclic collector is off while the modules load, and what they made is frozen
(:func:`gc.freeze`), so that no collection, the one at exit included, walks it again.  So is
what the run's plan makes (:func:`validator.run.runner._held`); the checking has the collector
as usual.
"""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from validator.command.options import Option
    from validator.run.settings import Options
__all__ = ["main"]


def _flags() -> dict[str, tuple[Option, bool]]:
    """Each spelling of each option: ``--color`` and ``--no-color`` say True and False."""
    from validator.command.options import OPTIONS

    found: dict[str, tuple[Option, bool]] = {}
    for option in OPTIONS:
        for flag in option.flags:
            on, _, off = flag.partition("/")
            found[on] = (option, True)
            if off:
                found[off] = (option, False)
    return found


def _value(option: Option, given: str) -> Any:
    """The value of an option given ``given``, or None when click must judge it (a mistake)."""
    if option.kind == "count":
        return int(given) if given.isascii() and given.isdigit() and int(given) >= 1 else None
    if option.kind == "choice":
        return given if given in option.choices else None
    if option.kind == "percent":  # a plain number from 0 to 100; anything else: click says why
        plain = given.replace(".", "", 1)
        number = float(given) if plain.isascii() and plain.isdigit() else None
        return number if number is not None and number <= 100 else None
    if option.kind == "report":
        from validator.command.options import parse_report

        try:
            return parse_report(given)
        except ValueError:
            return None
    return given


def parse_simple(argv: list[str]) -> Options | None:
    """The options of ``argv`` as the click command reads them, without click; None when click
    must read them (help, version, a mistake, anything unusual).

    Taken here: inputs (``-`` too) anywhere; the long and short spellings of the table's
    options, a flag alone, a value after its option (``--jobs 1``, ``-j 1``, ``--jobs=1``; one
    starting with ``-`` only in the ``=`` form, or ``-`` itself)."""
    flags: dict[str, tuple[Option, bool]] | None = None
    inputs: list[str] = []
    values: dict[str, Any] = {}
    at = 0
    while at < len(argv):
        arg = argv[at]
        at += 1
        if arg == "-" or not arg.startswith("-"):
            inputs.append(arg)
            continue
        name, equals, given = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        flags = _flags() if flags is None else flags
        option, on = flags.get(name, (None, False))
        if option is None:
            return None
        if option.kind in ("flag", "toggle"):
            if equals:
                return None
            values[option.name] = on
            continue
        if not equals:
            if at == len(argv) or (argv[at].startswith("-") and argv[at] != "-"):
                return None
            given = argv[at]
            at += 1
        value = _value(option, given)
        if value is None or (option.kind == "once" and option.name in values):
            return None
        if option.kind in ("many", "report"):
            values[option.name] = (*values.get(option.name, ()), value)
        else:
            values[option.name] = value
    from validator.run.settings import Options

    return Options(inputs=tuple(inputs), **values)


def _started(collecting: bool) -> None:
    """The modules are loaded: what they made lives until the end (frozen, never walked by a
    collection again), and the collector runs for what the run makes."""
    if collecting:
        gc.freeze()
        gc.enable()


def _run(argv: list[str], collecting: bool) -> int:
    options = parse_simple(argv)
    if options is not None:
        from validator.run.runner import run

        _started(collecting)
        return run(options)
    from validator.command.cli import run_command

    _started(collecting)
    return run_command(argv)


def command() -> int:
    """What the command does, to its exit code (:func:`main`, without leaving the process)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from validator.command.process import guarded, safe_streams

        safe_streams()
        return guarded(lambda: _run(sys.argv[1:], collecting))
    finally:
        if collecting:
            gc.enable()


def main() -> NoReturn:
    """Console-script entry point (Ctrl-C even during the imports is exit 130 and one line)."""
    code = command()
    from validator.command.process import leave

    leave(code)
