"""Quantities an analyst tracks: volumes, shares, money, counts, durations, target years.

``extract_quantity_mentions(sent)`` finds number phrases (``extract/numbers.py``), attaches a
unit from ``data/lexicons/units.yaml`` and skips what DECISIONS.md (Quantities, F30) leaves
out: dates, ordinals, plan points, talk durations, article numbers, vague magnitudes.

Docs: shared/gold/GUIDE.md (Quantities), shared/gold/DECISIONS.md (Quantities, F30).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tiewatch.extract.measures import describe_measure
from tiewatch.extract.numbers import NumberPhrase, find_number_phrases, hedge_start
from tiewatch.extract.units import UnitMatch, load_unit_lexicon, match_rate, match_rules
from tiewatch.nlp.doc_cache import doc_text

logger = logging.getLogger(__name__)

_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
_NAMED_ENTITIES = frozenset(
    {"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "FAC", "EVENT", "GPE", "LOC", "PERSON", "NORP"}
)
_WINDOW_WORDS = frozenset(
    [
        "past",
        "last",
        "next",
        "previous",
        "coming",
        "first",
        "recent",
        "final",
        "following",
        "preceding",
        "latest",
    ]
)
_RELATIVE_TIME = frozenset(["later", "earlier", "ago", "before", "after", "prior", "since"])
_TIME_UNITS = frozenset({"day", "hour", "minute", "week", "month"})
_ORDINAL_WORDS = frozenset(["first", "second", "last", "final", "latter", "former"])
_HYPHENS = frozenset({"-", "–", "‑"})


@dataclass(frozen=True)
class QuantityMention:
    """A figure in a sentence; ``start``/``end`` are character offsets into the Doc."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    measure: str | None


@dataclass(frozen=True)
class _Reading:
    """A number phrase with its unit: tokens ``first``..``last`` (exclusive) make the text."""

    first: int
    last: int
    value: float
    unit: str
    counted: Token | None = None  # the counted noun, for unit "count"
    figure_end: int = 0  # for a count, the end of the number words


def extract_quantity_mentions(sent: Span) -> list[QuantityMention]:
    """Every tracked quantity stated in ``sent``, left to right.

    Docs: shared/gold/DECISIONS.md (Quantities, F30).
    """
    mentions: list[QuantityMention] = []
    phrases = find_number_phrases(sent)
    for index, phrase in enumerate(phrases):
        following = phrases[index + 1] if index + 1 < len(phrases) else None
        reading = _read_phrase(sent, phrase, following)
        # "10" and 400 zeros reads as inf: no figure, and JSON cannot carry it (#7).
        if reading is not None and math.isfinite(reading.value):
            mentions.append(_to_mention(sent, reading))
    return mentions


def _to_mention(sent: Span, reading: _Reading) -> QuantityMention:
    doc = sent.doc
    start = doc[reading.first].idx
    last = doc[reading.last - 1]
    end = last.idx + len(last.text)
    figure_end = reading.figure_end if reading.counted is not None else reading.last
    measure = describe_measure(sent, reading.first, figure_end, counted=reading.counted)
    value = float(f"{reading.value:.10g}")  # unit factors leave float dust (50.00000000000001)
    return QuantityMention(start, end, doc_text(doc)[start:end], value, reading.unit, measure)


def _read_phrase(
    sent: Span, phrase: NumberPhrase, following: NumberPhrase | None
) -> _Reading | None:
    doc = sent.doc
    if _is_label_or_date(doc, phrase, sent.start):
        return None
    if phrase.kind == "fraction":
        return _read_fraction(doc, phrase, sent.end)
    if _is_year(doc, phrase):
        return _read_target_year(doc, phrase, sent)
    prefix = _currency_prefix(doc, phrase.start, sent.start)
    first = hedge_start(doc, phrase.start - 1, sent.start) if prefix else phrase.hedge_start
    if _is_reference(doc, first, sent.start):
        return None
    reading = _read_unit(doc, phrase, sent.end, currency=prefix)
    if reading is None and following is not None and _joins_range(doc, phrase, following):
        unit_of_range = _read_unit(doc, following, sent.end, currency=prefix)
        if unit_of_range is not None and unit_of_range.unit != "count":
            return _Reading(first, phrase.end, phrase.value, unit_of_range.unit)
    if reading is None:
        return None
    return _Reading(first, reading.last, reading.value, reading.unit, reading.counted, phrase.end)


