"""Chart.js-ready data for the pages' line charts (#5).

Each function returns ``{"labels": [...], "datasets": [{"label", "data"}], "y_label", ...}``;
templates put it in a ``<script type="application/json">`` block and ``static/js`` draws it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from tiewatch.analyze.dyads import BOTH, DyadRow
from tiewatch.analyze.indicators import Series

INDEX_AXIS: dict[str, object] = {"y_label": "net cooperation index", "y_min": -1, "y_max": 1}


def dyad_chart(
    rows: Iterable[DyadRow],
    *,
    dyads: Sequence[tuple[str, str]],
    months: Sequence[str],
    names: Mapping[str, str],
    measure: str,
) -> dict[str, object]:
    """One line per dyad (both directions added up) over ``months``.

    ``measure``: "total" (events; a month without any counts 0) or "net_index" (-1..1; a
    month without events is a gap).
    """
    both = [r for r in rows if r.direction == BOTH]
    datasets = []
    for a, b in dyads:
        by_month = {r.month: r for r in both if {r.actor_a, r.actor_b} == {a, b}}
        values = [_value(by_month.get(m), measure) for m in months]
        datasets.append({"label": f"{names.get(a, a)}–{names.get(b, b)}", "data": values})
    if measure == "total":
        return {"labels": list(months), "datasets": datasets, "y_label": "events"}
    return {"labels": list(months), "datasets": datasets, **INDEX_AXIS}


def _value(row: DyadRow | None, measure: str) -> float | None:
    if row is None:
        return 0 if measure == "total" else None
    return row.total if measure == "total" else row.net_index


def series_chart(series: Series) -> dict[str, object] | None:
    """The series' dated points in date order (undated ones left out); None when they fall
    on fewer than two dates. Points only, no line, when a date has several figures: they
    may measure different things, and a line through them would invent a trend."""
    points = sorted((p for p in series.points if p.date), key=lambda p: p.date or "")
    dates = [p.date for p in points]
    if len(set(dates)) < 2:
        return None
    return {
        "labels": dates,
        "datasets": [{"label": series.label, "data": [p.value for p in points]}],
        "y_label": series.unit,
        "show_line": len(set(dates)) == len(dates),
    }
