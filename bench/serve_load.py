"""Load test of ``turncheck serve`` on loopback (not a test): ``python bench/serve_load.py``.

Bounded: it starts ``turncheck serve --workers 2`` on a free 127.0.0.1 port, and whatever happens it stops the
server before it exits; the load phase stops by itself after ``--requests`` requests or ``--seconds`` seconds,
whichever comes first. Nothing leaves the machine. From one run it prints:

- that the served ``POST /v1/check`` body is byte for byte ``turncheck check FILE --format json`` (target: same);
- warm latency: ``--warm`` sequential requests over one keep-alive connection, p50/p99 (target: < 20 ms);
- load: ``--concurrency`` clients, each a keep-alive connection, posting the same 20-turn chat: requests per
  second, p50 and p99 latency;
- cold: ``turncheck check FILE --format json`` in a fresh process (fastest of ``--cold`` runs), and the ratio of
  the warm p50 to it.

The clients are threads of this process: on a small machine they compete with the two workers for the cores,
so the requests per second are a floor, not the server's ceiling.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHAT = REPO / "bench" / "data" / "chat-20-turns.txt"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Client:
    """One keep-alive connection; ``post`` returns (status, body, seconds)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=30)

    def post(self, path: str, body: bytes) -> tuple[int, bytes, float]:
        t0 = time.perf_counter()
        self.conn.request("POST", path, body=body, headers={"Content-Type": "text/plain"})
        res = self.conn.getresponse()
        data = res.read()
        return res.status, data, time.perf_counter() - t0

    def close(self) -> None:
        self.conn.close()


def wait_healthy(port: int, proc: subprocess.Popen, seconds: float = 120) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        if proc.poll() is not None:
            raise SystemExit(f"turncheck serve exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return time.perf_counter() - t0
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"/healthz did not answer within {seconds:g} s")


def cold_check(rel: str, env: dict, runs: int) -> tuple[float, bytes]:
    best, out = float("inf"), b""
    for _ in range(runs):
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-m", "turncheck", "check", "--no-config", "-q", rel, "--format", "json"],
                             cwd=REPO, env=env, capture_output=True)
        best = min(best, time.perf_counter() - t0)
        out = res.stdout
    return best, out


def load(port: int, path: str, body: bytes, requests: int, seconds: float, concurrency: int):
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    issued = [0]
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        client = Client(port)
        try:
            while True:
                with lock:
                    if issued[0] >= requests or time.perf_counter() > deadline:
                        return
                    issued[0] += 1
                status, _, took = client.post(path, body)
                with lock:
                    latencies.append(took)
                    errors[0] += status != 200
        finally:
            client.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--requests", type=int, default=3000, help="stop the load after this many requests")
    ap.add_argument("--seconds", type=float, default=30.0, help="... or after this many seconds")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--warm", type=int, default=300, help="sequential warm requests")
    ap.add_argument("--cold", type=int, default=3, help="cold CLI runs (the fastest counts)")
    ap.add_argument("--file", default=str(CHAT.relative_to(REPO)), help="transcript, relative to the repository")
    args = ap.parse_args()

    rel = args.file
    body = (REPO / rel).read_bytes()
    path = f"/v1/check?name={rel}"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "turncheck", "serve", "--no-config", "--host", HOST,
                               "--port", str(port), "--workers", str(args.workers), "--log-level", "warning"],
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        started = wait_healthy(port, server)
        turns = sum(1 for line in body.decode().splitlines() if line.strip())
        print(f"turncheck serve --workers {args.workers} on {HOST}:{port}: healthy after {started:.2f} s; "
              f"{rel} ({turns} turns, {len(body):,} bytes); load average {os.getloadavg()[0]:.1f}")

        client = Client(port)
        for _ in range(20):  # both workers' first requests, connection set-up
            client.post(path, body)
        status, served, _ = client.post(path, body)
        warm = [client.post(path, body)[2] for _ in range(args.warm)]
        client.close()

        cold, cli_out = cold_check(rel, env, args.cold)
        same = status == 200 and served == cli_out
        print(f"served body == `turncheck check {rel} --format json`: {'yes' if same else 'NO'}")

        latencies, errors, wall = load(port, path, body, args.requests, args.seconds, args.concurrency)
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its workers: its own session, started here
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    warm_p50, warm_p99 = percentile(warm, 50), percentile(warm, 99)
    rows = [
        ("warm /v1/check, sequential", f"p50 {warm_p50 * 1e3:.2f} ms, p99 {warm_p99 * 1e3:.2f} ms, "
                                       f"mean {statistics.mean(warm) * 1e3:.2f} ms ({len(warm)} requests)",
         f"< 20 ms: {'met' if warm_p50 < 0.020 else 'missed'}"),
        (f"load, {args.concurrency} clients", f"{len(latencies) / wall:.0f} requests/s; p50 "
                                             f"{percentile(latencies, 50) * 1e3:.1f} ms, p99 "
                                             f"{percentile(latencies, 99) * 1e3:.1f} ms ({len(latencies)} requests "
                                             f"in {wall:.1f} s, {errors} not 200)", ""),
        ("cold `turncheck check` of the same file", f"{cold * 1e3:.0f} ms (fastest of {args.cold})", ""),
        ("warm p50 / cold check", f"{warm_p50 / cold:.4f} ({cold / warm_p50:.0f}x faster)", ""),
        ("served JSON == CLI JSON", "yes" if same else "NO", "same: " + ("met" if same else "missed")),
    ]
    print("\n| | figure | target |\n|---|---|---|")
    for name, figure, target in rows:
        print(f"| {name} | {figure} | {target} |")
    print(json.dumps({"warm_p50_ms": warm_p50 * 1e3, "warm_p99_ms": warm_p99 * 1e3,
                      "rps": len(latencies) / wall, "load_p50_ms": percentile(latencies, 50) * 1e3,
                      "load_p99_ms": percentile(latencies, 99) * 1e3, "cold_ms": cold * 1e3, "same": same}))
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
