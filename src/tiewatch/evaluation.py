"""Score extraction output against gold files (``shared/gold/GUIDE.md``, "Scoring").

The matching rules are those of the guide, applied greedily in gold order so the figures
agree with the independent scorer ``shared/tools/score.py`` (a test checks the agreement).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from tiewatch.errors import EvalError
from tiewatch.models import SYMMETRIC_TYPES

Record = Mapping[str, Any]
_TYPOGRAPHIC = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Counts:
    """Matched and total counts for one document, or summed over several."""

    gold_events: int = 0
    out_events: int = 0
    strict: int = 0
    relaxed: int = 0
    dates: int = 0
    gold_quotes: int = 0
    out_quotes: int = 0
    quotes: int = 0
    speakers: int = 0
    gold_quantities: int = 0
    out_quantities: int = 0
    quantities: int = 0

    def __add__(self, other: Counts) -> Counts:
        names = [f.name for f in fields(self)]
        return Counts(**{name: getattr(self, name) + getattr(other, name) for name in names})


@dataclass(frozen=True)
class Figures:
    events_precision: float
    events_recall: float
    events_f1: float
    relaxed_f1: float
    date_accuracy: float
    quotes_f1: float
    speaker_accuracy: float
    quantities_f1: float


@dataclass(frozen=True)
class DocumentScore:
    document_id: str
    counts: Counts
    has_output: bool = True


def normalize(text: str | None) -> str:
    """Fold typographic quotes and dashes, collapse whitespace, lower-case."""
    if not text:
        return ""
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHIC)).strip().lower()


def prf(matched: int, produced: int, expected: int) -> tuple[float, float, float]:
    precision = matched / produced if produced else 0.0
    recall = matched / expected if expected else 0.0
    total = precision + recall
    return precision, recall, (2 * precision * recall / total if total else 0.0)


def figures(counts: Counts) -> Figures:
    p, r, f = prf(counts.strict, counts.out_events, counts.gold_events)
    relaxed = prf(counts.relaxed, counts.out_events, counts.gold_events)[2]
    return Figures(
        events_precision=p,
        events_recall=r,
        events_f1=f,
        relaxed_f1=relaxed,
        date_accuracy=counts.dates / max(counts.strict, 1),
        quotes_f1=prf(counts.quotes, counts.out_quotes, counts.gold_quotes)[2],
        speaker_accuracy=counts.speakers / max(counts.quotes, 1),
        quantities_f1=prf(counts.quantities, counts.out_quantities, counts.gold_quantities)[2],
    )


def score_document(gold: Record, output: Record) -> Counts:
    """Count matches between one gold file and one output file (both GUIDE.md layout)."""
    gold_events, out_events = list(gold.get("events", [])), list(output.get("events", []))
    strict = _greedy_pairs(gold_events, out_events, _event_matches_strict)
    relaxed = _greedy_pairs(gold_events, out_events, _event_matches_relaxed)
    gold_quotes, out_quotes = list(gold.get("quotes", [])), list(output.get("quotes", []))
    quotes = _greedy_pairs(gold_quotes, out_quotes, _quote_matches)
    gold_qty, out_qty = list(gold.get("quantities", [])), list(output.get("quantities", []))
    return Counts(
        gold_events=len(gold_events),
        out_events=len(out_events),
        strict=len(strict),
        relaxed=len(relaxed),
        dates=sum(_date_matches(g.get("date"), o.get("date")) for g, o in strict),
        gold_quotes=len(gold_quotes),
        out_quotes=len(out_quotes),
        quotes=len(quotes),
        speakers=sum(_speaker_matches(g, o) for g, o in quotes),
        gold_quantities=len(gold_qty),
        out_quantities=len(out_qty),
        quantities=len(_greedy_pairs(gold_qty, out_qty, _quantity_matches)),
    )


def load_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise EvalError(f"{path} does not hold a JSON object")
    return data


def gold_files(gold_dir: Path) -> list[Path]:
    """The gold JSON files of a directory (those with an ``events`` list)."""
    if not gold_dir.is_dir():
        raise EvalError(f"gold directory not found: {gold_dir}")
    found = [p for p in sorted(gold_dir.glob("*.json")) if "events" in load_json(p)]
    if not found:
        raise EvalError(f"no gold files (*.json with events) in {gold_dir}")
    return found


def score_directories(gold_dir: Path, out_dir: Path) -> list[DocumentScore]:
    """Score ``out_dir/<id>.json`` against every gold file of ``gold_dir``."""
    scores = []
    for path in gold_files(gold_dir):
        out_path = out_dir / path.name
        output = load_json(out_path) if out_path.exists() else {}
        counts = score_document(load_json(path), output)
        scores.append(DocumentScore(path.stem, counts, has_output=out_path.exists()))
    return scores


def total(scores: Iterable[DocumentScore]) -> Counts:
    result = Counts()
    for score in scores:
        result = result + score.counts
    return result


def format_report(scores: Sequence[DocumentScore]) -> list[str]:
    """One line per document and a TOTAL line, in the independent scorer's layout."""
    lines = [_document_line(score) for score in scores]
    fig = figures(total(scores))
    lines.append(
        f"TOTAL events P={fig.events_precision:.3f} R={fig.events_recall:.3f} "
        f"F1={fig.events_f1:.3f} | relaxed F1={fig.relaxed_f1:.3f} | "
        f"date acc={fig.date_accuracy:.3f} | quotes F1={fig.quotes_f1:.3f} "
        f"speaker acc={fig.speaker_accuracy:.3f} | quantities F1={fig.quantities_f1:.3f}"
    )
    return lines


