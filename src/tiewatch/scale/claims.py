"""Claims on 'new' documents: who a run is, which runs are dead, and batches claimed lazily.

A run claims a chunk of documents only when its workers need more, so a killed run holds
at most a few batches. Its claims free up when their lease runs out, at once if the run was
on this machine and its process is gone (#6).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tiewatch.scale.batches import Batch, partition_documents
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from tiewatch.store import Store

logger = logging.getLogger(__name__)

# A live run renews its claims after every batch it saves; ten minutes without a renewal
# means the run is gone (or a batch is pathologically slow, which costs only a redo).
CLAIM_LEASE_S = 600.0


def new_owner() -> str:
    """A claim owner for this run: ``host:pid:token``."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def is_dead_local_owner(owner: str, *, host: str | None = None) -> bool:
    """Whether ``owner`` is a run on this host whose process no longer exists."""
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False
    if parts[0] != (host or socket.gethostname()):
        return False
    return not _process_exists(int(parts[1]))


def release_dead_claims(store: Store) -> int:
    """Free the claims of runs on this host that were killed; how many documents."""
    released = 0
    for owner in store.claimants():
        if is_dead_local_owner(owner):
            count = store.release_claims(owner)
            logger.info("released %d document(s) claimed by the dead run %s", count, owner)
            released += count
    return released


def claim_batches(
    store: Store, owner: str, *, settings: Settings, limit: int | None, lease: float
) -> Iterator[Batch]:
    """Batches of newly claimed documents, claiming ``settings.batch_size`` at a time when
    the previous chunk is used up; at most ``limit`` documents in all."""
    claimed = 0
    number = 0
    while limit is None or claimed < limit:
        size = settings.batch_size if limit is None else min(settings.batch_size, limit - claimed)
        documents = store.claim_documents(owner, limit=size, lease=lease)
        if not documents:
            return
        claimed += len(documents)
        for batch in partition_documents(
            documents, max_documents=settings.batch_size, first=number
        ):
            number = batch.number + 1
            yield batch


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True
