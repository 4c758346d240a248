"""What runs inside a worker (a pool process, a Dask worker, or this process): the model
loaded once per process, and one batch annotated (and, on request, saved)."""

from __future__ import annotations

import dataclasses
import logging
import os
import resource
import signal
import socket
import threading
import time
from collections.abc import Generator, Sequence
from functools import lru_cache, partial
from typing import TYPE_CHECKING

from tiewatch.errors import TiewatchError
from tiewatch.extract.annotate import annotate_document, annotate_documents
from tiewatch.models import Annotation, Document
from tiewatch.scale.batches import Batch, BatchResult
from tiewatch.scale.deadline import call_with_deadline
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from tiewatch.store import Store

logger = logging.getLogger(__name__)

# Dask workers may run tasks in several threads: load the model once, not once per thread.
_LOAD_LOCK = threading.Lock()


def load_worker_nlp(settings: Settings) -> Language:
    """The pipeline for ``settings``, built on the first call in this process only."""
    # The database URL does not shape the model; leaving it out of the key means one model
    # per process even when one process serves several stores (tests, the benchmark).
    with _LOAD_LOCK:
        return _build_nlp(dataclasses.replace(settings, db=""))


@lru_cache(maxsize=1)
def _build_nlp(settings: Settings) -> Language:
    from tiewatch.nlp.pipeline import build_nlp

    started = time.perf_counter()
    nlp = build_nlp(settings)
    logger.info(
        "worker %s loaded the model in %.1f s", worker_name(), time.perf_counter() - started
    )
    return nlp


@lru_cache(maxsize=4)
def _worker_store(url: str) -> Store:
    from tiewatch.store import Store

    return Store.open(url)


def start_pool_worker(settings: Settings) -> None:
    """Initializer of a local pool process: load the model before the first batch arrives."""
    # Ctrl-C goes to the whole process group; the parent alone handles it, then shuts the
    # pool down, so that a worker is never killed halfway through a batch.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_worker_nlp(settings)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def annotate_batch(batch: Batch, settings: Settings, *, save_to: str | None = None) -> BatchResult:
    """Annotate ``batch``; with ``save_to`` (a database URL) also save the annotations and
    failures there instead of sending the annotations back."""
    started = time.perf_counter()
    nlp = load_worker_nlp(settings)
    annotations, failures = annotate_each(nlp, batch.documents, settings=settings)
    if save_to is not None:
        store = _worker_store(save_to)
        store.save_annotations(annotations)
        for document_id, reason in failures:
            store.mark_failed(document_id, reason)
    return BatchResult(
        number=batch.number,
        documents=len(batch.documents),
        words=batch.words,
        annotations=() if save_to is not None else tuple(annotations),
        failures=tuple(failures),
        saved=save_to is not None,
        worker=worker_name(),
        peak_rss_mb=peak_rss_mb(),
        cpu_seconds=time.process_time(),
        seconds=time.perf_counter() - started,
    )


def annotate_each(
    nlp: Language, documents: Sequence[Document], *, settings: Settings
) -> tuple[list[Annotation], list[tuple[str, str]]]:
    """Annotations in one ``nlp.pipe`` stream; when a document fails or runs out of time, the
    stream stops and the rest are done one by one, each within ``settings.document_timeout``,
    so that only the broken or endless document is a failure (#7)."""
    done = _annotate_stream(nlp, documents, settings=settings)
    failures: list[tuple[str, str]] = []
    for document in documents[len(done) :]:
        try:
            done.append(
                call_with_deadline(
                    partial(annotate_document, nlp, document, settings=settings),
                    seconds=settings.document_timeout,
                )
            )
        except TiewatchError as exc:
            failures.append((document.id, str(exc)))
    return done, failures


def _annotate_stream(
    nlp: Language, documents: Sequence[Document], *, settings: Settings
) -> list[Annotation]:
    """As many annotations as the stream gives before an error or a document's time limit.

    The limit counts from one annotation to the next; ``nlp.pipe`` parses a few documents
    ahead, so a stream that runs out of time is not proof: the document is tried again alone.
    """
    done: list[Annotation] = []
    stream = annotate_documents(nlp, documents, settings=settings)
    try:
        while len(done) < len(documents):
            done.append(
                call_with_deadline(partial(next, stream), seconds=settings.document_timeout)
            )
    except (TiewatchError, StopIteration) as exc:
        logger.info("batch stopped after %d document(s): %s", len(done), exc)
    finally:
        if isinstance(stream, Generator):  # suspended if the time ran out between two yields
            stream.close()
    return done