def _document_line(score: DocumentScore) -> str:
    c = score.counts
    p, r, f = prf(c.strict, c.out_events, c.gold_events)
    relaxed_recall = c.relaxed / max(c.gold_events, 1)
    line = (
        f"{score.document_id}: events P={p:.2f} R={r:.2f} F1={f:.2f} "
        f"(relaxed R={relaxed_recall:.2f}) dates={c.dates}/{c.strict} "
        f"quotes={c.quotes}/{c.gold_quotes} speakers={c.speakers}/{c.quotes} "
        f"quantities={c.quantities}/{c.gold_quantities}"
    )
    return line if score.has_output else line + " [no output]"


def _greedy_pairs(
    gold: Sequence[Record], output: Sequence[Record], matches: Callable[[Record, Record], bool]
) -> list[tuple[Record, Record]]:
    """Pair each gold item, in order, with the first unused output item that matches it."""
    used: set[int] = set()
    pairs = []
    for item in gold:
        for index, candidate in enumerate(output):
            if index not in used and matches(item, candidate):
                used.add(index)
                pairs.append((item, candidate))
                break
    return pairs


def _event_matches_relaxed(gold: Record, out: Record) -> bool:
    return out.get("type") == gold["type"] and normalize(gold["evidence"]) in normalize(
        out.get("sentence")
    )


def _event_matches_strict(gold: Record, out: Record) -> bool:
    if not _event_matches_relaxed(gold, out):
        return False
    pair, got = (gold.get("source"), gold.get("target")), (out.get("source"), out.get("target"))
    return pair == got or (gold["type"] in SYMMETRIC_TYPES and pair == got[::-1])


def _date_matches(gold: str | None, got: Any) -> bool:
    if gold is None:
        return got in (None, "")
    return bool(got) and str(got)[: len(gold)] == gold


def _quote_text(record: Record) -> str:
    return normalize(record.get("text")).strip(" .,")


def _quote_matches(gold: Record, out: Record) -> bool:
    g, o = _quote_text(gold), _quote_text(out)
    if not o or not (g in o or o in g):
        return False
    return min(len(g), len(o)) >= 0.5 * max(len(g), len(o))


def _speaker_matches(gold: Record, out: Record) -> bool:
    expected, got = normalize(gold.get("speaker")), normalize(out.get("speaker"))
    if not expected:
        return not got or gold.get("speaker_actor") == out.get("speaker_actor")
    return bool(got) and expected.split()[-1] == got.split()[-1]


def _quantity_matches(gold: Record, out: Record) -> bool:
    if out.get("unit") != gold["unit"]:
        return False
    try:
        value = float(out.get("value"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    expected = float(gold["value"])
    return abs(value - expected) <= 0.01 * max(abs(expected), 1e-9)


def classify_errors(gold: Record, output: Record) -> Counter[str]:
    """Count what went wrong in one document, by category, for the error analysis."""
    errors: Counter[str] = Counter()
    gold_events, out_events = list(gold.get("events", [])), list(output.get("events", []))
    strict = _greedy_pairs(gold_events, out_events, _event_matches_strict)
    relaxed = _greedy_pairs(gold_events, out_events, _event_matches_relaxed)
    strict_ids = {id(g) for g, _ in strict}
    relaxed_ids = {id(g) for g, _ in relaxed}
    for item in gold_events:
        if id(item) in strict_ids:
            continue
        if id(item) in relaxed_ids:
            errors[f"events: wrong source/target ({item['type']})"] += 1
        elif any(normalize(item["evidence"]) in normalize(o.get("sentence")) for o in out_events):
            errors[f"events: sentence coded with another type (gold {item['type']})"] += 1
        else:
            errors[f"events: missed, sentence not coded (gold {item['type']})"] += 1
    matched_out = {id(o) for _, o in relaxed}
    for candidate in out_events:
        if id(candidate) not in matched_out:
            errors[f"events: spurious ({candidate.get('type')})"] += 1
    for g, o in strict:
        if not _date_matches(g.get("date"), o.get("date")):
            errors["dates: wrong date on a matched event"] += 1
    errors.update(_quote_and_quantity_errors(gold, output))
    return errors


def _quote_and_quantity_errors(gold: Record, output: Record) -> Counter[str]:
    errors: Counter[str] = Counter()
    gold_quotes, out_quotes = list(gold.get("quotes", [])), list(output.get("quotes", []))
    pairs = _greedy_pairs(gold_quotes, out_quotes, _quote_matches)
    errors["quotes: missed"] += len(gold_quotes) - len(pairs)
    errors["quotes: spurious"] += len(out_quotes) - len(pairs)
    errors["quotes: wrong speaker"] += sum(not _speaker_matches(g, o) for g, o in pairs)
    gold_qty, out_qty = list(gold.get("quantities", [])), list(output.get("quantities", []))
    matched = len(_greedy_pairs(gold_qty, out_qty, _quantity_matches))
    errors["quantities: missed"] += len(gold_qty) - matched
    errors["quantities: spurious"] += len(out_qty) - matched
    return +errors  # drops zero counts


def error_analysis(gold_dir: Path, out_dir: Path) -> Counter[str]:
    """Error categories summed over every gold file of ``gold_dir``."""
    errors: Counter[str] = Counter()
    for path in gold_files(gold_dir):
        out_path = out_dir / path.name
        output = load_json(out_path) if out_path.exists() else {}
        errors.update(classify_errors(load_json(path), output))
    return errors
