"""HTML pages with trafilatura: text with paragraph breaks, title, site name, page date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiewatch.errors import DecodeError, EmptyInputError, TooLargeError
from tiewatch.ingest import parse_html
from tiewatch.ingest.html import decode_html
from tiewatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
PARAGRAPHS = (
    "<p>The glassworks on the canal will close its furnace for the winter, its owner said "
    "on Friday, ending two centuries of year-round work.</p>"
    "<p>Gas has become too dear to keep the furnace lit through the cold months, said "
    "Rosa Imhof, whose family has run the works since 1821.</p>"
    "<p>The twelve glassblowers will be paid while the furnace is cold.</p>"
)


def page(head: str = "", body: str = PARAGRAPHS) -> str:
    return (
        f"<html><head><title>Glassworks to close furnace</title>{head}</head>"
        f"<body><article><h1>Glassworks to close furnace</h1>{body}</article></body></html>"
    )


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


def test_article_with_a_date_in_meta(settings: Settings) -> None:
    document = parse_html(read_fixture("ferry.html"), url=None, settings=settings)
    assert document.published == date(2024, 3, 5)
    assert document.title == "Council approves new ferry timetable"
    assert document.outlet == "Harbour Gazette"
    assert document.url == "https://gazette.example.org/news/ferry-timetable"  # canonical
    assert "Blue Wake Lines" in document.text
    assert "Sport" not in document.text  # navigation is boilerplate
    assert "All rights reserved" not in document.text


def test_article_without_a_date_is_undated(settings: Settings) -> None:
    # The prose mentions "3 March 2021": an event date, not the publication date.
    document = parse_html(read_fixture("orchard.html"), url=None, settings=settings)
    assert document.published is None
    assert document.undated
    assert "3 March 2021" in document.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="article:published_time" content="2023-11-20T08:00:00Z">', "2023-11-20"),
        ('<meta name="date" content="2023-11-20">', "2023-11-20"),
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "headline": "Glassworks to close furnace", '
            '"datePublished": "2023-11-20T08:00:00+01:00"}</script>',
            "2023-11-20",
        ),
        ("", None),
    ],
)
def test_page_date_comes_from_markup(settings: Settings, head: str, expected: str | None) -> None:
    document = parse_html(page(head), url=None, settings=settings)
    assert document.published == (date.fromisoformat(expected) if expected else None)


def test_paragraphs_are_separated_by_a_blank_line(settings: Settings) -> None:
    document = parse_html(page(), url=None, settings=settings)
    paragraphs = document.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The glassworks on the canal")
    assert paragraphs[2] == "The twelve glassblowers will be paid while the furnace is cold."


def test_headline_is_not_repeated_in_the_text(settings: Settings) -> None:
    document = parse_html(page(), url=None, settings=settings)
    assert document.title == "Glassworks to close furnace"
    assert not document.text.startswith("Glassworks")


def test_list_items_keep_a_line_each(settings: Settings) -> None:
    body = PARAGRAPHS + "<ul><li>Furnace off in December</li><li>Back on in March</li></ul>"
    document = parse_html(page(body=body), url=None, settings=settings)
    assert document.text.endswith("- Furnace off in December\n- Back on in March")


def test_fallbacks_fill_only_what_the_page_lacks(settings: Settings) -> None:
    document = parse_html(
        read_fixture("orchard.html"),
        url="https://valley.example.net/frost",
        settings=settings,
        title="Feed title",
        outlet="Valley Post",
        published=date(2024, 4, 9),
    )
    assert document.title == "Orchard growers fear a late frost"
    assert document.outlet == "Valley Post"
    assert document.published == date(2024, 4, 9)
    assert document.url == "https://valley.example.net/frost"
    assert document.source == "https://valley.example.net/frost"

    dated = parse_html(
        read_fixture("ferry.html"), url=None, settings=settings, published=date(2000, 1, 1)
    )
    assert dated.published == date(2024, 3, 5)
    assert dated.outlet == "Harbour Gazette"


def test_host_is_the_last_resort_outlet(settings: Settings) -> None:
    document = parse_html(page(), url="https://www.glass.example.org/news/1", settings=settings)
    assert document.outlet == "glass.example.org"


@pytest.mark.parametrize(
    ("html", "error", "reason"),
    [
        ("", EmptyInputError, "empty HTML"),
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", EmptyInputError, "no art"),
        (page(body="<p>" + "word " * 50_000 + "</p>"), TooLargeError, "over the 200000-byte"),
    ],
)
def test_bad_pages_raise(
    settings: Settings, html: str, error: type[Exception], reason: str
) -> None:
    with pytest.raises(error, match=reason):
        parse_html(html, url=None, settings=settings)


@pytest.mark.parametrize(
    ("data", "charset", "expected"),
    [
        (b"<p>caf\xc3\xa9</p>", None, "<p>café</p>"),
        (
            b'<meta charset="iso-8859-1"><p>caf\xe9</p>',
            None,
            '<meta charset="iso-8859-1"><p>café</p>',
        ),
        (b"<p>caf\xe9</p>", "iso-8859-1", "<p>café</p>"),
    ],
)
def test_decode_html(data: bytes, charset: str | None, expected: str) -> None:
    assert decode_html(data, charset=charset) == expected


@pytest.mark.parametrize("data", [b"<p>caf\xe9</p>", b"<p>\x00\x01</p>"])
def test_decode_html_refuses_bad_bytes(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_html(data)
