"""Where schemas come from: bundled names, schema files and the files their references reach,
OpenAPI documents, model docs, pydantic models; checked against their metaschema, held in one
offline registry, linted, and walked (:mod:`~validator.contracts.schema_walk`).

May use: inputs, the ground floor.  Imports nothing itself.
"""
