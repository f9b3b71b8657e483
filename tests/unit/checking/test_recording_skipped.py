"""An entry that is skipped whatever its body holds (a URL outside the document's servers, an
aborted request) has a large encoded body left as it is: never decoded (a real recording's CDN
images and fonts are large), and never a problem (bad base64, an unknown charset); its result,
count and place are what they were when every body was decoded."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from tests.unit.checking.test_recording_batches import API, SPEC  # getUser 200: a User
from validator.checking.document import check_raw
from validator.checking.property_warnings import for_engine
from validator.checking.recording_files import check_recording, screen_of
from validator.contracts.routes import Miss
from validator.inputs import har_entry
from validator.problems import DocumentResult, Status
from validator.scale.recordings import judge_for, judge_key


def _entry(url: str, status: int, text: str, mime: str = "application/json", **more: Any) -> Any:
    return {
        "request": {"method": "GET", "url": url, "headers": []},
        "response": {
            "status": status,
            "headers": [],
            "content": {"mimeType": mime, "text": text, **more},
        },
    }


def _coded(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe" * 100
BROKEN = "%%%" * 700  # not base64, over 2 KiB
ENTRIES = [
    _entry(f"{API}/users/1", 200, '{"id": 1}'),  # checked
    _entry(f"{API}/users/2", 200, _coded(b'{"id": 2}' + b" " * 2000), encoding="base64"),
    _entry("https://cdn.example.com/a.png", 200, BROKEN, "image/png", encoding="base64"),
    _entry(
        "https://cdn.example.com/b.txt",
        200,
        _coded(b"x" * 1600),
        "text/x; charset=nope",
        encoding="base64",
    ),
    _entry("https://cdn.example.com/c.png", 200, _coded(PNG), "image/png", encoding="base64"),
    _entry(f"{API}/users/3", 0, BROKEN, encoding="base64"),  # aborted: skipped too
    _entry("not a url", 200, BROKEN, encoding="base64"),
    _entry("https://cdn.example.com/d.js", 200, "var x;" * 400, "text/javascript"),  # plain
    _entry("https://cdn.example.com/e.png", 200, "%%%", "image/png", encoding="base64"),  # small
    _entry(f"{API}/users/4", 200, BROKEN, encoding="base64"),  # the API's: unreadable (exit 3)
]
SKIPPED_CODED = {2, 3, 4, 5, 6}
"""The entries whose encoded bodies are of no use, and large enough to be worth not decoding
(decoding a small one costs no more than asking whether the entry is skipped)."""


def _short(text: str) -> tuple[str, int]:
    """A body as an assertion shows it."""
    return text[:12], len(text)


def _results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indent: int | None) -> Any:
    (tmp_path / "openapi.json").write_text(json.dumps(SPEC))
    monkeypatch.chdir(tmp_path)
    har = tmp_path / "rec.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": ENTRIES}}, indent=indent))
    judge = judge_for(judge_key("openapi.json"))

    def check(engine: Any, raw: bytes) -> DocumentResult:
        return check_raw(engine, raw, source=str(har), warnings=for_engine(engine))

    def results() -> list[DocumentResult]:
        return list(check_recording(judge, str(har), check, limit=1 << 20, screen=screen_of(True)))

    return judge, results


@pytest.mark.parametrize("indent", [2, None])
def test_a_skipped_entrys_encoded_body_is_not_decoded_and_the_results_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, indent: int | None
) -> None:
    decoded: list[str] = []
    original = har_entry._decoded

    def counted(recorded: str, *rest: Any) -> Any:
        decoded.append(recorded)
        return original(recorded, *rest)

    monkeypatch.setattr(har_entry, "_decoded", counted)
    judge, results = _results(tmp_path, monkeypatch, indent)
    found = results()
    texts = [entry["response"]["content"]["text"] for entry in ENTRIES]
    assert list(map(_short, decoded)) == [
        _short(text) for n, text in enumerate(texts) if n not in SKIPPED_CODED
    ]
    assert [r.status for r in found] == [
        *(Status.VALID, Status.VALID),
        *[Status.SKIPPED] * 7,
        Status.UNREADABLE,
    ]
    reasons = [r.problems[0].message for r in found if r.status is Status.SKIPPED]
    assert reasons == [
        *["outside the API's base URLs"] * 3,
        "aborted (status 0)",
        *["outside the API's base URLs"] * 3,
    ]
    # as when every body was decoded: the same results, places and entries
    monkeypatch.setattr(judge, "skipped", lambda url, status: False)
    decoded.clear()
    assert results() == found
    assert list(map(_short, decoded)) == list(map(_short, texts))


def test_outside_is_what_the_router_calls_outside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    judge, _ = _results(tmp_path, monkeypatch, 2)
    router = judge.router
    urls = [
        f"{API}/users/1",
        f"{API}/users/1?x=1#y",
        f"{API}/nothing",
        f"{API}",
        "https://api.example.com/v2/users/1",
        "https://API.example.com:443/v1/users/1",
        "https://api.example.com:8443/v1/users/1",
        "http://api.example.com/v1/users/1",
        "https://cdn.example.com/a.png",
        "not a url",
        "/v1/users/1",
        "https://api.example.com/v1/users/%2F",
    ]
    for url in urls:
        for method in ("GET", "POST"):
            found = router.operation(method, url)
            said = isinstance(found, Miss) and found.kind == "outside"
            assert router.outside(url) is said, url
    assert [router.outside(url) for url in urls[:6]] == [False] * 4 + [True, False]
