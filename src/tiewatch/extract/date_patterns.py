"""Date expressions in text and their resolution to partial dates.

Absolute dates ("February 20, 2025", "20 February", "2025-05-08"), months ("in March", "last
April", "early May", "the end of August"), weekdays ("on Tuesday"), days relative to the
publication date ("yesterday") or to the anchor, the last day-precise date of the text ("the
following day"), and coarse spans ("last month", "in recent weeks", "last year", "by 2035").
A date with no year takes the year that puts it nearest the reference date, looking back for
past-tense verbs and forward for future ones.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from tiewatch.models import PartialDate

logger = logging.getLogger(__name__)

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}

MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|Mar\.|April|Apr\.|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept(?:ember|\.)?|Sep\.|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:\s*[-–]\s*[0-3]?\d(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
# Lower-case words before a capitalised month: matched case-insensitively on their own.
_EDGE = r"(?i:(?:the\s+)?(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of)"
_MONTH_PREFIX = (
    rf"(?i:last|this|next|early|mid|late|{_EDGE}|in|on|since|until|by|through|during|from|"
    r"of|before|after|and|or|to)"
)


@dataclass(frozen=True)
class Reference:
    """What relative expressions resolve against."""

    published: date | None
    anchor: PartialDate | None

    @property
    def day(self) -> date | None:
        """The publication date, else a day-precise anchor."""
        if self.published is not None:
            return self.published
        if self.anchor is not None and self.anchor.day is not None:
            return date(self.anchor.year, self.anchor.month or 1, self.anchor.day)
        return None

    @property
    def rough_day(self) -> date | None:
        """The reference day, or the middle of the anchor's month or year."""
        if self.day is not None:
            return self.day
        if self.anchor is None:
            return None
        return date(self.anchor.year, self.anchor.month or 7, 15 if self.anchor.month else 1)


@dataclass(frozen=True)
class DateMention:
    """A date expression; ``start``/``end`` are character offsets into the span's Doc."""

    start: int
    end: int
    text: str
    value: PartialDate


@dataclass(frozen=True)
class Found:
    """A date expression at characters ``start``..``end`` of the text searched."""

    start: int
    end: int
    value: PartialDate


Tense = str | None  # "past", "future" or None
Resolver = Callable[["re.Match[str]", Reference, Tense], PartialDate | None]


def month_number(word: str) -> int:
    return _MONTH_NUMBERS[word.lower().rstrip(".")[:3]]


