"""Filtering, sorting and paging events for the Events page (#5).

In Python over the store's corrected events: enough for a dashboard over thousands of
events; the JSON API does the same in SQL (store/queries.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Any

from tiewatch.models import Document, Event
from tiewatch.store import Store

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


SORTS = ("date", "type", "source", "target", "outlet", "confidence")
PER_PAGE = 50
MAX_PER_PAGE = 500


@dataclass(frozen=True)
class EventForm:
    """The filter form as submitted; blank fields filter nothing."""

    date_from: str = ""
    date_to: str = ""
    actor: str = ""
    dyad: str = ""
    type: str = ""
    status: str = ""
    outlet: str = ""
    q: str = ""
    sort: str = "date"
    order: str = "desc"
    page: int = 1
    per_page: int = PER_PAGE

    @classmethod
    def from_params(cls, params: dict[str, str]) -> tuple[EventForm, list[str]]:
        """The form from query parameters, with the problems found (bad values are reset)."""
        problems: list[str] = []
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = params.get(f.name, "").strip()[:200]
            if raw:
                values[f.name] = raw
        for name in ("page", "per_page"):
            values[name] = _int(values.get(name), getattr(cls, name), name, problems)
        values["per_page"] = min(max(values["per_page"], 1), MAX_PER_PAGE)
        values["page"] = max(values["page"], 1)
        if values.get("sort", "date") not in SORTS:
            problems.append(f"unknown sort column {values['sort']!r}")
            values["sort"] = "date"
        if values.get("order", "desc") not in ("asc", "desc"):
            values["order"] = "desc"
        for name in ("date_from", "date_to"):
            if name in values and not valid_date(values[name]):
                problems.append(
                    f"{name.replace('_', ' ')}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                )
                del values[name]
        return cls(**values), problems

    def params(self) -> dict[str, Any]:
        """The non-default values, for links that keep the filters."""
        defaults = EventForm()
        return {k: v for k, v in asdict(self).items() if v != getattr(defaults, k)}

    def filters(self) -> dict[str, Any]:
        """Only the filters (no sorting or paging): what a download link carries."""
        keep = {"sort", "order", "page", "per_page"}
        return {k: v for k, v in self.params().items() if k not in keep}


def _int(raw: str | None, default: int, name: str, problems: list[str]) -> int:
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        problems.append(f"{name}: not a number")
        return default


@dataclass(frozen=True)
class EventRow:
    event: Event
    document: Document

    @property
    def when(self) -> str:
        """The event's date, else its document's publication date, else ""."""
        published = self.document.published
        return self.event.date or (published.isoformat() if published else "")


@dataclass(frozen=True)
class ResultPage:
    items: tuple[EventRow, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.per_page), 1)


def valid_date(text: str) -> bool:
    return bool(_DATE.match(text))


def outlets(store: Store) -> list[str]:
    return sorted({d.outlet for d in store.iter_documents() if d.outlet})


def search_events(store: Store, criteria: EventForm) -> ResultPage:
    documents = {d.id: d for d in store.iter_documents()}
    rows = [
        EventRow(event, documents[event.document_id])
        for event in store.iter_corrected_events()
        if event.document_id in documents
    ]
    tests = _tests(criteria)
    found = [row for row in rows if all(test(row) for test in tests)]
    found.sort(key=_sort_key(criteria.sort), reverse=criteria.order == "desc")
    start = (criteria.page - 1) * criteria.per_page
    return ResultPage(
        tuple(found[start : start + criteria.per_page]),
        total=len(found),
        page=criteria.page,
        per_page=criteria.per_page,
    )


def _tests(c: EventForm) -> list[Callable[[EventRow], bool]]:
    tests: list[Callable[[EventRow], bool]] = []
    if c.date_from:
        tests.append(lambda r: bool(r.when) and r.when[: len(c.date_from)] >= c.date_from)
    if c.date_to:
        tests.append(lambda r: bool(r.when) and r.when[: len(c.date_to)] <= c.date_to)
    if c.actor:
        tests.append(lambda r: _has_actor(r.event, c.actor.lower()))
    if c.dyad:
        pair = {p.strip().upper() for p in c.dyad.replace("–", "-").split("-", 1)}
        tests.append(lambda r: {r.event.source, r.event.target} == pair)
    if c.type:
        tests.append(lambda r: r.event.type == c.type.upper())
    if c.status:
        tests.append(lambda r: r.event.status == c.status.lower())
    if c.outlet:
        tests.append(lambda r: (r.document.outlet or "").lower() == c.outlet.lower())
    if c.q:
        words = c.q.lower().split()
        tests.append(lambda r: all(w in _haystack(r) for w in words))
    return tests


def _has_actor(event: Event, wanted: str) -> bool:
    codes = {(event.source or "").lower(), (event.target or "").lower()}
    names = f"{event.source_name or ''}\n{event.target_name or ''}".lower()
    return wanted in codes or wanted in names


def _haystack(row: EventRow) -> str:
    return f"{row.event.sentence}\n{row.document.title or ''}".lower()


def _sort_key(sort: str) -> Callable[[EventRow], tuple[str | float, str, int]]:
    def key(row: EventRow) -> tuple[str | float, str, int]:
        event = row.event
        values: dict[str, str | float] = {
            "date": row.when,
            "type": event.type,
            "source": event.source or "",
            "target": event.target or "",
            "outlet": row.document.outlet or "",
            "confidence": event.confidence,
        }
        return (values.get(sort, row.when), event.document_id, event.start)

    return key
