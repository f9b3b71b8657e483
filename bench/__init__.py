"""The side-by-side benchmark of ``casefile-validate`` (run it with ``python3 bench/run.py``; see
bench/README.md). Standard library only: any Python >= 3.10 runs it, and it makes its own venvs.

One module per goal (``goal1_cold_start`` ... ``goal6_jobs``, each ``run(bench)``), on shared
parts: ``workloads`` (the seeded data sets), ``peers`` (installing the tools), ``timing``
(commands, checked warm-up runs, interleaved timed runs), ``memory`` (peak RSS and the PSS of a
process tree), ``table`` (rows and rendering), ``context`` (the state the goals share) and
``main`` (options, the run, the report)."""
