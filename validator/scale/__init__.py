"""What Dask and Spark share: JSON Lines files cut into parts that keep their line numbers
(:mod:`~validator.scale.file_parts`) and the per-document records the scale-out faces
(:mod:`validator.dask`, :mod:`validator.spark`) return (:mod:`~validator.scale.records`).

May use: report, checking, contracts, inputs, the ground floor.  Imports nothing itself.
"""
