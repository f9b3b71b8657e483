"""A real recorder for tests: a local HTTP server on 127.0.0.1 (started by the test, in a
thread) and Debian's Chromium, driven by Playwright, calling it with ``fetch()`` from a page of
that server while Playwright's ``record_har`` writes what the browser saw.

Why Playwright rather than mitmproxy's ``hardump``: both record correctly here, but mitmproxy
pins old versions of packages the test extra already has (``h11<=0.14``, ``tornado``, which
Dask's ``distributed`` uses), so it would need a venv of its own and a step in ``.ci/run`` to make
it; Playwright is one package in the test extra, with its own driver inside the wheel, and the
Chromium it drives is the one ``.ci/run`` already installs for the html report's browser tests
(``executable_path``: Playwright never downloads a browser here).  Its HARs are what a browser's
devtools write: one line, bodies as text or base64, headers and timings.

Use::

    from tests.recorder import Call, Reply, record

    base = record(tmp_path / "rec.har", {"GET /users/1": Reply(200, b'{"id": 1}')},
                  [Call("GET", "/users/1")])

The page the calls are made from (``/_recorder``) is left out of the HAR.  ``CASEFILE_CHROMIUM``
names another Chromium binary; a missing one is a failure, as for the html report's tests.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest

PAGE = "/_recorder"
"""The page the calls are made from (not recorded)."""


class Reply(NamedTuple):
    """What the server answers on one route."""

    status: int
    body: bytes = b""
    content_type: str | None = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


class Call(NamedTuple):
    """One request the page makes, in order (redirects are followed, as ``fetch`` does)."""

    method: str
    path: str
    body: str | None = None
    content_type: str = "application/json"


def chromium() -> str:
    """Debian's Chromium (or ``$CASEFILE_CHROMIUM``); a failure when there is none."""
    found = os.environ.get("CASEFILE_CHROMIUM") or shutil.which("chromium")
    if not found or not os.access(found, os.X_OK):
        pytest.fail(
            "chromium not found: install Debian's chromium (.ci/run does), or name the binary "
            "in CASEFILE_CHROMIUM"
        )
    return found


def _handler(routes: Mapping[str, Reply]) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            path = self.path.split("?", 1)[0]
            if path == PAGE:
                reply = Reply(200, b"<!doctype html><title>recorder</title>", "text/html")
            else:
                reply = routes.get(f"{self.command} {path}") or routes.get(path) or Reply(404)
            self.send_response(reply.status)
            if reply.content_type is not None:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.status not in (204, 304):
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.status not in (204, 304) and self.command != "HEAD":
                self.wfile.write(reply.body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serving(routes: Mapping[str, Reply]) -> Iterator[str]:
    """Serve ``routes`` (``"METHOD /path"`` or ``"/path"`` for any method) on 127.0.0.1, on a
    free port, in a thread; the base URL.  Other paths answer 404 with no body."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


_CALLS = """async (calls) => {
  for (const [method, path, body, type] of calls) {
    const init = {method, cache: "no-store"};
    if (body !== null) { init.body = body; init.headers = {"Content-Type": type}; }
    const response = await fetch(path, init);
    await response.arrayBuffer();
  }
}"""


def record(
    har: Path, routes: Mapping[str, Reply], calls: Sequence[Call], *, content: str = "embed"
) -> str:
    """Serve ``routes``, make ``calls`` from Chromium while recording them to ``har``
    (``content``: Playwright's ``record_har_content``, ``embed``, ``omit`` or ``attach``), and
    return the base URL the server had."""
    from playwright.sync_api import sync_playwright

    with serving(routes) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), timeout=60_000)
        try:
            context = browser.new_context(
                record_har_path=str(har),
                record_har_content=content,  # type: ignore[arg-type]
                record_har_url_filter=re.compile(rf"^{re.escape(base)}/(?!{PAGE[1:]}$)"),
            )
            page = context.new_page()
            page.set_default_timeout(30_000)
            page.goto(base + PAGE)
            page.evaluate(_CALLS, [list(call) for call in calls])
            context.close()  # writes the HAR
        finally:
            browser.close()
    return base


def recorded(har: Path) -> list[dict[str, Any]]:
    """The entries of a HAR, read whole (for tests to compare with)."""
    entries: list[dict[str, Any]] = json.loads(har.read_text(encoding="utf-8"))["log"]["entries"]
    return entries
