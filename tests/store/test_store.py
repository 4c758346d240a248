"""Store behaviour, run on SQLite and PostgreSQL through the parametrized ``store`` fixture."""

from __future__ import annotations

import socket
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import cast

import pytest

from tiewatch.errors import StoreError
from tiewatch.models import (
    Annotation,
    Document,
    Event,
    Failure,
    Quantity,
    Quote,
    Sentence,
    Stats,
    content_hash,
)
from tiewatch.store import Store
from tiewatch.store.engine import SQLITE_BUSY_TIMEOUT_MS, display_url, parse_database_url
from tiewatch.store.rows import to_signed, to_unsigned

TEXT = (
    "The foreign ministers of Norland and Sudmark met in Geneva on Tuesday. "
    '"We agreed to reopen the border crossings," the Norland minister said. '
    "Trade between the two rose 12 percent last year."
)


def make_document(text: str = TEXT, **fields: object) -> Document:
    values: dict[str, object] = {
        "title": "Ministers meet",
        "url": "https://news.example/ministers",
        "outlet": "Example News",
        "published": date(2025, 5, 6),
        "ingested_at": datetime(2025, 5, 7, 9, 30, tzinfo=UTC),
        "source": "https://news.example/ministers",
        "external_id": "ex-1",
    }
    values.update(fields)
    return Document(id=content_hash(text), text=text, **values)  # type: ignore[arg-type]


def make_annotation(document: Document, *, version: str = "v1") -> Annotation:
    doc_id = document.id
    return Annotation(
        document=document,
        sentences=(
            Sentence(doc_id, 0, 0, 70, TEXT[0:70]),
            Sentence(doc_id, 1, 71, 144, TEXT[71:144]),
            Sentence(doc_id, 2, 145, len(TEXT), TEXT[145:]),
        ),
        events=(
            Event(
                type="CONSULT",
                source="NOR",
                target="SUD",
                document_id=doc_id,
                sentence_index=0,
                start=43,
                end=46,
                sentence=TEXT[0:70],
                source_sector="GOV",
                target_sector="GOV",
                date="2025-05-06",
                date_precision="day",
                contexts=("diplomacy", "border"),
                trigger="met",
                confidence=0.8,
                extractor_version=version,
            ),
            Event(
                type="AGREE",
                source="NOR",
                target="SUD",
                document_id=doc_id,
                sentence_index=1,
                start=75,
                end=81,
                sentence=TEXT[71:144],
                mode="reopen",
                date="2025-05",
                date_precision="month",
                status="planned",
                reported_by="Example News",
                extractor_version=version,
            ),
        ),
        quotes=(
            Quote(
                text="We agreed to reopen the border crossings,",
                document_id=doc_id,
                start=72,
                end=113,
                sentence_index=1,
                speaker="the Norland minister",
                speaker_actor="NOR",
                date="2025-05-06",
            ),
        ),
        quantities=(
            Quantity(
                text="12 percent",
                value=12.0,
                unit="percent",
                document_id=doc_id,
                start=170,
                end=180,
                sentence_index=2,
                measure="trade",
                date="2024",
            ),
        ),
        extractor_version=version,
    )


def test_add_document_twice_is_a_no_op(store: Store) -> None:
    document = make_document()
    assert store.add_document(document) is True
    assert store.add_document(replace(document, title="Changed")) is False
    assert store.count_documents() == 1
    assert store.get_document(document.id) == document


def test_get_document_round_trips_every_field(store: Store) -> None:
    document = make_document(near_duplicate_of="0" * 32)
    store.add_document(document)
    assert store.get_document(document.id) == document
    assert store.get_document("missing") is None


