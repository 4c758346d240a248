"""Claims, bulk saves and migration 0002, on SQLite and PostgreSQL (the ``store`` fixture)."""

from __future__ import annotations

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import sqlalchemy as sa
from alembic import command

from tiewatch.models import Annotation, Document, Event, Sentence, content_hash
from tiewatch.scale import process_store, release_dead_claims
from tiewatch.scale.claims import is_dead_local_owner, new_owner
from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.store.engine import create_store_engine
from tiewatch.store.migrate import alembic_config
from tiewatch.store.schema import documents, events

HOST = "scale-test-host"


def make_documents(count: int) -> list[Document]:
    texts = [f"Minister number {n} of Norland visited the port of Sudmark." for n in range(count)]
    return [
        Document(id=content_hash(text), text=text, published=date(2025, 1, 1 + n))
        for n, text in enumerate(texts)
    ]


def make_annotation(document: Document, *, events_count: int = 1) -> Annotation:
    sentence = Sentence(document.id, 0, 0, len(document.text), document.text)
    found = tuple(
        Event(
            type="CONSULT",
            source="NOR",
            target="SUD",
            document_id=document.id,
            sentence_index=0,
            start=n,
            end=n + 3,
            sentence=document.text,
        )
        for n in range(events_count)
    )
    return Annotation(document=document, sentences=(sentence,), events=found)


@pytest.fixture
def stocked(store: Store) -> tuple[Store, list[Document]]:
    found = make_documents(5)
    for document in found:
        store.add_document(document)
    return store, found


def dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    return int(finished.stdout)


def test_claims_are_disjoint_and_in_reading_order(stocked: tuple[Store, list[Document]]) -> None:
    store, stored = stocked
    first = store.claim_documents("a:1:x", limit=3, lease=600)
    second = store.claim_documents("b:2:y", limit=3, lease=600)
    assert [d.id for d in first] == [d.id for d in stored[:3]]
    assert [d.id for d in second] == [d.id for d in stored[3:]]
    assert store.claim_documents("c:3:z", limit=3, lease=600) == []
    assert store.claimants() == ["a:1:x", "b:2:y"]


def test_stale_claims_are_taken_over(stocked: tuple[Store, list[Document]]) -> None:
    store, _ = stocked
    store.claim_documents("a:1:x", limit=5, lease=600)
    time.sleep(0.05)
    assert len(store.claim_documents("b:2:y", limit=5, lease=0.01)) == 5
    assert store.claimants() == ["b:2:y"]


def test_release_renew_and_finish(stocked: tuple[Store, list[Document]]) -> None:
    store, stored = stocked
    claimed = store.claim_documents("a:1:x", limit=3, lease=600)
    store.save_annotations([make_annotation(claimed[0])])
    store.mark_failed(claimed[1].id, "broken")
    assert store.renew_claims("a:1:x") == 1  # only the unfinished one is still held
    assert store.release_claims("a:1:x") == 1
    assert store.claimants() == []
    assert {d.id for d in store.claim_documents("b:2:y", limit=5, lease=600)} == {
        d.id for d in stored if d.id not in (claimed[0].id, claimed[1].id)
    }


def test_save_annotations_replaces_in_bulk(stocked: tuple[Store, list[Document]]) -> None:
    store, stored = stocked
    store.save_annotations([make_annotation(d, events_count=2) for d in stored])
    store.save_annotations([make_annotation(d, events_count=1) for d in stored[:2]])
    repeated = [make_annotation(stored[2], events_count=3), make_annotation(stored[2])]
    store.save_annotations(repeated)  # the last annotation of a document wins
    counts = {d.id: len(list(store.iter_events(document_id=d.id))) for d in stored}
    assert [counts[d.id] for d in stored] == [1, 1, 1, 2, 2]
    assert store.count_documents(status="processed") == 5


def test_reset_documents_makes_them_new(stocked: tuple[Store, list[Document]]) -> None:
    store, stored = stocked
    store.save_annotations([make_annotation(d) for d in stored[:3]])
    store.mark_failed(stored[3].id, "broken")
    assert store.reset_documents() == 4
    assert store.count_documents(status="new") == 5
    assert len(list(store.iter_events())) == 3  # kept until replaced


def test_dead_local_owner() -> None:
    pid = dead_pid()
    assert is_dead_local_owner(f"{HOST}:{pid}:x", host=HOST)
    assert not is_dead_local_owner(f"elsewhere:{pid}:x", host=HOST)
    assert not is_dead_local_owner(f"{HOST}:1:x", host=HOST)  # init never dies
    assert not is_dead_local_owner("garbage", host=HOST)
    assert not is_dead_local_owner(new_owner())  # this process


def test_release_dead_claims(stocked: tuple[Store, list[Document]]) -> None:
    store, _ = stocked
    dead = new_owner().rsplit(":", 2)[0] + f":{dead_pid()}:x"
    store.claim_documents(dead, limit=2, lease=600)
    store.claim_documents("elsewhere:1:y", limit=2, lease=600)
    assert release_dead_claims(store) == 2
    assert store.claimants() == ["elsewhere:1:y"]


def test_process_leaves_documents_a_live_run_holds(
    stocked: tuple[Store, list[Document]], store_url: str
) -> None:
    store, _ = stocked
    store.claim_documents("elsewhere:1:y", limit=5, lease=600)
    results = list(process_store(store, settings=Settings(db=store_url), workers=2))
    assert results == []
    assert store.count_documents(status="new") == 5
    assert store.claimants() == ["elsewhere:1:y"]


def test_upgrade_from_0001_keeps_documents_and_events(store_url: str) -> None:
    engine = create_store_engine(store_url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0001")
        document = make_documents(1)[0]
        with engine.begin() as conn:
            conn.execute(sa.insert(documents), [{"id": document.id, "text": document.text}])
            conn.execute(sa.insert(events), [_event_row(document.id)])
    finally:
        engine.dispose()
    with Store.open(store_url) as store:
        assert [d.id for d in store.claim_documents("a:1:x", limit=5, lease=600)] == [document.id]
        assert len(list(store.iter_events())) == 1


def _event_row(document_id: str) -> dict[str, object]:
    return {"document_id": document_id, "sentence_index": 0, "start": 0, "end": 3,
            "type": "CONSULT", "sentence": "x", "status": "occurred", "contexts": [],
            "confidence": 0.5, "extractor_version": "old"}  # fmt: skip


def test_concurrent_claimers_never_share_a_document(store: Store) -> None:
    stored = make_documents(24)
    for document in stored:
        store.add_document(document)

    def drain(owner: str) -> list[str]:
        taken: list[str] = []
        while found := store.claim_documents(owner, limit=2, lease=600):
            taken.extend(d.id for d in found)
        return taken

    with ThreadPoolExecutor(max_workers=4) as pool:
        shares = list(pool.map(drain, [f"h:{n}:t" for n in range(4)]))
    taken = [doc_id for share in shares for doc_id in share]
    assert sorted(taken) == sorted(d.id for d in stored)
