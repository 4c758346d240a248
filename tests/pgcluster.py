"""The throwaway PostgreSQL cluster of the store tests lives in ``tiewatch.scale.pgcluster``,
shared with ``make bench`` (#6); this module keeps conftest.py's import working."""

from __future__ import annotations

from tiewatch.scale.pgcluster import (
    ClusterUnavailableError,
    PgCluster,
    free_port,
    unavailable_reason,
)

__all__ = ["ClusterUnavailableError", "PgCluster", "free_port", "unavailable_reason"]
