"""A password in a recorded URL (``user:PASSWD@``) is never shown: every format that shows a
recorded URL (text ``-v``, json ``entry.url``, html) shows it as ``user:***@``, and with
``--redact`` without the user too (and without the query, as before); the formats that show no
URL (github, sarif, junit, markdown) hold neither.  Through the installed console script."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_recordings import SPEC, _entry, _har
from tests.console import run_script

URL = "https://user:PASSWD@api.example.com/v1/users/u1?access_token=SECRETTOKEN"
SHOWN = {
    False: "https://user:***@api.example.com/v1/users/u1?access_token=SECRETTOKEN",
    True: "https://api.example.com/v1/users/u1?...",
}
FORMATS = ["text", "json", "html", "github", "sarif", "junit", "markdown"]


@pytest.mark.parametrize("redact", [False, True])
@pytest.mark.parametrize("form", FORMATS)
def test_a_password_in_a_recorded_url_is_masked_in_every_format(
    tmp_path: Path, form: str, redact: bool
) -> None:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    (tmp_path / "t.har").write_text(_har(_entry("GET", URL, 200, '{"id": 5}')))
    args = ["--no-config", "--openapi", "api.json", "-v", "--format", form, "t.har"]
    done = run_script(tmp_path, *args, *(["--redact"] if redact else []))
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert "PASSWD" not in out
    if redact:
        assert "user:" not in out and "user@" not in out
        assert "SECRETTOKEN" not in out
    if form == "json":
        entry = json.loads(done.stdout)["documents"][0]["entry"]
        assert entry["url"] == SHOWN[redact]
    elif form in ("text", "html"):
        assert (
            f"entries[0] GET {SHOWN[redact]} 200: invalid" in out
            if form == "text"
            else (f'<span class="mono">GET {SHOWN[redact]}</span>' in out)
        )
    else:
        assert "api.example.com" not in out
