"""Load from wrk (Debian's package; `.ci/run` installs it): a load generator written in C, so
that the machine's cores go to the servers under test rather than to a Python client."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Load:
    """What one server answered under load."""

    per_second: float
    errors: int
    p50_ms: float
    p99_ms: float


def available() -> bool:
    return shutil.which("wrk") is not None


def post(urls: list[str], body: object, connections: int, seconds: float) -> list[Load]:
    """POST ``body`` as JSON to every URL at once, ``connections`` kept busy on each, after a
    one-second warm-up."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "post.lua"
        script.write_text(
            'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n'
            f"wrk.body = [[{json.dumps(body)}]]\n"
        )

        def load(duration: float) -> list[str]:
            command = ["wrk", "-t1", f"-c{connections}", f"-d{duration:g}s", "--latency"]
            runs = [
                subprocess.Popen([*command, "-s", str(script), url],
                                 stdout=subprocess.PIPE, text=True)
                for url in urls
            ]  # fmt: skip
            return [run.communicate()[0] for run in runs]

        load(1)
        return [report(text) for text in load(seconds)]


def report(text: str) -> Load:
    """The figures of wrk's --latency report."""

    def milliseconds(percent: str) -> float:
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
        if found is None:
            raise ValueError(f"wrk gave no {percent}% latency:\n{text}")
        return float(found[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[found[2]]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if rate is None:
        raise ValueError(f"wrk gave no rate:\n{text}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    errors = int(non_2xx[1]) if non_2xx else 0
    errors += sum(map(int, sockets.groups())) if sockets else 0
    return Load(float(rate[1]), errors, milliseconds("50"), milliseconds("99"))
