"""Units of work: documents cut into batches, what a worker sends back for one, and the
error the scale package raises."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tiewatch.models import Annotation, Document

logger = logging.getLogger(__name__)

# A batch is also the unit of load balancing: at about 3,000 words/s per core, 10,000 words
# keep a batch to a few seconds, so that no worker idles long at the end of a run.
MAX_BATCH_WORDS = 10_000


def count_words(text: str) -> int:
    """Whitespace-separated words: the unit of every words/s figure (#6)."""
    return len(text.split())


@dataclass(frozen=True)
class Batch:
    """Documents that one worker annotates in one ``nlp.pipe`` stream."""

    number: int
    documents: tuple[Document, ...]

    @property
    def words(self) -> int:
        return sum(count_words(document.text) for document in self.documents)


@dataclass(frozen=True)
class BatchResult:
    """What a worker did with one batch.

    ``annotations`` is empty when the worker saved them itself (``saved``); ``failures``
    pairs a document id with the reason it could not be annotated. ``worker`` (host:pid),
    ``peak_rss_mb`` and ``cpu_seconds`` describe the worker process, for the benchmark.
    """

    number: int
    documents: int
    words: int
    annotations: tuple[Annotation, ...]
    failures: tuple[tuple[str, str], ...]
    saved: bool
    worker: str
    peak_rss_mb: float
    cpu_seconds: float  # the worker process's CPU time so far, all batches included
    seconds: float


def partition_documents(
    documents: Iterable[Document],
    *,
    max_documents: int,
    max_words: int = MAX_BATCH_WORDS,
    first: int = 0,
) -> Iterator[Batch]:
    """Consecutive batches of at most ``max_documents`` documents and (unless one document is
    longer on its own) ``max_words`` words, numbered from ``first``."""
    if max_documents < 1:
        raise ValueError(f"max_documents must be at least 1, not {max_documents}")
    number = first
    pending: list[Document] = []
    words = 0
    for document in documents:
        size = count_words(document.text)
        if pending and (len(pending) >= max_documents or words + size > max_words):
            yield Batch(number, tuple(pending))
            number, pending, words = number + 1, [], 0
        pending.append(document)
        words += size
    if pending:
        yield Batch(number, tuple(pending))
