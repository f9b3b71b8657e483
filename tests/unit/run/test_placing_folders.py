"""A config's files each go to the first check whose globs match them; a check whose globs match
only below a folder is tried only on the files of that folder (issue 22, section 2: 500 checks and
1,500 files made 376,750 glob tests), in the same order, with the same result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from validator.run import selection
from validator.run.plan import make_plan
from validator.run.selection import Globs
from validator.run.settings import Options

SCHEMA = '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}'


def _config(root: Path, checks: list[tuple[str, str]]) -> Path:
    """Checks of ``(files glob, exclude glob or "")``, each with its own schema file."""
    lines = []
    for number, (files, exclude) in enumerate(checks):
        (root / f"s{number}.json").write_text(SCHEMA, encoding="utf-8")
        lines += ["[[checks]]", f'files = ["{files}"]', f'schema = "s{number}.json"']
        lines += [f'exclude = ["{exclude}"]'] if exclude else []
    config = root / ".casefile-validate.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def _placed(root: Path, monkeypatch: pytest.MonkeyPatch, checks: list[tuple[str, str]]) -> Any:
    config = _config(root, checks)
    monkeypatch.chdir(root)
    plan = make_plan(Options(config=str(config)), lambda _: None)
    schemas = {f"s{number}.json" for number in range(len(checks))}
    return sorted((str(entry), index) for entry, index in plan.entries if entry not in schemas)


def _files(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("{}", encoding="utf-8")


def test_each_file_goes_to_the_first_check_that_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _files(tmp_path, "a/b/x.json", "a/b/y.json", "a/c/z.json", "top.json", "a/b/deep/w.json")
    checks = [
        ("a/b/y.json", ""),  # a folder's check before one that matches anywhere
        ("*.json", "a/b/*.json"),  # anywhere, but not a/b/ (excluded)
        ("a/b/*.json", ""),
        ("a/**/w.json", ""),  # not below a literal folder: tried on every file
    ]
    assert _placed(tmp_path, monkeypatch, checks) == [
        ("a/b/deep/w.json", 1),
        ("a/b/x.json", 2),
        ("a/b/y.json", 0),
        ("a/c/z.json", 1),
        ("top.json", 1),
    ]


def test_a_file_is_tested_against_the_globs_of_its_folders_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"p/c{n}/d{k}.json" for n in range(30) for k in range(2)]
    _files(tmp_path, *names)
    tested: list[str] = []
    real = Globs.match_relative

    def counted(self: Globs, rel: str) -> bool:
        tested.append(rel)
        return real(self, rel)

    monkeypatch.setattr(selection.Globs, "match_relative", counted)
    placed = _placed(tmp_path, monkeypatch, [(f"p/c{n}/*.json", "") for n in range(30)])
    assert placed == sorted((name, int(name.split("/")[1][1:])) for name in names)
    assert len(tested) == len(names)  # one test a file (30 a file before)


@pytest.mark.parametrize(
    ("patterns", "folders"),
    [
        (["payloads/Customer/*.json"], {"payloads/Customer/"}),
        (["/a/b.json"], {"a/"}),
        (["a/b/*.json", "c/d/*.json"], {"a/b/", "c/d/"}),
        (["a/b/**"], {"a/b/"}),
        (["a/[bc]/d"], {"a/"}),
        (["x/[|]/y"], {"x/"}),
        (["# a comment", "q/r/s"], {"q/r/"}),
        (["*.json"], None),  # any depth
        (["x/"], None),  # a folder named x at any depth
        (["a/**/b.json"], None),
        (["**/x/*.json"], None),
        (["a\\\\*b/c.json"], None),  # not plain: not worth reading
        (["a/b/*.json", "*.json"], None),
        (["a/b/*.json", "!a/b/x.json"], None),  # order matters
    ],
)
def test_the_folder_of_a_glob(patterns: list[str], folders: set[str] | None) -> None:
    found = Globs(patterns, Path(".")).folders()
    assert (None if found is None else set(found)) == folders


GLOBS = [
    "a/b/*.json", "a/b/x.json", "a/*/c.json", "a/b/**/*.json", "a/b/[xy].json", "a/b/?.json",
    "a/b/", "a/b/*", "a/b/**", "a/b/\\*.json", "a_1/B2/*.JSON", "a/b/*.json/", "a/b/.hidden",
]  # fmt: skip
PATHS = [
    "a/b/x.json", "a/b/y.json", "a/b/.x.json", "a/b/c/x.json", "a/b", "a/b/", "a/bb/x.json",
    "a/b/x.json/z", "a/b/*.json", "a_1/B2/q.JSON", "a_1/B2/q.json", "x/a/b/x.json", "a/b/xy.json",
    "a/c/c.json", "a/b/.hidden", "a/b/x.jsonx", "a/b/\n.json",
]  # fmt: skip


@pytest.mark.parametrize("glob", GLOBS)
def test_a_glob_below_a_folder_matches_as_its_whole_regex(glob: str) -> None:
    """One pattern under a literal folder is matched as the folder and then the rest of its
    regex (compiled once for every folder): the same answer as its whole regex, for every
    path."""
    import re

    from validator.run.wildmatch import pattern_regex

    regex, include = pattern_regex(glob)
    assert include and regex is not None
    whole = re.compile(regex.replace("(?P<ps_d>", "(?:"))
    matcher = selection._one_regex([(regex, include)])
    assert matcher is not None
    assert [bool(matcher.match(p)) for p in PATHS] == [bool(whole.match(p)) for p in PATHS]
    if glob in ("a/b/*.json", "a/b/[xy].json", "a_1/B2/*.JSON"):
        assert type(matcher).__name__ == "_Below"  # the folder's way, for the usual glob
        assert any(whole.match(p) for p in PATHS)
