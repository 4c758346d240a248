"""scale: ``tiewatch process`` on many cores and machines (#6).

Documents are claimed from the store in chunks, cut into batches, and annotated by workers
that each load the model once: this process, a local process pool, or a Dask cluster.
Results are saved in one transaction per batch, by this process (always on SQLite) or by
the Dask workers straight into PostgreSQL.

Like ``cli`` and ``web/app.py``, this package wires stages together (it imports ``store``);
it is the only other module allowed to, and no stage imports it.

Docs: docs/scaling.md.
"""

from tiewatch.errors import ScaleError
from tiewatch.scale.batches import Batch, BatchResult, partition_documents
from tiewatch.scale.claims import CLAIM_LEASE_S, release_dead_claims
from tiewatch.scale.run import process_store

__all__ = [
    "CLAIM_LEASE_S",
    "Batch",
    "BatchResult",
    "ScaleError",
    "partition_documents",
    "process_store",
    "release_dead_claims",
]
