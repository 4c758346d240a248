"""``process_store``: every 'new' document of a store annotated by a set of workers.

Claims keep concurrent runs apart and make a killed run resumable: a document is either
'new' (to do, maybe claimed), or saved and 'processed', or 'failed'; ``save_annotations``
replaces, so redoing a batch never duplicates a row (#6).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager
from itertools import chain, islice
from typing import TYPE_CHECKING

from tiewatch.scale.batches import Batch, BatchResult
from tiewatch.scale.claims import CLAIM_LEASE_S, claim_batches, new_owner, release_dead_claims
from tiewatch.scale.workers import Runner, open_local_runner
from tiewatch.settings import Settings
from tiewatch.store.engine import parse_database_url

if TYPE_CHECKING:
    from tiewatch.store import Store

logger = logging.getLogger(__name__)


def process_store(
    store: Store,
    *,
    settings: Settings,
    workers: int = 1,
    dask: str | None = None,
    limit: int | None = None,
    lease: float = CLAIM_LEASE_S,
) -> Iterator[BatchResult]:
    """Annotate the store's 'new' documents and save them, yielding each batch once saved.

    ``workers`` local processes (1: this process), or the Dask scheduler at ``dask``
    (``"local"`` starts a LocalCluster of ``workers`` processes). ``settings.db`` must be the
    URL ``store`` was opened with: Dask workers save into PostgreSQL themselves.

    Docs: docs/scaling.md.
    """
    owner = new_owner()
    release_dead_claims(store)
    if dask is None:
        todo = store.count_documents(status="new")
        workers = workers_for(todo if limit is None else min(todo, limit), workers=workers)
    batches = claim_batches(store, owner, settings=settings, limit=limit, lease=lease)
    try:
        first = next(batches, None)
        if first is None:  # nothing free: start no worker
            return
        with _open_runner(settings, workers=workers, dask=dask) as runner:
            for result in run_batches(runner, chain([first], batches)):
                if not result.saved:
                    save_result(store, result)
                store.renew_claims(owner)
                yield result
    finally:
        # Whatever this run did not finish is free for the next run at once.
        store.release_claims(owner)


def run_batches(runner: Runner, batches: Iterator[Batch]) -> Iterator[BatchResult]:
    """Keep ``runner.slots`` batches in flight; results as they finish (any order)."""
    runner.submit(list(islice(batches, runner.slots)))
    while runner.pending():
        done = runner.next_done()
        runner.submit(list(islice(batches, len(done))))
        yield from done


def save_result(store: Store, result: BatchResult) -> None:
    """Save a batch's annotations in one transaction, then record its failures."""
    store.save_annotations(result.annotations)
    for document_id, reason in result.failures:
        store.mark_failed(document_id, reason)


def workers_for(todo: int, *, workers: int) -> int:
    """No more local workers than documents to do (and at least one)."""
    return max(1, min(workers, todo))


def _open_runner(
    settings: Settings, *, workers: int, dask: str | None
) -> AbstractContextManager[Runner]:
    if dask is None:
        return open_local_runner(settings, workers=workers)
    from tiewatch.scale.dask import open_dask_runner

    # SQLite takes one writer: with it the results come back here to be saved.
    backend = parse_database_url(settings.db).get_backend_name()
    save_to = settings.db if backend == "postgresql" else None
    return open_dask_runner(dask, workers=workers, settings=settings, save_to=save_to)
