"""The html report in a real browser: Debian's Chromium, headless, driven by Selenium through
Debian's chromedriver (never a browser download; no network).

The page of a run whose documents (and one file name) carry script payloads shows them as text
and runs none of them; its policy refuses what a payload would need; the counts, the error
marker and the filter work as a person would use them; a page of 100,000 failed documents stays
small, and what keeps a large page quick to open holds (off-screen documents are not rendered,
the listing is bounded).  One test checks that the screenshot the docs show
(docs/html-report.png) is what the page looks like now: it writes its own picture elsewhere and
compares the two, pixel by pixel, leaving the checkout as it was.

One browser session serves the whole module.  A missing Chromium or chromedriver is a failure,
not a skip: ``.ci/run`` installs them (``CASEFILE_CHROMIUM`` / ``CASEFILE_CHROMEDRIVER`` name
other binaries).
"""

from __future__ import annotations

import base64
import io
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from validator.command.cli import command
from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.html import DETAIL_BUDGET, HtmlReporter

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "html-report.png"

HOSTILE = """{
  "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
  "status": "<script>window.__pwned=1;document.title='pwned'</script>",
  "payload": {
    "casefile_id": "\\"><img src=x onerror=\\"window.__pwned=2\\">",
    "session_id": "javascript:window.__pwned=3",
    "session_type": "call",
    "total_sessions": "<svg onload=window.__pwned=4>"
  }
}
"""
HOSTILE_NAME = '"><img src=x onerror=window.__pwned=5>.json'
LINES = (
    '{"request_id":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","status":"pending",'
    '"payload":{"casefile_id":"c","session_id":"s","session_type":"t","total_sessions":1}}\n'
    '{"request_id":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","status":"done",'
    '"payload":{"casefile_id":"c","session_id":"s","session_type":"t","total_sessions":1}}\n'
    '{"request_id":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","status":"failed",'
    '"payload":{"casefile_id":"c","session_id":"s","session_type":"t","total_sessions":1}}\n'
)


