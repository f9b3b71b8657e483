"""The config file: where it is found, what it may hold, and every mistake named at
file:line:column; the globs and the gitignore rules that pick the files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from validator.run.config import Check, ConfigError, find_config, key_position, load_config
from validator.run.selection import GitIgnore, Globs, relative, walk, work_tree

PYPROJECT = """\
[project]
name = "x"

[tool.casefile-validate]
schema-dirs = ["contracts"]
exclude = ["node_modules/**"]

[[tool.casefile-validate.checks]]
files = ["payloads/add-session/**/*.json"]
schema = "AddSessionToCasefileResponse"

[[tool.casefile-validate.checks]]
files = "payloads/openapi/*.json"
exclude = ["payloads/openapi/old-*.json"]
schema = "contracts/openapi.json#/components/schemas/CreateCasefileResponse"
jsonl = true
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_a_pyproject_table_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(_write(tmp_path, "pyproject.toml", PYPROJECT))
    assert config.root == tmp_path
    assert config.schema_dirs == (tmp_path / "contracts",)
    assert config.exclude == ("node_modules/**",)
    assert config.checks == (
        Check(
            1,
            ("payloads/add-session/**/*.json",),
            "AddSessionToCasefileResponse",
            where="pyproject.toml:10:1",
            files_at="pyproject.toml:9:1",
        ),
        Check(
            2,
            ("payloads/openapi/*.json",),
            "contracts/openapi.json#/components/schemas/CreateCasefileResponse",
            ("payloads/openapi/old-*.json",),
            True,
            where="pyproject.toml:15:1",
            files_at="pyproject.toml:13:1",
        ),
    )


def test_a_config_file_holds_the_keys_at_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = 'exclude = ["a/**"]\n\n[[checks]]\nfiles = ["*.json"]\nschema = "S"\n'
    config = load_config(_write(tmp_path, ".casefile-validate.toml", text))
    assert config.exclude == ("a/**",)
    assert config.checks == (
        Check(
            1,
            ("*.json",),
            "S",
            where=".casefile-validate.toml:5:1",
            files_at=".casefile-validate.toml:4:1",
        ),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[tool.casefile-validate]\nexclude = ["a"\n',
            "pyproject.toml:2:1: invalid TOML: Unclosed array",
        ),
        (
            "[tool.casefile-validate]\nexclude = [1, 2]\n",
            'pyproject.toml:2:1: "exclude" must be a string or a list of strings',
        ),
        (
            '[tool.casefile-validate]\n  schema-dir = ["s"]\n',
            'pyproject.toml:2:3: unknown key "schema-dir" in [tool.casefile-validate]; '
            'did you mean "schema-dirs"?',
        ),
        (
            "[tool.casefile-validate]\nzzz = 1\n",
            'pyproject.toml:2:1: unknown key "zzz" in [tool.casefile-validate] '
            "(known: schema-dirs, exclude, disable-formats, min-coverage, checks)",
        ),
        (
            '[[tool.casefile-validate.checks]]\nfiles = ["a"]\nschema = "S"\n'
            '[[tool.casefile-validate.checks]]\nschema = "S"\n  fils = ["b"]\n',
            'pyproject.toml:6:3: unknown key "fils" in check 2; did you mean "files"?',
        ),
        (
            '[tool.casefile-validate]\n\n[[tool.casefile-validate.checks]]\nschema = "S"\n',
            'pyproject.toml:3:1: check 1 has no "files" (globs of the files)',
        ),
        (
            '[[tool.casefile-validate.checks]]\nfiles = ["a"]\n',
            'pyproject.toml:1:1: check 1 needs "schema", a schema name or file as a string',
        ),
        (
            '[[tool.casefile-validate.checks]]\nfiles = []\nschema = "S"\n',
            'pyproject.toml:2:1: check 1: "files" is empty',
        ),
        (
            '[[tool.casefile-validate.checks]]\nfiles = ["a"]\nschema = "S"\njsonl = "yes"\n',
            'pyproject.toml:4:1: check 1: "jsonl" must be true or false',
        ),
        (
            '[tool.casefile-validate]\nchecks = "a"\n',
            'pyproject.toml:2:1: "checks" must be a list of tables ([[checks]])',
        ),
    ],
)
def test_mistakes_name_file_line_and_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, "pyproject.toml", text))
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_toml_syntax_error_keeps_tomllibs_position(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError) as caught:
        load_config(_write(tmp_path, ".casefile-validate.toml", 'exclude = ["a"]\nx = = 1\n'))
    assert str(caught.value) == ".casefile-validate.toml:2:5: invalid TOML: Invalid value"


