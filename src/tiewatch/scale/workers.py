"""Runners on this machine: in this process (one worker) or in a pool of processes.

A runner takes batches and hands back their results as they finish; ``run.py`` keeps it
fed. The Dask runner (``dask.py``) has the same shape.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Protocol

from tiewatch.scale.batches import Batch, BatchResult
from tiewatch.scale.tasks import annotate_batch, start_pool_worker
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

# Batches queued per worker: one running and one waiting, so a worker never idles while the
# parent saves a result.
BATCHES_PER_WORKER = 2


class Runner(Protocol):
    """Where batches run: ``slots`` is how many to keep in flight."""

    @property
    def slots(self) -> int: ...

    def submit(self, batches: Sequence[Batch]) -> None: ...

    def pending(self) -> int: ...

    def next_done(self) -> list[BatchResult]:
        """Block until at least one batch is done; the finished results."""
        ...


class SerialRunner:
    """One worker: this process, one batch at a time (no pickling, no start-up)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._queue: list[Batch] = []

    @property
    def slots(self) -> int:
        return 1

    def submit(self, batches: Sequence[Batch]) -> None:
        self._queue.extend(batches)

    def pending(self) -> int:
        return len(self._queue)

    def next_done(self) -> list[BatchResult]:
        return [annotate_batch(self._queue.pop(0), self._settings)]


class PoolRunner:
    """A local process pool: each process loads the model once, in its initializer."""

    def __init__(self, executor: ProcessPoolExecutor, *, workers: int, settings: Settings):
        self._executor = executor
        self._workers = workers
        self._settings = settings
        self._pending: set[Future[BatchResult]] = set()

    @property
    def slots(self) -> int:
        return self._workers * BATCHES_PER_WORKER

    def submit(self, batches: Sequence[Batch]) -> None:
        for batch in batches:
            self._pending.add(self._executor.submit(annotate_batch, batch, self._settings))

    def pending(self) -> int:
        return len(self._pending)

    def next_done(self) -> list[BatchResult]:
        done, not_done = wait(self._pending, return_when=FIRST_COMPLETED)
        self._pending = not_done
        return [future.result() for future in done]


@contextmanager
def open_local_runner(settings: Settings, *, workers: int) -> Iterator[Runner]:
    """``workers`` processes (this one alone when ``workers`` is 1)."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    if workers == 1:
        yield SerialRunner(settings)
        return
    # spawn, not fork: the parent holds database connections and rich's refresh thread,
    # neither of which survives a fork safely.
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_pool_worker,
        initargs=(settings,),
    )
    logger.info("started %d worker processes", workers)
    try:
        yield PoolRunner(executor, workers=workers, settings=settings)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
