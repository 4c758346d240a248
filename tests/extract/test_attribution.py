"""extract/attribution.py: the outlet or channel a sentence credits (reported_by)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tiewatch.extract.attribution import find_reported_by, is_outlet, phrase_text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reuters reported that Chile had closed its airspace.", "Reuters"),
        ("Chile closed its airspace, according to the Financial Times.", "Financial Times"),
        ("Chile closed its airspace, says Reuters.", "Reuters"),
        ("In an interview with Bloomberg, the minister said the talks had failed.", "Bloomberg"),
        ("A Chilean press release shared that the two ministers had met.", "Chilean press release"),
        ("In a post on X, the minister thanked Peru.", "X"),
        ("The minister told TASS that the deal was ready.", "TASS"),
        ("Chile closed its airspace on Monday.", None),
        ("The minister said the deal was ready.", None),
    ],
)
def test_reported_by(nlp: Language, text: str, expected: str | None) -> None:
    sent = next(nlp(text).sents)
    assert find_reported_by(sent) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Reuters", True), ("the Wall Street Journal", True), ("reuters", True), ("Peru", False)],
)
def test_is_outlet(text: str, expected: bool) -> None:
    assert is_outlet(text) is expected


@pytest.mark.model
def test_phrase_text_drops_the_determiner(nlp: Language) -> None:
    doc = nlp("A Russian press release said so.")
    assert phrase_text(doc[3]) == "Russian press release"
