"""The command line end to end on a small corpus written in the test, with CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewatch.cli import app

ARTICLE = """---
title: Ministers meet in Oslo
outlet: Test Wire
published: 2025-03-06
---
Norway's foreign minister met his Swedish counterpart in Oslo on Tuesday.

The two ministers signed an agreement on Arctic fisheries, Reuters reported.
"""
RECORDS = [
    {"id": "r1", "title": "Tariffs", "outlet": "Test Wire", "published": "2025-04-02",
     "text": "The United States imposed tariffs of 34 percent on Chinese goods on Wednesday."},
    {"id": "r2", "title": "No date", "outlet": "Test Wire",
     "text": "Japan and South Korea held talks on regional security in Tokyo."},
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "oslo.md").write_text(ARTICLE, encoding="utf-8")
    lines = [json.dumps(r) for r in RECORDS] + ["{not json"]
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    return folder


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]


def run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_reports_bad_input_and_keeps_the_rest(corpus: Path, db: list[str]) -> None:
    code, stdout, stderr = run([*db, "ingest", str(corpus)])
    assert code == 1
    assert "ingested 3 new document(s)" in stdout
    assert "1 undated" in stdout
    assert "3 failed" in stdout
    for name in ("empty.txt", "binary.txt", "wire.jsonl:3"):
        assert name in stderr
    code, stdout, _ = run([*db, "ingest", str(corpus / "oslo.md"), str(corpus / "wire.jsonl")])
    assert "ingested 0 new document(s); 3 already stored" in stdout
    code, stdout, _ = run([*db, "stats"])
    assert code == 0 and "failures" in stdout and "empty.txt" in stdout


def test_missing_path_is_a_failure(db: list[str], tmp_path: Path) -> None:
    code, _, stderr = run([*db, "ingest", str(tmp_path / "nowhere.txt")])
    assert code == 1 and "nowhere.txt" in stderr


@pytest.mark.model
def test_process_export_and_reprocess(corpus: Path, db: list[str], tmp_path: Path) -> None:
    run([*db, "ingest", str(corpus)])
    code, stdout, _ = run([*db, "process"])
    assert code == 0 and "processed 3 document(s)" in stdout
    assert run([*db, "process"])[1].strip() == "nothing to process"
    first = tmp_path / "first.jsonl"
    run([*db, "export", "--format", "jsonl", "--out", str(first)])
    events = [json.loads(line) for line in first.read_text().splitlines()]
    assert any(e["type"] == "SANCTION" and e["source"] == "USA" for e in events)
    run([*db, "process", "--reprocess"])
    second = tmp_path / "second.jsonl"
    run([*db, "export", "--format", "jsonl", "--out", str(second)])
    assert len(second.read_text().splitlines()) == len(events)
    for fmt in ("csv", "plover", "parquet"):
        target = tmp_path / f"events.{fmt}"
        assert run([*db, "export", "--format", fmt, "--out", str(target)])[0] == 0
        assert target.stat().st_size > 0


@pytest.mark.model
def test_annotate_prints_gold_format(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(ARTICLE.split("---\n", 2)[2], encoding="utf-8")
    code, stdout, _ = run(["annotate", str(path), "--published", "2025-03-06", "--format", "json"])
    assert code == 0
    record = json.loads(stdout)
    assert record["doc"]["published"] == "2025-03-06"
    assert set(record) == {"doc", "events", "quotes", "quantities"}
    for event in record["events"]:
        assert event["sentence"] in path.read_text()
        assert "span" in event


def test_annotate_rejects_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("Some text long enough to count as a document.", encoding="utf-8")
    code, _, stderr = run(["annotate", str(path), "--published", "31/05/2025"])
    assert code != 0 and "YYYY-MM-DD" in stderr


def test_export_rejects_unknown_format(db: list[str]) -> None:
    code, _, stderr = run([*db, "export", "--format", "xml"])
    assert code != 0 and "xml" in stderr
