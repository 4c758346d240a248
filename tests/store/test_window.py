"""``Store.load_window``: a reporting window in a few set-based queries (#4, #5)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from brief_corpus import DOC_APRIL, DOC_MARCH, make_annotations, make_brief
from tiewatch.analyze.watchlist import load_watchlist
from tiewatch.brief.compose import BriefOptions, build_brief
from tiewatch.errors import QueryError
from tiewatch.models import Annotation, Correction, Document
from tiewatch.store import Store
from web_corpus import HOSTILE_ID, fill_store


def test_window_holds_the_months_documents_and_their_rows(store: Store) -> None:
    fill_store(store)
    store.add_document(Document(id="d-new", text="Not yet processed.", published=date(2025, 4, 2)))
    window = store.load_window("2025-04", "2025-04")
    assert [d.id for d in window.documents] == [DOC_APRIL, HOSTILE_ID]
    assert {s.document_id for s in window.sentences} == {DOC_APRIL, HOSTILE_ID}
    assert len(window.events) == 5 and len(window.quotes) == 2 and len(window.quantities) == 2
    both = store.load_window("2025-01", "2025-12")
    assert [d.id for d in both.documents] == [DOC_MARCH, DOC_APRIL, HOSTILE_ID]
    assert store.load_window("2024-01", "2024-12").documents == ()


def test_months_with_processed_documents(store: Store) -> None:
    assert store.months() == [] and store.latest_month() is None
    fill_store(store)
    store.add_document(Document(id="d-new", text="Not yet processed.", published=date(2025, 6, 2)))
    assert store.months() == ["2025-03", "2025-04"] and store.latest_month() == "2025-04"


def test_window_events_are_corrected(store: Store) -> None:
    fill_store(store)
    aid = next(e for e in store.iter_events(document_id=DOC_MARCH) if e.type == "AID")
    store.add_correction(Correction.for_event(aid, action="delete"))
    window = store.load_window("2025-03", "2025-03")
    assert aid.key not in {e.key for e in window.events} and len(window.corrections) == 1
    assert list(window.events) == list(store.iter_corrected_events(document_id=DOC_MARCH))


def test_window_brief_equals_the_hand_made_brief(sqlite_store: Store) -> None:
    for annotation in make_annotations():
        sqlite_store.add_document(annotation.document)
        sqlite_store.save_annotation(annotation)
    window = sqlite_store.load_window("2024-11", "2025-04")
    brief = build_brief(
        window.documents,
        window.sentences,
        events=window.events,
        quotes=window.quotes,
        quantities=window.quantities,
        watchlist=load_watchlist("china-russia-ukraine"),
        month="2025-04",
        options=BriefOptions(),
    )
    expected = make_brief("2025-04")
    assert brief.sections == expected.sections and brief.sources == expected.sources


def test_window_reads_in_a_fixed_number_of_queries(sqlite_store: Store) -> None:
    annotation = make_annotations()[1]
    for number in range(30):
        document = replace(annotation.document, id=f"d-{number}")
        copy = replace(
            annotation,
            document=document,
            sentences=tuple(replace(s, document_id=document.id) for s in annotation.sentences),
            events=tuple(replace(e, document_id=document.id) for e in annotation.events),
            quotes=(),
            quantities=(),
        )
        sqlite_store.save_annotation(copy)
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    sa.event.listen(sqlite_store.engine, "before_cursor_execute", count)
    window = sqlite_store.load_window("2025-04", "2025-04")
    sa.event.remove(sqlite_store.engine, "before_cursor_execute", count)
    assert len(window.documents) == 30 and len(window.events) == 120
    assert len(statements) <= 8


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("2025-13", "2025-12"),
        ("2025", "2025-02"),
        ("2025-05", "2025-04"),
        ("x", "y"),
        ("1" * 30 + "-01", "2025-01"),
        ("1-1", "2025-01"),  # parses as a PartialDate, but month arithmetic needs 0001-01
        ("2025-01", "2025-3"),
        ("2025-01-01", "2025-02"),
    ],
)
def test_bad_months_raise_query_error(sqlite_store: Store, first: str, last: str) -> None:
    with pytest.raises(QueryError):
        sqlite_store.load_window(first, last)


def test_load_document_bundles_its_rows(store: Store) -> None:
    fill_store(store)
    aid = next(e for e in store.iter_events(document_id=DOC_APRIL) if e.type == "AID")
    store.add_correction(Correction.for_event(aid, action="delete"))
    bundle = store.load_document(DOC_APRIL)
    assert bundle is not None and bundle.status == "processed"
    assert len(bundle.sentences) == 4 and len(bundle.events) == 3 and len(bundle.corrections) == 1
    assert store.load_document("unknown") is None


def test_snapshot_reads_ignore_concurrent_writes(sqlite_store: Store) -> None:
    fill_store(sqlite_store)
    with sqlite_store._snapshot("test") as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM events").scalar()
        # Re-processing finds nothing in the March document: its rows go.
        sqlite_store.save_annotation(Annotation(document=make_annotations()[0].document))
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == before
    assert len(list(sqlite_store.iter_events())) == before - 4


def test_window_token_follows_the_window_only(store: Store) -> None:
    fill_store(store)
    token = store.window_token("2025-04", "2025-04")
    later = Document(id="d-later", text="Later news.", published=date(2025, 9, 1))
    store.save_annotation(Annotation(document=later))
    assert store.window_token("2025-04", "2025-04") == token
    store.save_annotation(make_annotations()[1])  # an April document re-processed
    reprocessed = store.window_token("2025-04", "2025-04")
    assert reprocessed != token
    aid = next(e for e in store.iter_events(document_id=DOC_APRIL) if e.type == "AID")
    store.add_correction(Correction.for_event(aid, action="delete"))
    assert store.window_token("2025-04", "2025-04") != reprocessed
