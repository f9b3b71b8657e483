"""One run for the whole repository: the config's checks, the inputs each one judges, the files
skipped, and one report naming the schema that judged each document."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from validator.command.cli import run_command
from validator.run.runner import run
from validator.run.settings import Options

ADD = "AddSessionToCasefileResponse"
OTHER = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Other",
    "type": "object",
    "required": ["id"],
}
CONFIG = """\
[project]
name = "demo"

[tool.casefile-validate]
exclude = ["node_modules/**"]

[[tool.casefile-validate.checks]]
files = ["payloads/add/**/*.json"]
schema = "AddSessionToCasefileResponse"

[[tool.casefile-validate.checks]]
files = ["payloads/other/*.json", "build/*.json", "logs/*.log"]
exclude = ["payloads/other/draft-*.json"]
schema = "contracts/other.json"
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree with a config of two checks, run from its top."""
    root = tmp_path / "repo"
    for folder in [".git", "payloads/add/x", "payloads/other", "build", "node_modules/p"]:
        (root / folder).mkdir(parents=True)
    (root / "contracts").mkdir()
    (root / "contracts" / "other.json").write_text(json.dumps(OTHER))
    (root / "pyproject.toml").write_text(CONFIG)
    (root / ".gitignore").write_text("build/\n")
    shutil.copy(EXAMPLES / "valid_completed.json", root / "payloads/add/x/a.json")
    shutil.copy(EXAMPLES / "invalid_missing_payload.json", root / "payloads/add/b.json")
    (root / "payloads/other/c.json").write_text('{"id": 1}')
    (root / "payloads/other/d.json").write_text('{"x": 1}')
    (root / "payloads/other/draft-e.json").write_text("{}")
    (root / "build/f.json").write_text("{}")
    (root / "node_modules/p/g.json").write_text("{}")
    (root / "README.md").write_text("# demo\n")
    monkeypatch.chdir(root)
    return root


def _run(**fields: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(jobs=1, **fields), out=out, err=err)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run_command(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


B_LINES = (
    'payloads/add/b.json:1:1: /: missing required property "payload" [/required]\n'
    'payloads/add/b.json:2:17: /request_id: "urn:uuid:6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b" '
    "is not a valid uuid [/properties/request_id/format] (headline)\n"
)
D_LINE = 'payloads/other/d.json:1:1: /: missing required property "id" [/required]\n'


def test_no_input_checks_every_checks_files(repo: Path) -> None:
    code, out, err = _run()
    assert (code, err) == (1, "")
    assert out == (
        B_LINES
        + D_LINE
        + "\n"
        + "Failures by kind, most frequent first (3 kinds in 2 failed documents):\n"
        + f'  [/required] missing required property "payload" (schema {ADD})\n'
        + "    1 document: payloads/add/b.json:1\n"
        + f"  [/properties/request_id/format] <value> is not a valid uuid (schema {ADD})\n"
        + "    1 document: payloads/add/b.json:2\n"
        + '  [/required] missing required property "id" (schema other)\n'
        + "    1 document: payloads/other/d.json:1\n"
        + "By schema:\n"
        + f"  {ADD}: 2 documents: 1 valid, 1 invalid, 0 unreadable\n"
        + "  other: 2 documents: 1 valid, 1 invalid, 0 unreadable\n"
        + "4 documents: 2 valid, 2 invalid, 0 unreadable\n"
    )


def test_verbose_names_the_schema_of_every_document(repo: Path) -> None:
    code, out, _ = _run(verbose=True, inputs=("payloads",))
    assert code == 1
    assert out.splitlines()[:7] == [
        f"payloads/add/b.json: invalid, 2 problems (schema {ADD})",
        *B_LINES.splitlines(),
        f"payloads/add/x/a.json: valid (schema {ADD})",
        "payloads/other/c.json: valid (schema other)",
        "payloads/other/d.json: invalid, 1 problem (schema other)",
        D_LINE.rstrip("\n"),
    ]


def test_inputs_are_judged_by_the_check_that_matches_them(repo: Path) -> None:
    outside = repo.parent / "outside.json"
    outside.write_text("{}")
    inputs = (
        "payloads/other/d.json",
        "README.md",  # no check
        "payloads/other/draft-e.json",  # the check's exclude
        str(outside),  # outside the config's folder
        "payloads/add/x/a.json",
    )
    code, out, err = _run(inputs=inputs, quiet=True)
    assert (code, err) == (1, "")
    assert out == (
        "By schema:\n"
        f"  {ADD}: 1 document: 1 valid, 0 invalid, 0 unreadable\n"
        "  other: 1 document: 0 valid, 1 invalid, 0 unreadable\n"
        "3 inputs skipped (no check matches them)\n"
        "2 documents: 1 valid, 1 invalid, 0 unreadable\n"
    )
    code, out, _ = _run(inputs=("README.md",))
    assert code == 0
    assert out.endswith(
        "1 input skipped (no check matches it)\n0 documents: 0 valid, 0 invalid, 0 unreadable\n"
    )


def test_json_sarif_and_junit_name_the_schema_and_its_engine(repo: Path) -> None:
    code, out, _ = _run(format="json", inputs=("payloads/other", "README.md"))
    assert code == 1
    report = json.loads(out)
    assert [(d["source"], d["schema"]) for d in report["documents"]] == [
        ("payloads/other/c.json", "other"),
        ("payloads/other/d.json", "other"),
    ]
    assert report["summary"]["schemas"] == [
        {
            "schema": ADD,
            "engine": "fast",
            "documents": 0,
            "valid": 0,
            "invalid": 0,
            "unreadable": 0,
        },
        {
            "schema": "other",
            "engine": "fast",
            "documents": 2,
            "valid": 1,
            "invalid": 1,
            "unreadable": 0,
        },
    ]
    assert report["summary"]["skipped"] == 2  # README.md, and draft-e.json: its check excludes it
    assert [g["schema"] for g in report["summary"]["groups"]] == ["other"]
    from tests.unit.report.test_report_sarif import assert_valid_sarif

    _, out, _ = _run(format="sarif", inputs=("payloads/other/d.json", "README.md"))
    assert_valid_sarif(json.loads(out))
    [sarif_run] = json.loads(out)["runs"]
    assert sarif_run["properties"]["skipped"] == 1
    assert sarif_run["results"][0]["properties"]["schema"] == "other"
    assert [s["schema"] for s in sarif_run["properties"]["schemas"]] == [ADD, "other"]
    _, out, _ = _run(format="junit", inputs=("payloads/other/d.json",))
    assert '<property name="schema" value="other" />' in out


def test_the_github_title_names_the_schema_when_there_are_several(repo: Path) -> None:
    _, out, _ = _run(format="github", inputs=("payloads/other/d.json",))
    assert out.splitlines()[0] == (
        "::error file=payloads/other/d.json,line=1,col=1,"
        "title=casefile-validate%3A required at / (schema other)::"
        'missing required property "id" [/required]'
    )


def test_the_text_summary_names_an_engine_that_is_not_the_fast_one(repo: Path) -> None:
    code, out, _ = _run(engine="reference", inputs=("payloads/other/c.json",))
    assert code == 0
    assert out == (
        "By schema:\n"  # only the schemas that judged some document
        "  other: 1 document: 1 valid, 0 invalid, 0 unreadable, judged by the reference engine\n"
        "1 document: 1 valid, 0 invalid, 0 unreadable\n"
    )


def test_git_ignored_files_are_skipped_unless_asked_for(repo: Path) -> None:
    _, out, _ = _run(quiet=True)
    assert out.endswith("4 documents: 2 valid, 2 invalid, 0 unreadable\n")
    code, out, _ = _run(quiet=True, include_ignored=True)
    assert code == 1
    assert "  other: 3 documents: 1 valid, 2 invalid, 0 unreadable\n" in out
    # found in a directory given as input: skipped too; named: checked
    _, out, _ = _run(quiet=True, inputs=(".",))
    assert out.endswith("4 documents: 2 valid, 2 invalid, 0 unreadable\n")
    _, out, _ = _run(quiet=True, inputs=("build/f.json",))
    assert out.endswith("1 document: 0 valid, 1 invalid, 0 unreadable\n")


def test_outside_a_git_work_tree_nothing_is_git_ignored(repo: Path) -> None:
    shutil.rmtree(repo / ".git")
    _, out, _ = _run(quiet=True)
    assert "  other: 3 documents: 1 valid, 2 invalid, 0 unreadable\n" in out


def test_a_config_in_a_folder_git_ignores_sees_no_gitignore_rules(repo: Path) -> None:
    (repo / "pyproject.toml").rename(repo / "build" / "pyproject.toml")
    (repo / "build" / "pyproject.toml").write_text(
        "[[tool.casefile-validate.checks]]\n"
        'files = ["*.json"]\nschema = "other"\n'  # found in the --schema-dir named
    )
    code, out, _ = _run(config="build/pyproject.toml", quiet=True, schema_dirs=("contracts",))
    assert (code, out) == (1, "1 document: 0 valid, 1 invalid, 0 unreadable\n")


def test_exclude_globs_apply_to_named_inputs_too(repo: Path) -> None:
    # excluded inputs are left out, not counted as skipped
    _, out, _ = _run(quiet=True, inputs=("node_modules/p/g.json", "payloads/other/c.json"))
    assert out.endswith(
        "  other: 1 document: 1 valid, 0 invalid, 0 unreadable\n"
        "1 document: 1 valid, 0 invalid, 0 unreadable\n"
    )
    code, out, err = _run(quiet=True, exclude=("payloads/add/**", "**/d.json"))
    assert (code, err) == (
        0,
        "casefile-validate: warning: pyproject.toml:8:1: check 1 matches no file\n",
    )
    assert out.endswith("\n1 document: 1 valid, 0 invalid, 0 unreadable\n")


def test_exclude_without_a_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "skip").mkdir()
    shutil.copy(EXAMPLES / "valid_completed.json", tmp_path / "a.json")
    (tmp_path / "skip" / "b.json").write_text("{}")
    code, out, _ = _run(inputs=(".",), exclude=("skip/",))
    assert (code, out) == (0, "1 document: 1 valid, 0 invalid, 0 unreadable\n")
    code, _, _ = _run(inputs=(".",))
    assert code == 1


def test_a_check_matching_nothing_is_a_warning(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        CONFIG
        + '\n[[tool.casefile-validate.checks]]\nfiles = ["nowhere/*.json"]\nschema = "S.json"\n'
    )
    (repo / "S.json").write_text('{"type": "object"}')
    code, _, err = _run(quiet=True)
    assert code == 1
    assert err == "casefile-validate: warning: pyproject.toml:17:1: check 3 matches no file\n"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            '\n[[tool.casefile-validate.checks]]\nfiles = ["a/*.json"]\nschema = "missing.json"\n',
            "pyproject.toml:18:1: check 3: ",
        ),
        (
            '\n[[tool.casefile-validate.checks]]\nfiles = ["a/*.json"]\nscheme = "S"\n',
            'pyproject.toml:18:1: unknown key "scheme" in check 3; did you mean "schema"?',
        ),
    ],
)
def test_a_bad_config_is_exit_2_and_one_line(
    repo: Path, capsys: pytest.CaptureFixture[str], extra: str, message: str
) -> None:
    (repo / "pyproject.toml").write_text(CONFIG + extra)
    code, out, err = _cli(capsys, "payloads")
    assert (code, out) == (2, "")
    assert err.startswith(f"casefile-validate: config error: {message}")
    assert err.count("\n") == 1


def test_schema_given_twice_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _cli(capsys, "--schema", ADD, "--schema", "x.json", "a.json")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--schema' / '-s': given 2 times "
        f"({ADD}, x.json); give it once, or use a config to check files against several schemas"
    )


README_LINE = 'README.md:1:1: not valid JSON: expected a JSON value, found "#"'


def test_schema_on_the_command_line_judges_every_input(repo: Path) -> None:
    code, out, _ = _run(
        schema="contracts/other.json", inputs=("payloads/add/x/a.json", "README.md")
    )
    assert code == 3  # README.md is not JSON: judged, not skipped
    assert out.splitlines()[:2] == [
        'payloads/add/x/a.json:1:1: /: missing required property "id" [/required]',
        README_LINE,
    ]


def test_config_and_no_config(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = _run(no_config=True, inputs=("payloads/other/d.json",), quiet=True)
    assert (code, out) == (
        1,
        "1 document: 0 valid, 1 invalid, 0 unreadable; 1 warning\n",
    )  # the default schema (which declares no "x": a warning)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, _ = _run(config=str(repo / "pyproject.toml"), quiet=True)
    assert code == 1
    assert out.endswith("4 documents: 2 valid, 2 invalid, 0 unreadable\n")
    assert _run(config="nope.toml") == (
        2,
        "",
        "casefile-validate: config error: nope.toml: no such config file\n",
    )
    assert _run(config="x.toml", no_config=True) == (
        2,
        "",
        "casefile-validate: --config and --no-config contradict each other\n",
    )


def test_standard_input_needs_a_schema_in_a_config_run(repo: Path) -> None:
    assert _run(inputs=("-",)) == (
        2,
        "",
        "casefile-validate: standard input matches no check of the config: give --schema\n",
    )


def test_json_lines_per_check(repo: Path) -> None:
    (repo / "logs").mkdir()
    (repo / "logs" / "day.log").write_text('{"id": 1}\n{"x": 2}\n')
    code, out, _ = _run(inputs=("logs/day.log",))
    assert (code, out.splitlines()[0]) == (
        3,
        'logs/day.log:2:1: not valid JSON: unexpected "{" after the document: a second JSON '
        "document? for one document per line use --jsonl or a .jsonl file",
    )
    (repo / "pyproject.toml").write_text(
        CONFIG.replace('logs/*.log"]', 'logs/*.log"]\njsonl = true')
    )
    code, out, _ = _run(inputs=("logs/day.log",))
    assert (code, out.splitlines()[0]) == (
        1,
        'logs/day.log:2:1: /: missing required property "id" [/required]',
    )


@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_workers_give_the_same_report(
    repo: Path, monkeypatch: pytest.MonkeyPatch, method: str
) -> None:
    import multiprocessing

    from validator.run import tasks

    for i in range(12):
        (repo / f"payloads/other/n{i:02}.json").write_text('{"id": 1}' if i % 3 else "{}")
        shutil.copy(EXAMPLES / "valid_completed.json", repo / f"payloads/add/v{i:02}.json")
    alone = _run(format="json")
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 3)
    if method != "fork":
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: [method])
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(format="json", jobs=2), out=out, err=err)
    assert (code, out.getvalue(), err.getvalue()) == alone
    assert json.loads(alone[1])["summary"]["schemas"][1]["documents"] == 14


def test_one_schema_names_its_engine_only_when_it_is_not_the_one_asked_for() -> None:
    from validator.problems import Summary
    from validator.report.common import schema_lines

    summary = Summary()
    summary.schema("S", "reference")[0] += 2
    assert schema_lines(summary) == [
        "By schema:",
        "  S: 2 documents: 2 valid, 0 invalid, 0 unreadable, judged by the reference engine",
    ]
    summary.asked = "reference"
    assert schema_lines(summary) == []
    summary.skipped = 1
    assert schema_lines(summary) == ["1 input skipped (no check matches it)"]


def test_each_schema_is_compiled_once_per_run_and_per_worker(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validator.checking import engine
    from validator.contracts.catalog import load_schema
    from validator.run.workers import _Compiled

    compiled: list[str] = []
    real = engine.compile_schema

    def counting(schema: object, **kwargs: object) -> object:
        compiled.append(schema.name)  # type: ignore[attr-defined]
        return real(schema, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "compile_schema", counting)
    (repo / "pyproject.toml").write_text(
        CONFIG + '\n[[tool.casefile-validate.checks]]\nfiles = ["logs/*.json"]\n'
        'schema = "AddSessionToCasefileResponse"\n'
    )
    (repo / "logs").mkdir()
    shutil.copy(EXAMPLES / "valid_completed.json", repo / "logs" / "h.json")
    code, out, _ = _run(quiet=True)
    assert code == 1
    assert f"  {ADD}: 3 documents: 2 valid, 1 invalid, 0 unreadable\n" in out
    assert compiled == [ADD, "other"]
    compiled.clear()
    add, other = load_schema(ADD), load_schema("contracts/other.json")
    engines = _Compiled([add, other, add], Options())
    assert [engines[k].schema.name for k in (0, 1, 2, 0)] == [ADD, "other", ADD, ADD]
    assert compiled == [ADD, "other"]


def test_json_lines_ranges_on_workers_keep_their_check(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validator.run import tasks

    (repo / "pyproject.toml").write_text(
        CONFIG.replace('logs/*.log"]', 'logs/*.log"]\njsonl = true')
    )
    (repo / "logs").mkdir()
    lines = [f'{{"id": {i}}}' if i % 7 else f'{{"n": {i}}}' for i in range(1, 120)]
    (repo / "logs" / "big.log").write_text("\n".join(lines) + "\n")
    alone = _run(format="json", inputs=("logs/big.log", "payloads/add"))
    monkeypatch.setattr(tasks, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 200)
    cut = list(tasks.plan([("logs/big.log", 1)], [False, True], ranges=True))
    assert len(cut) > 5 and {(type(t), t.check) for t in cut} == {(tasks.Range, 1)}
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(format="json", jobs=2, inputs=("logs/big.log", "payloads/add")), out, err)
    assert (code, out.getvalue(), err.getvalue()) == alone
    report = json.loads(alone[1])
    assert [s["invalid"] for s in report["summary"]["schemas"]] == [1, 17]
    invalid = [(d["line"], d["schema"]) for d in report["documents"] if not d["valid"]]
    assert invalid[:2] == [(7, "other"), (14, "other")]


def test_two_schemas_of_one_name_are_named_as_the_config_names_them(repo: Path) -> None:
    for folder in ("a", "b"):
        (repo / folder).mkdir()
        (repo / folder / "schema.json").write_text(json.dumps({**OTHER, "title": folder}))
        (repo / folder / "doc.json").write_text("{}")
    (repo / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["a/doc.json"]\nschema = "a/schema.json"\n'
        '[[checks]]\nfiles = ["b/doc.json"]\nschema = "b/schema.json"\n'
    )
    code, out, _ = _run(quiet=True)
    assert code == 1
    assert out == (
        "By schema:\n"
        "  a/schema.json: 1 document: 0 valid, 1 invalid, 0 unreadable\n"
        "  b/schema.json: 1 document: 0 valid, 1 invalid, 0 unreadable\n"
        "2 documents: 0 valid, 2 invalid, 0 unreadable\n"
    )


def test_a_config_schema_named_without_json_is_found_in_its_schema_dirs(repo: Path) -> None:
    """A check's ``schema = "other"`` is ``contracts/other.json`` when the config's schema-dirs
    hold ``contracts`` (the config's folder makes every path absolute: the dirs must still be
    looked in for a name given relative)."""
    (repo / "pyproject.toml").write_text(
        CONFIG.replace('schema = "contracts/other.json"', 'schema = "other"').replace(
            'exclude = ["node_modules/**"]',
            'exclude = ["node_modules/**"]\nschema-dirs = ["contracts"]',
        )
    )
    code, out, err = _run()
    assert (code, err) == (1, "")
    assert D_LINE in out
    assert "payloads/other/c.json" not in out
