"""The unit table (``data/lexicons/units.yaml``) and token-sequence matching against it."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from tiewatch.extract.numbers import read_lexicon

logger = logging.getLogger(__name__)

Pattern = tuple[str, ...]


@dataclass(frozen=True)
class UnitRule:
    pattern: Pattern
    unit: str
    factor: float = 1.0


@dataclass(frozen=True)
class UnitMatch:
    end: int  # token index after the unit words
    unit: str
    factor: float


@dataclass(frozen=True)
class UnitLexicon:
    units: tuple[UnitRule, ...]  # longest pattern first
    rates: tuple[UnitRule, ...]
    currency_prefixes: Mapping[str, str]
    currency_suffixes: tuple[UnitRule, ...]
    price_units: tuple[UnitRule, ...]
    price_markers: frozenset[str]
    count_exclude: frozenset[str]
    definite: frozenset[str]
    talk_nouns: frozenset[str]
    reference_words: frozenset[str]
    target_prepositions: frozenset[str]
    target_nouns: frozenset[str]


def _split(pattern: str) -> Pattern:
    return tuple(pattern.lower().split())


def _longest_first(rules: list[UnitRule]) -> tuple[UnitRule, ...]:
    return tuple(sorted(rules, key=lambda rule: len(rule.pattern), reverse=True))


def _words(data: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(word).lower() for word in data[key])


@lru_cache(maxsize=1)
def load_unit_lexicon() -> UnitLexicon:
    data = read_lexicon("units.yaml")
    units = [
        UnitRule(_split(p), str(entry["unit"]), float(entry.get("factor", 1.0)))
        for entry in data["units"]
        for p in entry["patterns"]
    ]
    rates = [UnitRule(_split(p), rate) for rate, pats in data["rates"].items() for p in pats]
    suffixes = [UnitRule(_split(p), cur) for p, cur in data["currency_suffixes"].items()]
    prices = [UnitRule(_split(p), u) for u, pats in data["price_units"].items() for p in pats]
    return UnitLexicon(
        units=_longest_first(units),
        rates=_longest_first(rates),
        currency_prefixes={str(k).lower(): str(v) for k, v in data["currency_prefixes"].items()},
        currency_suffixes=_longest_first(suffixes),
        price_units=_longest_first(prices),
        price_markers=_words(data, "price_markers"),
        count_exclude=_words(data["counts"], "exclude"),
        definite=_words(data["counts"], "definite"),
        talk_nouns=_words(data, "talk_nouns"),
        reference_words=_words(data, "reference_words"),
        target_prepositions=_words(data, "target_prepositions"),
        target_nouns=_words(data, "target_nouns"),
    )


def match_rules(doc: Doc, start: int, limit: int, rules: Sequence[UnitRule]) -> UnitMatch | None:
    """The first (longest) rule whose pattern spells the tokens from ``start``."""
    longest = max((len(rule.pattern) for rule in rules), default=0)
    words = tuple(t.lower_ for t in doc[start : min(limit, start + longest)])  # read once (#6)
    for rule in rules:
        end = start + len(rule.pattern)
        if end > limit:
            continue
        if words[: len(rule.pattern)] == rule.pattern:
            return UnitMatch(end, rule.unit, rule.factor)
    return None


def match_rate(doc: Doc, start: int, limit: int) -> UnitMatch | None:
    """ "per day" right after a unit, or after a short "of" phrase ("barrels of oil a day")."""
    rates = load_unit_lexicon().rates
    found = match_rules(doc, start, limit, rates)
    if found is not None or start >= limit or doc[start].lower_ != "of":
        return found
    for gap in range(start + 2, min(start + 6, limit)):
        if doc[gap - 1].pos_ in ("VERB", "AUX", "PUNCT", "ADP", "SCONJ"):
            break
        found = match_rules(doc, gap, limit, rates)
        if found is not None:
            return found
    return None
