"""The metaschemas read from the files ``jsonschema_specifications`` ships, without importing it
(about 40 ms of start-up: its registry, ``referencing`` and ``attrs``), are the very documents its
registry holds, under the same URIs; and a run with a schema file of its own does not import it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from validator.contracts import metaschema_files


def test_the_files_read_are_the_registrys_documents() -> None:
    read = metaschema_files._from_files()
    assert len(read) == 20  # drafts 3, 4, 6, 7, and 2019-09 and 2020-12 with their vocabularies
    assert sorted(read, key=lambda pair: pair[0]) == sorted(
        metaschema_files._from_registry(), key=lambda pair: pair[0]
    )
    assert "https://json-schema.org/draft/2020-12/meta/unevaluated" in dict(read)
    assert "http://json-schema.org/draft-04/schema" in dict(read)  # its empty fragment dropped


def test_a_schema_file_run_does_not_import_the_package(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://casefiles.example/schemas/a.json",
        "type": "object",
        "properties": {"b": {"$ref": "#/$defs/b"}},
        "$defs": {"b": {"type": "string"}},
    }
    (tmp_path / "a.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "doc.json").write_text('{"b": 1}', encoding="utf-8")
    code = (
        "import sys; sys.argv = ['casefile-validate', *sys.argv[1:]]\n"
        "from validator.command.entry import command\n"
        "code = command()\n"
        "print(code, 'jsonschema_specifications' in sys.modules)\n"
    )
    argv = ["--no-config", "--no-color", "--schema", "a.json", "doc.json"]
    done = subprocess.run(
        [sys.executable, "-c", code, *argv],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=False,
        timeout=60,
    )
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "doc.json:1:7: /b: expected string, got integer 1 [/properties/b/$ref/type]"
    assert lines[-1] == "1 False"


def test_the_registry_made_of_them_is_the_packages() -> None:
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

    made = metaschema_files.metaschema_registry()
    assert sorted(made) == sorted(REGISTRY)
    assert all(made.contents(uri) == REGISTRY.contents(uri) for uri in REGISTRY)
    found = made.resolver("https://json-schema.org/draft/2020-12/schema").lookup("#meta")
    assert found.contents["$id"] == "https://json-schema.org/draft/2020-12/schema"  # crawled
