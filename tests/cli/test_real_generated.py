"""Issue 22, real parts: the large generated specification of bench/openapi_spec.py at a small size
(expandable fields, nullable, enums, ``allOf``, a discriminator, a cycle), every component judged
by a config check (``schema = "api.json#/components/schemas/<Name>"``) and by its operation
(``openapi`` + ``operation = "get<Name>"``) through the installed ``casefile-validate``; every
verdict equals openapi-schema-validator's as bench/openapi_loop.py judges (OAS30Validator or
OAS31Validator, one per component, its own format checker), and the totals equal the loop's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import openapi_schema_validator as osv
import pytest
import yaml

from tests.cli.peers import script_verdicts
from tests.unit.contracts.test_documents import _generator

ROOT = Path(__file__).resolve().parents[2]


def _loop_verdicts(spec: dict[str, Any], docs: dict[str, list[Any]]) -> dict[str, bool]:
    """Each document's verdict as bench/openapi_loop.py reaches it."""
    v30 = spec["openapi"].startswith("3.0")
    cls = osv.OAS30Validator if v30 else osv.OAS31Validator
    formats = osv.oas30_format_checker if v30 else osv.oas31_format_checker
    found = {}
    for name, documents in docs.items():
        schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
        validator = cls(schema, format_checker=formats)
        for number, document in enumerate(documents):
            found[f"payloads/{name}/{number}.json"] = bool(validator.is_valid(document))
    return found


@pytest.mark.parametrize(("version", "as_yaml"), [("3.0", False), ("3.1", True)])
def test_every_component_and_operation_as_the_openapi_schema_validator_loop(
    tmp_path: Path, version: str, as_yaml: bool
) -> None:
    spec_path, docs = _generator().write_repository(tmp_path, 40, 3, 22, version, as_yaml)
    text = spec_path.read_text()
    spec = yaml.safe_load(text) if as_yaml else json.loads(text)
    peer = _loop_verdicts(spec, docs)
    assert 0 < sum(peer.values()) < len(peer) == 120  # valid and invalid documents both

    code, by_component, report = script_verdicts(tmp_path)
    assert by_component == peer
    assert code == 1
    assert len(report["summary"]["schemas"]) == 40

    operations = tmp_path / "operations.toml"
    operations.write_text(
        "".join(
            f'[[checks]]\nfiles = ["payloads/{name}/*.json"]\nopenapi = "{spec_path.name}"\n'
            f'operation = "get{name}"\n\n'
            for name in docs
        )
    )
    code, by_operation, report = script_verdicts(tmp_path, "--config", "operations.toml")
    assert by_operation == peer
    assert code == 1
    assert sorted(s["schema"] for s in report["summary"]["schemas"]) == sorted(
        f"get{name} 200" for name in docs
    )

    loop = subprocess.run(
        [sys.executable, str(ROOT / "bench/openapi_loop.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    valid = sum(peer.values())
    assert loop.stdout.split() == [str(valid), str(len(peer) - valid)]
