"""A bounded load test of the dashboard and API on loopback (#7).

``python bench/load.py --db sqlite:////work/stores/statements.db [--requests 2000]
[--clients 8] [--out bench/load.json]`` starts ``tiewatch serve`` on a free port of
127.0.0.1 over that store (an SQLite store is first copied with SQLite's backup API, so a
``tiewatch process`` writing it meanwhile does not move the figures), opens every page and
API route once to warm the analysis cache, then sends ``--requests`` GET requests from
``--clients`` concurrent clients, cycling through a fixed, seeded mix of pages and API
calls (event lists with filters, search and pages; documents; quotes, figures, dyads,
storylines, claims, indicators; CSV downloads). Reports errors (any status but 200, or a
failed connection) and p50/p95/max latency, overall and per route.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def snapshot(url: str, folder: Path) -> str:
    """An SQLite store copied consistently into ``folder``; other URLs as they are."""
    if not url.startswith("sqlite:///"):
        return url
    target = folder / "load.db"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return f"sqlite:///{target}"


def start_server(db: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "tiewatch", "--db", db, "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit(f"tiewatch serve did not start: {server.stderr.read().decode()[-2000:]}")


def route_mix(client: httpx.Client, rng: random.Random) -> list[str]:
    """The paths the clients cycle through: every page and list route, a sample of detail
    routes (ids read from the API), filters, search terms and deep pages."""
    documents = client.get("/api/v1/documents", params={"per_page": 100}).json()["items"]
    events = client.get("/api/v1/events", params={"per_page": 100}).json()["items"]
    ids = [d["id"] for d in rng.sample(documents, min(10, len(documents)))]
    keys = [e["key"] for e in rng.sample(events, min(5, len(events)))]
    pages = ["/", "/events", "/storylines", "/claims", "/indicators", "/briefs", "/corrections"]
    api = [
        "/api/v1/events", "/api/v1/events?dyad=CHN-RUS", "/api/v1/events?actor=RUS&type=ACCUSE",
        "/api/v1/events?q=sanctions", "/api/v1/events?page=20&per_page=50",
        "/api/v1/events?sort=confidence&order=desc",
        "/api/v1/events?date_from=2022-03-01&date_to=2022-03-31",
        "/api/v1/documents", "/api/v1/documents?q=gas", "/api/v1/quotes", "/api/v1/quantities",
        "/api/v1/dyads", "/api/v1/storylines", "/api/v1/claims", "/api/v1/indicators",
        "/api/v1/events?dyad=CHN-RUS&format=csv", "/events?q=talks", "/events?page=5",
    ]  # fmt: skip
    details = [f"/documents/{i}" for i in ids] + [f"/api/v1/documents/{i}" for i in ids]
    details += [f"/api/v1/events/{k}" for k in keys]
    return pages + api + details


def worker(base: str, paths: list[str], results: list[tuple[str, int, float]]) -> None:
    """One client: ``paths`` in turn on one connection; (path, status, seconds) each."""
    with httpx.Client(base_url=base, timeout=120) as client:
        for path in paths:
            started = time.perf_counter()
            try:
                status = client.get(path).status_code
            except httpx.HTTPError:
                status = 0
            results.append((path, status, time.perf_counter() - started))


def run_load(base: str, mix: list[str], *, requests: int, clients: int, seed: int) -> list[Any]:
    rng = random.Random(seed)
    plan = [rng.choice(mix) for _ in range(requests)]
    results: list[tuple[str, int, float]] = []
    threads = [
        threading.Thread(target=worker, args=(base, plan[n::clients], results))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def route_of(path: str) -> str:
    """The route a path belongs to: its path, with a document id or event key as ``{id}``."""
    route = urlsplit(path).path
    for prefix in ("/documents/", "/api/v1/documents/", "/api/v1/events/"):
        if route.startswith(prefix):
            return prefix + "{id}"
    return route


def summarise(results: list[tuple[str, int, float]], seconds: float) -> dict[str, Any]:
    times = [t for _, _, t in results]
    by_route: dict[str, list[float]] = defaultdict(list)
    for path, _, elapsed in results:
        by_route[route_of(path)].append(elapsed)
    return {
        "requests": len(results),
        "errors": sum(1 for _, status, _ in results if status != 200),
        "error_statuses": sorted({status for _, status, _ in results if status != 200}),
        "seconds": round(seconds, 1),
        "requests_per_s": round(len(results) / seconds, 1),
        "p50_ms": round(1000 * statistics.median(times), 1),
        "p95_ms": round(1000 * percentile(times, 0.95), 1),
        "max_ms": round(1000 * max(times), 1),
        "per_route_p95_ms": {
            route: round(1000 * percentile(values, 0.95), 1)
            for route, values in sorted(by_route.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tiewatch-load-") as folder:
        db = snapshot(args.db, Path(folder))
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            with httpx.Client(base_url=base, timeout=300) as client:
                mix = route_mix(client, random.Random(args.seed))
                warm = time.perf_counter()
                warm_errors = [p for p in mix if client.get(p).status_code != 200]
                warm_seconds = time.perf_counter() - warm
            started = time.perf_counter()
            results = run_load(
                base, mix, requests=args.requests, clients=args.clients, seed=args.seed
            )
            summary = summarise(results, time.perf_counter() - started)
        finally:
            server.terminate()
            server.wait(timeout=30)
    summary |= {
        "clients": args.clients,
        "routes": len(mix),
        "warm_up_seconds": round(warm_seconds, 1),
        "warm_up_errors": warm_errors,
        "db": args.db,
    }
    text = json.dumps(summary, indent=2)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.environ.pop("TIEWATCH_TOKEN", None)  # read-only: the load test writes nothing
    main()
