"""The report stage: one module per output format, chosen by name from
:data:`validator.report.registry.REPORTERS`.

A reporter receives every :class:`~validator.problems.DocumentResult` in input order, then the
:class:`~validator.problems.Summary`; it writes to the text stream it was given and never decides
the exit code.

The package itself holds nothing (so that importing a format never imports the others):
:mod:`~validator.report.base` defines what a reporter is, :mod:`~validator.report.registry` finds
one by name, :mod:`~validator.report.common` words what every format shares,
:mod:`~validator.report.groups` counts failures by kind, :mod:`~validator.report.files` writes
report files whole.

May use: checking, contracts, inputs, the ground floor (in practice only the records of
:mod:`validator.problems` and the names of :mod:`validator.inputs.sources`).
"""
