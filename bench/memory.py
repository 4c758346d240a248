"""Memory while processing many documents (#7): is it bounded?

``python bench/memory.py [--documents 10000] [--workers 1] [--out bench/memory.json]``
generates that many short statements (invented here, seeded), ingests them into a new
SQLite store, runs ``tiewatch process --workers N`` in a subprocess and samples the resident
set size (RSS) of that process and its children from /proc every half second, together
with the number of documents saved. Reports the peak RSS, the RSS once the first tenth of
the documents is saved (the model loaded and warm) and at the end, and the growth between
the two, per 1,000 documents. Run it niced; it takes a few minutes on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

STATES = (
    "Norway", "Iceland", "China", "Japan", "Germany", "France", "India", "Pakistan",
    "Brazil", "Canada", "Mexico", "Turkey", "Egypt", "Kenya", "Chile", "Poland",
    "Russia", "Ukraine", "Iran", "Israel", "Qatar", "Spain", "Italy", "Greece",
)  # fmt: skip
ACTS = (
    "signed a trade agreement with",
    "held talks with",
    "accused",
    "criticised",
    "pledged humanitarian aid to",
    "imposed sanctions on",
    "condemned",
    "praised",
    "threatened",
    "expelled diplomats from",
)
SAMPLE_S = 0.5


def statement(rng: random.Random, number: int) -> dict[str, Any]:
    """A short invented statement: two acts between states, a quote and a figure."""
    a, b, c = rng.sample(STATES, 3)
    text = (
        f"{a} {rng.choice(ACTS)} {b} on Monday, officials said. "
        f"{b} {rng.choice(ACTS)} {c} a day later.\n\n"
        f'"We expect progress on item {number}," the foreign minister of {a} said. '
        f"Trade between {a} and {c} rose by {rng.randint(2, 900)} percent last year."
    )
    published = date(2024, 1, 1) + timedelta(days=number % 700)
    return {"id": f"m{number}", "title": f"Statement {number}", "outlet": "Bench Wire",
            "published": published.isoformat(), "text": text}  # fmt: skip


def write_corpus(path: Path, *, count: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as stream:
        for number in range(count):
            stream.write(json.dumps(statement(rng, number)) + "\n")


def tree_rss_mb(pid: int) -> float:
    """RSS of ``pid`` and its descendants (pool workers), in MB; 0 once it is gone."""
    total = 0
    for process in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{process}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total / 1024


def descendants(pid: int) -> list[int]:
    found: list[int] = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return found
    for child in map(int, children):
        found += [child, *descendants(child)]
    return found


def processed(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        row = conn.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()
    return int(row[0])


def sample_run(command: list[str], *, db: Path) -> tuple[list[tuple[float, int, float]], int]:
    """(seconds, documents saved, RSS MB) every SAMPLE_S while ``command`` runs; exit code."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples: list[tuple[float, int, float]] = []
    while child.poll() is None:
        rss = tree_rss_mb(child.pid)
        samples.append((time.perf_counter() - started, processed(db), rss))
        time.sleep(SAMPLE_S)
    return samples, child.wait()


def summarise(samples: list[tuple[float, int, float]], *, documents: int) -> dict[str, Any]:
    warm = next(s for s in samples if s[1] >= documents // 10)
    end = max(s for s in samples if s[2] > 0)  # the last sample while the process lived
    growth = end[2] - warm[2]
    span = max(end[1] - warm[1], 1)
    return {
        "peak_rss_mb": round(max(s[2] for s in samples), 1),
        "warm_rss_mb": round(warm[2], 1),
        "warm_at_documents": warm[1],
        "end_rss_mb": round(end[2], 1),
        "end_at_documents": end[1],
        "growth_mb": round(growth, 1),
        "growth_mb_per_1000_documents": round(1000 * growth / span, 2),
        "seconds": round(samples[-1][0], 1),
        "samples": len(samples),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tiewatch-memory-") as folder:
        corpus, db = Path(folder) / "corpus.jsonl", Path(folder) / "memory.db"
        write_corpus(corpus, count=args.documents, seed=args.seed)
        tiewatch = [sys.executable, "-m", "tiewatch", "--db", f"sqlite:///{db}"]
        subprocess.run([*tiewatch, "ingest", str(corpus)], check=True, capture_output=True)
        command = [*tiewatch, "process", "--workers", str(args.workers)]
        samples, code = sample_run(command, db=db)
        result = {"documents": args.documents, "workers": args.workers, "exit_code": code}
        result |= summarise(samples, documents=args.documents)
        result["processed"] = processed(db)
    text = json.dumps(result, indent=2)
    print(text)
    if args.out is not None:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.environ.setdefault("TIEWATCH_BATCH_SIZE", "32")
    main()
