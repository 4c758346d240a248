"""ingest stage: files, folders, records, pages and feeds to Documents.

Every reader yields Documents and Failures: a bad input becomes a Failure (stage
``"ingest"``) and the batch goes on. The single-input parsers raise IngestError subclasses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import datetime

import httpx

from tiewatch.errors import FetchError
from tiewatch.ingest.common import make_failure
from tiewatch.ingest.dedup import NearDuplicateIndex, hamming, link_near_duplicate, simhash
from tiewatch.ingest.fetch import fetch_document
from tiewatch.ingest.files import parse_text, read_path
from tiewatch.ingest.html import parse_html
from tiewatch.ingest.records import document_from_record
from tiewatch.models import Document, Failure
from tiewatch.settings import Settings

__all__ = [
    "NearDuplicateIndex",
    "document_from_record",
    "fetch_document",
    "hamming",
    "is_url",
    "link_near_duplicate",
    "parse_html",
    "parse_text",
    "read_inputs",
    "read_path",
    "simhash",
]

logger = logging.getLogger(__name__)


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def read_inputs(
    inputs: Sequence[str],
    *,
    settings: Settings,
    client: httpx.Client | None,
    now: datetime | None = None,
) -> Iterator[Document | Failure]:
    """Documents and Failures from paths and ``http(s)://`` URLs, in the order given.

    ``client`` may be None when no input is a URL.
    """
    for item in inputs:
        if not is_url(item):
            yield from read_path(item, settings=settings, now=now)
        elif client is None:
            yield make_failure(item, FetchError("no HTTP client to fetch URLs with"), now=now)
        else:
            yield from fetch_document(client, item, settings=settings, now=now)
