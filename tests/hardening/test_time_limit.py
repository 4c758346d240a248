"""The per-document time limit (#7): a document that takes longer than ``document_timeout``
is recorded as failed ("timed out") and the batch goes on, in this process, on a local
worker pool and on Dask."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from tiewatch.cli import app
from tiewatch.errors import DocumentTimeoutError
from tiewatch.models import Annotation, Document, content_hash
from tiewatch.scale import process_store, tasks
from tiewatch.scale.deadline import call_with_deadline
from tiewatch.settings import Settings
from tiewatch.store import Store

SLOW = "SLOW"
SHORT = [
    "Norway and Iceland signed a fisheries agreement in Reykjavik on Monday.",
    "China and Japan held talks on maritime security in Tokyo on Wednesday.",
    "Germany pledged 40 million euros in humanitarian aid to Sudan on Thursday.",
]


def busy(seconds: float) -> str:
    """Python code that runs for ``seconds`` and swallows every Exception on the way."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        with contextlib.suppress(Exception):  # the time limit must get through this
            sum(range(100))
    return "done"


def document(text: str) -> Document:
    return Document(
        id=content_hash(text),
        text=text,
        title=None,
        url=None,
        outlet=None,
        published=date(2025, 2, 3),
        ingested_at=datetime(2025, 2, 4, tzinfo=UTC),
        source="test",
        external_id=None,
    )


# The watchdog ------------------------------------------------------------------------


def in_thread(work: Callable[[], object]) -> object:
    box: list[object] = []

    def target() -> None:
        try:
            box.append(work())
        except BaseException as exc:  # handed back to the test
            box.append(exc)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return box[0]


def timed_out() -> object:
    try:
        return call_with_deadline(lambda: busy(10), seconds=0.2)
    except DocumentTimeoutError as exc:
        return exc


@pytest.mark.parametrize("runner", [lambda work: work(), in_thread], ids=["main", "thread"])
def test_a_slow_call_times_out_in_any_thread(runner: Callable[..., object]) -> None:
    started = time.perf_counter()
    result = runner(timed_out)
    assert isinstance(result, DocumentTimeoutError)
    assert "timed out after 0.2 s" in str(result)
    assert time.perf_counter() - started < 3


def test_a_call_within_the_limit_returns_and_leaves_nothing_behind() -> None:
    assert call_with_deadline(lambda: busy(0.05), seconds=0.5) == "done"
    assert busy(0.8) == "done"  # no late exception once the call has returned


def test_tight_limits_raise_only_the_typed_error() -> None:
    for _ in range(300):
        with contextlib.suppress(DocumentTimeoutError):
            call_with_deadline(lambda: busy(0.001), seconds=0.001)
    assert busy(0.3) == "done"


def test_no_limit() -> None:
    assert call_with_deadline(lambda: busy(0.01), seconds=0) == "done"


# An injected slow step, in this process ----------------------------------------------


def fake_annotate_document(nlp: object, document: Document, *, settings: Settings) -> Annotation:
    if SLOW in document.text:
        busy(30)
    return Annotation(document=document)


def fake_annotate_documents(
    nlp: object, documents: Iterable[Document], *, settings: Settings
) -> Iterator[Annotation]:
    for document in documents:
        yield fake_annotate_document(nlp, document, settings=settings)


@pytest.fixture
def slow_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "load_worker_nlp", lambda settings: None)
    monkeypatch.setattr(tasks, "annotate_document", fake_annotate_document)
    monkeypatch.setattr(tasks, "annotate_documents", fake_annotate_documents)


@pytest.mark.usefixtures("slow_step")
def test_annotate_each_fails_only_the_slow_document(blank_nlp: Language) -> None:
    documents = [document(SHORT[0]), document(f"{SLOW}: {SHORT[1]}"), document(SHORT[2])]
    started = time.perf_counter()
    done, failures = tasks.annotate_each(
        blank_nlp, documents, settings=Settings(document_timeout=0.3)
    )
    assert [a.document.id for a in done] == [documents[0].id, documents[2].id]
    assert failures == [(documents[1].id, "timed out after 0.3 s (setting document_timeout)")]
    assert time.perf_counter() - started < 5  # twice the limit: in the stream, then alone


@pytest.mark.usefixtures("slow_step")
def test_tiewatch_process_records_the_timeout_and_goes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    with Store.open(url) as store:
        for text in [*SHORT, f"{SLOW}: a document that never ends, or nearly."]:
            store.add_document(document(text))
    env = {"TIEWATCH_DOCUMENT_TIMEOUT": "0.3"}
    result = CliRunner().invoke(app, ["--db", url, "process", "--workers", "1"], env=env)
    assert result.exit_code == 1, result.output
    assert "processed 3 document(s); 1 failed" in result.stdout
    with Store.open(url) as store:
        [failure] = store.failures()
        assert "timed out after 0.3 s" in failure.reason
        assert store.count_documents(status="processed") == 3
        assert store.count_documents(status="new") == 0


# A really slow document on worker processes -------------------------------------------

RUN_ON = " ".join(["Russia", "accused", "Ukraine", "of", "attacks"] * 2000) + "."


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.parametrize("dask", [None, "local"], ids=["pool", "dask"])
def test_workers_give_up_a_slow_document(tmp_path: Path, dask: str | None) -> None:
    if dask is not None:
        pytest.importorskip("distributed")
    url = f"sqlite:///{tmp_path / 't.db'}"
    settings = Settings(db=url, batch_size=2, document_timeout=1.0)
    with Store.open(url) as store:
        for text in [RUN_ON, *SHORT]:
            store.add_document(document(text))
        results = list(process_store(store, settings=settings, workers=2, dask=dask))
        failures = [reason for result in results for _, reason in result.failures]
        assert failures == ["timed out after 1 s (setting document_timeout)"]
        assert store.count_documents(status="processed") == len(SHORT)
        assert len(store.failures()) == 1
