"""What the real-specification tests share (tests/cli/test_real_*.py): the installed script's
verdicts document by document, read from its JSON report, and openapi-schema-validator's on the
same response schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.console import run_script

Verdicts = dict[str, bool]
"""A document's path (relative to the run's folder) -> valid or not."""


def script_verdicts(cwd: Path, *args: str) -> tuple[int, Verdicts, dict[str, Any]]:
    """The exit code of ``casefile-validate --format json ARGS`` in ``cwd``, each document's
    verdict, and the whole report."""
    done = run_script(cwd, "--format", "json", *args)
    assert done.returncode in (0, 1), done.stderr
    assert done.stderr == ""
    report = json.loads(done.stdout)
    verdicts = {d["source"]: d["valid"] for d in report["documents"]}
    assert len(verdicts) == len(report["documents"])  # one document per file
    return done.returncode, verdicts, report


def valid_ones(verdicts: Verdicts) -> list[str]:
    """The documents judged valid, sorted."""
    return sorted(name for name, valid in verdicts.items() if valid)


def per_schema(report: dict[str, Any]) -> dict[str, int]:
    """The documents each schema judged, from a JSON report's summary."""
    return {s["schema"]: s["documents"] for s in report["summary"]["schemas"]}


def peer_verdict(validator: Any, document: Any) -> bool:
    """openapi-schema-validator's verdict (``validator``: an OAS30Validator or OAS31Validator)."""
    return bool(validator.is_valid(document))


def response_pointer(
    spec: dict[str, Any], operation: str, status: str, media: str = "application/json"
) -> str:
    """The JSON Pointer of ``operation``'s response ``status`` (``media``) in ``spec``, found by
    operationId, a ``$ref`` response followed (within the document)."""
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation:
                response = op["responses"][status]
                if "$ref" in response:
                    name = response["$ref"].rpartition("/")[2]
                    base = f"/components/responses/{name}"
                else:
                    escaped = path.replace("~", "~0").replace("/", "~1")
                    base = f"/paths/{escaped}/{method}/responses/{status}"
                return f"{base}/content/{media.replace('/', '~1')}/schema"
    raise LookupError(operation)


def wrapped(spec: dict[str, Any], pointer: str) -> dict[str, Any]:
    """A root schema for openapi-schema-validator that refers to ``pointer`` in ``spec`` (the
    document's other members are unknown keywords there, ignored)."""
    return {**spec, "$ref": f"#{pointer}"}


def write_documents(root: Path, documents: dict[str, Any]) -> None:
    """Each document as pretty JSON (two spaces) at its relative path under ``root``."""
    for name, document in documents.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2) + "\n")
