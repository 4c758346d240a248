"""RSS and Atom feeds: the title of the feed and each entry's link, title and date."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from tiewatch.errors import FetchError
from tiewatch.ingest.common import clean_field, one_line, parse_published

logger = logging.getLogger(__name__)

_FEED_STARTS = (b"<rss", b"<feed", b"<?xml", b"<rdf:rdf")
_SNIFF_BYTES = 512


@dataclass(frozen=True)
class FeedEntry:
    link: str | None
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(body: bytes, *, content_type: str = "") -> bool:
    """True when the content type or the first bytes say RSS, Atom or XML."""
    if is_feed_type(content_type) or content_type.endswith("/xml"):
        return True
    head = body[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(_FEED_STARTS)


def is_feed_type(content_type: str) -> bool:
    return "rss" in content_type or "atom" in content_type


def parse_feed(body: bytes, *, url: str | None = None) -> Feed | None:
    """The feed in ``body``, or None when feedparser finds no entries in it.

    Relative entry links are resolved against ``url``. Raises FetchError when feedparser
    itself fails on the body.
    """
    import feedparser  # imported late: only feeds need it

    headers = {"content-location": url} if url else None
    try:
        # Bytes, never str: feedparser fetches a str that looks like a URL or a path.
        parsed = feedparser.parse(bytes(body), response_headers=headers)
    except (ValueError, OverflowError, RecursionError) as exc:  # "&#1114112;" (#7)
        raise FetchError(f"malformed feed: {one_line(str(exc))}") from exc
    if not parsed.entries:
        return None
    entries = tuple(_entry(item) for item in parsed.entries)
    return Feed(title=clean_field(parsed.feed.get("title")), entries=entries)


def _entry(item: Any) -> FeedEntry:
    # The date as written (in the publisher's time zone); feedparser's *_parsed are UTC.
    raw_date = item.get("published") or item.get("updated") or item.get("created")
    published = parse_published(raw_date)
    if published is None:
        parsed = item.get("published_parsed") or item.get("updated_parsed")
        published = date(*parsed[:3]) if parsed else None
    return FeedEntry(
        link=clean_field(item.get("link")),
        title=clean_field(item.get("title")),
        published=published,
    )
