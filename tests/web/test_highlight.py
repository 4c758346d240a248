"""highlight_text: escaped document text with nested, overlapping and clipped <mark>s (#5)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from tiewatch.models import Event, Quantity, Quote
from tiewatch.web.highlight import (
    Highlight,
    event_highlight,
    highlight_text,
    quantity_highlight,
    quote_highlight,
)


def _strip(html: str) -> str:
    """The text a browser shows: tags dropped, entities decoded."""

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _balanced(html: str) -> bool:
    depth = 0
    for tag in re.findall(r"</?mark\b", html):
        depth += -1 if tag.startswith("</") else 1
        if depth < 0:
            return False
    return depth == 0


def _marks(text: str, spans: list[tuple[int, int]]) -> str:
    return str(highlight_text(text, [Highlight(s, e, "event") for s, e in spans]))


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("abc", [], "abc"),
        ("abcdef", [(1, 3)], "a<mark M>bc</mark>def"),
        ("abcdef", [(0, 6)], "<mark M>abcdef</mark>"),  # the whole text
        ("abcdef", [(0, 2), (4, 6)], "<mark M>ab</mark>cd<mark M>ef</mark>"),  # both ends
        ("abcdef", [(0, 6), (2, 4)], "<mark M>ab<mark M>cd</mark>ef</mark>"),  # nested
        ("abcdef", [(2, 4), (0, 6)], "<mark M>ab<mark M>cd</mark>ef</mark>"),  # order-free
        (
            "abcdef",
            [(1, 4), (1, 4)],
            "<mark M>bc",
        ),  # identical spans both shown
        ("abcdef", [(0, 4), (2, 6)], "<mark M>ab<mark M>cd</mark></mark><mark M>ef</mark>"),
        ("abcdef", [(-3, 2), (5, 99)], "<mark M>ab</mark>cde<mark M>f</mark>"),  # clipped
        ("abcdef", [(3, 3), (4, 2)], "abcdef"),  # empty and reversed spans dropped
        ("", [(0, 1)], ""),
    ],
)
def test_marks(text: str, spans: list[tuple[int, int]], expected: str) -> None:
    html = _marks(text, spans).replace(
        '<mark class="hl hl-event" tabindex="0" data-kind="event">', "<mark M>"
    )
    assert expected in html
    assert _balanced(html)
    assert _strip(html) == text


HOSTILE = 'Hi <script>alert(1)</script> & <img src=x onerror=alert(1)> "q" \'s'


@pytest.mark.parametrize(
    "spans",
    [[], [(3, 11)], [(0, len(HOSTILE))], [(5, 40), (20, 50)], [(31, 62), (35, 40)]],
)
def test_hostile_text_is_escaped(spans: list[tuple[int, int]]) -> None:
    html = _marks(HOSTILE, spans)
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html or "&lt;" in html
    assert _strip(html) == HOSTILE
    assert _balanced(html)


def test_returns_markup_so_templates_do_not_escape_twice() -> None:
    assert isinstance(highlight_text("a<b", []), Markup)
    assert str(highlight_text("a<b", [])) == "a&lt;b"


def test_attribute_values_are_escaped() -> None:
    evil = Highlight(0, 1, "event", data={"type": '"><script>x</script>'}, title='" onmouseover="x')
    html = str(highlight_text("abc", [evil]))
    assert "<script" not in html
    assert 'onmouseover="' not in html
    assert "&#34;" in html


@pytest.mark.parametrize("key", ["on click", 'x"', "Type", "", "1a"])
def test_bad_attribute_names_refused(key: str) -> None:
    with pytest.raises(ValueError, match="data attribute"):
        highlight_text("abc", [Highlight(0, 1, "event", data={key: "v"})])


def test_anchor_only_on_first_fragment() -> None:
    spans = [Highlight(0, 4, "event", anchor="ev-1"), Highlight(2, 6, "quote", anchor="q-1")]
    html = str(highlight_text("abcdef", spans))
    assert html.count('id="ev-1"') == 1
    assert html.count('id="q-1"') == 1
    assert html.count("hl-quote") == 2  # the quote crosses the event's end: two fragments


def test_event_coding_in_attributes() -> None:
    event = Event(
        type="ACCUSE",
        source="CHN",
        source_name="Wang Yi",
        target="USA",
        document_id="d",
        sentence_index=0,
        start=8,
        end=15,
        sentence="Wang Yi accused the US.",
        date="2025-06-02",
        status="alleged",
        reported_by="Reuters",
    )
    html = str(highlight_text(event.sentence, [event_highlight(event, anchor="ev-0")]))
    for needle in (
        'data-type="ACCUSE"',
        'data-source="Wang Yi (CHN)"',
        'data-target="USA"',
        'data-date="2025-06-02"',
        'data-status="alleged"',
        'data-reported-by="Reuters"',
        'id="ev-0"',
        'title="type: ACCUSE; source: Wang Yi (CHN); target: USA;',
    ):
        assert needle in html
    assert ">accused</mark>" in html


def test_quote_and_quantity_coding() -> None:
    quote = Quote(text="x", document_id="d", start=0, end=1, sentence_index=0, speaker="Lavrov")
    quantity = Quantity(
        text="5%",
        value=5.0,
        unit="percent",
        document_id="d",
        start=2,
        end=4,
        sentence_index=0,
        measure="share",
    )
    html = str(highlight_text("x 5%", [quote_highlight(quote), quantity_highlight(quantity)]))
    assert 'data-speaker="Lavrov"' in html
    assert 'title="quote by Lavrov"' in html
    assert 'data-unit="percent"' in html
    assert 'data-value="5"' in html
    assert 'title="figure: 5 percent (share)"' in html
