"""The HAR workload: a seeded recording of an API's traffic as a browser's devtools export it
(indented by two spaces; entries of ~10 KB with Chrome's headers, cookies and initiator stacks),
written by streaming, with two companions made in the same pass from the same entries:

* ``<name>.entries.jsonl``: each entry on one line, byte for byte as in the recording but for
  its line feeds, made spaces (the floor of reading: orjson per line);
* ``<name>.bodies.jsonl``: the JSON bodies of the API's responses, one a line (what checking
  the recording must cost no more than twice of, as JSON Lines: the checking-throughput row,
  for the run's wiring; :func:`make_har` gives its path).

Of the entries, 85% are the API's (``https://api.casefile.example/v1``): JSON bodies, valid
``AddSessionToCasefileResponse`` documents, written compact, with ``json.dumps``' spaces, or
indented, 10% of them base64-encoded; 15% go to other hosts (a CDN's images and scripts as
base64 or text, an analytics beacon with no body).
"""

from __future__ import annotations

import base64
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bench.common import MB, log
from bench.workloads import _fresh, _stamp, _uuid, valid_doc

API = "https://api.casefile.example/v1"
ENTRY_BYTES = 10_700
"""About what one entry takes (1 GB: ~100,000 entries, the issue's figure)."""


@dataclass(frozen=True)
class HarWorkload:
    har: Path
    entries_jsonl: Path
    bodies_jsonl: Path
    entries: int
    with_text: int
    """Entries whose response holds a text (the rest: 204s, beacons)."""
    bodies: int
    """Lines of ``bodies_jsonl``."""


def _headers(rng: random.Random, names: list[str]) -> list[dict[str, str]]:
    return [{"name": n, "value": f"{n.lower()}-{rng.getrandbits(64):x}"} for n in names]


REQUEST_HEADERS = ["Accept", "Accept-Encoding", "Accept-Language", "Authorization", "Origin"]
REQUEST_HEADERS += ["Referer", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "X-Trace"]
RESPONSE_HEADERS = ["Cache-Control", "Date", "ETag", "Server", "Strict-Transport-Security"]
RESPONSE_HEADERS += ["Vary", "X-Request-Id", "X-RateLimit-Remaining", "Access-Control-Allow-Origin"]


def _initiator(rng: random.Random) -> dict[str, Any]:
    frames = [
        {
            "functionName": rng.choice(["fetchJson", "loadCasefile", "refresh", "onClick", ""]),
            "scriptId": str(rng.randrange(10, 900)),
            "url": f"https://cdn.casefile.example/app.{rng.getrandbits(32):08x}.js",
            "lineNumber": rng.randrange(1, 9000),
            "columnNumber": rng.randrange(1, 200_000),
        }
        for _ in range(rng.randrange(8, 16))
    ]
    return {
        "type": "script",
        "stack": {
            "callFrames": frames,
            "parent": {"description": "await", "callFrames": frames[:4]},
        },
    }


def _body(rng: random.Random) -> tuple[str, dict[str, Any]]:
    doc = valid_doc(rng)
    style = rng.random()
    if style < 0.4:
        return json.dumps(doc, separators=(",", ":"), ensure_ascii=False), doc
    if style < 0.7:
        return json.dumps(doc, ensure_ascii=False), doc
    return json.dumps(doc, indent=2, ensure_ascii=False), doc