def _read_unit(
    doc: Doc, phrase: NumberPhrase, limit: int, *, currency: str | None
) -> _Reading | None:
    """The unit after the number: currency, measured unit, price, or a counted noun."""
    lex = load_unit_lexicon()
    after = phrase.end
    if after < limit and doc[after].text in _HYPHENS and not doc[after - 1].whitespace_:
        after += 1  # "a 30-day ceasefire"
    if currency is None:
        suffix = match_rules(doc, after, limit, lex.currency_suffixes)
        if suffix is not None:
            return _Reading(phrase.start, suffix.end, phrase.value, suffix.unit)
        unit = match_rules(doc, after, limit, lex.units)
        if unit is not None:
            return _measured(doc, phrase, unit, limit)
        return _counted(doc, phrase, limit)
    price = _price_unit(doc, after, limit)
    if price is not None:
        return _Reading(phrase.start, price.end, phrase.value, f"{currency}/{price.unit}")
    return _Reading(phrase.start, phrase.end, phrase.value, currency)


def _measured(doc: Doc, phrase: NumberPhrase, unit: UnitMatch, limit: int) -> _Reading | None:
    if unit.unit in _TIME_UNITS and _is_time_window(doc, phrase, unit, limit):
        return None
    name, end = unit.unit, unit.end
    if "/" not in name:
        rate = match_rate(doc, end, limit)
        if rate is not None:
            name, end = f"{name}/{rate.unit}", rate.end
    return _Reading(phrase.start, end, phrase.value * unit.factor, name)


def _is_time_window(doc: Doc, phrase: NumberPhrase, unit: UnitMatch, limit: int) -> bool:
    """ "the past three months", "two days later", "four hours of talks" are not tracked."""
    lex = load_unit_lexicon()
    if _after_window_word(doc, phrase):
        return True
    nxt = doc[unit.end].lower_ if unit.end < limit else ""
    if nxt in _RELATIVE_TIME:
        return True
    after_of = doc[unit.end + 1].lower_ if unit.end + 1 < limit else ""
    return (nxt == "of" and after_of in lex.talk_nouns) or _talks_last(doc[unit.end - 1])


def _after_window_word(doc: Doc, phrase: NumberPhrase) -> bool:
    """ "the past three months", "the first two ships" (not the verb "will last 60 days")."""
    if phrase.hedge_start == 0:
        return False
    before = doc[phrase.hedge_start - 1]
    return before.lower_ in _WINDOW_WORDS and before.pos_ not in ("VERB", "AUX")


def _talks_last(unit_token: Token) -> bool:
    """ "the talks lasted four hours": the duration of talks, as in "four hours of talks"."""
    verb = unit_token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    talk_nouns = load_unit_lexicon().talk_nouns
    return any(c.dep_ == "nsubj" and c.lower_ in talk_nouns for c in verb.children)


def _counted(doc: Doc, phrase: NumberPhrase, limit: int) -> _Reading | None:
    """ "twenty Russian factories" -> 20 count of factories; references ("the two leaders")
    and partitives ("two of them") are not counts."""
    lex = load_unit_lexicon()
    if phrase.value <= 1 or phrase.value != int(phrase.value):
        return None
    before = doc[phrase.hedge_start - 1] if phrase.hedge_start > 0 else None
    whole = before is not None and _partitive_noun(doc, before.i - 1, limit) is not None
    definite = before is not None and before.lower_ in lex.definite and before.dep_ != "mark"
    if (definite and not whole) or _after_window_word(doc, phrase):
        return None  # "the two leaders"; but "23 of the 26 drones" counts the 26 too
    if phrase.end < limit and doc[phrase.end].lower_ == "such":
        return None  # "three such companies" points back to companies already named
    noun = _counted_noun(doc, phrase.end, limit) or _partitive_noun(doc, phrase.end, limit)
    if noun is None or noun.lemma_.lower() in lex.count_exclude:
        return None
    if noun.lower_ in lex.count_exclude or _introduces_list(doc, noun.i + 1, limit):
        return None
    return _Reading(phrase.start, noun.i + 1, phrase.value, "count", noun)


