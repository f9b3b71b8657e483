"""A pytest plugin that checks every response a test run's HTTP clients received against the
OpenAPI document, at the end of the run, with the coverage of its documented responses.

Installed with the package (the ``pytest11`` entry point), it does nothing unless given a
document: ``pytest --casefile-openapi openapi.json`` or ``casefile_openapi = openapi.json`` in
the ini file (its path relative to the ini file's folder).  Then, while the run lasts, the
``send`` of ``httpx``'s and ``httpx2``'s ``Client`` and ``AsyncClient`` (so Starlette's and
FastAPI's ``TestClient``) records each response it returns (streamed responses aside: their
body is the test's to read), and puts back what it replaced when the run ends.  At the end each
response is checked with :func:`validator.check_response`; the terminal shows the problems and
the documented responses no test received, and a response that fails makes the run fail.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pytest

__all__ = ["Recorder"]

_KEY = "casefile_validator_recorder"
_CLIENTS = [(m, c) for m in ("httpx", "httpx2") for c in ("Client", "AsyncClient")]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("casefile-validator")
    group.addoption(
        "--casefile-openapi",
        metavar="SPEC",
        default=None,
        help="check every response the tests' httpx clients (TestClient too) received against "
        "this OpenAPI document at the end of the run",
    )
    parser.addini("casefile_openapi", "the OpenAPI document of --casefile-openapi", default="")


class Recorder:
    """The responses recorded, and the clients' ``send`` methods replaced (to be put back)."""

    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.seen: list[tuple[str, str, int, bytes, list[tuple[str, str]]]] = []
        self.failures: list[str] = []
        self.unseen: list[str] = []
        self._replaced: list[tuple[Any, Any]] = []

    def record(self, response: Any) -> None:
        request = response.request
        headers = [(str(k), str(v)) for k, v in response.headers.items()]
        self.seen.append(
            (str(request.method), str(request.url), response.status_code, response.content, headers)
        )

    def patch(self) -> None:
        import importlib
        import inspect

        for module_name, class_name in _CLIENTS:
            try:
                client = getattr(importlib.import_module(module_name), class_name)
            except (ImportError, AttributeError):
                continue
            original = client.__dict__["send"]
            wrapper = _async_send if inspect.iscoroutinefunction(original) else _send
            client.send = wrapper(self, original)
            self._replaced.append((client, original))

    def unpatch(self) -> None:
        while self._replaced:
            client, original = self._replaced.pop()
            client.send = original

    def check(self) -> None:
        """Check what was recorded: :attr:`failures` (the report of each response that failed)
        and :attr:`unseen` (the documented responses none matched)."""
        from validator.api import check_response
        from validator.contracts.routes import Miss
        from validator.traffic import spec_of

        router = spec_of(self.spec).router
        matched = set()
        for method, url, status, body, headers in self.seen:
            report = check_response(self.spec, method, url, status, body, headers=headers)
            if not report.valid:
                self.failures.append(str(report))
            found = router.operation(method, url)
            if not isinstance(found, Miss):
                media = next((v for k, v in headers if k.lower() == "content-type"), "")
                response = router.response(found[0], status, media)
                if not isinstance(response, Miss):
                    matched.add(response.name)
        self.unseen = [slot.name for slot in router.documented() if slot.name not in matched]


def _send(recorder: Recorder, original: Any) -> Any:
    def send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = original(self, request, *args, **kwargs)
        if not kwargs.get("stream", False):
            recorder.record(response)
        return response

    return send


def _async_send(recorder: Recorder, original: Any) -> Any:
    async def send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = await original(self, request, *args, **kwargs)
        if not kwargs.get("stream", False):
            recorder.record(response)
        return response

    return send


def pytest_configure(config: pytest.Config) -> None:
    spec = config.getoption("casefile_openapi") or None
    if spec is None and config.getini("casefile_openapi"):
        spec = os.path.join(str(config.rootpath), str(config.getini("casefile_openapi")))
        shorter = os.path.relpath(spec)  # as messages name it
        spec = spec if shorter.startswith("..") else shorter
    if spec:
        recorder = Recorder(spec)
        recorder.patch()
        setattr(config, _KEY, recorder)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    recorder: Recorder | None = getattr(session.config, _KEY, None)
    if recorder is None:
        return
    recorder.unpatch()
    from validator.problems import SchemaProblem

    try:
        recorder.check()
    except SchemaProblem as error:
        recorder.failures.append(f"casefile-validator: {error}")
    if recorder.failures and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    recorder: Recorder | None = getattr(config, _KEY, None)
    if recorder is None:
        return
    from validator.sinks import terminal

    terminalreporter.section("casefile-validator: recorded responses")
    lines = [f"{len(recorder.seen)} responses checked against {recorder.spec}: "]
    lines[0] += f"{len(recorder.failures)} failed"
    for failure in recorder.failures:
        lines += failure.splitlines()
    if recorder.unseen:
        lines.append(f"documented responses no test received ({len(recorder.unseen)}):")
        lines += [f"  {name}" for name in recorder.unseen]
    for line in lines:  # the document's and the responses' text: escaped for the terminal
        terminalreporter.write_line(terminal(line))


def pytest_unconfigure(config: pytest.Config) -> None:
    recorder: Recorder | None = getattr(config, _KEY, None)
    if recorder is not None:  # a run that ended before its session did
        recorder.unpatch()
