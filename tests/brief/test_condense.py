from __future__ import annotations

import pytest

from tiewatch.brief.condense import (
    attributes_itself,
    condense_sentence,
    credit_outlet,
    split_heading,
)
from tiewatch.brief.faithfulness import key_terms


@pytest.mark.parametrize(
    ("text", "head", "body"),
    [
        (
            "Grain Deal: On May 2, Kazakhstan sold wheat.",
            "Grain Deal",
            "On May 2, Kazakhstan sold wheat.",
        ),
        ("He said: The talks failed.", None, "He said: The talks failed."),
        ("No colon here.", None, "No colon here."),
        ("Ports: they reopened.", None, "Ports: they reopened."),
    ],
)
def test_split_heading(text: str, head: str | None, body: str) -> None:
    assert split_heading(text) == (head, body)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moreover, the bank cut rates.", "The bank cut rates."),
        ("Trade Note: Meanwhile, exports fell.", "Exports fell."),
        ("Exports fell.", "Exports fell."),
    ],
)
def test_condense_sentence(text: str, expected: str) -> None:
    assert condense_sentence(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bank cut rates.", "According to Daily Bugle, the bank cut rates."),
        ("Speaking in Oslo, she left.", "According to Daily Bugle, speaking in Oslo, she left."),
        ("Norway cut rates.", "According to Daily Bugle, Norway cut rates."),
        # a capital ending in -ing is a name, not a participle
        ("Beijing cut rates.", "According to Daily Bugle, Beijing cut rates."),
    ],
)
def test_credit_outlet(text: str, expected: str) -> None:
    assert credit_outlet(text, "Daily Bugle") == expected


@pytest.mark.parametrize(
    ("text", "reported_by", "expected"),
    [
        ("Rates fell, the minister said.", None, True),
        ("The Ledger wrote that rates fell.", "The Ledger", True),
        ("Rates fell.", None, False),
    ],
)
def test_attributes_itself(text: str, reported_by: str | None, expected: bool) -> None:
    assert attributes_itself(text, reported_by) is expected


def test_key_terms() -> None:
    terms = key_terms(
        "On March 3, the G20 bought twelve ships from Anna Berg for $4.5 billion. [2]"
    )
    assert {"March", "3", "G20", "twelve", "Anna", "Berg", "4.5", "billion"} <= set(terms)
    assert "2" not in terms and "On" not in terms
