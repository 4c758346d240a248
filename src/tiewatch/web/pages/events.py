"""The Events page: filter form, sortable columns, pagination, downloads of the view (#5).

The filters are the API's (``/api/v1/events``), so the page links to CSV/JSONL downloads of
exactly what it shows. Docs: docs/dashboard.md ("Events").
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiewatch.models import EVENT_TYPES, STATUSES
from tiewatch.web.deps import get_context
from tiewatch.web.pages import event_search
from tiewatch.web.pages.event_search import EventForm
from tiewatch.web.pages.render import render

router = APIRouter()


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    store = get_context(request).store
    form, problems = EventForm.from_params(dict(request.query_params))
    page = event_search.search_events(store, form)
    return render(
        request,
        "events.html.j2",
        page="events",
        title="Events",
        form=form,
        params=form.params(),
        downloads=form.filters(),
        problems=problems,
        results=page,
        event_types=EVENT_TYPES,
        statuses=STATUSES,
        outlets=event_search.outlets(store),
    )
