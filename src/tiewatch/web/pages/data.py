"""The analyses the pages show, computed from the store per request (#5).

A thin layer over ``analyze`` (the same functions the brief uses) so the pages show what the
brief would: rows scoped to the watchlist, corrected events. It reads the processed documents
of the last ``WINDOW_MONTHS`` months of the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tiewatch.analyze.claims import Claim, build_claims
from tiewatch.analyze.dyads import BOTH, DyadRow, dyad_series
from tiewatch.analyze.indicators import Series, build_series
from tiewatch.analyze.rows import SentenceRow, build_sentence_rows, month_of, shift_month
from tiewatch.analyze.storylines import Storyline, find_storylines
from tiewatch.analyze.watchlist import Watchlist
from tiewatch.brief.compose import build_brief, scope_rows
from tiewatch.brief.model import Brief
from tiewatch.models import Document, Event
from tiewatch.store import Store

WINDOW_MONTHS = 12  # the overview's trend chart and the storylines look this far back
INDEX_AXIS = {"y_label": "net cooperation index", "y_min": -1, "y_max": 1}


@dataclass(frozen=True)
class Window:
    """The processed documents of a span of months, as the analyses see them."""

    watchlist: Watchlist
    documents: dict[str, Document]
    events: tuple[Event, ...]
    rows: tuple[SentenceRow, ...]  # scoped to the watchlist
    months: tuple[str, ...]  # every month of the window, oldest first

    @property
    def names(self) -> dict[str, str]:
        return dict(self.watchlist.core) | dict(self.watchlist.others)

    @property
    def published(self) -> dict[str, date | None]:
        return {d.id: d.published for d in self.documents.values()}


def store_months(store: Store) -> list[str]:
    """The months that have processed documents, oldest first."""
    found = {month_of(d.published) for d in store.iter_documents(status="processed")}
    return sorted(m for m in found if m)


def load_window(
    store: Store, watchlist: Watchlist, *, last: str | None = None, months: int = WINDOW_MONTHS
) -> Window:
    """The window of ``months`` months ending at ``last`` (default: the store's latest)."""
    available = store_months(store)
    last = last or (available[-1] if available else None)
    if last is None:
        return Window(watchlist, {}, (), (), ())
    # From the store's first month at most, so a young store's chart is not mostly empty.
    first = max(shift_month(last, -(months - 1)), min(available, default=last))
    span = tuple(shift_month(last, -k) for k in reversed(range(_months_between(first, last))))
    documents = {
        d.id: d for d in store.iter_documents(status="processed") if month_of(d.published) in span
    }
    events = tuple(e for e in store.iter_corrected_events() if e.document_id in documents)
    rows = build_sentence_rows(
        documents.values(),
        [s for d in documents for s in store.iter_sentences(d)],
        events=events,
        quotes=[q for q in store.iter_quotes() if q.document_id in documents],
        quantities=[q for q in store.iter_quantities() if q.document_id in documents],
    )
    return Window(watchlist, documents, events, tuple(scope_rows(rows, watchlist)), span)


def dyad_trends(window: Window) -> list[DyadRow]:
    kept = {row.document_id for row in window.rows}
    return dyad_series(
        (e for e in window.events if e.document_id in kept),
        dyads=window.watchlist.dyads,
        published=window.published,
        months=window.months,
    )


def storylines(window: Window) -> list[Storyline]:
    return find_storylines(window.rows, actor_names=window.names)


def claims(window: Window) -> list[Claim]:
    return build_claims(window.rows)


def indicator_series(window: Window) -> list[Series]:
    return build_series(
        (q for row in window.rows for q in row.quantities),
        published=window.published,
        outlets={d.id: d.outlet for d in window.documents.values()},
    )


def trend_chart(rows: Sequence[DyadRow], window: Window, *, measure: str) -> dict[str, object]:
    """Chart.js-ready data: one line per watchlist dyad over the window's months.

    ``measure``: "total" (events) or "net_index" (net cooperation, -1..1).
    """
    names = window.names
    datasets = []
    for a, b in window.watchlist.dyads:
        by_month = {
            r.month: r for r in rows if r.direction == BOTH and {r.actor_a, r.actor_b} == {a, b}
        }
        values = [_measure(by_month.get(m), measure) for m in window.months]
        label = f"{names.get(a, a)}–{names.get(b, b)}"
        datasets.append({"label": label, "data": values})
    if measure == "total":
        return {"labels": list(window.months), "datasets": datasets, "y_label": "events"}
    return {"labels": list(window.months), "datasets": datasets, **INDEX_AXIS}


def _measure(row: DyadRow | None, measure: str) -> float | None:
    if row is None:
        return 0 if measure == "total" else None
    return row.total if measure == "total" else row.net_index


def _months_between(first: str, last: str) -> int:
    """How many months from ``first`` to ``last``, both included (at least 1)."""
    count = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    return max(count, 1)


BRIEF_WINDOW_MONTHS = 6  # as `tiewatch brief`: storylines and the dyad chart look this far back


def month_brief(store: Store, watchlist: Watchlist, month: str) -> Brief:
    """The brief ``tiewatch brief --month`` writes, from the store's corrected events."""
    window = load_window(store, watchlist, last=month, months=BRIEF_WINDOW_MONTHS)
    documents = list(window.documents.values())
    return build_brief(
        documents,
        [s for d in documents for s in store.iter_sentences(d.id)],
        events=window.events,
        quotes=[q for q in store.iter_quotes() if q.document_id in window.documents],
        quantities=[q for q in store.iter_quantities() if q.document_id in window.documents],
        watchlist=watchlist,
        month=month,
    )


def brief_chart(brief: Brief) -> dict[str, object]:
    """The brief's dyad chart (net cooperation index by month) as Chart.js data."""
    months = sorted({r.month for r in brief.dyads})
    names = brief.actor_names
    datasets = []
    for a, b in dict.fromkeys((r.actor_a, r.actor_b) for r in brief.dyads):
        by_month = {r.month: r for r in brief.dyads if (r.actor_a, r.actor_b) == (a, b)}
        by_month = {m: r for m, r in by_month.items() if r.direction == BOTH}
        values = [_measure(by_month.get(m), "net_index") for m in months]
        datasets.append({"label": f"{names.get(a, a)}–{names.get(b, b)}", "data": values})
    return {"labels": months, "datasets": datasets, **INDEX_AXIS}
