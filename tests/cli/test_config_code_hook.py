"""A ``py:`` schema in a pre-commit hook: the refusal names the hook's ``args:``, and a module
the models import that is missing names ``additional_dependencies``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console import run_script as validate

pytest.importorskip("pydantic")

CONFIG = '[[checks]]\nfiles = ["*.json"]\nschema = "py:casefile_hook_models:M"\n'


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".casefile-validate.toml").write_text(CONFIG)
    (tmp_path / "d.json").write_text('{"a": 1}\n')
    (tmp_path / "casefile_hook_models.py").write_text(
        "import pydantic\nimport casefile_hook_missing_dep\n\n\n"
        "class M(pydantic.BaseModel):\n    a: int\n"
    )
    return tmp_path


def test_the_refusal_says_how_a_pre_commit_hook_allows_it(repo: Path) -> None:
    result = validate(repo, "--pre-commit", "d.json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        'casefile-validate: config error: .casefile-validate.toml:3:1: check 1: "schema" '
        "'py:casefile_hook_models:M' would import Python code from the repository (code "
        "execution): refused; give --allow-config-code on the command line to allow it (in a "
        "pre-commit hook: args: [--allow-config-code])\n"
    )


def test_a_missing_import_of_the_models_names_additional_dependencies(repo: Path) -> None:
    result = validate(repo, "--pre-commit", "--allow-config-code", "d.json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:3:1: check 1: "
        "py:casefile_hook_models:M: cannot import casefile_hook_models: ModuleNotFoundError: No "
        "module named 'casefile_hook_missing_dep' (casefile_hook_models imports it: install it; "
        "in a pre-commit hook, add the package that provides it to additional_dependencies)\n"
    )
