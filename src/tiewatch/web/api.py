"""The JSON API under ``/api/v1`` (#5): documents, events, quotes, figures, storylines,
claims, indicators, dyad series, briefs and corrections; ingest. Every list takes the
filters of its dashboard page, ``page``/``per_page``, and ``format=csv|jsonl`` to download
the whole filtered list. Writes need the bearer token (``require_token``).

Docs: docs/dashboard.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response, status

from tiewatch.ingest.dedup import NearDuplicateIndex, link_near_duplicate, simhash
from tiewatch.ingest.records import document_from_record
from tiewatch.models import Correction, parse_event_key
from tiewatch.store.queries import (
    MAX_PAGE,
    MAX_PER_PAGE,
    DocumentFilters,
    EventFilters,
    MentionFilters,
    Page,
    Paging,
)
from tiewatch.web import schemas, views
from tiewatch.web.deps import WebContext, get_context, require_token
from tiewatch.web.downloads import DOWNLOAD_RESPONSES, ListFormat, download

router = APIRouter(tags=["api"])

T = TypeVar("T")
Context = Annotated[WebContext, Depends(get_context)]
Text = Annotated[str | None, Query(max_length=500)]
Format = Annotated[ListFormat, Query(description="json, or csv/jsonl to download every match")]
Order = Annotated[Literal["asc", "desc"], Query()]
Id = Annotated[str, Path(max_length=200)]


def paging(
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 50,
) -> Paging:
    return Paging(page=page, per_page=per_page)


Pages = Annotated[Paging, Depends(paging)]


def event_filters(
    date_from: date | None = None,
    date_to: date | None = None,
    actor: Text = None,
    dyad: Annotated[str | None, Query(max_length=100, description="e.g. CHN-RUS")] = None,
    type: Text = None,
    status: Text = None,
    outlet: Text = None,
    document_id: Text = None,
    q: Text = None,
    sort: Literal["date", "type", "source", "target", "outlet", "confidence"] = "date",
    order: Order = "desc",
) -> EventFilters:
    return EventFilters(**_given(locals()))


def document_filters(
    date_from: date | None = None,
    date_to: date | None = None,
    outlet: Text = None,
    q: Text = None,
    sort: Literal["published", "title", "outlet"] = "published",
    order: Order = "desc",
) -> DocumentFilters:
    return DocumentFilters(**_given(locals()))


def quote_filters(
    date_from: date | None = None,
    date_to: date | None = None,
    outlet: Text = None,
    document_id: Text = None,
    actor: Annotated[str | None, Query(max_length=500, description="speaker code or name")] = None,
    q: Text = None,
) -> MentionFilters:
    return MentionFilters(**_given(locals()))


def quantity_filters(
    date_from: date | None = None,
    date_to: date | None = None,
    outlet: Text = None,
    document_id: Text = None,
    unit: Annotated[str | None, Query(max_length=500, description="e.g. bcm/yr")] = None,
    q: Text = None,
) -> MentionFilters:
    return MentionFilters(**_given(locals()))


def _given(values: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}


def _page(found: Page[T], convert: Callable[[T], dict[str, Any]]) -> dict[str, Any]:
    return {
        "items": [convert(item) for item in found.items],
        "total": found.total,
        "page": found.page,
        "per_page": found.per_page,
        "pages": found.pages,
    }


def _listing(
    read: Callable[[Paging], Page[T]],
    convert: Callable[[T], dict[str, Any]],
    *,
    pages: Paging,
    format: str,
    name: str,
) -> Any:
    """One page as JSON, or with ``format`` csv/jsonl every match as a download."""
    if format != "json":
        return download((convert(item) for item in _all_pages(read)), format, name=name)
    return _page(read(pages), convert)


def _all_pages(read: Callable[[Paging], Page[T]]) -> Iterator[T]:
    """Every match, a page of MAX_PER_PAGE at a time (for downloads)."""
    number = 1
    while True:
        found = read(Paging(page=number, per_page=MAX_PER_PAGE))
        yield from found.items
        if number >= found.pages:
            return
        number += 1


def _hit_out(convert: Callable[..., dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
    def out(hit: Any) -> dict[str, Any]:
        item = hit.event if hasattr(hit, "event") else hit.item
        return convert(item, title=hit.title, outlet=hit.outlet, published=hit.published)

    return out


# documents


@router.get("/documents", response_model=schemas.DocumentPage, responses=DOWNLOAD_RESPONSES)
def list_documents(
    context: Context,
    filters: Annotated[DocumentFilters, Depends(document_filters)],
    pages: Pages,
    format: Format = "json",
) -> Any:
    """Documents (without their text), newest first."""
    return _listing(
        lambda p: context.store.documents_page(filters, paging=p),
        schemas.document_out,
        pages=pages,
        format=format,
        name="documents",
    )


@router.get("/documents/{document_id}", response_model=schemas.DocumentDetail)
def get_document(context: Context, document_id: Id) -> Any:
    """One document with its text, sentences, events (corrected), quotes and figures."""
    view = views.document_view(context.store, document_id)
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such document")
    document = view.document
    return {
        **{name: getattr(document, name, None) for name in schemas.DocumentOut.model_fields},
        "status": view.status,
        "text": document.text,
        "sentences": [schemas.sentence_out(s) for s in view.sentences],
        "events": [schemas.event_out(e) for e in view.events],
        "quotes": [schemas.quote_out(q) for q in view.quotes],
        "quantities": [schemas.quantity_out(q) for q in view.quantities],
        "corrections": [schemas.correction_out(c) for c in view.corrections],
    }


@router.post(
    "/ingest",
    response_model=schemas.IngestOut,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_token)],
)
def ingest_document(context: Context, body: schemas.DocumentIn, response: Response) -> Any:
    """Store a document (``tiewatch process`` extracts it); 200 if the text is stored."""
    document = document_from_record(body.model_dump(), source="api", settings=context.settings)
    store = context.store
    if store.get_document(document.id) is not None:
        response.status_code = status.HTTP_200_OK
        stored = store.get_document(document.id)
        near = stored.near_duplicate_of if stored else None
        return {"id": document.id, "created": False, "near_duplicate_of": near}
    index = NearDuplicateIndex(context.settings.near_duplicate_bits)
    for doc_id, fingerprint in store.fingerprints():
        index.add(doc_id, fingerprint)
    fingerprint = simhash(document.text)
    document = link_near_duplicate(document, index, fingerprint=fingerprint)
    created = store.add_document(document, fingerprint=fingerprint)
    return {"id": document.id, "created": created, "near_duplicate_of": document.near_duplicate_of}


# events, quotes, figures


@router.get("/events", response_model=schemas.EventPage, responses=DOWNLOAD_RESPONSES)
def list_events(
    context: Context,
    filters: Annotated[EventFilters, Depends(event_filters)],
    pages: Pages,
    format: Format = "json",
) -> Any:
    """Events with analysts' corrections applied, filtered, sorted and paginated."""
    return _listing(
        lambda p: context.store.events_page(filters, paging=p),
        _hit_out(schemas.event_out),
        pages=pages,
        format=format,
        name="events",
    )


