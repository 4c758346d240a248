"""URLs to Documents: a page becomes one Document, an RSS/Atom feed each entry's page."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import httpx

from tiewatch.errors import FetchError, IngestError, TooLargeError
from tiewatch.ingest.common import check_size, make_failure, one_line
from tiewatch.ingest.feeds import Feed, FeedEntry, is_feed_type, looks_like_feed, parse_feed
from tiewatch.ingest.html import decode_html, parse_html
from tiewatch.models import Document, Failure
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)


@dataclass(frozen=True)
class Page:
    """A fetched response body with what is needed to read it."""

    url: str  # after redirects
    content_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None
    body: bytes


def fetch_document(
    client: httpx.Client, url: str, *, settings: Settings, now: datetime | None = None
) -> Iterator[Document | Failure]:
    """GET ``url``: one Document for a page, one per entry for a feed.

    Every bad input (unreachable host, HTTP error, wrong content type, over the size
    limit, no article) becomes a Failure; a failed feed entry does not stop the feed.
    """
    try:
        page = fetch_page(client, url, settings=settings)
        feed = _feed_in(page)
        result = (
            feed
            if feed is not None
            else _document_from_page(page, source=url, settings=settings, now=now)
        )
    except IngestError as exc:
        yield make_failure(url, exc, now=now)
        return
    if isinstance(result, Feed):
        yield from _fetch_entries(client, result, feed_url=url, settings=settings, now=now)
    else:
        yield result


def fetch_page(client: httpx.Client, url: str, *, settings: Settings) -> Page:
    """GET ``url`` following redirects, streaming the body with the size cap.

    Raises FetchError (unreachable, HTTP error, not HTML or a feed) or TooLargeError.
    """
    headers = {"User-Agent": settings.user_agent}
    try:
        with client.stream(
            "GET", url, headers=headers, timeout=settings.http_timeout, follow_redirects=True
        ) as response:
            content_type = _check_response(response, settings=settings)
            body = _read_body(response, limit=settings.max_document_bytes)
            return Page(str(response.url), content_type, response.charset_encoding, body)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.http_timeout:g} s") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"cannot fetch: {one_line(str(exc)) or type(exc).__name__}") from exc


def _check_response(response: httpx.Response, *, settings: Settings) -> str:
    if response.is_error:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
    length = response.headers.get("content-length", "")
    if length.isdigit():
        check_size(int(length), settings=settings, what="response")
    content_type = str(response.headers.get("content-type", "")).split(";")[0].strip().lower()
    known = content_type in HTML_TYPES or content_type in FEED_TYPES or is_feed_type(content_type)
    if content_type and not known:
        raise FetchError(f"unsupported content type {content_type}")
    return content_type


def _read_body(response: httpx.Response, *, limit: int) -> bytes:
    body = bytearray()
    for chunk in response.iter_bytes():
        body.extend(chunk)
        if len(body) > limit:
            raise TooLargeError(f"response body is over the {limit}-byte limit")
    return bytes(body)


def _feed_in(page: Page) -> Feed | None:
    if not looks_like_feed(page.body, content_type=page.content_type):
        return None
    feed = parse_feed(page.body, url=page.url)
    if feed is None and is_feed_type(page.content_type):
        raise FetchError("feed has no entries")
    return feed


def _document_from_page(
    page: Page,
    *,
    source: str,
    settings: Settings,
    entry: FeedEntry | None = None,
    outlet: str | None = None,
    now: datetime | None = None,
) -> Document:
    return parse_html(
        decode_html(page.body, charset=page.charset),
        url=page.url,
        settings=settings,
        source=source,
        title=entry.title if entry else None,
        outlet=outlet,
        published=entry.published if entry else None,
        now=now,
    )


def _fetch_entries(
    client: httpx.Client, feed: Feed, *, feed_url: str, settings: Settings, now: datetime | None
) -> Iterator[Document | Failure]:
    logger.info("feed %s: %d entries", feed_url, len(feed.entries))
    for index, entry in enumerate(feed.entries, start=1):
        source = entry.link or f"{feed_url}#entry-{index}"
        try:
            yield _fetch_entry(client, entry, feed=feed, settings=settings, now=now)
        except IngestError as exc:
            yield make_failure(source, exc, now=now)


def _fetch_entry(
    client: httpx.Client, entry: FeedEntry, *, feed: Feed, settings: Settings, now: datetime | None
) -> Document:
    if entry.link is None:
        raise FetchError("feed entry has no link")
    page = fetch_page(client, entry.link, settings=settings)
    # A feed that links to feeds is not followed: one level is what was asked for.
    if is_feed_type(page.content_type):
        raise FetchError("feed entry links to another feed")
    return _document_from_page(
        page, source=entry.link, settings=settings, entry=entry, outlet=feed.title, now=now
    )
