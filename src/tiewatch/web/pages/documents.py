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
from tiewatch.models import (
    EVENT_TYPES,
    STATUSES,
    Correction,
    Document,
    Event,
    Quantity,
    Quote,
    Sentence,
)
from tiewatch.store import Store
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
    document: Document
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    quantities: tuple[Quantity, ...]
    corrections: tuple[Correction, ...]
    text: Markup


def load_document_page(store: Store, document_id: str) -> DocumentPage | None:
    """Everything the page shows; None when the document is not stored."""
    document = store.get_document(document_id)
    if document is None:
        return None
    events = tuple(store.iter_corrected_events(document_id=document_id))
    quotes = tuple(store.iter_quotes(document_id=document_id))
    quantities = tuple(store.iter_quantities(document_id=document_id))
    highlights = [
        *(event_highlight(e, anchor=f"ev-{i}") for i, e in enumerate(events)),
        *(quote_highlight(q, anchor=f"q-{i}") for i, q in enumerate(quotes)),
        *(quantity_highlight(n, anchor=f"n-{i}") for i, n in enumerate(quantities)),
    ]
    return DocumentPage(
        document=document,
        sentences=tuple(store.iter_sentences(document_id)),
        events=events,
        quotes=quotes,
        quantities=quantities,
        corrections=tuple(store.corrections(document_id=document_id)),
        text=highlight_text(document.text, highlights),
    )


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
        title=data.document.title or data.document.id,
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
    event = _find_event(context.store, document_id, event_key)
    if event is None:
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


def _find_event(store: Store, document_id: str, key: str) -> Event | None:
    found = (e for e in store.iter_corrected_events(document_id=document_id) if e.key == key)
    return next(found, None)
