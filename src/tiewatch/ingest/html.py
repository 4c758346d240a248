"""HTML pages to Documents with trafilatura: main text, title, site name and page date."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tiewatch.errors import EmptyInputError, IngestError
from tiewatch.ingest.common import (
    build_document,
    check_size,
    clean_field,
    decode_bytes,
    one_line,
    scrub_text,
)
from tiewatch.models import Document
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from trafilatura.settings import Document as Extraction

logger = logging.getLogger(__name__)

# htmldate's extensive search reads dates out of the article's prose ("the council met on
# 3 March 2021"), which is an event date, not the publication date. Without it only the
# markup is read: meta tags, JSON-LD, <time>, date-like classes, the URL (#2).
DATE_EXTRACTION_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
# trafilatura names the site after the URL's host when the page names none.
_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_SNIFF_BYTES = 2048
# lxml compares each attribute with the tag's others: a tag with 50,000 attributes (500 kB)
# took a minute to parse, a cheap way to stall an ingest (#7). No real page comes close.
MAX_TAG_ATTRIBUTES = 1000
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{2000,}")


def decode_html(data: bytes, *, charset: str | None = None) -> str:
    """Decode a page: the HTTP charset, else a ``<meta charset>``, else UTF-8 (all strict)."""
    if charset is None:
        found = _META_CHARSET.search(data[:_SNIFF_BYTES])
        charset = found.group(1).decode("ascii") if found else "utf-8"
    return decode_bytes(data, encoding=charset)


def parse_html(
    html: str,
    *,
    url: str | None,
    settings: Settings,
    source: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    now: datetime | None = None,
) -> Document:
    """The article in ``html`` as a Document.

    ``title``, ``outlet`` and ``published`` are used only where the page has none (a feed
    entry's own metadata). ``published`` stays None when no date is in the page's markup.
    Raises EmptyInputError when trafilatura finds no article.
    """
    html = scrub_text(html)
    check_size(len(html.encode("utf-8")), settings=settings, what="page")
    if not html.strip():
        raise EmptyInputError("empty HTML")
    check_markup(html)
    result = _extract(html, url=url)
    page_url = clean_field(result.url) or url
    return build_document(
        _article_text(result),
        settings=settings,
        source=source or url,
        title=clean_field(result.title) or title,
        url=page_url,
        outlet=_site_name(result.sitename, page_url) or outlet or _host_name(page_url),
        published=_page_date(result.date) or published,
        now=now,
    )


def check_markup(html: str) -> None:
    """Raise IngestError for markup that would take the HTML parser minutes (#7)."""
    for found in _LONG_TAG.finditer(html):
        words = len(found.group().split()) - 1
        if words > MAX_TAG_ATTRIBUTES:
            raise IngestError(
                f"malformed HTML: a tag with {words} attributes (over {MAX_TAG_ATTRIBUTES})"
            )


def _extract(html: str, *, url: str | None) -> Extraction:
    import trafilatura  # imported late: loading it pulls in lxml and htmldate

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=dict(DATE_EXTRACTION_PARAMS),
    )
    if result is None or isinstance(result, dict):
        raise EmptyInputError("no article text found in the page")
    if result.body is None or not (result.text or "").strip():
        raise EmptyInputError("no article text found in the page")
    return result


def _article_text(result: Extraction) -> str:
    """The article with one blank line between blocks, which the nlp stage splits on.

    trafilatura's own text output puts a single newline between paragraphs, so the
    blocks of its body tree are rendered one at a time. A leading heading that repeats
    the title is dropped, so a headline is not read as a sentence twice.
    """
    from trafilatura.xml import xmltotxt

    blocks: list[str] = []
    for element in result.body:
        element.tail = None
        block = xmltotxt(element, False).strip()
        if block:
            blocks.append(block)
    if len(blocks) > 1 and _same_words(blocks[0], result.title):
        blocks = blocks[1:]
    if not blocks:
        raise EmptyInputError("no article text found in the page")
    return "\n\n".join(blocks)


def _same_words(text: str, other: str | None) -> bool:
    return other is not None and one_line(text).casefold() == one_line(other).casefold()


def _site_name(sitename: str | None, url: str | None) -> str | None:
    """The page's own site name, or None when trafilatura fell back to the URL's host."""
    name = clean_field(sitename)
    if name is None or (url is not None and name == _host(url)):
        return None
    return name


def _host(url: str | None) -> str | None:
    found = _HOST.match(url or "")
    return found.group(1) if found else None


def _host_name(url: str | None) -> str | None:
    """The outlet of last resort: the host, without ``www.`` or a port."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _page_date(value: str | None) -> date | None:
    """The date htmldate found, checked: it must be a real ``YYYY-MM-DD`` date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        logger.debug("ignoring page date %r", value)
        return None
