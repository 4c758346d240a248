"""What the dashboard pages and the JSON API show, computed from the store (#5).

Each view reads one reporting window through ``Store.load_window`` (corrections applied)
and runs the same analyses as the brief over it; analyses and briefs are cached per window
state, so a page and its API twin cost one computation until the window's documents or
corrections change (processing other months does not invalidate them).
Every result is a frozen dataclass.

Docs: docs/dashboard.md.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar, cast

from tiewatch.analyze.claims import Claim
from tiewatch.analyze.dyads import DyadRow
from tiewatch.analyze.rows import SentenceRow, shift_month
from tiewatch.analyze.storylines import Storyline
from tiewatch.analyze.watchlist import Watchlist
from tiewatch.brief.compose import (
    WINDOW_MONTHS,
    BriefOptions,
    WindowAnalyses,
    analyse_window,
    compose_analyses,
)
from tiewatch.brief.model import Brief
from tiewatch.errors import QueryError
from tiewatch.models import Correction, Document, Event, Quantity, Quote
from tiewatch.store import Store
from tiewatch.store.queries import EventFilters, EventHit, Paging
from tiewatch.store.window import DocumentBundle, Window, month_range

DocumentView = DocumentBundle  # what the document page and API show

T = TypeVar("T")

DEFAULT_MONTHS = WINDOW_MONTHS  # the brief's window: storylines and trends look this far back
MAX_MONTHS = 36
CACHE_SIZE = 16


@dataclass(frozen=True)
class Analysis(WindowAnalyses):
    """The analyses of one window (``brief.compose.analyse_window``) with the window."""

    window: Window
    month: str  # the window's last month

    @property
    def documents(self) -> dict[str, Document]:
        return {d.id: d for d in self.window.documents}


@dataclass
class AnalysisCache:
    """A few analyses and briefs, keyed by (window state, watchlist, window, what); least
    recently used out."""

    size: int = CACHE_SIZE
    entries: OrderedDict[tuple[object, ...], object] = field(default_factory=OrderedDict)
    # Sync routes run in a thread pool: one request at a time reorders the entries.
    lock: threading.Lock = field(default_factory=threading.Lock)
    computing: dict[tuple[object, ...], threading.Lock] = field(default_factory=dict)

    def get(self, key: tuple[object, ...]) -> object | None:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: tuple[object, ...], value: object) -> None:
        with self.lock:
            self.entries[key] = value
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def get_or_compute(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """The cached value, or ``compute()`` stored; requests for a key being computed
        wait for that computation instead of repeating it (seconds on a large store)."""
        found = self.get(key)
        if found is None:
            with self.lock:
                key_lock = self.computing.setdefault(key, threading.Lock())
            with key_lock:
                found = self.get(key)
                if found is None:
                    found = compute()
                    self.put(key, found)
            with self.lock:
                self.computing.pop(key, None)
        return cast(T, found)


@dataclass(frozen=True)
class Overview:
    month: str | None  # None: nothing processed yet
    watchlist: str
    months: tuple[str, ...]
    dyads: tuple[DyadRow, ...]
    storylines: tuple[Storyline, ...]  # active in ``month``, biggest first
    latest_events: tuple[EventHit, ...]
    documents: int
    events: int


@dataclass(frozen=True)
class StoryEntry:
    """One sentence of a storyline's timeline with its document and extracted items."""

    month: str
    document_id: str
    sentence_index: int
    text: str
    title: str | None
    outlet: str | None
    published: date | None
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]


@dataclass(frozen=True)
class StorylineView:
    storyline: Storyline
    entries: tuple[StoryEntry, ...]


def resolve_month(store: Store, month: str | None) -> str | None:
    """``month`` checked (YYYY-MM), or the latest month with processed documents."""
    if month is None:
        return store.latest_month()
    month_range(month, month)
    return month


def window_months(month: str, months: int) -> tuple[str, str]:
    """The first and last month of a window of ``months`` ending with ``month``."""
    if not 1 <= months <= MAX_MONTHS:
        raise QueryError(f"months must be between 1 and {MAX_MONTHS}")
    first = shift_month(month, -(months - 1))
    month_range(first, month)  # raises QueryError outside years 1 to 9999
    return first, month


def analyse(
    store: Store,
    watchlist: Watchlist,
    *,
    month: str,
    months: int = DEFAULT_MONTHS,
    cache: AnalysisCache | None = None,
) -> Analysis:
    """The analyses of the ``months`` months ending with ``month``, cached until the
    window's documents or corrections change."""
    first, last = window_months(month, months)

    def compute() -> Analysis:
        return _compute(store.load_window(first, last), watchlist, month=last)

    if cache is None:
        return compute()
    key = (store.window_token(first, last), watchlist.name, first, last, "analysis")
    return cache.get_or_compute(key, compute)


