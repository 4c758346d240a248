"""The Dask runner: batches on a ``dask.distributed`` cluster (the optional ``dask`` extra).

Every worker needs tiewatch and the spaCy model installed; each loads the model once, on
its first batch (``tasks.load_worker_nlp``), whatever the number of batches. Docs:
docs/scaling.md.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from tiewatch.errors import ScaleError
from tiewatch.scale.batches import Batch, BatchResult
from tiewatch.scale.tasks import annotate_batch
from tiewatch.scale.workers import BATCHES_PER_WORKER, Runner
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

LOCAL = "local"
CONNECT_TIMEOUT_S = 30
# The worker's statistical profiler walks every thread's stack a hundred times a second:
# about a tenth of a worker's CPU time on spaCy (make bench). Its nanny hands this config
# to a LocalCluster worker; a cluster's workers take it from the environment
# (DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False, docs/scaling.md).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


class DaskRunner:
    """Batches as Dask tasks; ``save_to`` makes the workers save their results themselves."""

    def __init__(self, client: Any, *, settings: Settings, save_to: str | None) -> None:
        self._client = client
        self._settings = settings
        self._save_to = save_to
        self._pending: set[Any] = set()  # distributed.Future
        self.threads: int = max(sum(client.nthreads().values()), 1)

    @property
    def slots(self) -> int:
        return self.threads * BATCHES_PER_WORKER

    def submit(self, batches: Sequence[Batch]) -> None:
        if not batches:
            return
        # pure=False: two batches with the same texts are still two pieces of work.
        futures = self._client.map(
            annotate_batch,
            list(batches),
            settings=self._settings,
            save_to=self._save_to,
            pure=False,
        )
        self._pending.update(futures)

    def pending(self) -> int:
        return len(self._pending)

    def next_done(self) -> list[BatchResult]:
        done, not_done = _distributed().wait(list(self._pending), return_when="FIRST_COMPLETED")
        self._pending = set(not_done)
        return [_batch_result(future.result()) for future in done]


@contextmanager
def open_dask_runner(
    address: str, *, workers: int, settings: Settings, save_to: str | None
) -> Iterator[Runner]:
    """A runner on the scheduler at ``address``, or on a new LocalCluster of ``workers``
    single-threaded processes when ``address`` is ``"local"``."""
    with _client(address, workers=workers) as client:
        runner = DaskRunner(client, settings=settings, save_to=save_to)
        logger.info("Dask: %d worker thread(s) at %s", runner.threads, client.scheduler.address)
        yield runner


def _distributed() -> Any:
    """The ``distributed`` module, typed ``Any``: much of its API has no annotations."""
    try:
        return importlib.import_module("distributed")
    except ImportError as exc:
        raise ScaleError("--dask needs dask.distributed: pip install 'tiewatch[dask]'") from exc


@contextmanager
def _client(address: str, *, workers: int) -> Iterator[Any]:
    distributed = _distributed()
    if address != LOCAL:
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        with client:
            yield client
        return
    # One thread per process: spaCy holds the GIL, so threads would only queue behind it.
    with (
        importlib.import_module("dask").config.set(WORKER_CONFIG),
        distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # Even without a dashboard the scheduler serves /health; a free port, not 8787,
            # lets two local runs (or a run and the tests) coexist.
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def _batch_result(value: Any) -> BatchResult:
    if not isinstance(value, BatchResult):
        raise ScaleError(f"a Dask worker returned {type(value).__name__}, not a BatchResult")
    return value
