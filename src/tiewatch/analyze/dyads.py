"""Dyad trends: per dyad, direction and month, event counts by PLOVER type and quad class,
a net cooperation index and the mean PLOVER scale.

Docs: docs/briefs.md ("Dyad trends").
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from tiewatch.analyze.rows import event_month
from tiewatch.models import Event
from tiewatch.ontology import event_scale, quad_class

logger = logging.getLogger(__name__)

BOTH = "both"
QUAD_NAMES = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}


@dataclass(frozen=True)
class DyadRow:
    """Events between ``actor_a`` and ``actor_b`` in one month.

    ``direction`` is ``"a->b"``, ``"b->a"`` or ``"both"`` (the two added up).
    ``net_index`` is (cooperation - conflict) / total, in [-1, 1]; None without events.
    """

    actor_a: str
    actor_b: str
    direction: str
    month: str
    total: int
    by_type: Mapping[str, int] = field(default_factory=dict)
    by_quad: Mapping[str, int] = field(default_factory=dict)
    net_index: float | None = None
    mean_scale: float | None = None


def dyad_series(
    events: Iterable[Event],
    *,
    dyads: Sequence[tuple[str, str]],
    published: Mapping[str, date | None] | None = None,
    months: Sequence[str] | None = None,
) -> list[DyadRow]:
    """Rows for every dyad, direction and month (months with no events included when
    ``months`` is given). ``published`` maps document id -> publication date, for events
    the text does not date."""
    published = published or {}
    buckets: dict[tuple[str, str, str, str], list[Event]] = defaultdict(list)
    seen_months: set[str] = set(months or ())
    for event in events:
        month = event_month(event, published.get(event.document_id))
        if month is None:
            continue
        for a, b in dyads:
            direction = _direction(event, a, b)
            if direction is not None:
                buckets[(a, b, direction, month)].append(event)
                buckets[(a, b, BOTH, month)].append(event)
                seen_months.add(month)
    wanted = sorted(m for m in seen_months if months is None or m in months)
    return [
        _dyad_row(a, b, direction, month, buckets.get((a, b, direction, month), []))
        for a, b in dyads
        for direction in ("a->b", "b->a", BOTH)
        for month in wanted
    ]


def _direction(event: Event, a: str, b: str) -> str | None:
    if (event.source, event.target) == (a, b):
        return "a->b"
    if (event.source, event.target) == (b, a):
        return "b->a"
    return None


def _dyad_row(a: str, b: str, direction: str, month: str, events: list[Event]) -> DyadRow:
    by_type = Counter(event.type for event in events)
    by_quad: Counter[str] = Counter()
    scales: list[float] = []
    for event in events:
        quad = quad_class(event.type)
        if quad is not None:
            by_quad[QUAD_NAMES[quad]] += 1
        scale = event_scale(event.type)
        if scale is not None:
            scales.append(scale)
    return DyadRow(
        actor_a=a,
        actor_b=b,
        direction=direction,
        month=month,
        total=len(events),
        by_type=dict(sorted(by_type.items())),
        by_quad=dict(by_quad),
        net_index=net_cooperation(by_quad),
        mean_scale=round(sum(scales) / len(scales), 3) if scales else None,
    )


def net_cooperation(by_quad: Mapping[str, int]) -> float | None:
    cooperation = by_quad.get("verbal_cooperation", 0) + by_quad.get("material_cooperation", 0)
    conflict = by_quad.get("verbal_conflict", 0) + by_quad.get("material_conflict", 0)
    total = cooperation + conflict
    return round((cooperation - conflict) / total, 3) if total else None


def dyad_row(
    rows: Iterable[DyadRow], a: str, b: str, month: str, *, direction: str = BOTH
) -> DyadRow | None:
    return next(
        (
            row
            for row in rows
            if (row.actor_a, row.actor_b, row.month, row.direction) == (a, b, month, direction)
        ),
        None,
    )
