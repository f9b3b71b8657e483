"""The markdown report (the job summary): verdict, counts, kinds with links, a collapsed block
per document, every value escaped, never over its size limit; and the github report appending
it to $GITHUB_STEP_SUMMARY inside GitHub Actions."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.command.cli import command
from validator.problems import UNDECLARED, DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.markdown import MarkdownReporter, escape, link

ENUM = Problem(
    "/status",
    "/properties/status/$ref/enum",
    '"done" is not one of "pending", "failed"',
    "enum",
    line=2,
    column=63,
    headline=True,
    shape='<value> is not one of "pending", "failed"',
)
WARNING = Problem(
    "/payload/sesion_type",
    "",
    'undeclared property; did you mean "session_type"?',
    UNDECLARED,
    line=3,
    column=24,
)


def render(results: list[DocumentResult], **options: object) -> str:
    out = io.StringIO()
    reporter = MarkdownReporter(out, ReportOptions(**options))  # type: ignore[arg-type]
    summary = Summary()
    for result in results:
        summary.add(result)
        reporter.document(result)
    reporter.finish(summary)
    return out.getvalue()


def test_a_failed_run() -> None:
    text = render(
        [
            DocumentResult("a.jsonl", 2, Status.INVALID, (ENUM,), "S"),
            DocumentResult("b.json", 1, Status.VALID, (), "S", (WARNING,)),
            DocumentResult("c.json", 1, Status.VALID),
        ],
        link_base="https://github.com/o/r/blob/abc",
    )
    assert text == (
        "## &#10060; casefile-validate: failed (1 invalid of 3 documents)\n\n"
        "| documents | valid | invalid | unreadable | warnings |\n"
        "|---:|---:|---:|---:|---:|\n"
        "| 3 | 2 | 1 | 0 | 1 |\n\n"
        "### Failures by kind (1 kind in 1 failed document)\n\n"
        "| kind | failure | documents | first sources |\n|---|---|---:|---|\n"
        "| <code>/properties/status/&#36;ref/enum</code> | &#60;value&#62; is not one of "
        "&#34;pending&#34;, &#34;failed&#34; | 1 | "
        "[a.jsonl&#58;2](https://github.com/o/r/blob/abc/a.jsonl#L2) |\n\n"
        "### Documents\n\n"
        '<details><summary><a href="https://github.com/o/r/blob/abc/a.jsonl#L2">a.jsonl&#58;2</a>: '
        "invalid, 1 problem</summary>\n\n"
        "| line:col | problem | keyword location |\n|---|---|---|\n"
        "| 2:63 | /status&#58; &#34;done&#34; is not one of &#34;pending&#34;, &#34;failed&#34; | "
        "<code>/properties/status/&#36;ref/enum</code> |\n\n"
        "</details>\n\n"
        '<details><summary><a href="https://github.com/o/r/blob/abc/b.json">b.json</a>: '
        "1 warning</summary>\n\n"
        "| line:col | problem | keyword location |\n|---|---|---|\n"
        "| 3:24 | warning&#58; /payload/sesion&#95;type&#58; undeclared property; did you mean "
        "&#34;session&#95;type&#34;? |  |\n\n"
        "</details>\n\n"
    )


def test_a_passing_run() -> None:
    assert render([DocumentResult("c.json", 1, Status.VALID)]) == (
        "## &#9989; casefile-validate: passed (the document is valid)\n\n"
        "| documents | valid | invalid | unreadable | warnings |\n"
        "|---:|---:|---:|---:|---:|\n"
        "| 1 | 1 | 0 | 0 | 0 |\n\n"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "a | b || c",
        "`code` ```fence```",
        "@octocat please",
        "[x](javascript:alert(1))",
        "line\nbreak\r\x00\x1b[31m",
        "<details><summary>x</summary>",
        "**bold** _it_ ~~s~~ # h $x$",
    ],
)
def test_every_value_is_inert(hostile: str) -> None:
    problem = ENUM._replace(message=hostile, instance_location=f"/{hostile}", shape=hostile)
    text = render(
        [DocumentResult(f"dir/{hostile}.json", 1, Status.INVALID, (problem,), hostile)],
        schemas=("x", hostile),
        link_base="https://github.com/o/r/blob/abc",
    )
    escaped = escape(hostile)
    assert escaped.isascii()
    bare = re.sub(r"&#[0-9]+;", "", escaped)  # what is left once the references are taken out
    for character in "<>|`@[]*_~#$&\n\r\x00\x1b":
        assert character not in bare
    assert escaped in text
    # the only markup is the report's own: each row has as many cells as its table's head
    cells = 0
    for line in text.splitlines():
        if not line.startswith("|"):
            cells = 0
        elif not cells:
            cells = line.count("|")
        else:
            assert line.count("|") == cells, line
    assert "<script" not in text and "<img" not in text and "javascript:" not in text
    assert text.count("<details>") == text.count("</details>") == 1


def test_links() -> None:
    base = "https://github.com/o/r/blob/abc"
    assert link("dir/a b(1).json", 3, base) == (
        "[dir/a b(1).json&#58;3](https://github.com/o/r/blob/abc/dir/a%20b%281%29.json#L3)"
    )
    assert (
        link("./x.json", None, base + "/") == "[./x.json](https://github.com/o/r/blob/abc/x.json)"
    )
    assert link("<stdin>", 2, base) == "&#60;stdin&#62;&#58;2"
    assert link("/abs/x.json", 2, base) == "/abs/x.json&#58;2"
    assert link("../up.json", 2, base) == "../up.json&#58;2"
    assert link("x.json", 2, None) == "x.json&#58;2"
    assert link("x.json", 2, "javascript:alert(1)//") == "x.json&#58;2"
    assert link("x.json", 2, "https://h/a b)(") == "[x.json&#58;2](https://h/a%20b%29%28/x.json#L2)"
    assert link("x.json", 2, 'https://h/?a=1&b="') == (
        "[x.json&#58;2](https://h/?a=1&b=%22/x.json#L2)"
    )
    assert link("x.json", 2, 'https://h/?a=1&b="', html=True) == (
        '<a href="https://h/?a=1&amp;b=%22/x.json#L2">x.json&#58;2</a>'
    )


@pytest.mark.parametrize("limit", [300, 2_000, 10_000, 50_000])
def test_never_over_the_limit_and_says_what_it_left_out(limit: int) -> None:
    results = [
        DocumentResult(f"d{i}.json", 1, Status.INVALID, (ENUM._replace(message="é" * 200),), "S")
        for i in range(200)
    ]
    text = render(results, summary_limit=limit)
    assert len(text.encode("utf-8")) <= limit
    assert text.isascii()
    if limit >= 2_000:
        assert text.startswith("## &#10060; casefile-validate: failed (200 invalid")
        listed = text.count("<details>")
        assert listed < 200
        assert text.count("</details>") == listed
        assert text.endswith(
            f"_{200 - listed} documents with problems or warnings not listed: this summary "
            f"stays within {limit:,} bytes (--summary-limit); they are counted above, and the "
            "json report lists them all._\n"
        )
    else:
        assert text.endswith("_... cut here: the summary stays within --summary-limit bytes._\n")


def test_the_default_limit_is_a_mebibyte() -> None:
    results = [
        DocumentResult(f"d{i}.json", 1, Status.INVALID, (ENUM._replace(message="x" * 80),), "S")
        for i in range(20_000)
    ]
    text = render(results)
    assert 1_000_000 < len(text) <= 1 << 20
    assert "not listed" in text


SECRET = "s3cr3t-token-XYZ"


@pytest.fixture
def docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("bad.json").write_text(f'{{"request_id": "{SECRET}", "status": "{SECRET}"}}\n')
    return tmp_path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(command, ["--no-config", *args], standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert isinstance(result.return_value, int)
    return result.return_value, result.output


@pytest.mark.usefixtures("docs")
def test_redact_is_honoured() -> None:
    code, out = invoke("--format", "markdown", "bad.json")
    assert code == 1 and SECRET in out.replace("&#45;", "-")
    code, out = invoke("--format", "markdown", "--redact", "bad.json")
    assert code == 1 and "s3cr3t" not in out
    assert "&#60;string, 16 characters&#62; is not a valid uuid" in out


@pytest.mark.usefixtures("docs")
def test_links_from_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "o/r")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    _, out = invoke("--format", "markdown", "bad.json")
    assert "[bad.json&#58;1](https://github.com/o/r/blob/abc123/bad.json#L1)" in out
    _, out = invoke("--format", "markdown", "--link-base", "https://x.test/tree", "bad.json")
    assert "[bad.json&#58;1](https://x.test/tree/bad.json#L1)" in out
    monkeypatch.delenv("GITHUB_ACTIONS")
    _, out = invoke("--format", "markdown", "bad.json")
    assert "](" not in out


def test_the_github_report_appends_the_step_summary(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    step = docs / "step.md"
    step.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step))
    code, out = invoke("--format", "github", "bad.json")
    assert code == 1
    assert step.read_text() == "earlier step\n"  # not inside GitHub Actions: untouched
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out = invoke("--format", "github", "bad.json")
    assert code == 1
    written = step.read_text()
    assert written.startswith("earlier step\n## &#10060; casefile-validate: failed (1 invalid")
    _, markdown = invoke("--format", "markdown", "bad.json")
    assert written == "earlier step\n" + markdown
    assert out.splitlines()[-1].startswith("::notice title=casefile-validate::1 document:")
    code, _ = invoke("--format", "github", "--no-step-summary", "bad.json")
    assert step.read_text() == written
    # other formats never write it
    invoke("--format", "text", "bad.json")
    assert step.read_text() == written


def test_a_step_summary_that_cannot_be_written_is_a_warning(
    docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(docs / "no" / "such" / "dir" / "s.md"))
    code, out = invoke("--format", "github", "bad.json")
    assert code == 1
    assert out.splitlines()[-1].startswith(
        "::warning title=casefile-validate::cannot append the job summary to "
    )


def test_github_annotations_one_of_each_kind_first() -> None:
    from validator.report.github import GithubReporter

    out = io.StringIO()
    reporter = GithubReporter(out, ReportOptions())
    summary = Summary()
    other = ENUM._replace(instance_location="/s2", message="x", line=9)
    results = [
        DocumentResult("a.json", 1, Status.INVALID, (ENUM, ENUM._replace(line=5))),
        DocumentResult("b.json", 1, Status.VALID, (), "", (WARNING,)),
        DocumentResult("c.json", 1, Status.INVALID, (ENUM,)),
        DocumentResult("d.json", 1, Status.INVALID, (ENUM._replace(keyword_location="/k"),)),
        DocumentResult("e.json", 1, Status.VALID, (), "", (WARNING,)),
        DocumentResult("f.json", 1, Status.INVALID, (other._replace(shape="other"),)),
    ]
    for result in results:
        summary.add(result)
        reporter.document(result)
    reporter.finish(summary)
    places = [
        (line.split(" ", 1)[0], line.split("file=")[1].split(",")[0])
        for line in out.getvalue().splitlines()
        if "file=" in line
    ]
    assert places == [
        ("::error", "a.json"),
        ("::warning", "b.json"),
        ("::error", "d.json"),
        ("::error", "f.json"),
        ("::error", "a.json"),  # the rest, in input order
        ("::error", "c.json"),
        ("::warning", "e.json"),
    ]
    assert out.getvalue().splitlines()[-1] == (
        "::notice title=casefile-validate::6 documents: 2 valid, 4 invalid, 0 unreadable; "
        "2 warnings; 3 kinds of failure"
    )
