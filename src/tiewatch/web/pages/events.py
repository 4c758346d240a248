"""The Events page: filter form, sortable columns, pagination, downloads of the view (#5).

The filters are the API's (``/api/v1/events``, ``store.events_page``), so the page links to
CSV/JSONL downloads of exactly what it shows. Docs: docs/dashboard.md ("Events").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.errors import QueryError
from tiewatch.models import EVENT_TYPES, STATUSES, PartialDate
from tiewatch.store.queries import EVENT_SORTS, MAX_PER_PAGE, EventFilters, Page, Paging
from tiewatch.web.deps import get_context
from tiewatch.web.pages.render import render

router = APIRouter()

PER_PAGE = 50
MAX_FIELD_CHARS = 200


@dataclass(frozen=True)
class EventForm:
    """The filter form as submitted; blank fields filter nothing. Dates may be partial
    (``2025`` or ``2025-04``): a range covers every day they can mean."""

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
        for item in fields(cls):
            raw = params.get(item.name, "").replace("\x00", "").strip()[:MAX_FIELD_CHARS]
            if raw:
                values[item.name] = raw
        for name in ("page", "per_page"):
            values[name] = _int(values.get(name), getattr(cls, name), name, problems)
        values["per_page"] = min(max(values["per_page"], 1), MAX_PER_PAGE)
        values["page"] = max(values["page"], 1)
        if values.get("sort", "date") not in EVENT_SORTS:
            problems.append(f"unknown sort column {values['sort']!r}")
            values["sort"] = "date"
        if values.get("order", "desc") not in ("asc", "desc"):
            values["order"] = "desc"
        for name in ("date_from", "date_to"):
            if name in values and _day(values[name], last=False) is None:
                problems.append(
                    f"{name.replace('_', ' ')}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                )
                del values[name]
        return cls(**values), problems

    def params(self) -> dict[str, Any]:
        """The non-default values, for links that keep the filters."""
        defaults = EventForm()
        return {k: v for k, v in asdict(self).items() if v != getattr(defaults, k)}

    def filters(self) -> EventFilters:
        return EventFilters(
            date_from=_day(self.date_from, last=False),
            date_to=_day(self.date_to, last=True),
            actor=self.actor or None,
            dyad=self.dyad.replace("–", "-") or None,
            type=self.type.upper() or None,
            status=self.status.lower() or None,
            outlet=self.outlet or None,
            q=self.q or None,
            sort=self.sort,
            order="asc" if self.order == "asc" else "desc",
        )

    def download_params(self) -> dict[str, Any]:
        """The API's parameters for the same filters (full dates; no sorting or paging)."""
        filters = self.filters()
        values = {item.name: getattr(filters, item.name) for item in fields(filters)}
        kept = {k: v for k, v in values.items() if v is not None and k not in ("sort", "order")}
        return {k: v.isoformat() if isinstance(v, date) else v for k, v in kept.items()}


def _day(text: str, *, last: bool) -> date | None:
    """The first (or last) day a partial date can mean; None when it is not a date."""
    if not text:
        return None
    try:
        parsed = PartialDate.parse(text)
        return parsed.last_day() if last else parsed.first_day()
    except ValueError:
        return None


def _int(raw: str | None, default: int, name: str, problems: list[str]) -> int:
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        problems.append(f"{name}: not a number")
        return default


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    store = get_context(request).store
    form, problems = EventForm.from_params(dict(request.query_params))
    try:
        results = store.events_page(
            form.filters(), paging=Paging(page=min(form.page, 1_000_000), per_page=form.per_page)
        )
        downloads = form.download_params()
    except QueryError as exc:
        problems.append(str(exc))
        results, downloads = Page((), 0, 1, form.per_page), {}
    return render(
        request,
        "events.html.j2",
        page="events",
        title="Events",
        form=form,
        params=form.params(),
        downloads=downloads,
        problems=problems,
        results=results,
        event_types=EVENT_TYPES,
        statuses=STATUSES,
    )
