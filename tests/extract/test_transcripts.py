"""extract/transcripts.py and extract/occasions.py: the layout of statements (#3)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from tiewatch.extract.dictionary import load_actor_dictionary
from tiewatch.extract.occasions import survey_occasion
from tiewatch.extract.transcripts import is_question, is_title_line
from tiewatch.models import PartialDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q Thanks. Will the President travel to Kyiv?", True),
        ("Q: Is the ceasefire holding?", True),
        ("Reuters: The ministry announced new tariffs. What is your response?", True),
        ("Reporter: Are talks planned?", True),
        # an official's answer is no question, even when it asks one
        ("MR. KIRBY: Why would we do that? We will not.", False),
        ("Lin Jian: China firmly opposes the decision.", False),
        ("Questions of trade were discussed at length.", False),
    ],
)
def test_is_question(text: str, expected: bool) -> None:
    assert is_question(text, load_actor_dictionary()) is expected


@pytest.mark.parametrize(
    ("text", "index", "count", "expected"),
    [
        ("Readout of the Secretary's Meeting with the Foreign Minister of Chile", 0, 5, True),
        ("The Secretary met the Foreign Minister of Chile today.", 0, 5, False),
        ("Readout of the Secretary's Meeting with the Foreign Minister of Chile", 1, 5, False),
        ("Readout of the Secretary's Meeting with the Foreign Minister of Chile", 0, 1, False),
    ],
)
def test_is_title_line(text: str, index: int, count: int, expected: bool) -> None:
    assert is_title_line(text, index=index, count=count) is expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "anchored", "day"),
    [
        # a statement that dates itself ("today")
        (
            "The minister spoke today with her Chilean counterpart. She praised the deal.",
            True,
            "2024-05-02",
        ),
        # a readout of one dated occasion
        (
            "On April 30, the ministers met in Lima. They signed two agreements.",
            False,
            "2024-04-30",
        ),
        # a round-up of several occasions is no single occasion
        ("On April 3, A met B. On April 9, C met D. On April 20, E met F.", False, None),
    ],
)
def test_survey_occasion(nlp: Language, text: str, anchored: bool, day: str | None) -> None:
    sentences = list(nlp(text).sents)
    occasion = survey_occasion(sentences, published=date(2024, 5, 2))
    assert occasion.self_anchored is anchored
    assert occasion.day == (PartialDate.parse(day) if day else None)
