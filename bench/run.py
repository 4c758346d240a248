"""``make bench``: tiewatch's throughput against bare spaCy on the same paragraphs (#6).

On a fixed sample of ``shared/corpus/statements.jsonl`` (every 20th record: 111 documents,
about 243,000 words), each in a fresh interpreter (``bench/measure.py``):

- (a) the bare model, ``nlp.pipe`` over the paragraphs tiewatch feeds it: the limit;
- (b) tiewatch end to end (``tiewatch ingest``, then what ``tiewatch process`` does), one
  worker, on SQLite and on a throwaway PostgreSQL cluster;
- (c) two local workers (SQLite), and a Dask LocalCluster of one and of two workers
  (PostgreSQL, the workers saving straight into it);
- a second ``process`` on a finished store (a no-op) and ``tiewatch brief`` for one month.

Writes ``bench/results.md`` and ``bench/results.json``. Figures from one run: the machine
may be shared, so the load average before and after is recorded beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from report import write_results

from tiewatch.scale.pgcluster import ClusterUnavailableError, PgCluster, unavailable_reason
from tiewatch.store import Store

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpus" / "statements.jsonl"
BRIEF_WATCHLIST = "china-russia-ukraine"


def write_sample(corpus: Path, target: Path, *, every: int, limit: int | None) -> dict[str, Any]:
    """Every ``every``-th record of ``corpus`` (the first included), at most ``limit``."""
    kept: list[str] = []
    with corpus.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % every == 0 and (limit is None or len(kept) < limit):
                kept.append(line.rstrip("\n"))
    target.write_text("\n".join(kept) + "\n", encoding="utf-8")
    months = Counter(json.loads(line).get("published", "")[:7] for line in kept)
    return {
        "corpus": corpus.name,
        "every": every,
        "limit": limit,
        "documents": len(kept),
        "busiest_month": max(sorted(months), key=lambda month: months[month]),
    }


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Run ``bench/measure.py`` on ``spec`` in a fresh interpreter; its RESULT line."""
    completed = subprocess.run(
        [sys.executable, str(HERE / "measure.py"), json.dumps(spec)],
        capture_output=True,
        text=True,
        check=False,
    )
    for line in completed.stdout.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
            return result
    raise RuntimeError(f"measurement {spec} failed:\n{completed.stderr[-3000:]}")


def time_command(*args: str) -> dict[str, Any]:
    """Wall time of ``tiewatch ARGS`` (interpreter start-up included) and its output."""
    tiewatch = Path(sys.executable).with_name("tiewatch")
    started = time.perf_counter()
    completed = subprocess.run([str(tiewatch), *args], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        return {"error": completed.stderr.strip()[-500:], "seconds": seconds}
    return {"seconds": seconds, "output": completed.stdout.strip()[-500:]}


def time_brief(db: str, month: str, scratch: Path) -> dict[str, Any]:
    out = str(scratch / "brief.md")
    timed = time_command("--db", db, "brief", "--watch", BRIEF_WATCHLIST, "--month", month,
                         "--out", out)  # fmt: skip
    # W1's window loader (#4): the brief reads only its months, not the whole store
    loader = "Store.load_window" if hasattr(Store, "load_window") else "the whole store"
    return {"month": month, "watchlist": BRIEF_WATCHLIST, "loader": loader, **timed}


@contextmanager
def postgres() -> Iterator[PgCluster | None]:
    reason = unavailable_reason()
    if reason is not None:
        print(f"PostgreSQL runs skipped: {reason}", file=sys.stderr)
        yield None
        return
    try:
        cluster = PgCluster.start()
    except ClusterUnavailableError as exc:
        print(f"PostgreSQL runs skipped: {exc}", file=sys.stderr)
        yield None
        return
    try:
        yield cluster
    finally:
        cluster.stop()


def plan_runs(scratch: Path, cluster: PgCluster | None) -> list[dict[str, Any]]:
    """The end-to-end runs: name, database, workers, Dask."""

    def sqlite(name: str) -> str:
        return f"sqlite:///{scratch / name}.db"

    runs = [
        {"name": "(b) end to end, SQLite, 1 worker", "db": sqlite("b1"), "workers": 1},
        {"name": "(c) local pool, SQLite, 2 workers", "db": sqlite("c2"), "workers": 2},
    ]
    if cluster is None:
        return runs

    def pg(name: str, workers: int, dask: str | None) -> dict[str, Any]:
        db = cluster.url(cluster.create_database())
        return {"name": name, "db": db, "workers": workers, "dask": dask}

    runs.insert(1, pg("(b) end to end, PostgreSQL, 1 worker", 1, None))
    runs.append(pg("(c) Dask LocalCluster, PostgreSQL, 1 worker", 1, "local"))
    runs.append(pg("(c) Dask LocalCluster, PostgreSQL, 2 workers", 2, "local"))
    return runs


def run_all(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    sample_path = scratch / "sample.jsonl"
    sample = write_sample(args.corpus, sample_path, every=args.every, limit=args.limit)
    report: dict[str, Any] = {"sample": sample, "machine": machine(), "runs": []}
    print(f"sample: {sample}", flush=True)
    bare = measure({"kind": "bare", "sample": str(sample_path)})
    report["runs"].append({"name": "(a) bare spaCy nlp.pipe", "workers": 1, **bare})
    print(f"(a) {bare['seconds']:.1f} s", flush=True)
    with postgres() as cluster:
        for run in plan_runs(scratch, cluster):
            spec = {"kind": "end_to_end", "sample": str(sample_path), "dask": None, **run}
            report["runs"].append({**run, **measure(spec)})
            print(f"{run['name']}: {report['runs'][-1]['seconds']:.1f} s", flush=True)
        # The second run, as a user types it: nothing is left, so nothing starts.
        report["noop"] = [
            {"name": run["name"], **time_command("--db", run["db"], "process")}
            for run in report["runs"][1:]
        ]
        first = report["runs"][1]
        report["brief"] = time_brief(first["db"], sample["busiest_month"], scratch)
    report["machine"]["load_after"] = os.getloadavg()
    return report


def machine() -> dict[str, Any]:
    return {
        "cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_before": os.getloadavg(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--every", type=int, default=20, help="take every N-th record")
    parser.add_argument("--limit", type=int, default=None, help="at most this many records")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--full-corpus", type=Path, default=HERE / "full_corpus.json")
    args = parser.parse_args()
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="tiewatch-bench-"))
    try:
        report = run_all(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    report["bench_seconds"] = time.perf_counter() - started
    if args.full_corpus.is_file():  # written by bench/full_corpus.py, a separate long run
        report["full_corpus"] = json.loads(args.full_corpus.read_text(encoding="utf-8"))
    write_results(report, args.out)
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