@router.get("/events/{key:path}", response_model=schemas.EventOut)
def get_event(context: Context, key: Annotated[str, Path(max_length=400)]) -> Any:
    """One event by its key (corrected; 404 when unknown or deleted)."""
    event = _find_event(context, key, corrected=True)
    return schemas.event_out(event)


def _find_event(context: WebContext, key: str, *, corrected: bool) -> Any:
    try:
        event = context.store.find_event(key, corrected=corrected) if "\x00" not in key else None
    except ValueError:
        event = None
    if event is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such event")
    return event


@router.get("/quotes", response_model=schemas.QuotePage, responses=DOWNLOAD_RESPONSES)
def list_quotes(
    context: Context,
    filters: Annotated[MentionFilters, Depends(quote_filters)],
    pages: Pages,
    format: Format = "json",
) -> Any:
    """Quotes with their speakers; ``actor`` matches the speaker's code or name."""
    return _listing(
        lambda p: context.store.quotes_page(filters, paging=p),
        _hit_out(schemas.quote_out),
        pages=pages,
        format=format,
        name="quotes",
    )


@router.get("/quantities", response_model=schemas.QuantityPage, responses=DOWNLOAD_RESPONSES)
def list_quantities(
    context: Context,
    filters: Annotated[MentionFilters, Depends(quantity_filters)],
    pages: Pages,
    format: Format = "json",
) -> Any:
    """Figures with their units and measures."""
    return _listing(
        lambda p: context.store.quantities_page(filters, paging=p),
        _hit_out(schemas.quantity_out),
        pages=pages,
        format=format,
        name="quantities",
    )


# corrections


@router.get("/corrections", response_model=list[schemas.CorrectionOut])
def list_corrections(context: Context, document_id: Text = None) -> Any:
    """Every correction (of one document), oldest first, with who and when, and whether
    the event it corrects is still extracted (``matched``)."""
    if document_id is not None and "\x00" in document_id:
        return []
    found = views.corrections_with_status(context.store, document_id=document_id)
    return [{**schemas.correction_out(c.correction), "matched": c.matched} for c in found]


@router.post(
    "/corrections",
    response_model=schemas.CorrectionOut,
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(require_token)],
)
def create_correction(context: Context, body: schemas.CorrectionIn) -> Any:
    """Mark an event wrong or fix its type, actors, date or status. Stored apart from the
    extraction, it survives re-processing; the latest correction of an event wins."""
    _find_event(context, body.event_key, corrected=False)
    values = body.model_dump(exclude={"event_key", "action"})
    correction = Correction(*parse_event_key(body.event_key), action=body.action, **values)
    return schemas.correction_out(context.store.add_correction(correction))
