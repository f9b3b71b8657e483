"""A pytest plugin that checks every response a test run's HTTP clients received against the
OpenAPI document, at the end of the run, with the coverage of its documented responses.

Installed with the package (the ``pytest11`` entry point), it does nothing unless given a
document: ``pytest --casefile-openapi openapi.json`` or ``casefile_openapi = openapi.json`` in
the ini file (its path relative to the ini file's folder); ``--casefile-base-url URL`` (or
``casefile_base_url``) replaces the document's servers as ``casefile-validate --base-url`` does
(``http://testserver`` for a TestClient).  Then, while the run lasts, the
``send`` of ``httpx``'s and ``httpx2``'s ``Client`` and ``AsyncClient`` (so Starlette's and
FastAPI's ``TestClient``) records each response it returns (streamed responses aside: their
body is the test's to read), and puts back what it replaced when the run ends.  At the end each
response is checked as :func:`validator.check_response` checks it (what a recording's entry
skips is skipped, with the command line's reasons); the terminal shows the problems, the skipped
responses, and the coverage of the documented responses as the command line's text report shows
it (counted as it counts a recording's); a response that fails makes the run fail.

Under pytest-xdist each worker records what its tests received and hands it to the controller
(``config.workeroutput``, collected at ``pytest_testnodedown``), which checks everything once at
the end, in the tests' order, as a run without xdist does.
"""

from __future__ import annotations

import base64
import os
from typing import Any, NamedTuple

import pytest

__all__ = ["Recorder", "Seen"]

_KEY = "casefile_validator_recorder"
_CLIENTS = [(m, c) for m in ("httpx", "httpx2") for c in ("Client", "AsyncClient")]
_OUTSIDE = -1
"""The order of a response received outside any test (while the tests were collected)."""


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
    group.addoption(
        "--casefile-base-url",
        metavar="URL",
        action="append",
        default=[],
        help="a base URL that replaces the OpenAPI document's servers for the recorded URLs, "
        "as casefile-validate's --base-url (http://testserver for TestClient); several allowed",
    )
    parser.addini(
        "casefile_base_url",
        "the base URLs of --casefile-base-url (separated by white space)",
        type="args",
        default=[],
    )


class Seen(NamedTuple):
    """One response recorded: its request's method and URL, its status, body and headers, and
    the test that received it (its node id and its place in the run; none: outside any test)."""

    method: str
    url: str
    status: int
    body: bytes
    headers: list[tuple[str, str]]
    nodeid: str = ""
    order: int = _OUTSIDE

    def wire(self) -> dict[str, Any]:
        """As plain data, which an xdist worker can send (the body in base64)."""
        fields = self._asdict()
        fields["body"] = base64.b64encode(self.body).decode("ascii")
        fields["headers"] = [list(pair) for pair in self.headers]
        return fields

    @classmethod
    def unwire(cls, fields: dict[str, Any]) -> Seen:
        """The :class:`Seen` of :meth:`wire`'s data."""
        headers = [(str(k), str(v)) for k, v in fields["headers"]]
        body = base64.b64decode(fields["body"])
        return cls(**{**fields, "body": body, "headers": headers})


