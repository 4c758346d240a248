"""The accuracy report (docs/accuracy.md): figures per gold set, peer agreement, and an
error analysis by category."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tiewatch.evaluation import Figures
from tiewatch.peer import PeerScore

FLOORS = {
    "events_f1": ("events, strict F1 (type + source + target + sentence)", 0.60),
    "relaxed_f1": ("events, relaxed F1 (type + sentence)", 0.75),
    "date_accuracy": ("event date accuracy (matched events)", 0.85),
    "quotes_f1": ("quotes F1", 0.90),
    "speaker_accuracy": ("quote speaker accuracy", 0.85),
    "quantities_f1": ("quantities F1", 0.85),
}


@dataclass(frozen=True)
class GoldSetResult:
    name: str
    lines: tuple[str, ...]
    figures: Figures
    errors: Counter[str] = field(default_factory=Counter)


def render_accuracy_report(
    results: Sequence[GoldSetResult], peers: Sequence[PeerScore], *, command: str
) -> str:
    parts = [
        "# Extraction accuracy",
        "",
        f"Regenerate with `{command}` (or `make accuracy`). Figures are measured, not claimed:",
        "the scorer is `tiewatch eval`, which agrees line for line with `shared/tools/score.py`",
        "(tested).",
        "",
        "Both gold sets were used while developing the extractors, so their figures overstate",
        "accuracy on unseen text: the first blind run on statement-genre documents written later",
        "(tests/data/devgold dg13-dg21, before any tuning on them) gave strict F1 0.59-0.79 and",
        "relaxed F1 0.72-0.84 (CHANGELOG, Unreleased). The peer sets were never tuned to.",
        "",
        *_figures_table(results),
        *_peer_section(peers),
        *_errors_section(results),
    ]
    return "\n".join(parts).rstrip() + "\n"


def _figures_table(results: Sequence[GoldSetResult]) -> list[str]:
    header = "| measure | floor (issue #3) | " + " | ".join(f"`{r.name}`" for r in results) + " |"
    rows = [header, "|---|---|" + "---|" * len(results)]
    for attr, (label, floor) in FLOORS.items():
        cells = " | ".join(f"{getattr(r.figures, attr):.3f}" for r in results)
        rows.append(f"| {label} | {floor:.2f} | {cells} |")
    lines = ["## Gold sets", "", *rows, ""]
    for result in results:
        lines += [f"Per document, `{result.name}`:", "", "```", *result.lines, "```", ""]
    return lines


def _peer_section(peers: Sequence[PeerScore]) -> list[str]:
    if not peers:
        return []
    rows = [
        "## Peer test sets (second opinion; not tuned to)",
        "",
        "| set | agreement | sentences | most frequent disagreements |",
        "|---|---|---|---|",
    ]
    for score in peers:
        detail = score.detail.removeprefix("most frequent errors: ")
        rows.append(f"| `{score.name}` | {score.accuracy:.3f} | {score.sentences} | {detail} |")
    return [*rows, ""]


def _errors_section(results: Sequence[GoldSetResult]) -> list[str]:
    lines = ["## Error analysis", "", "What still goes wrong, by category, with counts.", ""]
    for result in results:
        lines += [f"### `{result.name}`", "", "| count | category |", "|---|---|"]
        for category, count in sorted(result.errors.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"| {count} | {category} |")
        lines.append("")
    return lines
