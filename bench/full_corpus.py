"""The whole corpus, end to end, into a store that outlives the run (#6, #4).

``python bench/full_corpus.py --db sqlite:////work/stores/statements.db --workers 2``
ingests ``shared/corpus/statements.jsonl`` (2,208 documents, 4.8 M words) into a new store
and processes it (``bench/measure.py``, in a fresh interpreter, so its figures are those of
``make bench``), runs ``tiewatch process`` again (it must be a no-op) and times
``tiewatch brief`` for a busy month. Writes ``bench/full_corpus.json``, which
``bench/report.py`` adds to ``bench/results.md``.

``--brief-only`` re-times the brief on an existing store and updates the JSON file: the
processing figures stay those of the full run. ``--recheck`` re-times the second
``process`` (the no-op) and ``stats``; ``--note TEXT`` keeps a note in the file.

Takes 30–60 minutes on two shared cores: run it niced, in the background.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from run import DEFAULT_CORPUS, measure, time_brief, time_command

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "full_corpus.json"
BUSY_MONTH = "2022-03"


def code_version() -> str:
    """The commit the figures belong to; ``+dirty`` when extraction code had local edits."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], capture_output=True, text=True, cwd=HERE)
        return done.stdout.strip()

    dirty = git("status", "--porcelain", "--", "../src/tiewatch")
    return git("rev-parse", "--short", "HEAD") + ("+dirty" if dirty else "")


def sqlite_path(db: str) -> Path | None:
    return Path(db.removeprefix("sqlite:///")) if db.startswith("sqlite:///") else None


def process_all(args: argparse.Namespace) -> dict[str, Any]:
    path = sqlite_path(args.db)
    if path is not None and path.exists():
        raise SystemExit(f"{path} exists: the full run starts from an empty store")
    spec = {"kind": "end_to_end", "sample": str(args.corpus), "db": args.db,
            "workers": args.workers, "dask": None}  # fmt: skip
    run = {"name": f"whole corpus, {args.workers} workers", **measure(spec)}
    run["noop"] = time_command("--db", args.db, "process")
    run["stats"] = time_command("--db", args.db, "stats").get("output", "")
    return run


def brief(db: str, month: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tiewatch-brief-") as scratch:
        timed = time_brief(db, month, Path(scratch))
    return {**timed, "date": datetime.now(UTC).isoformat(timespec="seconds")}


def recheck(db: str, code: str) -> dict[str, Any]:
    """The second run, again: after another version migrated the store, or a failed
    document was processed again."""
    return {
        "noop": time_command("--db", db, "process"),
        "stats": time_command("--db", db, "stats").get("output", ""),
        "code": code,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", required=True, help="a URL; a SQLite file must not exist yet")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--month", default=BUSY_MONTH)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--brief-only", action="store_true", help="re-time the brief only")
    parser.add_argument("--code", default=None, help="the code version (default: git HEAD)")
    parser.add_argument(
        "--recheck", action="store_true", help="re-time the second process (no-op) and stats"
    )
    parser.add_argument("--note", action="append", default=[], help="a note to keep")
    args = parser.parse_args()
    update = args.brief_only or args.recheck  # of an existing JSON file
    report: dict[str, Any] = json.loads(args.out.read_text(encoding="utf-8")) if update else {}
    code = args.code or code_version()
    if not update:
        started = time.perf_counter()
        report = {"db": args.db, "corpus": args.corpus.name, "code": code,
                  "date": datetime.now(UTC).isoformat(timespec="seconds"),
                  "load_before": os.getloadavg()}  # fmt: skip
        report["run"] = process_all(args)
        report["load_after"] = os.getloadavg()
        report["total_seconds"] = time.perf_counter() - started
    if args.brief_only or not update:
        report.setdefault("briefs", []).append({**brief(args.db, args.month), "code": code})
    if args.recheck:
        report["recheck"] = recheck(args.db, code)
    report.setdefault("notes", []).extend(args.note)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
