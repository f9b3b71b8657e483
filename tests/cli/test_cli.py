"""Acceptance tests of ``casefile-validate`` through click's CliRunner (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from validator.command.cli import command

VALID = (
    '{"request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "status": "pending", '
    '"payload": {"casefile_id": "c", "session_id": "s", "session_type": "t", "total_sessions": 1}}'
)


def invoke(
    *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> Result:
    runner = CliRunner()
    return runner.invoke(command, list(args), input=stdin, env=env, standalone_mode=False)


def code(result: Result) -> int:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return int(result.return_value) if result.return_value is not None else result.exit_code


def test_examples_text_report(examples_dir: Path) -> None:
    result = invoke(str(examples_dir))
    assert code(result) == 1
    lines = result.output.splitlines()
    assert lines[-1] == "8 documents: 4 valid, 4 invalid, 0 unreadable"
    bad = str(examples_dir / "invalid_status_and_types.json")
    assert (
        f'{bad}:3:13: /status: "COMPLETED" is not one of "pending", "processing", "completed", '
        '"failed"; did you mean "completed"? [/properties/status/$ref/enum]'
    ) in lines
    assert (
        f'{bad}:8:23: /payload/total_sessions: expected integer, got string "3" '
        "[/properties/payload/$ref/properties/total_sessions/type]"
    ) in lines
    assert (
        f"{bad}:10:12: /error: expected string or null, got integer 5 [/properties/error/anyOf]"
        in lines
    )
    jsonl = str(examples_dir / "responses.jsonl")
    assert (
        f'{jsonl}:5:75: /: duplicate key "status": which value counts depends on the reader'
    ) in lines
    assert not any("None" in line or "True" in line or "'" in line for line in lines)


def test_all_valid_exit_0(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(VALID)
    result = invoke(str(tmp_path / "a.json"))
    assert code(result) == 0
    assert result.output == "1 document: 1 valid, 0 invalid, 0 unreadable\n"


def test_unreadable_wins_over_invalid(tmp_path: Path, examples_dir: Path) -> None:
    (tmp_path / "broken.json").write_text('{"request_id": ')
    result = invoke(
        str(examples_dir / "invalid_missing_payload.json"), str(tmp_path / "broken.json")
    )
    assert code(result) == 3
    assert (
        f"{tmp_path / 'broken.json'}:1:16: "
        "not valid JSON: expected a JSON value, found end of input" in result.output
    )
    assert result.output.splitlines()[-1] == "2 documents: 0 valid, 1 invalid, 1 unreadable"


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text(VALID)
    result = invoke(str(tmp_path / "missing.json"), str(tmp_path / "ok.json"), str(tmp_path))
    assert code(result) == 3
    assert f"{tmp_path / 'missing.json'}: no such file or directory" in result.output
    assert result.output.splitlines()[-1] == "3 documents: 2 valid, 0 invalid, 1 unreadable"


def test_stdin_default_and_dash() -> None:
    assert code(invoke(stdin=VALID)) == 0
    result = invoke("-", stdin='{"status": "done"}')
    assert code(result) == 1
    assert '<stdin>:1:12: /status: "done" is not one of' in result.output


def test_stdin_jsonl_reports_line_numbers() -> None:
    stdin = VALID + "\n\n" + '{"request_id": "x"}\n' + "not json\n"
    result = invoke("--jsonl", "-", stdin=stdin)
    assert code(result) == 3
    assert (
        '<stdin>:3:16: /request_id: "x" is not a valid uuid '
        "[/properties/request_id/format] (headline)" in result.output
    )
    assert '<stdin>:4:1: not valid JSON: expected a JSON value, found "n"' in result.output
    assert result.output.splitlines()[-1] == "3 documents: 1 valid, 1 invalid, 1 unreadable"


def test_directory_search_is_recursive_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.json").write_text(VALID)
    (tmp_path / "sub" / "b.ndjson").write_text(VALID + "\n" + VALID + "\n")
    (tmp_path / "notes.txt").write_text("not checked")
    result = invoke(str(tmp_path))
    assert code(result) == 0
    assert result.output == "3 documents: 3 valid, 0 invalid, 0 unreadable\n"


def test_json_format(examples_dir: Path) -> None:
    result = invoke("--format", "json", str(examples_dir / "invalid_missing_payload.json"))
    assert code(result) == 1
    report = json.loads(result.output)
    summary = report["summary"]
    assert [summary[k] for k in ("documents", "valid", "invalid", "unreadable", "exit_code")] == [
        1,
        0,
        1,
        0,
        1,
    ]
    [doc] = report["documents"]
    assert doc["valid"] is False and doc["source"].endswith("invalid_missing_payload.json")
    assert (doc["keywordLocation"], doc["instanceLocation"]) == ("", "")  # a basic output unit
    first = doc["errors"][0]
    assert first["valid"] is False
    assert first["instanceLocation"] == ""
    assert first["keywordLocation"] == "/required"
    assert first["absoluteKeywordLocation"].endswith("AddSessionToCasefileResponse.json#/required")
    assert first["error"] == 'missing required property "payload"'
    assert (first["line"], first["column"]) == (1, 1)


def test_quiet_prints_only_the_summary(examples_dir: Path) -> None:
    result = invoke("--quiet", str(examples_dir))
    assert code(result) == 1
    assert result.output == "8 documents: 4 valid, 4 invalid, 0 unreadable\n"


def test_user_schema_by_path(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "integer"}'
    )
    (tmp_path / "d.json").write_text("3")
    assert code(invoke("--schema", str(schema), str(tmp_path / "d.json"))) == 0
    (tmp_path / "d.json").write_text('"3"')
    assert code(invoke("--schema", str(schema), str(tmp_path / "d.json"))) == 1


def test_invalid_user_schema_is_exit_2(tmp_path: Path) -> None:
    schema = tmp_path / "bad.json"
    schema.write_text('{"type": "integr"}')
    result = invoke("--schema", str(schema), "-", stdin="1")
    assert code(result) == 2
    assert "schema error" in result.output and "bad.json" in result.output
    assert "not a valid schema at /type" in result.output


def test_unknown_ref_in_user_schema_fails_closed(tmp_path: Path) -> None:
    schema = tmp_path / "ref.json"
    schema.write_text('{"$ref": "https://example.com/never-fetched.json"}')
    result = invoke("--schema", str(schema), "-", stdin="1")
    assert code(result) == 2
    assert "https://example.com/never-fetched.json" in result.output


def test_unknown_schema_name_is_exit_2() -> None:
    result = invoke("--schema", "NoSuchModel", "-", stdin="{}")
    assert code(result) == 2
    assert "unknown schema 'NoSuchModel'" in result.output


def test_list_and_show_schemas() -> None:
    result = invoke("--list-schemas")
    assert code(result) == 0 and result.output == "AddSessionToCasefileResponse\n"
    shown = invoke("--show-schema")
    assert code(shown) == 0
    assert json.loads(shown.output)["title"] == "AddSessionToCasefileResponse"


def test_usage_error_is_exit_2() -> None:
    result = CliRunner().invoke(command, ["--format", "yaml"])
    assert result.exit_code == 2


def test_help_documents_exit_codes() -> None:
    result = CliRunner().invoke(command, ["--help"])
    assert result.exit_code == 0
    for line in (
        "0  every document is valid",
        "1  at least one document is invalid",
        "3  at least one input is unreadable",
    ):
        assert line in result.output


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {}])
def test_no_colour_when_not_a_terminal(env: dict[str, str], examples_dir: Path) -> None:
    result = invoke(str(examples_dir), env=env)
    assert "\x1b[" not in result.output


def test_an_explicit_colour_flag_wins_over_no_color(examples_dir: Path) -> None:
    # no-color.org: NO_COLOR sets the default; a flag given for this one run overrides it.
    for env in ({}, {"NO_COLOR": "1"}, {"NO_COLOR": ""}):
        assert "\x1b[" in invoke("--color", str(examples_dir), env=env).output
        assert "\x1b[" not in invoke("--no-color", str(examples_dir), env=env).output


def test_max_errors_keeps_the_headline(examples_dir: Path) -> None:
    result = invoke("--max-errors", "1", str(examples_dir / "invalid_status_and_types.json"))
    assert code(result) == 1
    errors = result.output.splitlines()[:-1]
    assert len(errors) == 1
    assert "/payload/casefile_id" in errors[0]


def test_output_file_and_extra_report(tmp_path: Path, examples_dir: Path) -> None:
    out = tmp_path / "report.json"
    result = invoke("--report", f"json:{out}", str(examples_dir / "valid_completed.json"))
    assert code(result) == 0
    assert result.output == "1 document: 1 valid, 0 invalid, 0 unreadable\n"
    assert json.loads(out.read_text())["summary"]["valid"] == 1
    text_out = tmp_path / "report.txt"
    result = invoke("-o", str(text_out), str(examples_dir / "valid_completed.json"))
    assert code(result) == 0 and result.output == ""
    assert text_out.read_text() == "1 document: 1 valid, 0 invalid, 0 unreadable\n"


def test_redact_hides_what_a_parse_error_quotes() -> None:
    result = invoke("--redact", "-", stdin='{"token": s3cr3t}')
    assert code(result) == 3
    assert "s" not in result.output.split("not valid JSON:")[1].split("found")[1].split("\n")[0]
    assert "<stdin>:1:11: not valid JSON: expected a JSON value, found a character" in result.output


def test_a_second_document_suggests_json_lines(tmp_path: Path) -> None:
    two = tmp_path / "two.json"
    two.write_text(VALID + "\n" + VALID + "\n")
    result = invoke(str(two))
    assert code(result) == 3
    assert result.output.splitlines()[0] == (
        f'{two}:2:1: not valid JSON: unexpected "{{" after the document: a second JSON '
        "document? for one document per line use --jsonl or a .jsonl file"
    )
    assert code(invoke("--jsonl", str(two))) == 0
    # a line of JSON Lines holding two documents: no hint to use what is in use
    lines = invoke("--jsonl", "-", stdin=VALID + " " + VALID + "\n")
    assert code(lines) == 3
    assert lines.output.splitlines()[0].endswith(
        'not valid JSON: unexpected "{" after the document: a second JSON document?'
    )
    redacted = invoke("--redact", str(two))
    assert redacted.output.splitlines()[0] == (
        f"{two}:2:1: not valid JSON: unexpected a character after the document: a second "
        "JSON document? for one document per line use --jsonl or a .jsonl file"
    )


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        (
            '{"status": "pending",\n}',
            "1:21",
            "trailing comma: JSON allows no comma after the last member of an object",
        ),
        ('{"status": "pending" // why\n}', "1:22", "comments are not allowed in JSON"),
        ("{'status': 'pending'}", "1:2", "single-quoted string: JSON strings use double quotes"),
    ],
)
def test_common_mistakes_in_a_document_are_named(text: str, where: str, message: str) -> None:
    for args in ((), ("--redact",)):
        result = invoke(*args, "-", stdin=text)
        assert code(result) == 3
        assert result.output.splitlines()[0] == f"<stdin>:{where}: not valid JSON: {message}"