def _compute(window: Window, watchlist: Watchlist, *, month: str) -> Analysis:
    found = analyse_window(
        window.documents, window.sentences, events=window.events, quotes=window.quotes,
        quantities=window.quantities, watchlist=watchlist,
        months=_months(window.first_month, window.last_month),
    )  # fmt: skip
    return Analysis(**vars(found), window=window, month=month)


def _months(first: str, last: str) -> list[str]:
    found = [first]
    while found[-1] < last:
        found.append(shift_month(found[-1], 1))
    return found


def overview(
    store: Store,
    watchlist: Watchlist,
    *,
    month: str | None = None,
    months: int = DEFAULT_MONTHS,
    cache: AnalysisCache | None = None,
    latest: int = 10,
) -> Overview:
    """Dyad trends, storylines active in the month, and the latest events."""
    resolved = resolve_month(store, month)
    stats = store.stats()
    events = store.events_page(EventFilters(sort="date"), paging=Paging(per_page=latest))
    if resolved is None:
        return Overview(None, watchlist.title, (), (), (), events.items, stats.documents, 0)
    analysis = analyse(store, watchlist, month=resolved, months=months, cache=cache)
    return Overview(
        month=resolved,
        watchlist=watchlist.title,
        months=tuple(_months(analysis.window.first_month, analysis.window.last_month)),
        dyads=analysis.dyads,
        storylines=tuple(s for s in analysis.storylines if s.active_in(resolved)),
        latest_events=events.items,
        documents=stats.documents,
        events=events.total,
    )


def storyline_view(analysis: Analysis, storyline_id: str) -> StorylineView | None:
    """One storyline of ``analysis`` with its sentences in time order; None if unknown."""
    story = next((s for s in analysis.storylines if s.id == storyline_id), None)
    if story is None:
        return None
    rows = {row.key: row for row in analysis.rows}
    documents = analysis.documents
    entries = [_entry(rows[key], documents.get(key[0])) for key in story.members if key in rows]
    entries.sort(key=lambda e: (e.month, e.published or date.min, e.document_id, e.sentence_index))
    return StorylineView(story, tuple(entries))


def _entry(row: SentenceRow, document: Document | None) -> StoryEntry:
    return StoryEntry(
        month=row.month or "",
        document_id=row.document_id,
        sentence_index=row.index,
        text=row.text,
        title=document.title if document else None,
        outlet=row.outlet,
        published=row.published,
        events=row.events,
        quotes=row.quotes,
        quantities=row.quantities,
    )


def claims_in(analysis: Analysis, *, month: str | None = None) -> tuple[Claim, ...]:
    """The claims ledger of the window, or of claims made in ``month``."""
    if month is None:
        return analysis.claims
    return tuple(c for c in analysis.claims if c.side.month == month)


def document_view(store: Store, document_id: str) -> DocumentView | None:
    """A document with its status, sentences and annotations (events corrected), read
    from one snapshot; None if unknown."""
    return store.load_document(document_id)


@dataclass(frozen=True)
class CorrectionStatus:
    correction: Correction
    matched: bool  # False: re-processing no longer finds the event it corrects


def corrections_with_status(
    store: Store, *, document_id: str | None = None
) -> tuple[CorrectionStatus, ...]:
    """Every correction (of one document), oldest first, and whether the event it names
    is still extracted (a changed extractor can move or drop it)."""
    found = store.corrections(document_id=document_id)
    keys: set[str] = set()
    for doc_id in sorted({c.document_id for c in found}):
        keys |= {event.key for event in store.iter_events(document_id=doc_id)}
    return tuple(CorrectionStatus(c, c.event_key in keys) for c in found)


def brief_for(
    store: Store,
    watchlist: Watchlist,
    *,
    month: str,
    max_sentences: int = 40,
    cache: AnalysisCache | None = None,
) -> Brief:
    """The month's brief, the one ``tiewatch brief`` writes, composed from the window's
    cached analyses (the brief's chart spans the same DEFAULT_MONTHS), and cached too."""
    resolved = resolve_month(store, month) or month
    first, last = window_months(resolved, DEFAULT_MONTHS)

    def compute() -> Brief:
        analysis = analyse(store, watchlist, month=last, months=DEFAULT_MONTHS, cache=cache)
        return _compose(analysis, watchlist, max_sentences=max_sentences)

    if cache is None:
        return compute()
    key = (store.window_token(first, last), watchlist.name, first, last, "brief", max_sentences)
    return cache.get_or_compute(key, compute)


def _compose(analysis: Analysis, watchlist: Watchlist, *, max_sentences: int) -> Brief:
    return compose_analyses(
        analysis,
        watchlist=watchlist,
        month=analysis.month,
        documents=analysis.documents,
        options=BriefOptions(max_sentences=max_sentences, chart_months=DEFAULT_MONTHS),
    )
