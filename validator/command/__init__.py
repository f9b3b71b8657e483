"""The console scripts: argv -> options -> :func:`validator.run.runner.run` -> exit code.

``casefile-validate`` (:mod:`~validator.command.entry`, the click command in
:mod:`~validator.command.cli`, its options defined once as data in
:mod:`~validator.command.options`) and ``casefile-schemas`` (:mod:`~validator.command.schemas`);
:mod:`~validator.command.process` is what the command does as a process (streams, Ctrl-C, a closed
pipe).

May use every wing below: run, scale, report, checking, contracts, inputs, and the ground floor.
Imports nothing itself (start-up time is a feature).
"""