def _partitive_noun(doc: Doc, start: int, limit: int) -> Token | None:
    """ "23 of the 26 drones" -> the drones (a part of a counted whole)."""
    if not 0 <= start < limit - 3 or doc[start].lower_ != "of" or doc[start + 1].lower_ != "the":
        return None
    return _counted_noun(doc, start + 3, limit) if doc[start + 2].like_num else None


def _introduces_list(doc: Doc, start: int, limit: int) -> bool:
    """ "three minerals—antimony, gallium, and germanium": a count whose members are then
    listed announces an enumeration; it is not a figure tracked over time."""
    if start >= limit or doc[start].text not in (":", "—", "–", "(", "-"):
        return False
    following = []
    for token in doc[start + 1 : limit]:
        if token.text in ("—", "–", ")", ";"):
            break
        following.append(token.lower_)
    return "," in following or "and" in following


def _counted_noun(doc: Doc, start: int, limit: int) -> Token | None:
    """The plural noun closing the noun phrase after the number ("Russian banks")."""
    noun: Token | None = None
    for token in doc[start : min(limit, start + 7)]:
        glued = token.text in _HYPHENS and not token.whitespace_
        paired = token.dep_ == "cc" and token.head.pos_ == "ADJ"  # "Russian and Chinese firms"
        if token.pos_ in ("NOUN", "PROPN", "ADJ") or glued or paired or token.dep_ == "compound":
            if token.pos_ in ("NOUN", "PROPN"):
                noun = token
            continue
        break
    if noun is None or noun.tag_ not in ("NNS", "NNPS"):
        return None
    return noun


def _read_fraction(doc: Doc, phrase: NumberPhrase, limit: int) -> _Reading | None:
    """ "one-third of suppliers" -> 33.3 percent; "the first half of 2025" is a date."""
    before = doc[phrase.start - 1].lower_ if phrase.start > 0 else ""
    if before in _ORDINAL_WORDS:
        return None
    nxt = doc[phrase.end].lower_ if phrase.end < limit else ""
    if nxt in ("a", "an"):  # "half an hour", "a year and a half"
        return None
    value = round(phrase.value * 100, 1)
    return _Reading(phrase.hedge_start, phrase.end, value, "percent")


def _is_year(doc: Doc, phrase: NumberPhrase) -> bool:
    token = doc[phrase.start]
    return (
        phrase.is_digits
        and phrase.end == phrase.start + 1
        and len(token.text) == 4
        and token.text.isdigit()
        and 1800 <= phrase.value <= 2200
    )


def _read_target_year(doc: Doc, phrase: NumberPhrase, sent: Span) -> _Reading | None:
    """Years are dates unless a deadline or target names them ("by 2035", "goals for 2030")."""
    lex = load_unit_lexicon()
    prev = doc[phrase.start - 1] if phrase.start > sent.start else None
    if prev is not None and prev.lower_ in lex.target_prepositions:
        if _in_past_perfect(prev):
            return None
        return _Reading(prev.i, phrase.end, phrase.value, "year")
    deadline = _deadline_start(doc, phrase.start, sent.start)
    if deadline is not None:
        return _Reading(deadline, phrase.end, phrase.value, "year")
    window = doc[max(sent.start, phrase.start - 4) : phrase.start]
    nxt = doc[phrase.end] if phrase.end < sent.end else None
    named = any(t.lower_ in lex.target_nouns for t in window)
    if (named and prev is not None and prev.lower_ in ("for", "in", "of")) or (
        nxt is not None and nxt.lower_ in lex.target_nouns
    ):
        return _Reading(phrase.start, phrase.end, phrase.value, "year")
    return None


