"""tiewatch's scorer against hand-made cases and against the independent scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tiewatch import evaluation

SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"

GOLD = {
    "doc": {"id": "d1", "published": "2025-03-31"},
    "events": [
        {"evidence": "the ministers met in Oslo", "type": "CONSULT", "source": "NOR",
         "target": "SWE", "date": "2025-03-04"},
        {"evidence": "Sweden accused Norway of spying", "type": "ACCUSE", "source": "SWE",
         "target": "NOR", "date": "2025-03"},
        {"evidence": "Denmark signed the accord", "type": "SUPPORT", "source": "DNK",
         "target": "NOR", "date": None},
    ],
    "quotes": [
        {"text": "We had frank talks.", "speaker": "Jonas Example", "speaker_actor": "NOR"},
        {"text": "not acceptable", "speaker": None, "speaker_actor": "SWE"},
    ],
    "quantities": [
        {"text": "1.2 million barrels a day", "value": 1200000.0, "unit": "bbl/d"},
        {"text": "40 percent", "value": 40.0, "unit": "percent"},
    ],
}  # fmt: skip
OUTPUT = {
    "events": [
        {"type": "CONSULT", "source": "SWE", "target": "NOR", "date": "2025-03-04",
         "sentence": "On Tuesday, the ministers met in Oslo for talks."},
        {"type": "ACCUSE", "source": "SWE", "target": "DNK", "date": "2025-03",
         "sentence": "Sweden accused Norway of spying on its fleet."},
        {"type": "SUPPORT", "source": "DNK", "target": "NOR", "date": "2025",
         "sentence": "Denmark  signed the accord."},
        {"type": "AGREE", "source": "DNK", "target": "NOR", "date": None, "sentence": "x"},
    ],
    "quotes": [
        {"text": "We had frank talks", "speaker": "J. Example"},
        {"text": "This is not acceptable to us at all, frankly", "speaker": None},
    ],
    "quantities": [
        {"value": 1210000, "unit": "bbl/d"},
        {"value": 40, "unit": "count"},
    ],
}  # fmt: skip


def test_score_document_counts() -> None:
    counts = evaluation.score_document(GOLD, OUTPUT)
    assert (counts.strict, counts.relaxed, counts.out_events, counts.gold_events) == (2, 3, 4, 3)
    assert counts.dates == 1  # the CONSULT matches its day; "2025" is not the gold's null
    assert (counts.quotes, counts.speakers) == (1, 1)  # the long quote is under half overlap
    assert counts.quantities == 1  # same value, wrong unit does not count


@pytest.mark.parametrize(
    ("gold", "got", "expected"),
    [("2025-05", "2025-05-08", True), ("2025-05-08", "2025-05", False), (None, None, True),
     (None, "2025", False), ("2025", None, False)],
)  # fmt: skip
def test_date_matching(gold: str | None, got: str | None, expected: bool) -> None:
    assert evaluation._date_matches(gold, got) is expected


def test_normalize_folds_typography() -> None:
    assert evaluation.normalize("  “Kyiv’s”  view – now ") == '"kyiv\'s" view - now'


def _write_case(tmp_path: Path) -> tuple[Path, Path]:
    gold_dir, out_dir = tmp_path / "gold", tmp_path / "out"
    gold_dir.mkdir()
    out_dir.mkdir()
    (gold_dir / "d1.json").write_text(json.dumps(GOLD))
    (out_dir / "d1.json").write_text(json.dumps(OUTPUT))
    second = dict(GOLD, doc={"id": "d2"})
    (gold_dir / "d2.json").write_text(json.dumps(second))  # no output: scored as empty
    return gold_dir, out_dir


def test_report_lines(tmp_path: Path) -> None:
    gold_dir, out_dir = _write_case(tmp_path)
    lines = evaluation.format_report(evaluation.score_directories(gold_dir, out_dir))
    assert lines[1].endswith("[no output]")
    assert lines[-1].startswith("TOTAL events P=0.500 R=0.333 F1=0.400")


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="shared/tools/score.py not beside repo")
def test_agrees_with_independent_scorer(tmp_path: Path) -> None:
    gold_dir, out_dir = _write_case(tmp_path)
    ours = evaluation.format_report(evaluation.score_directories(gold_dir, out_dir))
    theirs = subprocess.run(
        [sys.executable, str(SHARED_SCORER), str(gold_dir), str(out_dir)],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert ours == theirs


SHARED_GOLD = SHARED_SCORER.parents[1] / "gold"


@pytest.mark.model
@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="shared/gold not beside the repository")
def test_cli_eval_agrees_with_independent_scorer_on_real_output(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tiewatch.cli import app

    result = CliRunner().invoke(app, ["eval", str(SHARED_GOLD), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    theirs = subprocess.run(
        [sys.executable, str(SHARED_SCORER), str(SHARED_GOLD), str(tmp_path)],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert result.stdout.splitlines() == theirs


def test_error_categories() -> None:
    errors = evaluation.classify_errors(GOLD, OUTPUT)
    assert errors["events: wrong source/target (ACCUSE)"] == 1
    assert errors["events: spurious (AGREE)"] == 1
    assert errors["dates: wrong date on a matched event"] == 1
    assert errors["quotes: missed"] == 1 and errors["quantities: spurious"] == 1


def test_accuracy_report_renders_every_floor(tmp_path: Path) -> None:
    from tiewatch.accuracy_report import FLOORS, GoldSetResult, render_accuracy_report
    from tiewatch.peer import PeerScore

    gold_dir, out_dir = _write_case(tmp_path)
    scores = evaluation.score_directories(gold_dir, out_dir)
    result = GoldSetResult(
        name="gold", lines=tuple(evaluation.format_report(scores)),
        figures=evaluation.figures(evaluation.total(scores)),
        errors=evaluation.error_analysis(gold_dir, out_dir),
    )  # fmt: skip
    text = render_accuracy_report([result], [PeerScore("p", 10, 7)], command="tiewatch eval x")
    for label, _ in FLOORS.values():
        assert label in text
    assert "`tiewatch eval x`" in text and "| `p` | 0.700 | 10 |" in text
