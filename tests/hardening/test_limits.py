"""Limits (#7): an input over ``max_document_bytes`` is refused with a one-line error that
names it, the size and the limit; the failure is recorded and the rest of the batch goes on.

The parsers' own limit tests are in tests/ingest/; here is what the user sees from
``tiewatch ingest`` and ``tiewatch stats``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewatch.cli import app

LIMIT = 2000
ENV = {"TIEWATCH_MAX_DOCUMENT_BYTES": str(LIMIT)}
SENTENCE = "Norway and Iceland signed a fisheries agreement in Reykjavik on Monday. "
BIG = SENTENCE * 40  # 2,880 bytes


@pytest.mark.parametrize(
    ("name", "content", "where", "reason"),
    [
        ("big.txt", BIG, "", f"file is 2880 bytes, over the {LIMIT}-byte limit"),
        ("big.html", f"<p>{BIG}</p>", "", f"file is 2887 bytes, over the {LIMIT}-byte limit"),
        ("big.jsonl", json.dumps({"text": BIG}), ":1", f"line is over the {LIMIT}-byte limit"),
        (
            "big.json",
            json.dumps({"text": BIG}),
            "",
            f"file is 2892 bytes, over the {LIMIT}-byte limit",
        ),
    ],
)
def test_oversized_input_is_refused_with_a_clear_error(
    tmp_path: Path, name: str, content: str, where: str, reason: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text(content, encoding="utf-8")
    (folder / "small.txt").write_text(SENTENCE, encoding="utf-8")
    db = ["--db", f"sqlite:///{tmp_path / 't.db'}"]
    result = CliRunner().invoke(app, [*db, "ingest", str(folder)], env=ENV)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert line == f"error: {folder / name}{where}: {reason}"
    assert "ingested 1 new document(s)" in result.stdout  # the small file went in
    stats = CliRunner().invoke(app, [*db, "stats"], env=ENV)
    assert reason in stats.stdout
