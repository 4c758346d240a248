"""The occasion a statement speaks from: the day its acts take when they state no date.

Official statements, readouts and speeches report one occasion (a call, a meeting, the day of
the statement). Their acts carry that day although no clause repeats it: "President Biden spoke
today with ... He condemned ... The leaders agreed ..." (shared/gold/DECISIONS.md, Dates: "a
sentence that continues a dated act"; F28: speech acts the document performs take its date
when the text anchors itself to that day). A news round-up with many dated occasions is not
read this way: there a sentence with no date takes the month.

Docs: ``docs/architecture.md`` ("extract/dates.py").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from tiewatch.extract.date_choice import finite_verb
from tiewatch.extract.date_patterns import Reference, scan_dates, span_tenses
from tiewatch.models import PartialDate

logger = logging.getLogger(__name__)

# Words by which a text dates itself from its own publication day.
_SELF_ANCHOR = re.compile(
    r"\b(?:today|tonight|yesterday|last night|overnight|this (?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
_LEAD_SENTENCES = 4  # the occasion of a readout is stated at its start
_MAX_OCCASIONS = 2  # more distinct days: a round-up of several occasions
_PRESENT_TAGS = frozenset({"VBZ", "VBP", "MD"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})


@dataclass(frozen=True)
class Occasion:
    """How a document dates acts that state no date of their own."""

    published: date | None = None
    self_anchored: bool = False  # "today", "this morning": present speech acts take the day
    day: PartialDate | None = None  # the day of the one occasion a readout reports

    @property
    def active(self) -> bool:
        return self.published is not None and (self.self_anchored or self.day is not None)

    def speech_day(self) -> PartialDate | None:
        """The day of the document's own present-tense acts ("we condemn", "I call on")."""
        if self.self_anchored and self.published is not None:
            return PartialDate.from_date(self.published)
        return self.day


def survey_occasion(sentences: Sequence[Span], *, published: date | None) -> Occasion:
    """Read the whole document once: does it date itself, and does it report one occasion?"""
    if published is None or not sentences:
        return Occasion(published)
    anchored = any(_SELF_ANCHOR.search(sent.text) for sent in sentences)
    days: list[PartialDate] = []
    first_at: int | None = None
    anchor: PartialDate | None = None
    for number, sent in enumerate(sentences):
        reference = Reference(published, anchor)
        for found in scan_dates(sent.text, reference, span_tenses(sent)):
            if found.value.day is None:
                continue
            anchor = found.value
            if found.value not in days:
                days.append(found.value)
            first_at = number if first_at is None else first_at
    lead = first_at is not None and first_at <= _LEAD_SENTENCES
    single = lead and len(days) <= _MAX_OCCASIONS
    return Occasion(published, anchored, days[0] if single else None)


def occasion_date(
    trigger: Token,
    occasion: Occasion,
    *,
    anchor: PartialDate | None,
    status: str,
) -> PartialDate | None:
    """The date an undated act takes in a statement: its own present-tense speech acts the
    statement's day, reported past acts the last day the text named (the occasion). ``None``
    when the rule does not apply (a plan, or no occasion)."""
    if not occasion.active or status == "planned":
        return None
    verb = finite_verb(trigger)
    if is_present(verb):
        return occasion.speech_day()
    if anchor is not None and anchor.day is not None:
        return anchor
    return occasion.day


def vague_perfect(trigger: Token, occasion: Occasion, *, own: bool) -> bool:
    """ "We have coordinated these steps": a bare present perfect is a vague past with no date
    (DECISIONS F29), unless it is the statement's own speech act ("Japan has lodged a
    protest" in Japan's statement)."""
    return occasion.active and not own and _perfect(finite_verb(trigger))


def _perfect(verb: Token) -> bool:
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in verb.children
    )


def is_present(verb: Token) -> bool:
    """A present-tense or future verb: the statement's own act ("condemns", "will defend")."""
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"has", "have", "had", "did", "was", "were"}:
        return False
    return verb.tag_ in _PRESENT_TAGS or bool(auxes & (_FUTURE | {"is", "are", "am", "do"}))
