"""Walking directories: each real directory once, symbolic link loops skipped with one notice,
broken links named as such; a loop never changes the verdict."""

from __future__ import annotations

import io
import os
from pathlib import Path

from validator.inputs.sources import Item, expand
from validator.run.runner import run
from validator.run.settings import Options

GOOD = (
    '{"request_id":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","status":"pending",'
    '"payload":{"casefile_id":"c","session_id":"s","session_type":"t","total_sessions":1}}'
)


def _run(*inputs: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=inputs, jobs=1), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_a_link_back_to_the_parent_is_walked_once(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.json").write_text(GOOD)
    (tree / "sub" / "b.json").write_text(GOOD)
    os.symlink("..", tree / "sub" / "up")
    code, out, err = _run(str(tree))
    assert code == 0
    assert out == "2 documents: 2 valid, 0 invalid, 0 unreadable\n"
    assert err == (
        f"casefile-validate: skipped {tree}/sub/up: a symbolic link back to {tree} (a loop); "
        "its files are checked once\n"
    )


def test_a_link_to_a_directory_walked_elsewhere_says_so(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.json").write_text(GOOD)
    os.symlink(tmp_path / "real", tmp_path / "zlink")
    notices: list[str] = []
    found = list(expand([str(tmp_path)], notices.append))
    assert found == [str(tmp_path / "real" / "a.json")]
    assert notices == [
        f"skipped {tmp_path}/zlink: the same directory as {tmp_path}/real, whose files are "
        "checked once"
    ]


def test_a_link_out_of_the_folder_named_is_not_followed(tmp_path: Path) -> None:
    # The folder named is the walk's boundary (docs/security-boundary.md): a link to a folder or
    # to a JSON file outside it is a problem of its own, never opened.
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "a.json").write_text(GOOD)
    (tmp_path / "tree").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "tree" / "linked")
    os.symlink(tmp_path / "elsewhere" / "a.json", tmp_path / "tree" / "b.json")
    os.symlink("../elsewhere/nothing.txt", tmp_path / "tree" / "c.txt")  # not a JSON name
    notices: list[str] = []
    tree = str(tmp_path / "tree")
    leaving = f"link leads outside {tree} (the folder named): not opened"
    assert list(expand([tree], notices.append)) == [
        Item(f"{tree}/b.json", 1, None, leaving),
        Item(f"{tree}/linked", 1, None, leaving),
    ]
    assert notices == []
    # walked from above, the same links lead inside, and are followed
    assert list(expand([str(tmp_path)], notices.append)) == [
        str(tmp_path / "elsewhere" / "a.json"),
        str(tmp_path / "tree" / "b.json"),
    ]
    assert notices == [
        f"skipped {tree}/linked: the same directory as {tmp_path}/elsewhere, whose files are "
        "checked once"
    ]


def test_a_dangling_link_is_a_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(GOOD)
    os.symlink(tmp_path / "gone.json", tmp_path / "b.json")
    code, out, err = _run(str(tmp_path))
    assert code == 3
    assert out.splitlines() == [
        f"{tmp_path}/b.json: broken symbolic link: its target {tmp_path}/gone.json does not exist",
        "2 documents: 1 valid, 0 invalid, 1 unreadable",
    ]
    assert err == ""


def test_a_dangling_link_given_by_name_is_a_broken_link(tmp_path: Path) -> None:
    os.symlink("nowhere.json", tmp_path / "b.json")
    code, out, _ = _run(str(tmp_path / "b.json"))
    assert code == 3
    assert out.splitlines()[0] == (
        f"{tmp_path}/b.json: broken symbolic link: its target nowhere.json does not exist"
    )


def test_a_link_that_loops_on_itself_is_named(tmp_path: Path) -> None:
    os.symlink("self.json", tmp_path / "self.json")
    found = list(expand([str(tmp_path)]))
    assert found == [
        Item(str(tmp_path / "self.json"), 1, None, "too many levels of symbolic links")
    ]
