"""Number phrases in a sentence: numerals and number words ("thirty-eight", "1.05 million",
"nearly three dozen", "two-thirds").

The number words live in ``data/lexicons/numbers.yaml``; this module only knows how English
number words combine. ``extract/quantities.py`` attaches units to the phrases found here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from spacy.tokens import Doc, Span, Token

from tiewatch.errors import ExtractionError
from tiewatch.extract.lexicon import data_root, read_yaml

logger = logging.getLogger(__name__)

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]{0,3})$")
_HYPHENS = {"-", "–", "‑"}

NumberKind = Literal["cardinal", "fraction"]


@dataclass(frozen=True)
class NumberLexicon:
    words: Mapping[str, float]
    scales: Mapping[str, float]
    digit_suffixes: Mapping[str, float]
    multipliers: Mapping[str, float]
    fractions: Mapping[str, float]
    approximators: tuple[tuple[str, ...], ...]  # longest first
    vague: frozenset[str]


@dataclass(frozen=True)
class NumberPhrase:
    """A number in a sentence; token indices are into the Doc (``end`` exclusive).

    ``hedge_start`` is where an approximator ("nearly", "at least") starts, else ``start``.
    A ``fraction`` is a share of something ("one-third of suppliers"): ``value`` is 0.333.
    """

    start: int
    end: int
    value: float
    kind: NumberKind
    hedge_start: int
    is_digits: bool


def read_lexicon(name: str) -> dict[str, Any]:
    """Load ``data/lexicons/<name>``, a YAML mapping."""
    path = data_root().joinpath("lexicons", name)
    loaded = read_yaml(path)
    if not isinstance(loaded, dict):
        raise ExtractionError(f"data file {path} must hold a mapping")
    return loaded


@lru_cache(maxsize=1)
def load_number_lexicon() -> NumberLexicon:
    data = read_lexicon("numbers.yaml")

    def floats(key: str) -> dict[str, float]:
        return {str(k): float(v) for k, v in data[key].items()}

    hedges = sorted((tuple(str(a).split()) for a in data["approximators"]), key=len, reverse=True)
    return NumberLexicon(
        words=floats("words"),
        scales=floats("scales"),
        digit_suffixes=floats("digit_suffixes"),
        multipliers=floats("multipliers"),
        fractions=floats("fractions"),
        approximators=tuple(hedges),
        vague=frozenset(str(v) for v in data["vague"]),
    )


@lru_cache(maxsize=8192)  # called for every token, several times (#6)
def parse_digits(text: str) -> float | None:
    """``"500,000"`` -> 500000.0, ``"5bn"`` -> 5e9; None when not a plain numeral."""
    match = _DIGITS.match(text.lower())
    if match is None:
        return None
    whole, decimals, suffix = match.groups()
    value = float(whole.replace(",", "") + (decimals or ""))
    if not suffix:
        return value
    scale = load_number_lexicon().digit_suffixes.get(suffix)
    return None if scale is None else value * scale


@lru_cache(maxsize=8192)
def word_value(text: str) -> float | None:
    """A cardinal word or hyphenated compound ("thirty-eight"), else None."""
    lex = load_number_lexicon()
    parts = re.split(r"[-–‑]", text.lower())
    if not all(p in lex.words for p in parts):
        return None
    values = [lex.words[p] for p in parts]
    if len(values) == 2 and values[0] >= 20 and values[0] % 10 == 0 and values[1] < 10:
        return values[0] + values[1]
    return values[0] if len(values) == 1 else None


class _Accumulator:
    """English number composition: "one hundred and twenty thousand" -> 120000."""

    def __init__(self) -> None:
        self.total = 0.0
        self.current: float | None = None

    def add(self, value: float) -> None:
        self.current = (self.current or 0.0) + value

    def scale(self, factor: float) -> None:
        base = 1.0 if self.current is None else self.current
        if factor >= 1000:
            self.total += base * factor
            self.current = None
        else:
            self.current = base * factor

    @property
    def value(self) -> float:
        return self.total + (self.current or 0.0)

    @property
    def empty(self) -> bool:
        return self.current is None and self.total == 0.0


def _is_hyphen_join(doc: Doc, i: int, limit: int) -> bool:
    """A hyphen token glued to both neighbours ("thirty-eight", "one-third")."""
    token = doc[i]
    return (
        token.text in _HYPHENS
        and i > 0
        and i + 1 < limit
        and not doc[i - 1].whitespace_
        and not token.whitespace_
    )


def _parse_run(doc: Doc, start: int, limit: int) -> tuple[int, float, NumberKind] | None:
    """Consume number tokens from ``start`` (before ``limit``); returns (end, value, kind)."""
    lex = load_number_lexicon()
    acc = _Accumulator()
    i, last = start, ""
    kind: NumberKind = "cardinal"
    while i < limit:
        low = doc[i].lower_
        step = _classify(doc, i, limit, last)
        if step is None:
            break
        if step == "digits" or step == "word":
            if last in ("digits", "word") and not _tens_then_unit(acc, doc[i]):
                break
            value = parse_digits(low) if step == "digits" else word_value(low)
            acc.add(value or 0.0)
        elif step == "scale":
            acc.scale(lex.scales[low])
        elif step == "multiplier":
            acc.scale(lex.multipliers[low.rstrip("s")])
        elif step == "fraction":
            acc.current = (1.0 if acc.current is None else acc.current) * lex.fractions[low]
            kind, last = "fraction", step
            i += 1
            break
        elif step == "article":
            acc.add(1.0)
        last = step
        i += 1
        if last in ("digits", "word") and _and_a_half(doc, i, limit):
            acc.add(0.5)  # "five and a half million"
            i += 3
    while i > start and doc[i - 1].lower_ in ("and", "a", "an", *_HYPHENS):
        i -= 1  # a run never ends on a connector
    if i == start or acc.empty or last == "article":
        return None
    return i, acc.value, kind


def _and_a_half(doc: Doc, i: int, limit: int) -> bool:
    return i + 3 <= limit and [t.lower_ for t in doc[i : i + 3]] == ["and", "a", "half"]


def _tens_then_unit(acc: _Accumulator, token: Token) -> bool:
    """ "thirty eight" (a tens word then a unit word) is one number; "2025 2026" is not."""
    value = word_value(token.lower_)
    current = acc.current or 0.0
    return value is not None and value < 10 and current >= 20 and current % 10 == 0


def _classify(doc: Doc, i: int, limit: int, last: str) -> str | None:
    """The role of token ``i`` inside a number run, given the previous role."""
    lex = load_number_lexicon()
    low = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < limit else ""
    if parse_digits(low) is not None and last in ("", "hyphen"):
        return "digits"
    if word_value(low) is not None and last in ("", "word", "scale", "and", "hyphen"):
        return "word"
    if low in lex.scales and last in ("digits", "word", "article", "scale"):
        return "scale"
    if low.rstrip("s") in lex.multipliers and last in ("digits", "word", "article"):
        return "multiplier"
    if low in lex.fractions and (last in ("word", "article", "hyphen") or low.startswith("half")):
        return "fraction"
    if low in ("a", "an") and last == "" and (nxt in lex.scales or nxt in lex.fractions):
        return "article"
    if low in ("a", "an") and last == "" and nxt.rstrip("s") in lex.multipliers:
        return "article"
    if low == "and" and last == "scale" and word_value(nxt) is not None:
        return "and"
    if _is_hyphen_join(doc, i, limit) and last == "word":
        return "hyphen"
    return None


def hedge_start(doc: Doc, start: int, floor: int) -> int:
    """Index of an approximator ending just before ``start`` ("at least", "nearly")."""
    for hedge in load_number_lexicon().approximators:
        begin = start - len(hedge)
        if begin >= floor and tuple(t.lower_ for t in doc[begin:start]) == hedge:
            return begin
    return start


def find_number_phrases(sent: Span) -> list[NumberPhrase]:
    """Every number phrase in ``sent``, left to right; vague magnitudes are left out."""
    doc = sent.doc
    vague = load_number_lexicon().vague
    lows = [token.lower_ for token in sent]
    phrases: list[NumberPhrase] = []
    i = sent.start
    while i < sent.end:
        low = lows[i - sent.start]
        if low in vague:
            i = _skip_vague(doc, i, sent.end)
            continue
        parsed = _parse_run(doc, i, sent.end) if _may_start(low) else None
        if parsed is None:
            i += 1
            continue
        end, value, kind = parsed
        hedge = hedge_start(doc, i, sent.start)
        digits = parse_digits(doc[i].lower_) is not None
        phrases.append(NumberPhrase(i, end, value, kind, hedge, digits))
        i = end
    return phrases


def _may_start(low: str) -> bool:
    """Whether a run can start at this word: what ``_classify`` accepts with no previous role
    (a numeral, a number word, "half", an article), checked before the costly parse."""
    return (
        low[:1].isdigit()
        or low in ("a", "an")
        or low.startswith("half")
        or word_value(low) is not None
    )


def _skip_vague(doc: Doc, i: int, end: int) -> int:
    """Skip "hundreds of millions of": the whole vague magnitude, not just its first word."""
    lex = load_number_lexicon()
    while i < end and (doc[i].lower_ in lex.vague or doc[i].lower_ == "of"):
        i += 1
    while i < end and doc[i].lower_ in lex.scales:
        i += 1
    return i
