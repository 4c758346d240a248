"""Concurrency (#7): two ``tiewatch process`` runs at once on one store share the work without
doing any document twice; a reader polling a document while annotations are saved sees it
whole, never half annotated; and the dashboard serves every request meanwhile. On SQLite and
on PostgreSQL.

tests/scale/test_work_claims.py checks the claims themselves (disjoint claims from
concurrent claimers); here the real commands run side by side.
"""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hardening_corpus import command, contents, run_to_end, write_corpus

from tiewatch.models import Annotation, Document, Event, Quantity, Quote, Sentence, content_hash
from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web.app import create_app
from web_corpus import TestClient

DOCUMENTS = 120
SEED = 11
ENV = {"TIEWATCH_BATCH_SIZE": "4"}
PROCESSED = re.compile(r"processed (\d+) document\(s\); (\d+) failed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("two") / "s.jsonl", count=DOCUMENTS, seed=SEED)


def processed_count(output: str) -> int:
    found = PROCESSED.search(output)
    if found is None:  # the other run took every batch before this one claimed any
        assert "nothing to process" in output, output
        return 0
    assert found.group(2) == "0", output
    return int(found.group(1))


@pytest.mark.slow
@pytest.mark.model
def test_two_process_runs_at_once_do_every_document_once(
    corpus: Path, store_url: str, tmp_path: Path
) -> None:
    env = {**os.environ, **ENV}
    run_to_end(store_url, "ingest", str(corpus), env=env)
    runs = [
        subprocess.Popen(
            command(store_url, "process", "--workers", "1"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    counts = [processed_count(stdout.decode()) for stdout, _ in outputs]
    assert sum(counts) == DOCUMENTS  # no document done twice, none left out
    assert min(counts) > 0, "the two runs did not overlap"
    reference = f"sqlite:///{tmp_path / 'reference.db'}"
    run_to_end(reference, "ingest", str(corpus), env=env)
    run_to_end(reference, "process", "--workers", "1", env=env)
    shared, alone = contents(store_url), contents(reference)
    for field in ("documents", "sentences", "events", "quotes", "quantities", "rows"):
        assert getattr(shared, field) == getattr(alone, field), field


# A reader while annotations are saved --------------------------------------------------

READS = 60  # at least; the reader goes on until the writer has saved four times
TEXT = (
    "Norway and Iceland signed a fisheries agreement on Monday. Exports rose by 5 percent. "
    '"We are pleased," the minister said. Talks will go on in March. Both sides agreed.'
)


def document(number: int) -> Document:
    text = f"{number}. {TEXT}"
    return Document(
        id=content_hash(text),
        text=text,
        published=date(2025, 2, 3),
        ingested_at=datetime(2025, 2, 4, tzinfo=UTC),
    )


def annotation(document: Document, *, size: int) -> Annotation:
    """``size`` sentences, each with an event, a quote and a figure: two sizes alternate, so
    a reader that sees a mix of both has seen half a save."""
    sentences = tuple(
        Sentence(document.id, index, index, index + 1, document.text[index])
        for index in range(size)
    )
    events = tuple(
        Event("AGREE", "NOR", "ISL", document.id, s.index, s.start, s.end, s.text)
        for s in sentences
    )
    quotes = tuple(Quote(s.text, document.id, s.start, s.end, s.index) for s in sentences)
    quantities = tuple(
        Quantity(s.text, float(size), "percent", document.id, s.start, s.end, s.index)
        for s in sentences
    )
    return Annotation(document, sentences, events, quotes, quantities)


def check_whole(store: Store, document_id: str, sizes: set[int]) -> str:
    bundle = store.load_document(document_id)
    assert bundle is not None
    counts = {
        len(bundle.sentences),
        len(bundle.events),
        len(bundle.quotes),
        len(bundle.quantities),
    }
    if bundle.status == "new":
        assert counts == {0}
    else:
        assert len(counts) == 1 and counts <= sizes, counts
        assert {q.value for q in bundle.quantities} == {float(len(bundle.sentences))}
        assert all(e.sentence_index < len(bundle.sentences) for e in bundle.events)
    return bundle.status


@pytest.fixture
def stocked(store_url: str) -> Iterator[tuple[str, list[Document]]]:
    documents = [document(number) for number in range(4)]
    with Store.open(store_url) as store:
        for item in documents:
            store.add_document(item)
    yield store_url, documents


class Writer(threading.Thread):
    """Saves annotations of sizes 3 and 7 in turn for ``documents`` until stopped."""

    def __init__(self, url: str, documents: list[Document]) -> None:
        super().__init__()
        self.url, self.documents = url, documents
        self.stop = threading.Event()
        self.rounds = 0
        self.errors: list[BaseException] = []

    def run(self) -> None:
        try:
            with Store.open(self.url) as store:
                while not self.stop.is_set():
                    size = 3 + 4 * (self.rounds % 2)
                    store.save_annotations([annotation(d, size=size) for d in self.documents])
                    self.rounds += 1
        except BaseException as exc:  # handed to the test thread
            self.errors.append(exc)

    def overlaps(self, reads: int) -> bool:
        """Whether enough reads were made while several saves went by."""
        return reads >= READS and (self.rounds >= 4 or bool(self.errors))

    def __enter__(self) -> Writer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        # Stopped even when a read failed, so that no thread outlives the test.
        self.stop.set()
        self.join()
        assert not self.errors, self.errors


def test_a_reader_never_sees_a_document_half_annotated(
    stocked: tuple[str, list[Document]],
) -> None:
    url, documents = stocked
    writer = Writer(url, documents)
    seen: set[str] = set()
    with Store.open(url) as store, writer:
        read = 0
        while not writer.overlaps(read):
            seen.add(check_whole(store, documents[read % len(documents)].id, {3, 7}))
            read += 1
    assert "processed" in seen


def test_the_dashboard_serves_while_annotations_are_saved(
    stocked: tuple[str, list[Document]],
) -> None:
    url, documents = stocked
    paths = [f"/documents/{documents[0].id}", "/events", "/api/v1/events", "/api/v1/documents"]
    writer = Writer(url, documents)
    with (
        Store.open(url) as store,
        TestClient(create_app(Settings(), store=store)) as client,
        writer,
    ):
        statuses: list[int] = []
        while not writer.overlaps(len(statuses)):
            statuses.append(client.get(paths[len(statuses) % len(paths)]).status_code)
    assert set(statuses) == {200}