def test_timestamps_come_back_in_utc(store: Store) -> None:
    local = datetime(2025, 5, 7, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    document = make_document(ingested_at=local)
    store.add_document(document)
    stored = store.get_document(document.id)
    assert stored is not None and stored.ingested_at is not None
    assert stored.ingested_at == local
    assert stored.ingested_at.utcoffset() == timedelta(0)


def test_undated_documents(store: Store) -> None:
    dated = make_document("A dated statement about talks.", published=date(2025, 1, 2))
    undated = make_document("An undated statement about talks.", published=None)
    store.add_document(undated)
    store.add_document(dated)
    stored = store.get_document(undated.id)
    assert stored is not None and stored.undated
    assert [d.id for d in store.iter_documents()] == [dated.id, undated.id]
    assert store.stats().undated == 1


def test_iter_documents_orders_by_date_then_id(store: Store) -> None:
    texts = ["Third statement text.", "First statement text.", "Second statement text."]
    days = [date(2025, 3, 1), date(2025, 1, 1), date(2025, 2, 1)]
    for text, day in zip(texts, days, strict=True):
        store.add_document(make_document(text, published=day))
    assert [d.published for d in store.iter_documents()] == sorted(days)


@pytest.mark.parametrize(
    "fingerprint",
    [0, 1, 2**62, 2**63 - 1, 2**63, 2**63 + 12345, 2**64 - 1],
)
def test_fingerprints_round_trip(store: Store, fingerprint: int) -> None:
    document = make_document()
    store.add_document(document, fingerprint=fingerprint)
    store.add_document(make_document("No fingerprint here, just text."))
    assert list(store.fingerprints()) == [(document.id, fingerprint)]


@pytest.mark.parametrize("value", [-1, 2**64])
def test_fingerprint_out_of_range_is_rejected(value: int) -> None:
    with pytest.raises(ValueError, match="64-bit"):
        to_signed(value)


@pytest.mark.parametrize(
    ("unsigned", "signed"), [(0, 0), (2**63 - 1, 2**63 - 1), (2**63, -(2**63)), (2**64 - 1, -1)]
)
def test_signed_conversion(unsigned: int, signed: int) -> None:
    assert to_signed(unsigned) == signed
    assert to_unsigned(signed) == unsigned


def test_save_annotation_reads_back_equal_models(store: Store) -> None:
    document = make_document()
    annotation = make_annotation(document)
    store.add_document(document)
    store.save_annotation(annotation)
    assert tuple(store.iter_sentences(document.id)) == annotation.sentences
    assert tuple(store.iter_events()) == annotation.events
    assert tuple(store.iter_events(document_id=document.id)) == annotation.events
    assert tuple(store.iter_quotes(document_id=document.id)) == annotation.quotes
    assert tuple(store.iter_quantities()) == annotation.quantities
    assert list(store.iter_events(document_id="other")) == []


def test_save_annotation_marks_processed(store: Store) -> None:
    document = make_document()
    store.add_document(document)
    store.save_annotation(make_annotation(document, version="v7"))
    assert [d.id for d in store.iter_documents(status="processed")] == [document.id]
    assert store.count_documents(status="new") == 0
    with store.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT extractor_version, processed_at FROM documents").one()
    assert row[0] == "v7" and row[1] is not None


def test_save_annotation_stores_an_unknown_document(store: Store) -> None:
    document = make_document()
    store.save_annotation(make_annotation(document))
    assert store.get_document(document.id) == document
    assert store.count_documents(status="processed") == 1


def test_save_annotation_twice_replaces(store: Store) -> None:
    document = make_document()
    store.add_document(document)
    store.save_annotation(make_annotation(document, version="v1"))
    second = make_annotation(document, version="v2")
    store.save_annotation(second)
    stats = store.stats()
    assert (stats.sentences, stats.events, stats.quotes, stats.quantities) == (3, 2, 1, 1)
    assert tuple(store.iter_events()) == second.events


def test_failed_save_keeps_the_previous_annotation(store: Store) -> None:
    document = make_document()
    first = make_annotation(document, version="v1")
    store.save_annotation(first)
    bad_quantity = replace(first.quantities[0], unit=cast(str, None))  # violates NOT NULL
    broken = replace(make_annotation(document, version="v2"), quantities=(bad_quantity,))
    with pytest.raises(StoreError, match="save annotation"):
        store.save_annotation(broken)
    assert tuple(store.iter_sentences(document.id)) == first.sentences
    assert tuple(store.iter_events()) == first.events
    assert tuple(store.iter_quotes()) == first.quotes
    assert tuple(store.iter_quantities()) == first.quantities


def test_save_annotation_rejects_rows_of_another_document(store: Store) -> None:
    document = make_document()
    annotation = make_annotation(document)
    stray = replace(annotation.events[0], document_id="f" * 32)
    with pytest.raises(ValueError, match="holds rows of"):
        store.save_annotation(replace(annotation, events=(stray,)))
    assert store.count_documents() == 0


def test_mark_failed_records_a_process_failure(store: Store) -> None:
    document = make_document()
    store.add_document(document)
    store.mark_failed(document.id, "parser crashed")
    assert store.count_documents(status="failed") == 1
    [failure] = store.failures()
    assert (failure.input, failure.stage, failure.reason, failure.document_id) == (
        document.source,
        "process",
        "parser crashed",
        document.id,
    )
    assert failure.at is not None


def test_record_failure_round_trips(store: Store) -> None:
    at = datetime(2025, 5, 7, 10, 0, tzinfo=UTC)
    failure = Failure(input="feeds/bad.html", stage="ingest", reason="no article", at=at)
    store.record_failure(failure)
    store.record_failure(Failure(input="x.bin", stage="ingest", reason="binary"))
    stored = store.failures()
    assert stored[0] == failure
    assert stored[1].at is not None


def test_stats_counts_everything(store: Store) -> None:
    document = make_document()
    store.add_document(document)
    store.add_document(make_document("Undated copy of a statement.", published=None))
    store.add_document(
        make_document("A near copy of the statement.", near_duplicate_of=document.id)
    )
    store.save_annotation(make_annotation(document))
    store.mark_failed(content_hash("Undated copy of a statement."), "boom")
    store.record_failure(Failure(input="a.txt", stage="ingest", reason="empty"))
    assert store.stats() == Stats(
        documents=3,
        processed=1,
        undated=1,
        near_duplicates=1,
        sentences=3,
        events=2,
        quotes=1,
        quantities=1,
        failures=2,
        events_by_type={"AGREE": 1, "CONSULT": 1},
        failures_by_stage={"ingest": 1, "process": 1},
    )


def test_stats_of_an_empty_store(store: Store) -> None:
    assert store.stats() == Stats()


def test_unknown_status_is_rejected(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown document status"):
        store.count_documents(status="done")


def test_iteration_pages_through_many_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tiewatch.store.store.PAGE_SIZE", 2)
    monkeypatch.setattr("tiewatch.store.store.DOCUMENT_PAGE_SIZE", 2)
    documents = [make_document(f"Statement number {n}.", published=None) for n in range(5)]
    for n, document in enumerate(documents):
        store.add_document(document, fingerprint=n)
    assert sorted(store.fingerprints()) == sorted((d.id, n) for n, d in enumerate(documents))
    assert [d.id for d in store.iter_documents()] == sorted(d.id for d in documents)
    annotation = make_annotation(documents[0])
    events = tuple(replace(annotation.events[0], document_id=documents[0].id) for _ in range(5))
    store.save_annotation(replace(annotation, document=documents[0], events=events, sentences=()))
    assert len(list(store.iter_events())) == 5


def test_saving_while_iterating_documents(store: Store) -> None:
    texts = [f"Statement {n} on the talks." for n in range(3)]
    for text in texts:
        store.add_document(make_document(text))
    for document in store.iter_documents(status="new"):
        store.save_annotation(Annotation(document=document, extractor_version="v1"))
    assert store.count_documents(status="processed") == 3


def test_reopen_keeps_data(store_url: str) -> None:
    document = make_document()
    with Store.open(store_url) as store:
        store.add_document(document)
    with Store.open(store_url) as store:
        assert store.get_document(document.id) == document


def test_sqlite_uses_wal_foreign_keys_and_busy_timeout(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u@localhost/db", "postgresql+psycopg"),
        ("postgres://u@localhost/db", "postgresql+psycopg"),
        ("postgresql+psycopg://u@localhost/db", "postgresql+psycopg"),
        ("sqlite:///tiewatch.db", "sqlite"),
    ],
)
def test_database_urls_use_psycopg(url: str, driver: str) -> None:
    assert parse_database_url(url).drivername == driver


def test_displayed_url_hides_the_password() -> None:
    shown = display_url(parse_database_url("postgresql://u:secret@localhost/db"))
    assert "secret" not in shown and shown.startswith("postgresql+psycopg://u:")


@pytest.mark.parametrize("url", ["mysql://u@localhost/db", "not a url"])
def test_unsupported_urls_raise_store_error(url: str) -> None:
    with pytest.raises(StoreError):
        Store.open(url)


def test_missing_psycopg_raises_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match="psycopg"):
        Store.open("postgresql://postgres@127.0.0.1:1/tiewatch")


def test_unreachable_postgres_fails_fast() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        began = time.monotonic()
        with pytest.raises(StoreError, match="cannot open database"):
            Store.open(f"postgresql://postgres@127.0.0.1:{port}/tiewatch?connect_timeout=3")
    assert time.monotonic() - began < 5


def test_unopenable_sqlite_path_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open database"):
        Store.open(f"sqlite:///{tmp_path}/missing/dir/t.db")
