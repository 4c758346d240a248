"""The dashboard's list queries (#5), on SQLite and PostgreSQL over the web test corpus."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from brief_corpus import DOC_APRIL, DOC_MARCH
from tiewatch.errors import QueryError
from tiewatch.models import Correction
from tiewatch.store import Store
from tiewatch.store.queries import (
    DocumentFilters,
    EventFilters,
    MentionFilters,
    Paging,
    dyad_codes,
)
from web_corpus import HOSTILE_ID, fill_store

INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE events; --", '" OR ""="', "%", "_", "\\", "%%_"]


@pytest.fixture
def filled(store: Store) -> Store:
    return fill_store(store)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 9),
        ({"dyad": "CHN-RUS"}, 7),
        ({"dyad": "rus-chn"}, 7),
        ({"actor": "UKR"}, 2),
        ({"actor": "lavrov"}, 1),
        ({"type": "AID"}, 2),
        ({"type": "aid"}, 2),
        ({"status": "alleged"}, 1),
        ({"outlet": "plain wire"}, 4),
        ({"q": "drone engines"}, 4),
        ({"q": "Test d-april"}, 4),  # the title
        ({"q": "50%"}, 0),
        ({"q": "_"}, 0),
        ({"date_from": date(2025, 4, 1)}, 5),
        ({"date_to": date(2025, 3, 31)}, 4),
        ({"date_from": date(2025, 4, 10), "date_to": date(2025, 4, 10)}, 3),
        ({"document_id": HOSTILE_ID}, 1),
        ({"dyad": "CHN-RUS", "type": "AGREE", "date_from": date(2025, 4, 1)}, 1),
    ],
)
def test_event_filters(filled: Store, filters: dict[str, Any], expected: int) -> None:
    page = filled.events_page(EventFilters(**filters))
    assert page.total == expected == len(page.items)


@pytest.mark.parametrize("field", ["actor", "type", "status", "outlet", "q", "document_id"])
def test_injection_strings_match_nothing_and_harm_nothing(filled: Store, field: str) -> None:
    for value in INJECTIONS:
        assert filled.events_page(EventFilters(**{field: value})).total == 0, value
        assert filled.documents_page(DocumentFilters(q=value)).total == 0, value
        assert filled.quotes_page(MentionFilters(actor=value, q=value)).total == 0, value
    with filled.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM events")) == 9


def test_sorting_and_pagination(filled: Store) -> None:
    by_date = filled.events_page(EventFilters(sort="date", order="asc"))
    dates = [hit.event.date or str(hit.published) for hit in by_date.items]
    assert dates == sorted(dates) and dates[0].startswith("2025-03")
    by_confidence = filled.events_page(EventFilters(sort="confidence"))
    assert by_confidence.items[0].event.confidence == 0.8
    pages = [
        filled.events_page(EventFilters(sort="type"), paging=Paging(page=n, per_page=4))
        for n in (1, 2, 3, 4)
    ]
    assert [len(p.items) for p in pages] == [4, 4, 1, 0]
    assert {p.pages for p in pages} == {3}
    keys = [hit.event.key for p in pages for hit in p.items]
    assert len(set(keys)) == 9
    types = [hit.event.type for p in pages for hit in p.items]
    assert types == sorted(types, reverse=True)
    assert pages[0].items[0].outlet and pages[0].items[0].published


def test_event_queries_apply_corrections(filled: Store) -> None:
    hits = filled.events_page(EventFilters(type="AID", document_id=DOC_MARCH)).items
    aid = hits[0].event
    filled.add_correction(Correction.for_event(aid, action="edit", type="SUPPORT"))
    found = filled.events_page(EventFilters(type="SUPPORT")).items
    assert [h.event.key for h in found] == [aid.key] and found[0].event.corrected
    consult = filled.events_page(EventFilters(type="CONSULT")).items[0].event
    filled.add_correction(Correction.for_event(consult, action="delete"))
    assert filled.events_page().total == 8


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [HOSTILE_ID, DOC_APRIL, DOC_MARCH]),
        ({"q": "pipeline"}, [DOC_APRIL, DOC_MARCH]),
        ({"q": "PIPELINE", "outlet": "Harbour Ledger"}, [DOC_MARCH]),
        ({"date_from": date(2025, 4, 1), "date_to": date(2025, 4, 20)}, [DOC_APRIL]),
        ({"sort": "title", "order": "asc"}, [HOSTILE_ID, DOC_APRIL, DOC_MARCH]),
        ({"q": "' OR 1=1 --"}, []),
    ],
)
def test_document_filters(filled: Store, filters: dict[str, Any], expected: list[str]) -> None:
    page = filled.documents_page(DocumentFilters(**filters))
    assert [d.id for d in page.items] == expected and page.total == len(expected)


def test_quotes_and_quantities(filled: Store) -> None:
    assert filled.quotes_page().total == 2
    assert filled.quotes_page(MentionFilters(actor="wang yi")).total == 2
    assert filled.quotes_page(MentionFilters(actor="chn", q="partners")).total == 1
    figures = filled.quantities_page(MentionFilters(unit="bcm/yr"))
    assert figures.total == 3 and figures.items[0].outlet is not None
    assert filled.quantities_page(MentionFilters(q="12")).total == 1
    april = MentionFilters(date_from=date(2025, 4, 1), document_id=DOC_APRIL)
    assert filled.quantities_page(april).total == 1


@pytest.mark.parametrize(
    "build",
    [
        lambda: EventFilters(sort="id; DROP TABLE events"),
        lambda: EventFilters(order="sideways"),  # type: ignore[arg-type]
        lambda: EventFilters(dyad="CHN"),
        lambda: EventFilters(dyad="A-B-C"),
        lambda: DocumentFilters(sort="text"),
        lambda: Paging(page=0),
        lambda: Paging(per_page=501),
        lambda: Paging(page=10**12),
        lambda: EventFilters(actor="\x00"),
        lambda: MentionFilters(q="a\x00b"),
        lambda: DocumentFilters(q="x" * 501),
    ],
)
def test_bad_queries_raise_query_error(build: Any) -> None:
    with pytest.raises(QueryError):
        build()


def test_dyad_codes() -> None:
    assert dyad_codes(" chn-rus ") == ("CHN", "RUS")