def _entry(rng: random.Random, number: int) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """One entry, and the API's body it holds (None for other hosts and empty bodies)."""
    doc: dict[str, Any] | None = None
    roll = rng.random()
    if roll < 0.85:
        casefile = f"cf-{rng.randrange(2020, 2030)}-{rng.randrange(10_000):04d}"
        method = rng.choice(["GET", "GET", "POST", "PUT"])
        url = f"{API}/casefiles/{casefile}/sessions?trace={_uuid(rng)}"
        text, doc = _body(rng)
        content: dict[str, Any] = {"size": len(text.encode()), "mimeType": "application/json"}
        if rng.random() < 0.1:
            content.update(text=base64.b64encode(text.encode()).decode(), encoding="base64")
        else:
            content["text"] = text
        status = 201 if method == "POST" else 200
    elif roll < 0.95:
        method, status = "GET", 200
        url = f"https://cdn.casefile.example/assets/{rng.getrandbits(64):016x}.png"
        raw = rng.randbytes(rng.randrange(500, 2500))
        content = {"size": len(raw), "mimeType": "image/png", "encoding": "base64"}
        content["text"] = base64.b64encode(raw).decode()
    else:
        method, status = "POST", 204
        url = f"https://analytics.example/collect?v=2&tid={rng.getrandbits(40):x}"
        content = {"size": 0, "mimeType": "x-unknown"}
    cookie = "; ".join(f"c{i}={rng.getrandbits(128):032x}" for i in range(40))
    request = {
        "method": method,
        "url": url,
        "httpVersion": "http/2.0",
        "headers": [*_headers(rng, REQUEST_HEADERS), {"name": "Cookie", "value": cookie}],
        "queryString": [],
        "cookies": [],
        "headersSize": -1,
        "bodySize": 0,
    }
    response = {
        "status": status,
        "statusText": "",
        "httpVersion": "http/2.0",
        "headers": _headers(rng, RESPONSE_HEADERS),
        "cookies": [],
        "content": content,
        "redirectURL": "",
        "headersSize": -1,
        "bodySize": content["size"],
    }
    timings = {
        k: round(rng.random() * 50, 3)
        for k in ("blocked", "dns", "connect", "send", "wait", "receive")
    }
    entry = {
        "_initiator": _initiator(rng),
        "_priority": "High",
        "_resourceType": "fetch",
        "cache": {},
        "pageref": "page_1",
        "request": request,
        "response": response,
        "serverIPAddress": f"10.0.{number % 256}.{rng.randrange(256)}",
        "startedDateTime": f"2026-12-06T10:{number // 60000 % 60:02d}:00.{number % 1000:03d}Z",
        "time": round(sum(timings.values()), 3),
        "timings": timings,
    }
    return entry, doc


HEAD = {
    "version": "1.2",
    "creator": {"name": "WebInspector", "version": "537.36"},
    "pages": [
        {
            "startedDateTime": "2026-12-06T10:00:00.000Z",
            "id": "page_1",
            "title": "Casefiles",
            "pageTimings": {},
        }
    ],
}


def _write(
    out: TextIO, entries: TextIO, bodies: TextIO, rng: random.Random, target: int
) -> tuple[int, int, int]:
    head = json.dumps({"log": HEAD}, indent=2)
    out.write(head[: head.rindex("}", 0, head.rindex("}"))].rstrip() + ',\n    "entries": [\n')
    count = with_text = docs = 0
    written = 0
    while written < target or count == 0:
        entry, doc = _entry(rng, count)
        text = json.dumps(entry, indent=2, ensure_ascii=False)
        text = "      " + text.replace("\n", "\n      ")
        if count:
            out.write(",\n")
        out.write(text)
        written += len(text) + 2
        entries.write(text.replace("\n", " ") + "\n")  # the same bytes but for line feeds
        count += 1
        with_text += "text" in entry["response"]["content"]
        if doc is not None:
            bodies.write(json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n")
            docs += 1
    out.write("\n    ]\n  }\n}\n")
    return count, with_text, docs


def make_har(directory: Path, megabytes: float, seed: int) -> HarWorkload:
    """The HAR of about ``megabytes`` MiB (and its companions), made once per parameters."""
    name = f"recording-{megabytes:g}mb"
    har = directory / f"{name}.har"
    entries, bodies = directory / f"{name}.entries.jsonl", directory / f"{name}.bodies.jsonl"
    counts = directory / f"{name}.counts.json"
    params = {"kind": "har", "megabytes": megabytes, "seed": seed, "version": 2}
    if not (_fresh(har, params) and counts.exists()):
        log(f"writing {har.name} (~{megabytes:g} MiB)")
        directory.mkdir(parents=True, exist_ok=True)
        rng = random.Random(seed)
        with har.open("w") as out, entries.open("w") as e, bodies.open("w") as b:
            found = _write(out, e, b, rng, int(megabytes * MB))
        counts.write_text(json.dumps(found))
        _stamp(har, params)
    total, with_text, docs = json.loads(counts.read_text())
    return HarWorkload(har, entries, bodies, total, with_text, docs)
