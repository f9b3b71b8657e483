"""A progress line on a terminal's stderr for long runs: shown only after :data:`DELAY` seconds,
redrawn at most every :data:`EVERY` seconds, erased at the end.  The CLI enables it only when
stderr is a terminal and ``CI`` is not set, so it never lands in CI logs or pipes."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]

DELAY = 2.0
EVERY = 0.2


class Progress:
    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.drawn = 0.0
        self.width = 0

    def update(self, documents: int) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self.started < DELAY or now - self.drawn < EVERY:
            return
        self.drawn = now
        rate = documents / (now - self.started)
        text = f"casefile-validate: {documents:,} documents checked ({rate:,.0f}/s)"
        self.width = max(self.width, len(text))
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
