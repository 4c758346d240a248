"""Mechanical faithfulness: every number, date and proper name in a brief sentence appears
in one of the source sentences it cites (or is the outlet of a cited document, for the
"according to ..." credit).

Docs: docs/briefs.md ("Faithfulness").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tiewatch.brief.model import Brief, BriefSentence

_CITATION = re.compile(r"\s*\[\d+(?:,\s*\d+)*\]")
_NUMBER = re.compile(r"(?<![\w])(?:\d[\d,.]*\d|\d)")
_NUMBER_WORDS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "dozen",
    "half",
    "third",
    "quarter",
]
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][\w\u2019'.&-]*\w|(?<![\w-])[A-Z]\b")
# Capitalised only because they open a sentence or clause, or are tiewatch's own wording.
_FUNCTION_WORDS = frozenset(
    [
        "A",
        "An",
        "The",
        "In",
        "On",
        "At",
        "After",
        "Before",
        "During",
        "With",
        "For",
        "By",
        "From",
        "As",
        "It",
        "This",
        "That",
        "These",
        "Those",
        "They",
        "He",
        "She",
        "We",
        "I",
        "Its",
        "Their",
        "His",
        "Her",
        "Both",
        "And",
        "But",
        "Or",
        "If",
        "When",
        "While",
        "Although",
        "Despite",
        "Following",
        "Over",
        "Under",
        "Since",
        "Until",
        "According",
        "To",
        "Of",
        "Not",
        "No",
        "New",
        "Also",
        "There",
        "Then",
        "Such",
    ]
)


@dataclass(frozen=True)
class Unsupported:
    sentence: BriefSentence
    missing: tuple[str, ...]


def check_faithfulness(brief: Brief) -> list[Unsupported]:
    """Brief sentences with a number, date or name that none of their citations state.

    An empty list means every sentence passes. A sentence without citations fails.
    """
    failures = []
    for sentence in brief.iter_sentences():
        missing = unsupported_terms(sentence, brief)
        if missing or not sentence.citations:
            failures.append(Unsupported(sentence, tuple(missing) or ("(no citation)",)))
    return failures


def faithful_share(brief: Brief) -> float:
    sentences = list(brief.iter_sentences())
    if not sentences:
        return 1.0
    return 1 - len(check_faithfulness(brief)) / len(sentences)


def unsupported_terms(sentence: BriefSentence, brief: Brief) -> list[str]:
    evidence = _evidence(sentence, brief)
    lowered = evidence.lower()
    opener = _CITATION.sub("", sentence.text).split(" ", 1)[0].rstrip(".,:;")
    missing = [
        term
        for term in key_terms(sentence.text)
        if not _found(term, evidence, lowered)
        and not (term == opener and _found(term.lower(), evidence.lower(), lowered))
    ]
    return sorted(set(missing))


def _evidence(sentence: BriefSentence, brief: Brief) -> str:
    parts: list[str] = []
    for number in sentence.citations:
        if 1 <= number <= len(brief.sources):
            source = brief.source(number)
            parts.extend([source.text, source.outlet or ""])
    return "\n".join(parts)


def _found(term: str, evidence: str, lowered: str) -> bool:
    if term[0].isdigit() or term.lower() in _NUMBER_WORDS:
        pattern = r"(?<![\w.])" + re.escape(term.lower()) + r"(?![\d])"
        return re.search(pattern, lowered) is not None
    return re.search(r"(?<![\w-])" + re.escape(term) + r"(?![\w])", evidence) is not None


def key_terms(text: str) -> list[str]:
    """The numbers (digits and number words), dates and capitalised names of ``text``."""
    text = _CITATION.sub("", text)
    terms = [m.group(0).rstrip(".,") for m in _NUMBER.finditer(text)]
    terms += [m.group(0) for m in _NUMBER_WORD.finditer(text)]
    terms += [
        word.rstrip(".")
        for word in _CAPITALISED.findall(text)
        if word.rstrip(".") not in _FUNCTION_WORDS and not word.isdigit()
    ]
    return [t for t in terms if t]


def citations_resolve(brief: Brief, stored: Iterable[tuple[str, int, str]]) -> list[int]:
    """Citation numbers whose (document id, sentence index, text) is not among ``stored``."""
    known = set(stored)
    cited = {n for sentence in brief.iter_sentences() for n in sentence.citations}
    bad = [n for n in cited if not 1 <= n <= len(brief.sources)]
    for source in brief.sources:
        if (source.document_id, source.sentence_index, source.text) not in known:
            bad.append(source.number)
    return sorted(set(bad))