def month_of(day: date, shift: int = 0) -> PartialDate:
    index = day.year * 12 + day.month - 1 + shift
    return PartialDate(index // 12, index % 12 + 1)


def _nearest_year(month: int, day: int | None, ref: Reference, tense: Tense) -> PartialDate | None:
    """The year putting month/day nearest the reference: not after it for past tense, not
    before it for future tense."""
    around = ref.rough_day
    if around is None:
        return None
    candidates = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            when = date(year, month, day or 1)
        except ValueError:
            return None
        compare = around if day else around.replace(day=1)
        if (tense == "past" and when > compare) or (tense == "future" and when < compare):
            continue
        candidates.append((abs((when - compare).days), year))
    if not candidates:
        return None
    year = min(candidates)[1]
    return PartialDate(year, month, day)


def _absolute(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    month = month_number(match.group("month"))
    day = int(match.group("day")) if "day" in match.groupdict() else None
    if not match.groupdict().get("year"):
        return _nearest_year(month, day, ref, tense)
    year = int(match.group("year"))
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day)


def _iso(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    try:
        return PartialDate.parse(match.group(0))
    except ValueError:
        return None


def _month_word(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    """ "last April", "this May", "next March", "in March", "early May"."""
    month = month_number(match.group("month"))
    rel = match.group("rel").lower()
    around = ref.rough_day
    if around is None:
        return None
    if rel == "last":
        year = around.year if month < around.month else around.year - 1
        return PartialDate(year, month)
    if rel == "this":
        return PartialDate(around.year, month)
    if rel == "next":
        year = around.year if month > around.month else around.year + 1
        return PartialDate(year, month)
    return _nearest_year(month, None, ref, tense)


def _weekday(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    """The most recent such weekday on or before the reference; "next"/future: the coming one."""
    day = ref.day
    if day is None:
        return None
    wanted = _WEEKDAYS.index(match.group("weekday").lower())
    rel = (match.group("rel") or "").lower()
    back = (day.weekday() - wanted) % 7
    if rel == "last" and back == 0:
        back = 7
    if rel == "next" or (tense == "future" and rel != "last"):
        ahead = (wanted - day.weekday()) % 7 or (7 if rel == "next" else 0)
        return PartialDate.from_date(day + timedelta(days=ahead))
    return PartialDate.from_date(day - timedelta(days=back))


def _published_day(shift: int) -> Resolver:
    def resolve(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
        if ref.published is None:
            return None
        return PartialDate.from_date(ref.published + timedelta(days=shift))

    return resolve


def _anchor_day(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    """ "the following day", "two days later", "the same day": counted from the anchor."""
    anchor = ref.anchor
    if anchor is None or anchor.day is None or anchor.month is None:
        return None
    words = match.group(0).lower()
    count = match.groupdict().get("count")
    size = int(count) if count and count.isdigit() else _SMALL.get((count or "a").lower(), 1)
    sign = -1 if re.search(r"previous|preceding|before|earlier", words) else 1
    if re.search(r"same|that", words):
        size = 0
    start = date(anchor.year, anchor.month, anchor.day)
    return PartialDate.from_date(start + sign * timedelta(days=size))


def _anchor_same_day(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    """ "later in the day", "earlier that day": the anchor's own day."""
    anchor = ref.anchor
    if anchor is None or anchor.day is None:
        return _published_day(0)(match, ref, tense)
    return anchor


def _published_month(shift: int) -> Resolver:
    def resolve(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
        return None if ref.rough_day is None else month_of(ref.rough_day, shift)

    return resolve


def _published_week(shift: int) -> Resolver:
    def resolve(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
        day = ref.day
        return None if day is None else month_of(day + timedelta(days=7 * shift))

    return resolve


def _published_year(shift: int) -> Resolver:
    def resolve(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
        return None if ref.rough_day is None else PartialDate(ref.rough_day.year + shift)

    return resolve


def _ago(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    """ "two years ago" -> that year; "three months ago" -> that month."""
    day = ref.rough_day
    if day is None:
        return None
    count = match.group("count").lower()
    size = int(count) if count.isdigit() else _SMALL.get(count, 1)
    if match.group("unit").lower().startswith("year"):
        return PartialDate(day.year - size)
    return month_of(day, -size)


def _year(match: re.Match[str], ref: Reference, tense: Tense) -> PartialDate | None:
    return PartialDate(int(match.group("year")))


_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Rule:
    """A date pattern, its resolver, and a guard that every match of the pattern contains."""

    guard: re.Pattern[str]
    pattern: re.Pattern[str]
    resolve: Resolver


# Guards: most sentences name no date, and running every pattern over them was a fifth of
# the extraction time (#6). A text the guard does not match cannot match the pattern
# (tests/extract/test_date_patterns.py checks each rule's matches hold their guard).
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # as MONTH: cased
_TIME_WORD = re.compile(r"day|night|week|month|year|morning|afternoon|evening|tomorrow", _I)
_GUARDS = (_DIGIT, _MONTH_NAME, _TIME_WORD)
# Earlier rules win where matches overlap.
RULES: tuple[Rule, ...] = (
    Rule(_DIGIT, re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), _iso),
    Rule(
        _MONTH_NAME,
        re.compile(rf"\b(?P<month>{MONTH})\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?(?!\s*(?:%|percent))"),
        _absolute,
    ),
    Rule(
        _MONTH_NAME,
        re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{MONTH})\b(?:,?\s+{_YEAR}\b)?"),
        _absolute,
    ),
    Rule(
        _MONTH_NAME,
        re.compile(
            rf"\b(?:(?i:early|mid|late|{_EDGE})[\s-]+)?(?P<month>{MONTH}),?\s+(?:of\s+)?{_YEAR}\b"
        ),
        _absolute,
    ),
    Rule(
        _MONTH_NAME,
        re.compile(rf"\b(?P<rel>{_MONTH_PREFIX})[\s-]+(?P<month>{MONTH})\b(?!\s*[-–]?\d)"),
        _month_word,
    ),
    Rule(
        _TIME_WORD,
        re.compile(
            r"\b(?:(?P<rel>last|next|this|on)\s+)?(?P<weekday>monday|tuesday|wednesday|"
            r"thursday|friday|saturday|sunday)\b(?!s)",
            _I,
        ),
        _weekday,
    ),
    Rule(_TIME_WORD, re.compile(r"\byesterday\b", _I), _published_day(-1)),
    Rule(
        _TIME_WORD,
        re.compile(
            r"\b(?:today|tonight|overnight|last night|this (?:morning|afternoon|evening))\b", _I
        ),
        _published_day(0),
    ),
    Rule(_TIME_WORD, re.compile(r"\btomorrow\b", _I), _published_day(1)),
    Rule(
        _TIME_WORD,
        re.compile(
            r"\b(?:the\s+)?(?:following|next|same|previous|preceding)\s+day\b|"
            r"\bthat\s+(?:same\s+)?day\b|\bthe\s+day\s+(?:after|before)\b|"
            r"\b(?P<count>a|one|two|three|four|five|six|\d)\s+days?\s+(?:later|earlier)\b",
            _I,
        ),
        _anchor_day,
    ),
    Rule(
        _TIME_WORD,
        re.compile(r"\b(?:later|earlier)\s+(?:in\s+the|that)\s+day\b", _I),
        _anchor_same_day,
    ),
    Rule(
        _TIME_WORD,
        re.compile(r"(?<!the )\b(?:last|previous)\s+month\b", _I),
        _published_month(-1),
    ),
    Rule(
        _TIME_WORD,
        re.compile(
            r"\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:(?:few|several|\w+)\s+)?"
            r"(?:days|nights|weeks)\b",
            _I,
        ),
        _published_month(0),
    ),
    Rule(
        _TIME_WORD,
        re.compile(
            r"\b(?:(?:earlier|later)\s+)?this\s+month\b|\bin\s+recent\s+(?:weeks|days)\b|"
            r"\bwithin\s+days\b|\bin\s+the\s+coming\s+days\b",
            _I,
        ),
        _published_month(0),
    ),
    Rule(_TIME_WORD, re.compile(r"\bnext\s+month\b", _I), _published_month(1)),
    Rule(
        _TIME_WORD,
        re.compile(r"\b(?:(?:earlier|later)\s+)?this\s+week\b", _I),
        _published_week(0),
    ),
    Rule(_TIME_WORD, re.compile(r"(?<!the )\blast\s+week\b", _I), _published_week(-1)),
    Rule(_TIME_WORD, re.compile(r"(?<!the )\b(?:last|previous)\s+year\b", _I), _published_year(-1)),
    Rule(
        _TIME_WORD,
        re.compile(r"\b(?:(?:earlier|later)\s+)?this\s+year\b", _I),
        _published_year(0),
    ),
    Rule(_TIME_WORD, re.compile(r"\bnext\s+year\b", _I), _published_year(1)),
    Rule(
        _TIME_WORD,
        re.compile(
            r"\b(?P<count>a|one|two|three|four|five|six|seven|\d{1,2})\s+"
            r"(?P<unit>years?|months?)\s+ago\b",
            _I,
        ),
        _ago,
    ),
    Rule(
        _DIGIT,
        re.compile(
            rf"\b(?:in|by|since|until|through|before|after|during|from|of|early|late|mid|"
            rf"for|to|{_EDGE})[\s-]+{_YEAR}\b(?!\s*[-–/]\s*\d)",
            _I,
        ),
        _year,
    ),
)


# "extended sanctions until September 15": a bound lies ahead whatever the verb's tense.
_BOUND_BEFORE = re.compile(r"\b(?:until|till|through|by)\s+(?:the\s+end\s+of\s+)?$", re.I)


def scan_dates(text: str, ref: Reference, tense_at: Callable[[int], Tense]) -> Iterator[Found]:
    """Every date expression in ``text`` that resolves, left to right, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[Found] = []
    present = {guard for guard in _GUARDS if guard.search(text)}
    for rule in RULES:
        if rule.guard not in present:
            continue
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            tense = None if _BOUND_BEFORE.search(text, 0, start) else tense_at(start)
            value = rule.resolve(match, ref, tense)
            if value is None:
                continue
            taken.append((start, end))
            found.append(Found(start, end, value))
    yield from sorted(found, key=lambda f: f.start)


def tense_of(token: Token) -> Tense:
    """ "future" for will/shall/going-to or infinitive clauses, "past" for past forms."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "shall", "'ll", "wo"} or (verb.tag_ == "VB" and "to" in auxes):
        return "future"
    if verb.tag_ == "VBD" or auxes & {"had", "did", "was", "were"}:
        return "past"
    if verb.tag_ == "VBN" and auxes & {"has", "have"}:
        return "past"
    return None


def span_tenses(span: Span) -> Callable[[int], Tense]:
    """A lookup from a character offset in ``span.text`` to the tense of the clause there."""

    def tense_at(offset: int) -> Tense:
        token = span.char_span(offset, offset + 1, alignment_mode="expand")
        if token is None or len(token) == 0:
            return None
        return tense_of(token[0])

    return tense_at
