"""Write ``make bench`` figures as ``results.md`` (tables, targets) and ``results.json``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TARGET_RATIO = 0.75  # end to end on one worker, against (a)
TARGET_SPEEDUP = 1.6  # two workers against one
TARGET_RSS_MB = 1024  # per worker


def add_rates(run: dict[str, Any], base: dict[str, Any] | None) -> dict[str, Any]:
    run["documents_per_second"] = run["documents"] / run["seconds"]
    run["words_per_second"] = run["words"] / run["seconds"]
    run["ratio"] = run["words_per_second"] / (base or run)["words_per_second"]
    run["cpu_ratio"] = (run["words"] / run["cpu_seconds"]) / (
        (base or run)["words"] / (base or run)["cpu_seconds"]
    )
    run["peak_rss_mb_max"] = max(run["peak_rss_mb"].values(), default=0.0)
    run["worker_count"] = len(run["peak_rss_mb"])
    return run


def find(runs: list[dict[str, Any]], *words: str) -> dict[str, Any] | None:
    return next((r for r in runs if all(w in r["name"] for w in words)), None)


def speedups(runs: list[dict[str, Any]]) -> list[tuple[str, float | None, float | None]]:
    """(label, measured wall-clock speedup, estimate for two idle cores from CPU times)."""
    pairs = [
        ("local, SQLite: 2 workers / 1 worker", ("SQLite", "1 worker"), ("SQLite", "2 workers")),
        ("Dask, PostgreSQL: 2 workers / 1 worker", ("Dask", "1 worker"), ("Dask", "2 workers")),
    ]
    found: list[tuple[str, float | None, float | None]] = []
    for label, one, two in pairs:
        a, b = find(runs, *one), find(runs, *two)
        if a is None or b is None:
            found.append((label, None, None))
            continue
        # On idle cores a run lasts about its busiest worker's CPU time, plus the main
        # process's (taken as serial: a pessimistic bound).
        busiest = max(b["worker_cpu_seconds"].values(), default=0.0)
        estimate = a["cpu_seconds"] / (busiest + b["main_cpu_seconds"])
        found.append((label, b["words_per_second"] / a["words_per_second"], estimate))
    return found


def run_rows(runs: list[dict[str, Any]]) -> list[str]:
    rows = []
    for r in runs:
        split = (f"{r['ingest_seconds']:.1f} + {r['process_seconds']:.1f}"
                 if "ingest_seconds" in r else "–")  # fmt: skip
        rows.append(
            f"| {r['name']} | {r['documents']} | {r['words']:,} | {r['seconds']:.1f} | {split} | "
            f"{r['documents_per_second']:.2f} | {r['words_per_second']:,.0f} | {r['ratio']:.2f} | "
            f"{r['cpu_seconds']:.1f} | {r['cpu_ratio']:.2f} | "
            f"{r['worker_count']} × ≤ {r['peak_rss_mb_max']:,.0f} | {r.get('failed', 0)} |"
        )
    return rows


def target_rows(report: dict[str, Any]) -> list[str]:
    runs = report["runs"]
    rows = []
    for r in runs[1:]:
        if "1 worker" in r["name"] and "Dask" not in r["name"]:
            rows.append(_check(f"{r['name']}: ratio to (a)", r["ratio"], TARGET_RATIO, "≥"))
            rows.append(_check("… the same by CPU time", r["cpu_ratio"], TARGET_RATIO, "≥"))
    for label, value, estimate in speedups(runs):
        rows.append(_check(label, value, TARGET_SPEEDUP, "≥"))
        rows.append(_check("… estimate for two idle cores", estimate, TARGET_SPEEDUP, "≥"))
    peak = max(r["peak_rss_mb_max"] for r in runs)
    rows.append(_check("peak RSS of any worker (MB)", peak, TARGET_RSS_MB, "≤"))
    failed = sum(r.get("failed", 0) for r in runs)
    rows.append(_check("documents failed, all runs", failed, 0, "≤"))
    return rows


def _check(label: str, value: float | None, target: float, sense: str) -> str:
    if value is None:
        return f"| {label} | not measured | {sense} {target:g} | – |"
    met = value >= target if sense == "≥" else value <= target
    shown = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"
    return f"| {label} | {shown} | {sense} {target:g} | {'met' if met else 'MISSED'} |"


def other_rows(report: dict[str, Any]) -> list[str]:
    rows = [f"| second `tiewatch process` ({n['name']}) | {n['seconds']:.1f} s | "
            f"{n.get('output') or n.get('error', '')} |" for n in report["noop"]]  # fmt: skip
    brief = report["brief"]
    outcome = "ok" if "error" not in brief else f"failed: {brief['error']}"
    loader = f"; reads {brief['loader']}" if "loader" in brief else ""
    rows.append(
        f"| `tiewatch brief --watch {brief['watchlist']} --month {brief['month']}` "
        f"((b) SQLite store{loader}) | {brief['seconds']:.1f} s | {outcome} |"
    )
    return rows


def markdown(report: dict[str, Any]) -> str:
    sample, machine = report["sample"], report["machine"]
    a = report["runs"][0]
    lines = [
        "# tiewatch benchmark",
        "",
        f"Sample: every {sample['every']}th record of `{sample['corpus']}` (the first "
        f"included), {sample['documents']} documents, {a['words']:,} words, "
        f"{a['paragraphs']:,} paragraphs. Regenerate with `make bench` "
        f"({report['bench_seconds'] / 60:.0f} min).",
        "",
        f"Machine: {machine['cores']} cores, Python {machine['python']}, {machine['platform']}; "
        f"{machine['date']}. One run of each, on a machine shared with other jobs: load average "
        f"{_load(machine['load_before'])} before, {_load(machine['load_after'])} after, so "
        "expect noise of ±15% or more, most of all in the two-worker runs.",
        "",
        "Seconds of (b) and (c): `tiewatch ingest` + processing (model loading, worker and "
        "cluster start-up included); of (a): `nlp.pipe` alone, the model already loaded. "
        "CPU s: user + system time of every process of the run; the CPU ratio compares "
        "words per CPU-second with (a), which other jobs on the machine disturb far less "
        "than wall-clock time.",
        "",
        "| run | docs | words | seconds | ingest + process s | docs/s | words/s | "
        "ratio to (a) | CPU s | CPU ratio | workers × peak RSS MB | failed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        *run_rows(report["runs"]),
        "",
        "| target | measured | wanted | |",
        "|---|---|---|---|",
        *target_rows(report),
        "",
        "| also | time | result |",
        "|---|---|---|",
        *other_rows(report),
        "",
        *full_corpus_lines(report.get("full_corpus")),
    ]
    return "\n".join(lines)


def full_corpus_lines(full: dict[str, Any] | None) -> list[str]:
    """The whole corpus, from ``bench/full_corpus.json`` (``bench/full_corpus.py``, run apart:
    it takes half an hour)."""
    if not full:
        return []
    r = full["run"]
    cpu_words = r["words"] / r["cpu_seconds"]
    peak = max(r["peak_rss_mb"].values(), default=0.0)
    lines = [
        "## Whole corpus (not re-run by `make bench`)",
        "",
        f"`{full['corpus']}` end to end into `{full['db']}` by `python bench/full_corpus.py "
        f"--db URL --workers {len(r['peak_rss_mb'])}`, code {full['code']}, {full['date']}, "
        f"load average {_load(full['load_before'])} before, {_load(full['load_after'])} "
        "after. Figures: `bench/full_corpus.json`.",
        "",
        "| run | docs | words | seconds | ingest + process s | docs/s | words/s | CPU s | "
        "words per CPU-s | workers × peak RSS MB | failed |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {r['name']} | {r['documents']:,} | {r['words']:,} | {r['seconds']:.0f} | "
        f"{r['ingest_seconds']:.0f} + {r['process_seconds']:.0f} | "
        f"{r['documents'] / r['seconds']:.2f} | {r['words'] / r['seconds']:,.0f} | "
        f"{r['cpu_seconds']:.0f} | {cpu_words:,.0f} | "
        f"{len(r['peak_rss_mb'])} × ≤ {peak:,.0f} | {r['failed']} |",
        "",
        "| also | time | result | code |",
        "|---|---|---|---|",
    ]
    # A recheck (the no-op re-timed with newer code) replaces the run's own no-op.
    recheck = full.get("recheck") or {"noop": r.get("noop"), "code": full["code"]}
    if recheck["noop"]:
        noop = recheck["noop"]
        result = noop.get("output") or noop.get("error", "")
        lines.append(
            f"| second `tiewatch process` | {noop['seconds']:.1f} s | {result} | "
            f"{recheck['code']} |"
        )
    for brief in full.get("briefs", []):
        if "error" in brief:
            continue
        lines.append(
            f"| `tiewatch brief --watch {brief['watchlist']} --month {brief['month']}` | "
            f"{brief['seconds']:.1f} s | ok | {brief['code']} |"
        )
    notes = [f"- {note}" for note in full.get("notes", [])]
    return [*lines, "", *notes, *([""] if notes else [])]


def _load(values: list[float]) -> str:
    return " / ".join(f"{v:.2f}" for v in values)


def write_results(report: dict[str, Any], out: Path) -> None:
    base = add_rates(report["runs"][0], None)
    for run in report["runs"][1:]:
        add_rates(run, base)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown(report), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
