"""The main job end to end on the bundled sample corpus, against golden files.

Refresh the golden files after a deliberate extraction change with
``pytest -m slow tests/test_end_to_end.py --update-golden`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
GOLDEN = ROOT / "tests" / "data" / "golden"
KEYS = ("type", "mode", "source", "target", "date", "status", "reported_by", "sentence_index")


def _summary(records: list[dict[str, object]]) -> dict[str, list[list[object]]]:
    """Per document, the events' key fields in a stable order (texts live in the store)."""
    by_document: dict[str, list[list[object]]] = {}
    for record in records:
        key = str(record["document_id"])
        by_document.setdefault(key, []).append([record.get(k) for k in KEYS])
    return {k: sorted(v, key=json.dumps) for k, v in sorted(by_document.items())}


@pytest.mark.slow
@pytest.mark.model
def test_sample_corpus_end_to_end(tmp_path: Path, update_golden: bool) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'e2e.db'}"]
    runner = CliRunner()
    assert runner.invoke(app, [*db, "ingest", str(CORPUS)]).exit_code == 0
    assert runner.invoke(app, [*db, "process"]).exit_code == 0
    again = runner.invoke(app, [*db, "ingest", str(CORPUS)])
    assert "ingested 0 new document(s)" in again.stdout
    export = tmp_path / "events.jsonl"
    assert runner.invoke(app, [*db, "export", "--out", str(export)]).exit_code == 0
    summary = _summary([json.loads(line) for line in export.read_text().splitlines()])
    golden = GOLDEN / "sample_corpus_events.json"
    if update_golden:
        golden.write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    assert summary == json.loads(golden.read_text())
