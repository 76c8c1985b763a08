"""Measuring tools for bench/scale.py: wrk over many URLs (a Lua script), CPU time of process
trees from /proc, and a sequential keep-alive client for latency percentiles. No Django here."""

import http.client
import json
import os
import re
import resource
import statistics
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def fold(text: str) -> str:
    """Vietnamese without diacritics, as people type on phones ("đường" -> "duong")."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# CPU time of process trees -------------------------------------------------------------------------
def _processes() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds: own user+system and that of its reaped children)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) "
        ppid = int(fields[1])
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        table[int(entry)] = (ppid, (utime + stime + cutime + cstime) / TICKS)
    return table


def tree_cpu(roots: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds used so far by each named group of process trees (living descendants and the
    children they reaped: PostgreSQL backends that ended, for example)."""
    table = _processes()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    result = {}
    for name, pids in roots.items():
        total, stack, seen = 0.0, list(pids), set()
        while stack:
            pid = stack.pop()
            if pid in seen or pid not in table:
                continue
            seen.add(pid)
            total += table[pid][1]
            stack.extend(children.get(pid, []))
        result[name] = total
    return result


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])
    return (total - idle) / TICKS, total / TICKS


# wrk -----------------------------------------------------------------------------------------------
LUA = """
local paths = %s
local host = %s
local counter = 0
function setup(thread)
  thread:set("offset", counter * 7919)
  counter = counter + 1
end
local i = 0
function request()
  i = i + 1
  local path = paths[((offset or 0) + i) %% #paths + 1]
  return wrk.format("GET", path, {["Host"] = host, ["Accept-Encoding"] = "br"})
end
"""


@dataclass
class WrkResult:
    rps: float
    p50: float  # ms
    p99: float
    requests: int
    bad: int  # non-2xx/3xx and socket errors
    cpu: dict[str, float]  # CPU seconds per group during the run (and "wrk", "machine")
    seconds: float


def _lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal for our paths


def wrk(
    url: str, paths: list[str], host: str, duration: int, connections: int, groups: dict[str, list[int]]
) -> WrkResult:
    """wrk -t1 over `paths` in turn (each connection its own offset), with CPU accounting."""
    script = LUA % ("{" + ",".join(_lua_string(p) for p in paths) + "}", _lua_string(host))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s"]
    command += ["-s", handle.name, url]
    before_cpu, before_machine = tree_cpu(groups), machine_busy()
    before_wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    try:
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    finally:
        os.unlink(handle.name)
    seconds = time.monotonic() - started
    after_wrk = resource.getrusage(resource.RUSAGE_CHILDREN)
    after_cpu, after_machine = tree_cpu(groups), machine_busy()
    cpu = {name: after_cpu[name] - before_cpu[name] for name in groups}
    cpu["wrk"] = (after_wrk.ru_utime + after_wrk.ru_stime) - (before_wrk.ru_utime + before_wrk.ru_stime)
    cpu["machine"] = after_machine[0] - before_machine[0]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    total = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    bad = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, errors.groups())) if errors else 0)
    return WrkResult(rps, _latency(output, "50"), _latency(output, "99"), total, bad, cpu, seconds)


def _latency(output: str, percent: str) -> float:
    value, unit = re.search(rf"(?m)^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def median_result(results: list[WrkResult]) -> dict:
    """Medians over rounds: req/s, latencies, and CPU microseconds per request per group."""
    per_request = {
        name: statistics.median(r.cpu[name] / max(r.requests, 1) * 1e6 for r in results) for name in results[0].cpu
    }
    return {
        "rps": statistics.median(r.rps for r in results),
        "p50": statistics.median(r.p50 for r in results),
        "p99": statistics.median(r.p99 for r in results),
        "runs": [round(r.rps, 1) for r in results],
        "bad": sum(r.bad for r in results),
        "cpu_us": per_request,
        # cores busy on average during a round, per group
        "cores": {name: statistics.median(r.cpu[name] / r.seconds for r in results) for name in results[0].cpu},
    }


# Sequential latency ---------------------------------------------------------------------------------
class Client:
    """One keep-alive connection; every request with the site's Host and Accept-Encoding: br."""

    def __init__(self, url: str, host: str) -> None:
        address, port = url.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(address, int(port), timeout=60)
        self.host = host

    def get(self, path: str) -> tuple[int, http.client.HTTPMessage, bytes, float]:
        """(status, headers, body, milliseconds)."""
        start = time.perf_counter()
        self.connection.request("GET", path, headers={"Host": self.host, "Accept-Encoding": "identity"})
        response = self.connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        return response.status, response.headers, body, elapsed  # headers: case-insensitive

    def close(self) -> None:
        self.connection.close()
