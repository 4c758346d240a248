"""``tiewatch brief`` through CliRunner on a small store built from hand-made annotations."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tiewatch.cli import app
from tiewatch.models import Annotation
from tiewatch.store import Store


def _store(tmp_path: Path, annotations: list[Annotation]) -> str:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    with Store.open(url) as store:
        for annotation in annotations:
            store.add_document(annotation.document)
            store.save_annotation(annotation)
    return url


def test_brief_json_citations_resolve(tmp_path: Path, annotations: list[Annotation]) -> None:
    url = _store(tmp_path, annotations)
    result = CliRunner().invoke(
        app, ["--db", url, "brief", "--month", "2025-04", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    with Store.open(url) as store:
        stored = {
            (s.document_id, s.index): s.text
            for d in store.iter_documents()
            for s in store.iter_sentences(d.id)
        }
    cited = [
        c
        for item in data["sections"]
        for i in item["items"]
        for s in i["sentences"]
        for c in s["citations"]
    ]
    assert cited
    assert all(stored[(c["document_id"], c["sentence_index"])] == c["text"] for c in cited)


def test_brief_markdown_to_file(tmp_path: Path, annotations: list[Annotation]) -> None:
    url = _store(tmp_path, annotations)
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(
        app, ["--db", url, "brief", "--month", "2025-04", "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text()
    assert text.startswith("# China-Russia-Ukraine: April 2025")
    assert "(brief.svg)" in text and (tmp_path / "brief.svg").exists()


def test_brief_rejects_bad_month(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "brief", "--month", "2025-13"]
    )
    assert result.exit_code != 0


def test_brief_unknown_watchlist(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            f"sqlite:///{tmp_path / 'x.db'}",
            "brief",
            "--month",
            "2025-04",
            "--watch",
            "nope",
        ],
    )
    assert result.exit_code == 1 and "no built-in watchlist" in result.stderr
