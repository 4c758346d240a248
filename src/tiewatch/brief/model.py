"""The Brief data structure: what compose builds and render prints.

Every prose sentence is a ``BriefSentence`` whose citations are numbers into
``Brief.sources``; a source is one stored sentence of one stored document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tiewatch.analyze.changes import DyadShift
from tiewatch.analyze.dyads import DyadRow
from tiewatch.analyze.indicators import IndicatorPoint


@dataclass(frozen=True)
class SourceRef:
    number: int
    document_id: str
    sentence_index: int
    text: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class BriefSentence:
    """One sentence of the brief. ``label`` is a fixed phrase of tiewatch's own ("New
    storyline"), never a fact; ``text`` is condensed from the cited sentences."""

    text: str
    citations: tuple[int, ...]
    label: str | None = None


@dataclass(frozen=True)
class BriefItem:
    lead: BriefSentence  # the bold lead phrase, cited like a sentence
    sentences: tuple[BriefSentence, ...]
    theme: str
    storyline_id: str | None = None


@dataclass(frozen=True)
class BriefSection:
    key: str
    title: str
    items: tuple[BriefItem, ...] = ()


@dataclass(frozen=True)
class IndicatorLine:
    label: str
    points: tuple[tuple[IndicatorPoint, int], ...]  # (point, citation number)


@dataclass(frozen=True)
class Brief:
    watchlist: str
    month: str
    title: str
    lead: tuple[BriefSentence, ...]
    sections: tuple[BriefSection, ...]
    since_last_month: tuple[BriefSentence, ...]
    sources: tuple[SourceRef, ...]
    dyads: tuple[DyadRow, ...] = ()
    dyad_shifts: tuple[DyadShift, ...] = ()
    indicators: tuple[IndicatorLine, ...] = ()
    actor_names: dict[str, str] = field(default_factory=dict)

    def iter_sentences(self) -> Iterator[BriefSentence]:
        """Every cited prose sentence: the lead, item lead phrases and sentences, changes."""
        yield from self.lead
        for section in self.sections:
            for item in section.items:
                yield item.lead
                yield from item.sentences
        yield from self.since_last_month

    def source(self, number: int) -> SourceRef:
        return self.sources[number - 1]


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as JSON-ready data: every sentence with its cited source sentences."""

    def sentence(item: BriefSentence) -> dict[str, Any]:
        return {
            "text": item.text,
            "label": item.label,
            "citations": [
                {
                    "n": n,
                    "document_id": brief.source(n).document_id,
                    "sentence_index": brief.source(n).sentence_index,
                    "text": brief.source(n).text,
                }
                for n in item.citations
            ],
        }

    return {
        "watchlist": brief.watchlist,
        "month": brief.month,
        "title": brief.title,
        "lead": [sentence(s) for s in brief.lead],
        "sections": [
            {
                "key": section.key,
                "title": section.title,
                "items": [
                    {
                        "lead": sentence(item.lead),
                        "storyline_id": item.storyline_id,
                        "sentences": [sentence(s) for s in item.sentences],
                    }
                    for item in section.items
                ],
            }
            for section in brief.sections
        ],
        "since_last_month": [sentence(s) for s in brief.since_last_month],
        "dyad_shifts": [
            {
                "dyad": [s.actor_a, s.actor_b],
                "before": s.before,
                "after": s.after,
                "events_before": s.events_before,
                "events_after": s.events_after,
            }
            for s in brief.dyad_shifts
        ],
        "dyads": [
            {
                "dyad": [r.actor_a, r.actor_b],
                "direction": r.direction,
                "month": r.month,
                "total": r.total,
                "by_type": dict(r.by_type),
                "by_quad": dict(r.by_quad),
                "net_index": r.net_index,
                "mean_scale": r.mean_scale,
            }
            for r in brief.dyads
        ],
        "indicators": [
            {
                "label": line.label,
                "points": [
                    {"value": p.value, "unit": p.unit, "text": p.text, "date": p.date, "n": n}
                    for p, n in line.points
                ],
            }
            for line in brief.indicators
        ],
        "sources": [
            {
                "n": s.number,
                "document_id": s.document_id,
                "sentence_index": s.sentence_index,
                "text": s.text,
                "outlet": s.outlet,
                "title": s.title,
                "url": s.url,
                "published": s.published,
            }
            for s in brief.sources
        ],
    }