def _deadline_start(doc: Doc, start: int, floor: int) -> int | None:
    """ "by the end of 2030": the index of "by", else None."""
    words = [t.lower_ for t in doc[max(floor, start - 4) : start]]
    for size in (4, 3):
        tail = words[-size:]
        if (
            len(tail) == size
            and tail[0] in load_unit_lexicon().target_prepositions
            and tail[-1] == "of"
            and tail[-2] in ("end", "start", "middle", "beginning")
        ):
            return start - size
    return None


def _in_past_perfect(token: Token) -> bool:
    """ "By 2020 trade had doubled": a past reference point, not a target."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if any(child.lower_ == "had" for child in verb.children):
        return True
    return verb.lemma_ == "be" and verb.tag_ == "VBD"


def _is_label_or_date(doc: Doc, phrase: NumberPhrase, floor: int) -> bool:
    """Numbers inside names ("Power of Siberia 2", "S-400") and days of dates ("May 9")."""
    token = doc[phrase.start]
    if token.ent_type_ in _NAMED_ENTITIES or doc[phrase.end - 1].ent_type_ in _NAMED_ENTITIES:
        return True
    prev = doc[phrase.start - 1] if phrase.start > floor else None
    nxt = doc[phrase.end] if phrase.end < len(doc) else None
    if prev is not None and _glued_to_letters(doc, prev):
        return True
    if nxt is not None and _glued_name(doc, phrase, nxt):
        return True
    if prev is not None and prev.lower_.rstrip(".") in _MONTHS and prev.text[:1].isupper():
        return phrase.is_digits
    return nxt is not None and nxt.lower_.rstrip(".") in _MONTHS and nxt.text[:1].isupper()


def _glued_to_letters(doc: Doc, hyphen: Token) -> bool:
    """ "S-400", "Su-57": a hyphen glued between letters and the number."""
    if hyphen.text not in _HYPHENS or hyphen.whitespace_ or hyphen.i == 0:
        return False
    letters = doc[hyphen.i - 1]
    return letters.is_alpha and not letters.whitespace_


def _glued_name(doc: Doc, phrase: NumberPhrase, nxt: Token) -> bool:
    """ "5G", "3D": letters glued after the number that are not a unit ("10km")."""
    if doc[phrase.end - 1].whitespace_ or not nxt.is_alpha:
        return False
    lex = load_unit_lexicon()
    rules = (*lex.units, *lex.currency_suffixes)
    return match_rules(doc, nxt.i, len(doc), rules) is None


def _is_reference(doc: Doc, first: int, floor: int) -> bool:
    """ "Article 5", "Resolution 2231", "No. 3"."""
    if first <= floor:
        return False
    return doc[first - 1].lower_ in load_unit_lexicon().reference_words


def _currency_prefix(doc: Doc, start: int, floor: int) -> str | None:
    if start <= floor:
        return None
    return load_unit_lexicon().currency_prefixes.get(doc[start - 1].lower_)


def _price_unit(doc: Doc, start: int, limit: int) -> UnitMatch | None:
    """ "$60 a barrel" -> bbl (the caller makes it usd/bbl)."""
    lex = load_unit_lexicon()
    if start >= limit or doc[start].lower_ not in lex.price_markers:
        return None
    return match_rules(doc, start + 1, limit, lex.price_units)


def _joins_range(doc: Doc, phrase: NumberPhrase, following: NumberPhrase) -> bool:
    """ "20 to 30 percent", "20-30%": the first figure takes the second's unit."""
    between = doc[phrase.end : following.hedge_start]
    return len(between) == 1 and between[0].lower_ in ("to", "and", "or", *_HYPHENS)
