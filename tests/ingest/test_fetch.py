"""URLs and feeds against a real HTTP server on 127.0.0.1 (tests/ingest/conftest.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from tiewatch.errors import FetchError, TooLargeError
from tiewatch.ingest import fetch_document, read_inputs
from tiewatch.ingest.fetch import fetch_page
from tiewatch.models import Document, Failure
from tiewatch.settings import Settings

if TYPE_CHECKING:  # the fixture's type; conftest is not importable as a module
    from conftest import Server

NOW = datetime(2025, 3, 1, tzinfo=UTC)


def fetch_all(client: httpx.Client, url: str, settings: Settings) -> list[Document | Failure]:
    return list(fetch_document(client, url, settings=settings, now=NOW))


def test_page_becomes_one_document(
    http_server: Server, client: httpx.Client, settings: Settings
) -> None:
    url = http_server.url("/articles/ferry.html")
    (document,) = fetch_all(client, url, settings)
    assert isinstance(document, Document)
    assert document.source == url
    assert document.url == "https://gazette.example.org/news/ferry-timetable"
    assert document.published == date(2024, 3, 5)
    assert document.outlet == "Harbour Gazette"
    assert document.ingested_at == NOW
    assert http_server.user_agents[-1] == settings.user_agent


def test_redirects_are_followed(
    http_server: Server, client: httpx.Client, settings: Settings
) -> None:
    (document,) = fetch_all(client, http_server.url("/redirect"), settings)
    assert isinstance(document, Document)
    assert document.title == "Council approves new ferry timetable"


def test_page_without_a_date_is_undated(
    http_server: Server, client: httpx.Client, settings: Settings
) -> None:
    url = http_server.url("/articles/orchard.html")
    (document,) = fetch_all(client, url, settings)
    assert isinstance(document, Document)
    assert document.published is None
    assert document.url == url
    assert document.outlet == "127.0.0.1"  # no site name: the host


def test_charset_from_the_content_type(
    http_server: Server, client: httpx.Client, settings: Settings
) -> None:
    (document,) = fetch_all(client, http_server.url("/latin1"), settings)
    assert isinstance(document, Document)
    assert document.text.startswith("Café owners")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/gone", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/no-such-page.html", "HTTP 404"),
        ("/huge", "response body is over the 200000-byte limit"),
        ("/huge-declared", "response is 1000000000 bytes, over the 200000-byte limit"),
        ("/binary", "unsupported content type application/octet-stream"),
        ("/binary-as-html", "binary data (NUL bytes)"),
        ("/plain", "unsupported content type text/plain"),
        ("/articles/navonly.html", "no article text found in the page"),
        ("/feeds/empty.rss", "feed has no entries"),
    ],
)
def test_bad_url_becomes_a_failure(
    http_server: Server, client: httpx.Client, settings: Settings, path: str, reason: str
) -> None:
    url = http_server.url(path)
    (failure,) = fetch_all(client, url, settings)
    assert isinstance(failure, Failure)
    assert (failure.input, failure.stage, failure.at) == (url, "ingest", NOW)
    assert failure.reason.startswith(reason)


def test_unreachable_url(client: httpx.Client, settings: Settings, closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/article.html"
    (failure,) = fetch_all(client, url, settings)
    assert isinstance(failure, Failure)
    assert failure.input == url
    assert failure.reason.startswith("cannot fetch:")


def test_timeout(http_server: Server, client: httpx.Client, settings: Settings) -> None:
    hurried = replace(settings, http_timeout=0.2)
    (failure,) = fetch_all(client, http_server.url("/slow"), hurried)
    assert isinstance(failure, Failure)
    assert failure.reason == "timed out after 0.2 s"


def test_fetch_page_raises_typed_errors(
    http_server: Server, client: httpx.Client, settings: Settings
) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_page(client, http_server.url("/gone"), settings=settings)
    with pytest.raises(TooLargeError):
        fetch_page(client, http_server.url("/huge"), settings=settings)


def test_rss_feed(http_server: Server, client: httpx.Client, settings: Settings) -> None:
    feed_url = http_server.url("/feeds/harbour.rss")
    ferry, orchard, gone, nolink = fetch_all(client, feed_url, settings)

    assert isinstance(ferry, Document)
    assert ferry.source == http_server.url("/articles/ferry.html")
    assert ferry.published == date(2024, 3, 5)  # the page's own date wins over the feed's
    assert ferry.outlet == "Harbour Gazette"

    assert isinstance(orchard, Document)
    assert orchard.published == date(2024, 4, 9)  # from the feed, as written (not UTC)
    assert orchard.title == "Orchard growers fear a late frost"  # the page's own title
    assert orchard.outlet == "Harbour Gazette"  # the feed's title: the page has no site name

    assert isinstance(gone, Failure)
    assert (gone.input, gone.reason) == (http_server.url("/gone"), "HTTP 404 Not Found")
    assert isinstance(nolink, Failure)
    assert (nolink.input, nolink.reason) == (f"{feed_url}#entry-4", "feed entry has no link")


def test_atom_feed(http_server: Server, client: httpx.Client, settings: Settings) -> None:
    library, navonly = fetch_all(client, http_server.url("/feeds/valley.atom"), settings)
    assert isinstance(library, Document)
    assert library.published == date(2024, 5, 1)
    assert library.outlet == "Valley Post"
    assert library.title == "Town library extends its opening hours"
    assert isinstance(navonly, Failure)
    assert navonly.input == http_server.url("/articles/navonly.html")
    assert navonly.reason == "no article text found in the page"


def test_feed_without_a_content_type_is_sniffed(
    http_server: Server, client: httpx.Client, settings: Settings
) -> None:
    results = fetch_all(client, http_server.url("/feeds/untyped"), settings)
    assert [type(result) for result in results] == [Document, Document, Failure, Failure]


def test_read_inputs_dispatches_urls_and_paths(
    http_server: Server, client: httpx.Client, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A short note about the harbour ferry and its timetable.\n", "utf-8")
    inputs = [
        http_server.url("/articles/ferry.html"),
        str(path),
        str(tmp_path / "missing.txt"),
        http_server.url("/gone"),
    ]
    results = list(read_inputs(inputs, settings=settings, client=client, now=NOW))
    assert [type(result) for result in results] == [Document, Document, Failure, Failure]
    assert [
        result.source if isinstance(result, Document) else result.input for result in results
    ] == inputs


def test_read_inputs_without_a_client(settings: Settings) -> None:
    (failure,) = read_inputs(["https://example.org/a"], settings=settings, client=None)
    assert isinstance(failure, Failure)
    assert failure.reason == "no HTTP client to fetch URLs with"
