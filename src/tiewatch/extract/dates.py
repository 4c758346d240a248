"""Dates of acts: date mentions in a sentence and the date an act takes (DECISIONS, Dates).

``find_dates`` finds and resolves date expressions (``extract/date_patterns.py``);
``DateResolver`` walks a document's sentences in order, keeps the anchor ("the following
day" counts from the last day-precise date) and the current act date (a sentence that carries
on a dated act, "He also said ...", inherits it), and dates each act
(``extract/date_choice.py``):

1. the date mention in the trigger's clause, in a non-finite clause hanging on it, or in a
   clause governing it (an ongoing present-tense act under a dated report takes the report's
   month; a date reached through "before ..." belongs to another event and gives the month);
2. else None for vague past ("previously"), a bare present perfect of a third party, or a
   present state ("holds stakes");
3. else the inherited date of a continuing sentence;
4. else, for planned acts, a later date in the sentence, None for a future or modal plan,
   the month of publication for a present intention ("is looking to import");
5. else the month of publication, or None when the document is undated.

Docs: shared/gold/DECISIONS.md (Dates, F28, F29).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from tiewatch.extract.date_choice import (
    choose_mention,
    continues,
    future_mention,
    is_future,
    undated_state,
)
from tiewatch.extract.date_patterns import DateMention, Reference, scan_dates, span_tenses
from tiewatch.extract.occasions import Occasion, occasion_date, survey_occasion, vague_perfect
from tiewatch.models import PartialDate
from tiewatch.nlp.doc_cache import doc_text

logger = logging.getLogger(__name__)

__all__ = ["DateMention", "DateResolver", "find_dates"]

_YEAR_IN = re.compile(r"\b(?:1[89]|20|21)\d\d\b")
_MAX_CARRIED = 3  # "He also said ..." continues an act; a long pronoun chain has moved on
_NAMED = frozenset({"LAW", "WORK_OF_ART", "ORG", "EVENT", "FAC", "PRODUCT"})


def find_dates(
    span: Span, *, published: date | None, anchor: PartialDate | None
) -> list[DateMention]:
    """The date expressions of ``span`` that resolve, left to right.

    Docs: docs/architecture.md ("extract/dates.py").
    """
    reference = Reference(published, anchor)
    text = span.text
    mentions = [
        DateMention(
            span.start_char + f.start, span.start_char + f.end, text[f.start : f.end], f.value
        )
        for f in scan_dates(text, reference, span_tenses(span))
    ]
    mentions.extend(_entity_years(span, mentions))
    inside_names = [e for e in span.ents if e.label_ in _NAMED]
    mentions = [
        m
        for m in mentions
        if not any(_within(m, e) for e in inside_names) and not _of_a_name(span, m)
    ]
    return sorted(mentions, key=lambda m: m.start)


def _of_a_name(span: Span, mention: DateMention) -> bool:
    """ "the Trade Expansion Act of 1962", "the Treaty of 1997": a year naming a law."""
    if mention.value.month is not None or not mention.text.lower().startswith("of "):
        return False
    before = doc_text(span.doc)[: mention.start].split()
    return bool(before) and before[-1][:1].isupper() and before[-1].isalpha()


def _within(mention: DateMention, ent: Span) -> bool:
    """ "the Trade Expansion Act of 1962": a year inside a name is no date."""
    return ent.start_char <= mention.start and mention.end <= ent.end_char


def _entity_years(span: Span, found: list[DateMention]) -> list[DateMention]:
    """DATE entities with a year that no pattern read ("Spring 2023 brought ..."), as years;
    years used as modifiers ("the 2026 budget") and ranges are left out."""
    extra = []
    for ent in span.ents:
        if ent.label_ != "DATE" or ent.root.dep_ in ("compound", "amod", "nummod", "nmod"):
            continue
        if any(m.start < ent.end_char and ent.start_char < m.end for m in found):
            continue
        years = _YEAR_IN.findall(ent.text)
        if len(years) == 1 and not re.search(r"\d\s*[-–/]\s*\d", ent.text):
            extra.append(
                DateMention(ent.start_char, ent.end_char, ent.text, PartialDate(int(years[0])))
            )
    return extra


@dataclass(frozen=True)
class _SentenceDates:
    mentions: tuple[DateMention, ...]
    inherited: PartialDate | None  # the act date a continuing sentence carries on


class DateResolver:
    """Dates for the acts of one document, read sentence by sentence in order.

    Docs: shared/gold/DECISIONS.md (Dates).
    """

    def __init__(self, published: date | None) -> None:
        self.published = published
        self.anchor: PartialDate | None = None
        self._act: PartialDate | None = None
        self._carried = 0  # continuation sentences since the act date was stated
        self._previous: Span | None = None
        # Keyed by the Doc's id; the Doc is kept in the value so that id is never reused.
        self._seen: dict[tuple[int, int, int], tuple[Doc, _SentenceDates]] = {}
        self.occasion = Occasion(published)

    def survey(self, sentences: Sequence[Span]) -> None:
        """Read the whole document before dating acts: a statement reporting one occasion
        dates its undated acts to it (``extract/occasions.py``)."""
        self.occasion = survey_occasion(sentences, published=self.published)

    def sentence_date(self, sent: Span) -> PartialDate | None:
        """The first date stated in ``sent`` (call once per sentence, in order)."""
        record = self._read(sent)
        return record.mentions[0].value if record.mentions else None

    def date_for(
        self, sent: Span, *, token: Token | None, status: str, own: bool = False
    ) -> PartialDate | None:
        """The date of the act triggered at ``token`` (the sentence root when None); ``own``:
        an act of the statement's issuer ("Japan has lodged a protest" in Japan's statement)."""
        record = self._read(sent)
        trigger = token if token is not None else sent.root
        chosen = choose_mention(trigger, record.mentions)
        planned_inside = any(c.dep_ in {"xcomp", "ccomp"} for c in trigger.children)
        if chosen is not None and not (
            status == "occurred" and planned_inside and self._after_publication(chosen)
        ):
            return chosen  # a done act ("agreed to meet next year") is not dated by its plan
        if self.published is None:
            return None
        month = PartialDate(self.published.year, self.published.month)
        if undated_state(sent, trigger) and not (own and self.occasion.active):
            return None
        if vague_perfect(trigger, self.occasion, own=own):
            return None
        occasion = occasion_date(trigger, self.occasion, anchor=self.anchor, status=status)
        if occasion is not None:
            return occasion
        if record.inherited is not None:
            return record.inherited
        if status == "planned":
            return future_mention(record.mentions, month) or (None if is_future(trigger) else month)
        return month

    def _after_publication(self, value: PartialDate) -> bool:
        if self.published is None:
            return False
        if value.month is None:
            return value.year > self.published.year
        return (value.year, value.month) > (self.published.year, self.published.month)

    def _read(self, sent: Span) -> _SentenceDates:
        key = (id(sent.doc), sent.start, sent.end)
        if key in self._seen:
            return self._seen[key][1]
        mentions = tuple(find_dates(sent, published=self.published, anchor=self.anchor))
        carried = continues(sent, self._previous) and self._carried < _MAX_CARRIED
        record = _SentenceDates(mentions, self._act if carried else None)
        for mention in mentions:
            if mention.value.precision == "day":
                self.anchor = mention.value
        if mentions:
            act = choose_mention(sent.root, mentions) or mentions[0].value
            self._act = act if act.month is not None else None  # a bare year is no occasion
            self._carried = 0
        elif carried:
            self._carried += 1
        else:
            self._act = None
        self._previous = sent
        self._seen[key] = (sent.doc, record)
        return record