class Recorder:
    """The responses recorded, and the clients' ``send`` methods replaced (to be put back)."""

    def __init__(self, spec: str, base_urls: tuple[str, ...] = ()) -> None:
        self.spec = spec
        self.base_urls = base_urls
        self.seen: list[Seen] = []
        self.failures: list[list[str]] = []
        self.skipped: dict[str, int] = {}
        """How many responses were not checked, by why (the command line's words)."""
        self.coverage: list[str] = []
        """The coverage lines, as the command line's text report writes them."""
        self.error: str | None = None
        """Why the document could not be used (then nothing was checked)."""
        self.test = ("", _OUTSIDE)
        """The node id and place of the test running (none: outside any test)."""
        self.orders: dict[str, int] = {}
        self._outside_taken = False
        self._replaced: list[tuple[Any, Any]] = []

    def record(self, response: Any) -> None:
        request = response.request
        headers = [(str(k), str(v)) for k, v in response.headers.items()]
        method, url = str(request.method), str(request.url)
        self.seen.append(
            Seen(method, url, response.status_code, response.content, headers, *self.test)
        )

    def received(self, output: dict[str, Any]) -> None:
        """Take what an xdist worker recorded (its ``workeroutput``); the responses it received
        outside any test (while it collected the tests, as every worker did) only once."""
        seen = [Seen.unwire(fields) for fields in output.get(_KEY) or ()]
        if self._outside_taken:
            seen = [one for one in seen if one.order != _OUTSIDE]
        self._outside_taken = self._outside_taken or _KEY in output
        self.seen += seen

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
        """Check what was recorded, in the tests' order: :attr:`failures` (the report of each
        response that failed), :attr:`skipped` and :attr:`coverage` (of the documented
        responses, counted as the command line counts a recording's: a skipped response is
        none of them)."""
        from validator.api import _report
        from validator.contracts.coverage import coverage_of
        from validator.problems import Status, Summary
        from validator.report.coverage import text_lines
        from validator.traffic import response_result, spec_of

        contents = spec_of(self.spec).contents
        counts = Summary()
        self.seen.sort(key=lambda one: one.order)  # stable: each test's in the order received
        for method, url, status, body, headers, nodeid, _ in self.seen:
            result = response_result(
                self.spec, method, url, status, body, headers=headers, base_url=self.base_urls
            )
            counts.add(result)
            if result.status is Status.SKIPPED:
                reason = result.problems[0].message
                self.skipped[reason] = self.skipped.get(reason, 0) + 1
            elif not result.valid:  # its lines as they are: escaped one by one when written
                first, *rest = _report(result).lines()
                self.failures.append([f"{first} in {nodeid}" if nodeid else first, *rest])
        coverage = coverage_of(contents, counts, self.spec)
        self.coverage = [
            line.replace(" (--format json lists all)", "") for line in text_lines(coverage)
        ]

    def summary(self) -> list[str]:
        """The lines of the run's section: why the document could not be used, alone, or how
        many responses were checked, the failures, the skipped ones and the coverage."""
        from validator.report.common import plural

        if self.error is not None:
            return [self.error]
        lines = [f"{plural(len(self.seen), 'response')} checked against {self.spec}: "]
        lines[0] += f"{len(self.failures)} failed"
        for failure in self.failures:
            lines += failure
        if self.skipped:
            reasons = sorted(self.skipped.items(), key=lambda item: (-item[1], item[0]))
            said = ", ".join(f"{count} {reason}" for reason, count in reasons)
            lines.append(f"{plural(sum(self.skipped.values()), 'response')} skipped ({said})")
        return lines + self.coverage


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
        folder = config.inipath.parent if config.inipath is not None else config.rootpath
        spec = os.path.join(str(folder), str(config.getini("casefile_openapi")))
        shorter = os.path.relpath(spec)  # as messages name it
        spec = spec if shorter.startswith("..") else shorter
    if spec:
        recorder = Recorder(spec, _base_urls(config))
        recorder.patch()
        setattr(config, _KEY, recorder)
        config.pluginmanager.register(_Hooks(recorder), "casefile-validator-run")


def _base_urls(config: pytest.Config) -> tuple[str, ...]:
    """The base URLs given (the option's, else the ini file's), each usable as
    ``casefile-validate --base-url``'s; a usage error for one that is not."""
    from validator.contracts.base_urls import base_url_problem

    given = config.getoption("casefile_base_url") or []
    flag = "--casefile-base-url"
    if not given:
        given, flag = config.getini("casefile_base_url") or [], "casefile_base_url"
    for url in given:
        said = base_url_problem(url)
        if said is not None:
            raise pytest.UsageError(f"{flag} {url}: {said}")
    return tuple(given)


def _recorder(config: pytest.Config) -> Recorder | None:
    return getattr(config, _KEY, None)


class _Hooks:
    """The hooks of a run with a document, registered as a plugin of its own: which test is
    running, and (pytest-xdist's controller) what each worker recorded."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.recorder.orders = {item.nodeid: n for n, item in enumerate(session.items)}

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        self.recorder.test = (nodeid, self.recorder.orders.get(nodeid, _OUTSIDE))

    def pytest_runtest_logfinish(self, nodeid: str) -> None:
        self.recorder.test = ("", _OUTSIDE)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object | None) -> None:
        """pytest-xdist's controller: a worker is done; take what it recorded."""
        output = getattr(node, "workeroutput", None)
        if isinstance(output, dict):
            self.recorder.received(output)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    recorder = _recorder(session.config)
    if recorder is None:
        return
    recorder.unpatch()
    output = getattr(session.config, "workeroutput", None)
    if isinstance(output, dict):  # an xdist worker: the controller checks
        output[_KEY] = [one.wire() for one in recorder.seen]
        return
    from validator.problems import SchemaProblem

    try:
        recorder.check()
    except SchemaProblem as error:
        recorder.error = f"casefile-validator: {error}"
    if (recorder.failures or recorder.error) and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    recorder = _recorder(config)
    if recorder is None or hasattr(config, "workeroutput"):
        return
    from validator.sinks import terminal

    terminalreporter.section("casefile-validator: recorded responses")
    for line in recorder.summary():  # the document's and the responses' text: escaped
        terminalreporter.write_line(terminal(line))


def pytest_unconfigure(config: pytest.Config) -> None:
    recorder = _recorder(config)
    if recorder is not None:  # a run that ended before its session did
        recorder.unpatch()
