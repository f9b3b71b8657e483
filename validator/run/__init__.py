"""One run: the plan (config, globs, ignore rules, checks), its tasks, the executors that check
them (this process, ``--jobs`` workers, a Dask cluster) and the runner that hands their outcomes to
the reports, in order.

May use: scale, report, checking, contracts, inputs, the ground floor.  Never the command wing
above it: the record a run receives is :class:`validator.run.settings.Options`.
Imports nothing itself.
"""
