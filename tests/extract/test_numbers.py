"""The number-run prefilter: every word ``_classify`` lets start a run passes ``_may_start``,
so skipping the others changes nothing (#6)."""

from __future__ import annotations

import pytest
import spacy

from tiewatch.extract.numbers import (
    _classify,
    _may_start,
    find_number_phrases,
    load_number_lexicon,
)


def _candidates() -> list[str]:
    lex = load_number_lexicon()
    words = [*lex.words, *lex.scales, *lex.fractions, *lex.multipliers, *lex.vague]
    words += ["a", "an", "and", "-", "the", "of", "talks", "5", "1,200", "3.5", "5bn", "10th"]
    words += ["thirty-eight", "one-third", "half", "halves", "Two", "², 7", "٣"]
    return sorted(set(words))


@pytest.mark.parametrize("following", ["thousand", "million", "third", "dozen", "people", ""])
def test_every_run_start_passes_the_prefilter(following: str) -> None:
    nlp = spacy.blank("en")
    missed = []
    for word in _candidates():
        doc = nlp(f"{word} {following}".strip())
        if _classify(doc, 0, len(doc), "") is not None and not _may_start(doc[0].lower_):
            missed.append(word)
    assert missed == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Exports fell by nearly three dozen percent.", [36.0]),
        ("They sent 1.05 million barrels and a million tonnes.", [1_050_000.0, 1_000_000.0]),
        ("The talks produced no agreement.", []),
        ("About one-third of suppliers left; hundreds of millions of people stayed.", [1 / 3]),
    ],
)
def test_number_phrases(text: str, values: list[float]) -> None:
    sent = spacy.blank("en")(text)[:]
    found = [phrase.value for phrase in find_number_phrases(sent)]
    assert found == pytest.approx(values)
