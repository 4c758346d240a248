"""Indicators: quantities that measure the same thing over time, grouped into series.

Two figures are in the same series when they share the unit and their normalised measure
terms overlap (Jaccard >= 0.5): lower-cased content words of ``Quantity.measure`` with a
plural ``s`` dropped, so "Russian crude imports" and "imports of Russian crude" meet.
Calendar years (unit ``year``) are dates, not indicators, and are left out.

Docs: docs/briefs.md ("Indicators").
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tiewatch.analyze.rows import month_of
from tiewatch.models import Quantity

logger = logging.getLogger(__name__)

SKIPPED_UNITS = frozenset({"year"})
_WORD = re.compile(r"[a-z][a-z-]+")
_STOP = frozenset(
    [
        "the",
        "of",
        "a",
        "an",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "from",
        "by",
        "with",
        "at",
        "as",
        "its",
        "their",
        "such",
        "this",
        "that",
        "these",
        "those",
        "some",
        "about",
        "only",
        "nearly",
        "roughly",
        "around",
        "least",
        "more",
        "than",
    ]
)


@dataclass(frozen=True)
class IndicatorPoint:
    value: float
    unit: str
    text: str
    measure: str | None
    date: str | None  # the figure's date, else the reporting month
    document_id: str
    sentence_index: int
    outlet: str | None = None


@dataclass(frozen=True)
class Series:
    id: str
    unit: str
    terms: tuple[str, ...]
    points: tuple[IndicatorPoint, ...]

    @property
    def label(self) -> str:
        return f"{' '.join(self.terms) or 'unspecified'} ({self.unit})"


def measure_terms(measure: str | None) -> frozenset[str]:
    words = _WORD.findall((measure or "").lower())
    return frozenset(_singular(w) for w in words if w not in _STOP)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def build_series(
    quantities: Iterable[Quantity],
    *,
    published: Mapping[str, date | None] | None = None,
    outlets: Mapping[str, str | None] | None = None,
    min_points: int = 1,
) -> list[Series]:
    """Series of figures, the longest first; each point keeps its document and sentence."""
    published = published or {}
    outlets = outlets or {}
    groups: list[tuple[str, set[str], list[IndicatorPoint]]] = []
    for quantity in quantities:
        if quantity.unit in SKIPPED_UNITS:
            continue
        point = _point(quantity, published, outlets)
        terms = set(measure_terms(quantity.measure))
        group = _find_group(groups, quantity.unit, terms)
        if group is None:
            groups.append((quantity.unit, terms, [point]))
        else:
            group[1].update(terms)
            group[2].append(point)
    series = [_series(unit, terms, points) for unit, terms, points in groups]
    series = [s for s in series if len(s.points) >= min_points]
    return sorted(series, key=lambda s: (-len(s.points), s.id))


def _point(
    quantity: Quantity, published: Mapping[str, date | None], outlets: Mapping[str, str | None]
) -> IndicatorPoint:
    return IndicatorPoint(
        value=quantity.value,
        unit=quantity.unit,
        text=quantity.text,
        measure=quantity.measure,
        date=quantity.date or month_of(published.get(quantity.document_id)),
        document_id=quantity.document_id,
        sentence_index=quantity.sentence_index,
        outlet=outlets.get(quantity.document_id),
    )


def _find_group(
    groups: list[tuple[str, set[str], list[IndicatorPoint]]], unit: str, terms: set[str]
) -> tuple[str, set[str], list[IndicatorPoint]] | None:
    for group in groups:
        if group[0] != unit:
            continue
        union = group[1] | terms
        if not union or len(group[1] & terms) / len(union) >= 0.5:
            return group
    return None


def _series(unit: str, terms: set[str], points: list[IndicatorPoint]) -> Series:
    ordered = tuple(sorted(points, key=lambda p: (p.date or "", p.document_id, p.sentence_index)))
    key = f"{unit}|{' '.join(sorted(terms))}"
    return Series(
        id="i-" + hashlib.sha1(key.encode()).hexdigest()[:10],
        unit=unit,
        terms=tuple(sorted(terms)),
        points=ordered,
    )