def _binary(variable: str, *names: str) -> str:
    configured = os.environ.get(variable)
    found = configured or next((p for n in names if (p := shutil.which(n))), None)
    if not found or not os.access(found, os.X_OK):
        pytest.fail(
            f"{' or '.join(names)} not found: install Debian's chromium and chromium-driver "
            f"(.ci/run does), or name the binary in {variable}"
        )
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    chromium = _binary("CASEFILE_CHROMIUM", "chromium", "chromium-browser")
    driver_path = _binary("CASEFILE_CHROMEDRIVER", "chromedriver")
    saved = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager: never download anything
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="casefile-chromium-")
    for argument in (
        "--headless=new",
        "--no-sandbox",  # the tests may run as root (CI containers)
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        "--window-size=1200,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
        try:
            yield driver
        finally:
            driver.quit()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
        if saved is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = saved


def _run(*args: str) -> int:
    result = CliRunner().invoke(command, list(args), standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert isinstance(result.return_value, int)
    return result.return_value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The page of a run over a hostile document, a hostile file name, JSON Lines, a valid file
    and a file that is not JSON."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "hostile.json").write_text(HOSTILE)
    (folder / HOSTILE_NAME).write_text('{"status": 1}\n')
    (folder / "responses.jsonl").write_text(LINES)
    (folder / "ok.json").write_bytes((ROOT / "examples" / "valid_completed.json").read_bytes())
    (folder / "broken.json").write_text('{"status": "pending",\n  "x": tru\n}\n')
    report = tmp_path_factory.mktemp("report") / "report.html"
    assert _run(str(folder), "--no-config", "--format", "html", "--output", str(report)) == 3
    return report


def _open(driver: WebDriver, page: Path) -> None:
    driver.get(page.as_uri())
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("data-ready") == "1"


def _document(driver: WebDriver, name: str) -> Any:
    return next(
        a
        for a in driver.find_elements(By.CSS_SELECTOR, "article.doc")
        if (a.get_attribute("data-file") or "").endswith(os.sep + name)
    )


def test_the_page_shows_the_verdict_and_the_counts(browser: WebDriver, hostile: Path) -> None:
    _open(browser, hostile)
    assert browser.title == "Failed: 3 invalid and 1 unreadable of 7 documents - casefile-validate"
    assert browser.find_element(By.ID, "verdict").text == (
        "Failed: 3 invalid and 1 unreadable of 7 documents"
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "table.counts tr")
    assert [r.text for r in rows] == ["documents valid invalid unreadable", "7 3 3 1"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart g.kind")) == 6
    assert browser.find_element(By.ID, "shown").text == "4 of 4 listed documents shown"


def test_an_error_is_marked_at_its_line_and_column(browser: WebDriver, hostile: Path) -> None:
    _open(browser, hostile)
    article = _document(browser, "hostile.json")
    marks = article.find_elements(By.TAG_NAME, "mark")
    status = next(m for m in marks if m.get_attribute("data-line") == "3")
    assert status.get_attribute("data-column") == "13"
    assert status.text == "\"<script>window.__pwned=1;document.title='pwned'</script>\""
    row = status.find_element(By.XPATH, "./ancestor::span[contains(@class, 'row')]")
    assert row.get_attribute("class") == "row hit"
    assert row.find_element(By.CLASS_NAME, "ln").text == "3"
    assert row.text == '3  "status": "<script>window.__pwned=1;document.title=\'pwned\'</script>",'
    broken = _document(browser, "broken.json").find_element(By.TAG_NAME, "mark")
    assert (broken.get_attribute("data-line"), broken.get_attribute("data-column")) == ("2", "8")
    assert broken.text == "tru"
    line = _document(browser, "responses.jsonl").find_element(By.TAG_NAME, "mark")
    assert (line.get_attribute("data-line"), line.text) == ("2", '"done"')


def test_no_script_from_a_document_ran(browser: WebDriver, hostile: Path) -> None:
    _open(browser, hostile)
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.title.endswith(" - casefile-validate")
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    assert [s.get_attribute("outerHTML") for s in browser.find_elements(By.TAG_NAME, "svg")] == [
        browser.find_element(By.CSS_SELECTOR, "svg.chart").get_attribute("outerHTML")
    ]
    said = browser.find_element(By.ID, "documents").text
    assert "<script>window.__pwned=1;document.title='pwned'</script>" in said
    assert '"><img src=x onerror=\\"window.__pwned=2\\">' in said
    assert '"<svg onload=window.__pwned=4>"' in said
    assert HOSTILE_NAME in said
    assert browser.execute_script("return typeof window.__pwned") == "undefined"


def test_the_policy_refuses_scripts_and_loads_the_page_did_not_bring(
    browser: WebDriver, hostile: Path
) -> None:
    _open(browser, hostile)
    violations = browser.execute_async_script(
        """
        var done = arguments[arguments.length - 1], seen = [];
        document.addEventListener("securitypolicyviolation", function (e) {
          seen.push(e.effectiveDirective + " " + (e.blockedURI || ""));
        });
        var script = document.createElement("script");
        script.textContent = "window.__pwned = 6";
        document.body.appendChild(script);
        var img = document.createElement("img");
        img.src = "https://example.invalid/x.png";
        document.body.appendChild(img);
        var link = document.createElement("a");
        link.href = "javascript:window.__pwned=7";
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { done(seen.sort()); }, 300);
        """
    )
    assert violations == [
        "img-src https://example.invalid/x.png",
        "script-src-elem inline",
        "script-src-elem inline",
    ]
    assert browser.execute_script("return typeof window.__pwned") == "undefined"


def test_the_filter_hides_and_shows_documents(browser: WebDriver, hostile: Path) -> None:
    _open(browser, hostile)

    def shown() -> list[str]:
        articles = browser.find_elements(By.CSS_SELECTOR, "article.doc")
        return [
            os.path.basename(a.get_attribute("data-file") or "")
            for a in articles
            if a.is_displayed()
        ]

    everything = ["broken.json", "hostile.json", "responses.jsonl", HOSTILE_NAME]
    assert sorted(shown()) == sorted(everything)
    text = browser.find_element(By.ID, "f-text")
    text.send_keys("PWNED=4")  # any case
    assert shown() == ["hostile.json"]
    assert browser.find_element(By.ID, "shown").text == "1 of 4 listed documents shown"
    text.clear()
    text.send_keys(" ")  # clear() sends no input event: a key does
    assert sorted(shown()) == sorted(everything)
    Select(browser.find_element(By.ID, "f-keyword")).select_by_value("parse")
    assert shown() == ["broken.json"]
    Select(browser.find_element(By.ID, "f-keyword")).select_by_value("enum")
    assert sorted(shown()) == sorted([HOSTILE_NAME, "hostile.json", "responses.jsonl"])
    browser.find_element(By.ID, "f-file").send_keys(".JSONL")
    assert shown() == ["responses.jsonl"]
    assert browser.find_element(By.ID, "shown").text == "1 of 4 listed documents shown"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _differing_pixels(driver: WebDriver, first: bytes, second: bytes) -> tuple[Any, Any, int]:
    """Both pictures' sizes and how many of their pixels differ (-1 when their sizes differ),
    decoded and compared by the browser (PNG files that differ only in their encoding are the
    same picture)."""
    driver.get("about:blank")
    driver.set_script_timeout(60)
    found = driver.execute_async_script(
        """
        var done = arguments[arguments.length - 1];
        function load(source) {
          return new Promise(function (resolve, reject) {
            var image = new Image();
            image.onload = function () { resolve(image); };
            image.onerror = reject;
            image.src = "data:image/png;base64," + source;
          });
        }
        function pixels(image) {
          var canvas = document.createElement("canvas");
          canvas.width = image.naturalWidth;
          canvas.height = image.naturalHeight;
          var context = canvas.getContext("2d");
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, canvas.width, canvas.height).data;
        }
        Promise.all([load(arguments[0]), load(arguments[1])]).then(function (images) {
          var sizes = images.map(function (i) { return [i.naturalWidth, i.naturalHeight]; });
          if (sizes[0][0] !== sizes[1][0] || sizes[0][1] !== sizes[1][1]) {
            done([sizes[0], sizes[1], -1]);
            return;
          }
          var a = pixels(images[0]), b = pixels(images[1]), differing = 0;
          for (var p = 0; p < a.length; p += 4) {
            if (a[p] !== b[p] || a[p + 1] !== b[p + 1] || a[p + 2] !== b[p + 2] ||
                a[p + 3] !== b[p + 3]) {
              differing++;
            }
          }
          done([sizes[0], sizes[1], differing]);
        }, function () { done(null); });
        """,
        base64.b64encode(first).decode("ascii"),
        base64.b64encode(second).decode("ascii"),
    )
    assert found is not None, "the browser could not decode a picture"
    return found[0], found[1], found[2]


def test_pictures_are_compared_pixel_by_pixel(browser: WebDriver) -> None:
    shown = SCREENSHOT.read_bytes()
    width, height = _png_size(shown)
    assert _differing_pixels(browser, shown, shown) == ([width, height], [width, height], 0)
    browser.set_window_size(640, 480)
    try:
        browser.get("about:blank")
        blank = browser.get_screenshot_as_png()
    finally:
        browser.set_window_size(1200, 900)
    assert _differing_pixels(browser, shown, blank)[2] == -1  # sizes differ
    assert _differing_pixels(browser, blank, blank)[2] == 0
    browser.set_window_size(640, 480)
    try:
        browser.get("about:blank")
        browser.execute_script("document.body.innerHTML = '<p>x</p>'")
        other = browser.get_screenshot_as_png()
    finally:
        browser.set_window_size(1200, 900)
    assert _differing_pixels(browser, blank, other)[2] > 0


def test_the_readme_screenshot_shows_the_page(
    browser: WebDriver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page of the docs' example run, as docs/reports.md shows it (docs/html-report.png):
    the picture taken now is written under the test's temporary folder, never over the tracked
    one, and the two must be the same picture."""
    monkeypatch.chdir(ROOT)  # sources named as the docs' commands name them
    report = tmp_path / "report.html"
    assert _run("examples/", "--no-config", "--format", "html", "--output", str(report)) == 1
    _open(browser, report)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1200, min(int(height), 2400) + 140)  # the window's frame is 140 high
    try:
        data = browser.get_screenshot_as_png()
    finally:
        browser.set_window_size(1200, 900)
    width, shot_height = _png_size(data)
    assert width == 1200 and shot_height >= 1500
    taken = tmp_path / SCREENSHOT.name
    taken.write_bytes(data)
    shown, now, differing = _differing_pixels(browser, SCREENSHOT.read_bytes(), data)
    assert differing == 0, (
        f"{SCREENSHOT.relative_to(ROOT)} ({shown[0]}x{shown[1]}) is not what the page looks "
        f"like now ({now[0]}x{now[1]}, "
        + ("another size" if differing < 0 else f"{differing} pixels differ")
        + f"): the picture taken now is {taken}; if the page changed on purpose, copy it over "
        f"{SCREENSHOT.relative_to(ROOT)}"
    )


def _page_of_failures(folder: Path, count: int) -> Path:
    """The page of a run of ``count`` failed JSON Lines documents (the records a check gives,
    built directly: checking them is not what is tested)."""
    data = folder / "failures.jsonl"
    line = '{"status": "done", "payload": {"total_sessions": "3", "note": "%s"}}\n'
    with data.open("w") as out:
        for i in range(count):
            out.write(line % ("x" * (i % 300)))
    results = (
        DocumentResult(
            str(data),
            i + 1,
            Status.INVALID,
            (
                Problem(
                    "/status",
                    "/properties/status/enum",
                    f'"done" is not one of kind{i % 40}',
                    "enum",
                    line=i + 1,
                    column=12,
                    shape=f"<value> is not one of kind{i % 40}",
                ),
                Problem(
                    "/payload/total_sessions",
                    "/properties/payload/type",
                    'expected integer, got string "3"',
                    "type",
                    line=i + 1,
                    column=49,
                    shape="expected integer, got string <value>",
                ),
            ),
            "AddSessionToCasefileResponse",
        )
        for i in range(count)
    )
    report = folder / "failures.html"
    stream = io.StringIO()
    reporter = HtmlReporter(stream, ReportOptions())
    summary = Summary()
    for result in results:
        summary.add(result)
        reporter.document(result)
    reporter.finish(summary)
    report.write_text(stream.getvalue())
    return report


def _rendered(driver: WebDriver) -> tuple[list[int], list[int]]:
    """The listed documents (their indexes) whose contents the browser renders, and those within
    two screens' height of the screen (what ``content-visibility: auto`` may render ahead): once
    the page has settled, or as they are after 120 frames (the browser updates what it renders
    a frame or a few after a scroll)."""
    found = driver.execute_async_script(
        """
        var done = arguments[arguments.length - 1], frames = 0;
        function look() {
          var docs = document.querySelectorAll("article.doc"), rendered = [], near = [];
          var height = window.innerHeight, settled = true;
          for (var i = 0; i < docs.length; i++) {
            var box = docs[i].getBoundingClientRect();
            var close = box.bottom > -2 * height && box.top < 3 * height;
            if (close) { near.push(i); }
            if (docs[i].querySelector("h3").checkVisibility({contentVisibilityAuto: true})) {
              rendered.push(i);
              settled = settled && close;
            }
          }
          if ((settled && frames >= 2) || frames >= 120) { done([rendered, near]); return; }
          frames++;
          requestAnimationFrame(look);
        }
        requestAnimationFrame(look);
        """
    )
    assert isinstance(found, list)
    return found[0], found[1]


def _only_documents_near_the_screen_are_rendered(driver: WebDriver, listed: int) -> None:
    """What keeps a page of many documents quick to open and to scroll: the browser lays out
    and paints only the documents on or near the screen, however many are listed."""
    rendered, near = _rendered(driver)
    assert set(rendered) <= set(near), (rendered, near)
    middle = listed // 2
    driver.execute_script(
        "arguments[0].scrollIntoView()",
        driver.find_elements(By.CSS_SELECTOR, "article.doc")[middle],
    )
    rendered, near = _rendered(driver)
    assert middle in rendered and set(rendered) <= set(near), (rendered, near)
    assert len(near) < listed, near  # a page that fits on one screen would prove nothing
    driver.execute_script("window.scrollTo(0, 0)")


def test_a_page_of_100000_failed_documents_is_small_and_renders_only_what_is_near_the_screen(
    browser: WebDriver, tmp_path: Path
) -> None:
    report = _page_of_failures(tmp_path, 100_000)
    assert report.stat().st_size < 20_000_000
    _open(browser, report)
    assert len(browser.find_elements(By.CSS_SELECTOR, "article.doc")) == 1000
    _only_documents_near_the_screen_are_rendered(browser, 1000)
    assert browser.find_element(By.ID, "unlisted").text == (
        "99000 more failed documents not listed (the page lists the first 1000 documents); "
        "every one is counted in Failures by kind."
    )
    first = browser.find_element(By.CSS_SELECTOR, "svg.chart g.kind text.n")
    assert first.text == "100000"
    # issue 21: the filter bar said "1000 of 1000 listed documents shown", the chart drew 12
    # kinds of 41 without a word
    assert browser.find_element(By.ID, "shown").text == (
        "1,000 of 100,000 documents shown (only the first 1,000 are listed)"
    )
    assert browser.find_element(By.ID, "chart-note").text == (
        "The chart shows the 12 most frequent of the 41 kinds; the table lists them all."
    )
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart g.kind")) == 12
    text = browser.find_element(By.ID, "f-text")
    text.send_keys("kind7")  # one listed document in 40
    assert browser.find_element(By.ID, "shown").text == (
        "25 of 100,000 documents shown (only the first 1,000 are listed)"
    )
    text.clear()


def test_a_page_filled_to_its_budget_renders_only_what_is_near_the_screen_and_filters(
    browser: WebDriver, tmp_path: Path
) -> None:
    from tests.unit.report.test_report_html import _failures, page

    report = tmp_path / "full.html"
    report.write_text(page(_failures(1000, problems=50, message='"<>&' * 2000)))
    size = report.stat().st_size
    assert DETAIL_BUDGET - 2_000_000 < size < DETAIL_BUDGET + 1_000_000  # a document: < 2 MB
    _open(browser, report)
    listed = len(browser.find_elements(By.CSS_SELECTOR, "article.doc"))
    _only_documents_near_the_screen_are_rendered(browser, listed)
    rest = f"of 1,000 documents shown (only the first {listed} are listed)"
    assert browser.find_element(By.ID, "shown").text == f"{listed} {rest}"
    text = browser.find_element(By.ID, "f-text")
    text.send_keys("/1")  # every listed document has a problem at /1
    assert browser.find_element(By.ID, "shown").text == f"{listed} {rest}"
    text.send_keys("x")
    assert browser.find_element(By.ID, "shown").text == f"0 {rest}"


def test_a_recorded_body_is_shown_decoded_and_marked_and_runs_nothing(
    browser: WebDriver, tmp_path: Path
) -> None:
    """issue 23: a problem inside a HAR entry's body is marked in the decoded body (here base64,
    over several lines), under the entry; nothing of the body or the URL runs."""
    import json

    body = '{\n  "id": "u1",\n  "status": "<script>window.__pwned=6</script>"\n}'
    spec = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {
            "/users/{id}": {
                "get": {
                    "responses": {
                        "200": {
                            "description": "one",
                            "content": {
                                "application/json": {
                                    "schema": {"properties": {"status": {"enum": ["active"]}}}
                                }
                            },
                        }
                    }
                }
            }
        },
    }
    url = 'https://api.example.com/users/u1?"><img src=x onerror=window.__pwned=7>'
    content = {"mimeType": "application/json", "encoding": "base64"}
    content["text"] = base64.b64encode(body.encode()).decode()
    entry = {
        "request": {"method": "GET", "url": url, "headers": []},
        "response": {"status": 200, "headers": [], "content": content},
    }
    (tmp_path / "api.json").write_text(json.dumps(spec))
    har = json.dumps({"log": {"entries": [entry]}}, indent=1)
    (tmp_path / "rec.har").write_text(har)
    at = har.index('"text": ') + len('"text": ')  # the body's string: line 16, column 15
    assert (har.count("\n", 0, at) + 1, at - har.rfind("\n", 0, at)) == (16, 15)
    page = tmp_path / "report.html"
    args = ("--no-config", "--openapi", str(tmp_path / "api.json"), str(tmp_path / "rec.har"))
    assert _run(*args, "--format", "html", "--output", str(page)) == 1
    _open(browser, page)
    article = browser.find_element(By.CSS_SELECTOR, "article.doc")
    assert article.find_element(By.CSS_SELECTOR, "p.entry").text == (
        f"entries[0] GET {url} status 200, body at {tmp_path / 'rec.har'}:16:15"
    )
    mark = article.find_element(By.CSS_SELECTOR, "pre.excerpt.body mark")
    assert (mark.get_attribute("data-line"), mark.get_attribute("data-column")) == ("3", "13")
    assert mark.text == '"<script>window.__pwned=6</script>"'
    problem, warning = article.find_elements(By.CSS_SELECTOR, "ol.problems > li")
    rows = problem.find_elements(By.CSS_SELECTOR, "pre.excerpt.body .row")
    assert [r.text for r in rows] == [
        "1{",
        '2  "id": "u1",',
        '3  "status": "<script>window.__pwned=6</script>"',
        "4}",
    ]
    assert problem.find_element(By.CSS_SELECTOR, ".where").text == "body 3:13"
    # a warning inside the body (an undeclared property) is marked there too
    assert warning.find_element(By.CSS_SELECTOR, ".where").text == "body 2:3"
    key = warning.find_element(By.CSS_SELECTOR, "pre.excerpt.body mark")
    assert (key.get_attribute("data-line"), key.get_attribute("data-column"), key.text) == (
        "2",
        "3",
        '"id"',
    )
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.find_elements(By.TAG_NAME, "img") == []
