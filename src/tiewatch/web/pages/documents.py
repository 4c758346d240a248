"""The Document page: the text with its codings highlighted, the lists of events, quotes and
figures, and a correction form per event (#5). Docs: docs/dashboard.md ("Document")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from tiewatch.errors import CorrectionError
from tiewatch.models import EVENT_TYPES, STATUSES, Correction, Event
from tiewatch.store import Store
from tiewatch.web import views
from tiewatch.web.deps import check_token, get_context
from tiewatch.web.highlight import (
    event_highlight,
    highlight_text,
    quantity_highlight,
    quote_highlight,
)
from tiewatch.web.pages.render import not_found_page, render

router = APIRouter()


@dataclass(frozen=True)
class DocumentPage:
    view: views.DocumentView
    text: Markup  # the document text, escaped, with its codings marked


def load_document_page(store: Store, document_id: str) -> DocumentPage | None:
    """Everything the page shows; None when the document is not stored."""
    view = views.document_view(store, document_id)
    if view is None:
        return None
    highlights = [
        *(event_highlight(e, anchor=f"ev-{i}") for i, e in enumerate(view.events)),
        *(quote_highlight(q, anchor=f"q-{i}") for i, q in enumerate(view.quotes)),
        *(quantity_highlight(n, anchor=f"n-{i}") for i, n in enumerate(view.quantities)),
    ]
    return DocumentPage(view, highlight_text(view.document.text, highlights))


def _show(
    request: Request, document_id: str, *, status_code: int = 200, **notice: str | None
) -> HTMLResponse:
    data = load_document_page(get_context(request).store, document_id)
    if data is None:
        return not_found_page(request, f"No document {document_id!r} in the store.")
    return render(
        request,
        "document.html.j2",
        page="events",
        status_code=status_code,
        title=data.view.document.title or data.view.document.id,
        data=data,
        event_types=EVENT_TYPES,
        statuses=STATUSES,
        notice=notice.get("notice"),
        error=notice.get("error"),
    )


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str, corrected: str | None = None) -> Response:
    notice = "Correction saved." if corrected else None
    return _show(request, document_id, notice=notice)


@router.post("/documents/{document_id}/corrections", response_class=HTMLResponse)
def post_correction(
    request: Request,
    document_id: str,
    event_key: Annotated[str, Form()],
    action: Annotated[str, Form()] = "edit",
    event_type: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    target: Annotated[str, Form()] = "",
    date: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    token: Annotated[str, Form()] = "",
) -> Response:
    """Store an analyst's correction of one event, then show the document again."""
    context = get_context(request)
    try:
        check_token(context, token or None)
    except HTTPException as exc:
        return _show(request, document_id, status_code=exc.status_code, error=str(exc.detail))
    event = _find_event(context.store, event_key)
    if event is None or event.document_id != document_id:
        return _show(request, document_id, status_code=404, error="No such event.")
    values = {"type": event_type, "source": source, "target": target, "date": date}
    try:
        correction = Correction.for_event(
            event,
            action="delete" if action == "delete" else "edit",
            **({k: v.strip() or None for k, v in values.items()} if action != "delete" else {}),
            status=(status or None) if action != "delete" else None,
            author=author.strip() or None,
            note=note.strip() or None,
        )
        context.store.add_correction(correction)
    except CorrectionError as exc:
        return _show(request, document_id, status_code=422, error=str(exc))
    url = f"/documents/{quote(document_id, safe='')}?corrected=1"
    return RedirectResponse(url, status_code=303)


def _find_event(store: Store, key: str) -> Event | None:
    try:
        return store.find_event(key)
    except ValueError:  # a malformed key
        return None
