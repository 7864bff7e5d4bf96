"""Edit-to-rebuilt time of a real ``mkdocs serve --dirty``: save a note, wait until it is served."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .measure import MKDOCS_ENV

_RELOADED = "Reloading browsers"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class _Log:
    """The server's output, line by line, with the time each line arrived."""

    lines: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def follow(self, stream) -> None:  # noqa: ANN001 - a text stream
        for line in stream:
            with self.lock:
                self.lines.append((time.perf_counter(), line.rstrip("\n")))

    def first_after(self, since: float, text: str) -> float | None:
        with self.lock:
            return next((t for t, line in self.lines if t >= since and text in line), None)

    def after(self, since: float) -> list[str]:
        with self.lock:
            return [line for t, line in self.lines if t >= since]

    def text(self) -> str:
        with self.lock:
            return "\n".join(line for _, line in self.lines)


@dataclass(frozen=True)
class Edit:
    """One change to a note and the page that must show it."""

    path: Path
    new_text: str
    page_url: str
    marker: str
    what: str


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


class Server:
    """``mkdocs serve --dirty`` on 127.0.0.1 on a free port, stopped by its own process id."""

    def __init__(self, project: Path, startup_timeout: float = 3600) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = _Log()
        self.saved = 0.0
        self.started = time.perf_counter()
        args = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            args, cwd=project, env=MKDOCS_ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        threading.Thread(target=self.log.follow, args=(self.process.stdout,), daemon=True).start()
        deadline = time.perf_counter() + startup_timeout
        while self.log.first_after(0, "Serving on") is None:
            if self.process.poll() is not None or time.perf_counter() > deadline:
                self.stop()
                raise RuntimeError(f"mkdocs serve did not start:\n{self.log.text()[-4000:]}")
            time.sleep(0.05)

    def rebuild_seconds(self, edit: Edit, timeout: float = 600) -> float:
        """Save ``edit`` and return the seconds until the server has rebuilt and serves it."""
        return self.seconds_until_served(lambda: edit.path.write_text(edit.new_text, encoding="utf-8"), edit, timeout)

    def seconds_until_served(self, save: Callable[[], object], edit: Edit, timeout: float = 600) -> float:
        """Run ``save`` and return the seconds until the server has rebuilt and serves ``edit``."""
        time.sleep(3.0)  # a pause between saves, as when a person edits: the server is idle again
        start = self.saved = time.perf_counter()
        save()
        while (done := self.log.first_after(start, _RELOADED)) is None:
            if self.process.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError(f"no rebuild after {edit.what}:\n{self.log.text()[-4000:]}")
            time.sleep(0.01)
        if edit.marker not in fetch(self.base + edit.page_url):
            raise RuntimeError(f"{edit.page_url} does not show {edit.what} after the rebuild")
        return done - start

    def seconds_until_indexed(self, since: float, timeout: float = 900) -> float:
        """Seconds from ``since`` until the hook reports that Pagefind has indexed the served site."""
        while (done := self.log.first_after(since, "search: Pagefind indexed")) is None:
            if self.process.poll() is not None or time.perf_counter() - max(since, self.started) > timeout:
                raise RuntimeError(f"the live preview did not index the site:\n{self.log.text()[-4000:]}")
            time.sleep(0.02)
        return done - since if since else 0.0

    def pages_built(self) -> int:
        """What the hook reported for the last rebuild: the generated pages MkDocs built again."""
        text = "\n".join(self.log.after(self.saved))
        built = re.findall(r"refsite: (\d+) of \d+ generated pages changed", text)
        return int(built[-1]) if built else 0

    def stop(self) -> None:
        stop(self.process)


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """Stop a server by its own process id: SIGTERM, then SIGKILL if it does not end in time."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=timeout)