def test_a_config_outside_the_working_directory_is_named_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One in a folder above it is named relative to it, as documents there are."""
    (tmp_path / "here").mkdir()
    (tmp_path / "else").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    path = _write(tmp_path / "else", ".casefile-validate.toml", "zzz = 1\n")
    with pytest.raises(ConfigError, match=f"^{path}:1:1: unknown key"):
        load_config(path)
    above = _write(tmp_path, ".casefile-validate.toml", "zzz = 1\n")
    with pytest.raises(ConfigError, match=r"^\.\./\.casefile-validate\.toml:1:1: unknown key"):
        load_config(above)


@pytest.mark.parametrize(
    ("table", "key", "index", "expected"),
    [
        (("tool", "casefile-validate"), "exclude", None, (3, 3)),
        (("tool", "casefile-validate"), None, None, (2, 1)),
        (("tool", "casefile-validate", "checks"), "files", 0, (5, 1)),
        (("tool", "casefile-validate", "checks"), "files", 1, (9, 1)),
        (("tool", "casefile-validate", "checks"), "schema", 1, (8, 1)),
        (("tool", "casefile-validate", "checks"), None, 1, (7, 1)),
        (("tool", "casefile-validate", "checks"), "jsonl", 1, (7, 1)),  # absent: the header
        (("tool", "nothing"), "x", None, (1, 1)),
    ],
)
def test_key_position(
    table: tuple[str, ...], key: str | None, index: int | None, expected: tuple[int, int]
) -> None:
    text = (
        "# top\n"
        "[tool.casefile-validate]\n"
        '  exclude = ["a"]  # exclude = no\n'
        "[[ tool.casefile-validate.checks ]]\n"
        'files = ["a"]\n'
        "#files = no\n"
        '[[tool."casefile-validate".checks]]\n'
        '"schema" = "S"\n'
        'files= ["b"]\n'
    )
    assert key_position(text, table, key, index) == expected


def test_the_nearest_config_upwards_wins_and_the_search_stops_at_the_work_tree(
    tmp_path: Path,
) -> None:
    deep = tmp_path / "repo" / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    _write(tmp_path, ".casefile-validate.toml", "")  # above the work tree: never found
    assert find_config(deep) is None
    _write(tmp_path / "repo", "pyproject.toml", '[project]\nname = "casefile-validate"\n')
    assert find_config(deep) is None  # a pyproject.toml without the table does not count
    _write(tmp_path / "repo", "pyproject.toml", "# [tool.casefile-validate]\n[tool.other]\n")
    assert find_config(deep) is None  # a comment is no header
    _write(tmp_path / "repo", "pyproject.toml", "[[ tool.'casefile-validate'.checks ]]\n")
    assert find_config(deep) == tmp_path / "repo" / "pyproject.toml"
    _write(tmp_path / "repo", "pyproject.toml", PYPROJECT)
    assert find_config(deep) == tmp_path / "repo" / "pyproject.toml"
    _write(tmp_path / "repo", ".casefile-validate.toml", "")  # beside it: it wins
    assert find_config(deep) == tmp_path / "repo" / ".casefile-validate.toml"
    _write(tmp_path / "repo" / "a", "pyproject.toml", PYPROJECT)  # nearer: it wins
    assert find_config(deep) == tmp_path / "repo" / "a" / "pyproject.toml"


def test_globs_follow_gitignore_rules(tmp_path: Path) -> None:
    globs = Globs(["payloads/**/*.json", "*.jsonl", "!skip.jsonl"], tmp_path)
    assert globs.match(str(tmp_path / "payloads" / "a.json"))
    assert globs.match(str(tmp_path / "payloads" / "x" / "y" / "a.json"))
    assert not globs.match(str(tmp_path / "other" / "payloads" / "a.json"))  # anchored
    assert globs.match(str(tmp_path / "deep" / "down" / "log.jsonl"))  # no slash: any depth
    assert not globs.match(str(tmp_path / "skip.jsonl"))
    assert not globs.match(str(tmp_path.parent / "payloads" / "a.json"))  # outside
    assert not Globs([], tmp_path).match(str(tmp_path / "a.json"))
    assert relative(str(tmp_path), tmp_path) is None
    assert relative(str(tmp_path / "a" / "b"), tmp_path) == "a/b"


def test_gitignore_files_deeper_ones_first(tmp_path: Path) -> None:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    (tmp_path / ".git" / "info" / "exclude").write_text("secret.json\n")
    (tmp_path / "sub" / "deep").mkdir(parents=True)
    _write(tmp_path, ".gitignore", "build/\n*.tmp.json\n")
    _write(tmp_path / "sub", ".gitignore", "!keep.tmp.json\nlocal/\n")
    assert work_tree(tmp_path / "sub" / "deep") == tmp_path
    ignore = GitIgnore(tmp_path)
    assert ignore.ignored("build", is_dir=True)
    assert ignore.ignored("build/a.json")
    assert ignore.ignored("x/build/a.json")
    assert ignore.ignored("a.tmp.json")
    assert not ignore.ignored("sub/keep.tmp.json")
    assert ignore.ignored("sub/other.tmp.json")
    assert ignore.ignored("sub/local/a.json")
    assert not ignore.ignored("local/a.json")
    assert ignore.ignored("secret.json")
    assert not ignore.ignored("a.json")
    assert ignore.ignored_path(str(tmp_path / "build" / "x.json"))
    assert not ignore.ignored_path(str(tmp_path.parent / "build" / "x.json"))


def test_walk_skips_git_excluded_and_ignored_folders(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for name in ["a.json", "b/c.json", "b/d/e.json", "build/f.json", "node_modules/g.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    (tmp_path / ".git" / "h.json").write_text("{}")
    _write(tmp_path, ".gitignore", "build/\n")
    exclude = Globs(["node_modules/**"], tmp_path)
    found = list(walk(tmp_path, exclude, GitIgnore(tmp_path)))
    assert found == [".gitignore", "a.json", "b/c.json", "b/d/e.json"]
    everything = list(walk(tmp_path, None, None))
    assert "build/f.json" in everything and "node_modules/g.json" in everything
    assert ".git/h.json" not in everything
    # below the work tree's top, the paths of the gitignore rules stay the tree's
    assert list(walk(tmp_path / "build", None, GitIgnore(tmp_path))) == []


@pytest.mark.parametrize(
    "patterns",
    [
        ["payloads/**/*.json", "*.jsonl", "build/", "/top.json", "a/*/c.json", "# comment", ""],
        ["payloads/**/*.json", "!payloads/skip/*.json"],  # a negation: pathspec decides
    ],
)
def test_the_one_regex_of_globs_agrees_with_pathspec(tmp_path: Path, patterns: list[str]) -> None:
    import pathspec

    reference = pathspec.GitIgnoreSpec.from_lines(patterns)
    globs = Globs(patterns, tmp_path)
    assert (globs._regex is None) is any(p.startswith("!") for p in patterns)
    paths = [
        "payloads/a.json", "payloads/x/y.json", "payloads/skip/z.json", "payloads/a.txt",
        "x/payloads/a.json", "d.jsonl", "deep/e.jsonl", "build/f.json", "x/build/g.json",
        "build", "top.json", "x/top.json", "a/b/c.json", "a/b/d/c.json", "buildx/h.json",
    ]  # fmt: skip
    for path in paths:
        assert globs.match_relative(path) is bool(reference.match_file(path)), path


def test_each_glob_of_a_config_is_compiled_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A config with a check per component of an OpenAPI document has hundreds of globs: the
    # config checks each by its translation, and the part of its regex below its folder is the
    # only compile, one for every folder (before: three each, and Python's cache of 512 regexes
    # too small to help; then one each).
    import re

    from validator.run import selection
    from validator.run.placing import _check_globs

    monkeypatch.setattr(selection, "_RESTS", {})

    checks = "".join(
        f'[[checks]]\nfiles = ["payloads/C{n}/*.json"]\nschema = "s.json"\n\n' for n in range(3)
    )
    _write(tmp_path, ".casefile-validate.toml", checks)
    real, compiled = re.compile, []

    def counted(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and "json" in pattern:
            compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re, "compile", counted)
    config = load_config(tmp_path / ".casefile-validate.toml")
    globs = _check_globs(config)
    assert compiled == ["[^/]*\\.json(?:(?:/)|$)"]
    assert [globs[n + 1][0].match_relative(f"payloads/C{n}/a.json") for n in range(3)] == [True] * 3
    assert not globs[1][0].match_relative("payloads/C1/a.json")
