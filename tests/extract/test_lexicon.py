"""read_yaml: YAML 1.2 booleans whichever parser PyYAML uses (libyaml or pure Python)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiewatch.extract.lexicon import read_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("particle: on", {"particle": "on"}),
        ("words: [no, off, yes, y]", {"words": ["no", "off", "yes", "y"]}),
        ("joint: true\nfuture: False", {"joint": True, "future": False}),
        ("count: 3\nshare: 2.5", {"count": 3, "share": 2.5}),
        ("lemma: call\nnote: ~", {"lemma": "call", "note": None}),
    ],
)
def test_read_yaml_keeps_words_as_words(tmp_path: Path, text: str, expected: object) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    assert read_yaml(path) == expected


def test_a_missing_file_reads_as_none(tmp_path: Path) -> None:
    assert read_yaml(tmp_path / "absent.yaml") is None
