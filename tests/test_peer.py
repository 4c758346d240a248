"""Peer test-set readers and scorers, on small files written in the test."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tiewatch import peer
from tiewatch.errors import EvalError
from tiewatch.ontology import cameo_to_plover, current_type, quad_class


@pytest.mark.parametrize(
    ("code", "expected"),
    [("042", "CONSULT"), ("0233", None), ("081", "CONCEDE"), ("0871", "RETREAT"),
     ("112", "ACCUSE"), ("190", "ASSAULT"), ("1124", "ACCUSE"), ("160", "SANCTION")],
)  # fmt: skip
def test_cameo_to_plover(code: str, expected: str | None) -> None:
    assert cameo_to_plover(code) == expected


def test_legacy_labels_and_quads() -> None:
    assert [current_type(x) for x in ("DEMAND", "FIGHT", "AGREE")] == [
        "REQUEST", "ASSAULT", "AGREE"]  # fmt: skip
    assert [quad_class(t) for t in ("SUPPORT", "AID", "REJECT", "SANCTION")] == [1, 2, 3, 4]


def test_plover_gsr_reader(tmp_path: Path) -> None:
    path = tmp_path / "gsr.txt"
    records = [{"event": "DOCUMENT", "text": "header"},
               {"id": "g1", "event": "DEMAND", "text": "Chile urged Peru to talk."}]  # fmt: skip
    path.write_text(json.dumps(records))
    (sentence,) = peer.read_plover_gsr(path)
    assert sentence.types == frozenset({"REQUEST"})
    score = peer.score_types("gsr", [sentence], {"g1": ["REQUEST", "AGREE"]})
    assert score.accuracy == 1.0


def test_cameo_class_reader_and_quads(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    path.write_text("Chile praised Peru.\t1\r\nPeru said it was ready.\t0\r\n")
    sentences = peer.read_cameo_classes(path)
    assert [s.quad for s in sentences] == [1, 0]
    score = peer.score_quads("cameo", sentences, {"cameo-1": ["SUPPORT"], "cameo-2": []})
    assert score.correct == 2


def test_petrarch_reader(tmp_path: Path) -> None:
    path = tmp_path / "p.xml"
    path.write_text(
        "<Validation>\n# comment\n<Sentences>\n"
        '<Sentence category="GOLD" date="20080804" id="s1" evaluate="true"/>\n'
        '<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />\n'
        "<Text>\nThe envoy travelled\nto Beijing.\n</Text>\n<Parse>\n1 x</Parse>\n</Sentence>\n"
        '<Sentence category="OTHER" date="20080805" id="s2" evaluate="true"/>\n'
        '<EventCoding noevents="True" />\n<Text>Nothing happened.</Text>\n</Sentence>\n'
    )
    first, second = peer.read_petrarch_validation(path)
    assert (first.text, first.published, first.types) == (
        "The envoy travelled to Beijing.", date(2008, 8, 4), frozenset({"CONSULT"}))  # fmt: skip
    assert second.types == frozenset()
    score = peer.score_types("petr", [first, second], {"s1": ["CONSULT"], "s2": ["AID"]})
    assert score.correct == 1 and "none->AID" in score.detail


def test_bad_peer_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("{not json")
    with pytest.raises(EvalError):
        peer.read_plover_gsr(path)
