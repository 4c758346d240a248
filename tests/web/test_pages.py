"""The dashboard pages over the web test store and an empty store (#5): every page renders,
hostile document text appears only escaped, no inline script, filters/sorting/pagination,
and the correction form flow (no token, wrong token, right token)."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import fields
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tiewatch.analyze.indicators import IndicatorPoint, Series
from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web.app import create_app
from tiewatch.web.pages.charts import series_chart
from tiewatch.web.pages.events import EventForm
from web_corpus import HOSTILE_ID, IMG, SCRIPT

with warnings.catch_warnings():
    from starlette.exceptions import StarletteDeprecationWarning

    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

PAGES = [
    "/",
    "/events",
    "/storylines",
    "/claims",
    "/indicators",
    "/briefs",
    "/corrections",
]
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def assert_safe(html: str) -> None:
    """No hostile markup unescaped, no inline script or handler, no javascript: link."""
    assert SCRIPT not in html
    assert IMG not in html
    for tag, attrs in tags(html):
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        if tag == "script":
            assert attrs.get("src") or attrs.get("type") == "application/json", attrs
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").lower().startswith("javascript:"), attrs


@pytest.fixture
def empty_client(tmp_path: Path) -> Iterator[TestClient]:
    with Store.open(f"sqlite:///{tmp_path / 'empty.db'}") as store:
        app = create_app(Settings(), store=store, token="t")
        with TestClient(app) as client:
            yield client


def _storyline_ids(client: TestClient) -> list[str]:
    return re.findall(r'href="/storylines/([^"]+)"', client.get("/storylines").text)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert_safe(response.text)
    assert 'href="/static/css/dashboard.css"' in response.text


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_on_an_empty_store(empty_client: TestClient, path: str) -> None:
    response = empty_client.get(path)
    assert response.status_code == 200
    assert 'class="empty"' in response.text


def test_detail_pages_render(client: TestClient) -> None:
    ids = _storyline_ids(client)
    assert ids
    for path in ["/documents/d-march", "/documents/d-april", *(f"/storylines/{i}" for i in ids)]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_safe(response.text)


@pytest.mark.parametrize("path", ["/documents/nope", "/storylines/s-nope"])
def test_unknown_ids_are_html_404s(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "Not found" in response.text
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    [
        f"/documents/{HOSTILE_ID}",
        "/events",
        "/events?q=reject",
        "/events?q=%3Cscript%3E",
        "/events?actor=%3Cscript%3E&outlet=%3Cimg%20src%3Dx%3E",
        "/briefs?month=2025-04",
        "/",
        "/storylines",
        "/claims",
        "/indicators",
    ],
)
def test_hostile_document_only_escaped(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert_safe(html)


def test_hostile_document_page_shows_the_text_escaped(client: TestClient) -> None:
    html = client.get(f"/documents/{HOSTILE_ID}").text
    assert ESCAPED_SCRIPT in html  # title, text, actor name
    assert ESCAPED_IMG in html  # outlet, speaker, reported_by
    assert 'href="javascript:' not in html  # the stored URL is shown, not linked
    assert "javascript:alert(1)" in html
    assert html.count('<mark class="hl hl-') == 3  # its event, quote and figure
    assert "7 bcm" in html


def test_hostile_storylines_escaped(client: TestClient) -> None:
    for story in _storyline_ids(client):
        assert_safe(client.get(f"/storylines/{story}").text)


def test_document_page_lists_codings(client: TestClient) -> None:
    html = client.get("/documents/d-april").text
    assert "Events (" in html
    assert 'data-type="' in html
    assert 'id="coding-list"' in html


# --- Events: filters, sorting, pagination ---------------------------------------------------


def _event_rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)


def _types(html: str) -> list[str]:
    return [
        re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)[1].split()[0]
        for row in _event_rows(html)
    ]


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("type=AGREE", lambda html: set(_types(html)) == {"AGREE"}),
        ("status=denied", lambda html: _event_rows(html) and "status-denied" in html),
        (
            "actor=UKR",
            lambda html: _event_rows(html) and all("UKR" in r for r in _event_rows(html)),
        ),
        (
            "dyad=RUS-CHN",
            lambda html: _event_rows(html) and all("CHN" in r for r in _event_rows(html)),
        ),
        ("q=drone+engines", lambda html: all("drone engines" in r for r in _event_rows(html))),
        ("outlet=Plain+Wire", lambda html: all("Plain Wire" in r for r in _event_rows(html))),
        (
            "date_from=2025-04&date_to=2025-04-30",
            lambda html: "2025-03" not in "".join(_event_rows(html)),
        ),
        (
            "date_from=2025-03-01&date_to=2025-03-31",
            lambda html: "2025-04" not in "".join(_event_rows(html)),
        ),
        ("q=nothing-matches-this", lambda html: "No events match these filters." in html),
    ],
)
def test_event_filters(client: TestClient, query: str, check: object) -> None:
    response = client.get(f"/events?{query}")
    assert response.status_code == 200
    assert callable(check)
    assert check(response.text)


def test_filters_are_kept_in_the_form_and_download_links(client: TestClient) -> None:
    html = client.get("/events?type=AGREE&actor=CHN&sort=type&order=asc").text
    assert '<option value="AGREE" selected>' in html
    assert 'name="actor" value="CHN"' in html
    assert 'href="/api/v1/events?actor=CHN&amp;type=AGREE&amp;format=csv"' in html
    assert 'href="/api/v1/events?actor=CHN&amp;type=AGREE&amp;format=jsonl"' in html
    # sort headers keep the filters and flip the order of the current column
    assert 'href="?actor=CHN&amp;type=AGREE&amp;sort=type&amp;order=desc"' in html
    assert 'aria-sort="ascending"' in html


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_sorting(client: TestClient, order: str) -> None:
    types = _types(client.get(f"/events?sort=type&order={order}").text)
    assert len(types) > 2
    assert types == sorted(types, reverse=order == "desc")


def test_pagination(client: TestClient) -> None:
    first = client.get("/events?per_page=2").text
    total = int(re.search(r"(\d+) events", first).group(1))  # type: ignore[union-attr]
    assert total > 4
    assert len(_event_rows(first)) == 2
    assert f"Page 1 of {(total + 1) // 2}" in first
    assert 'rel="next" href="?per_page=2&amp;page=2"' in first
    last = client.get(f"/events?per_page=2&page={(total + 1) // 2}").text
    assert 'rel="prev"' in last
    assert 'rel="next"' not in last
    beyond = client.get("/events?per_page=2&page=999").text
    assert _event_rows(beyond) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date_from=yesterday", "date from: not a date"),
        ("date_to=2025-13", "date to: not a date"),
        ("page=x", "page: not a number"),
        ("sort=id;drop", "unknown sort column"),
    ],
)
def test_bad_filter_values_are_reported_not_errors(
    client: TestClient, query: str, message: str
) -> None:
    response = client.get(f"/events?{query}")
    assert response.status_code == 200
    assert message in response.text


def test_briefs_page(client: TestClient) -> None:
    html = client.get("/briefs").text
    assert '<option value="2025-04" selected>' in html
    assert 'href="/api/v1/briefs/2025-04?format=pdf"' in html
    assert 'id="src-1"' in html
    march = client.get("/briefs?month=2025-03").text
    assert '<option value="2025-03" selected>' in march
    assert client.get("/briefs?month=March").status_code == 422
    assert client.get("/claims?month=2025-13").status_code == 422


def test_overview_carries_chart_data_as_json(client: TestClient) -> None:
    html = client.get("/").text
    assert '<script type="application/json" id="chart-counts">' in html
    assert 'data-chart="chart-counts"' in html
    assert "China\\u2013Russia" in html


# --- Corrections from the browser ----------------------------------------------------------


def _first_event_key(client: TestClient, document_id: str) -> str:
    html = client.get(f"/documents/{document_id}").text
    match = re.search(r'name="event_key" value="([^"]+)"', html)
    assert match, "no correction form"
    return match.group(1).replace("&#34;", '"').replace("&amp;", "&")


def _form(key: str, **values: str) -> dict[str, str]:
    return {"event_key": key, "action": "edit", "author": "Ana Analyst", **values}


def test_without_a_token_the_form_says_writes_are_disabled(readonly_client: TestClient) -> None:
    html = readonly_client.get("/documents/d-march").text
    assert "Writes are disabled" in html
    assert 'name="event_key"' not in html
    response = readonly_client.post(
        "/documents/d-march/corrections", data={"event_key": "x", "token": "anything"}
    )
    assert response.status_code == 403
    assert "writes are disabled" in response.text


@pytest.mark.parametrize("token", ["", "wrong-token"])
def test_wrong_or_missing_token_refused(client: TestClient, token: str) -> None:
    key = _first_event_key(client, "d-march")
    response = client.post(
        "/documents/d-march/corrections", data=_form(key, event_type="REJECT", token=token)
    )
    assert response.status_code == 401
    assert "token" in response.text
    assert "No corrections yet." in client.get("/corrections").text


def test_correction_stored_and_visible(client: TestClient, token: str) -> None:
    key = _first_event_key(client, "d-march")
    response = client.post(
        "/documents/d-march/corrections",
        data=_form(key, event_type="REJECT", date="2025-03-04", note=f"typo {SCRIPT}", token=token),
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/documents/d-march?corrected=1"
    page = client.get(response.headers["location"]).text
    assert "Correction saved." in page
    assert "corrected" in page
    listing = client.get("/corrections").text
    assert "Ana Analyst" in listing
    assert ">Test d-march</a>" in listing  # the document by its title
    assert "type=REJECT" in listing
    assert "date=2025-03-04" in listing
    assert_safe(listing)
    assert "REJECT" in client.get("/events?type=REJECT").text


def test_mark_wrong_removes_the_event(client: TestClient, token: str) -> None:
    before = client.get("/events").text
    total = int(re.search(r"(\d+) events", before).group(1))  # type: ignore[union-attr]
    key = _first_event_key(client, "d-march")
    response = client.post(
        "/documents/d-march/corrections",
        data=_form(key, action="delete", token=token),
        follow_redirects=False,
    )
    assert response.status_code == 303
    after = client.get("/events").text
    assert f"{total - 1} events" in after
    assert "marked wrong" in client.get("/corrections").text


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"date": "March 3"}, "not a date"),
        ({"event_type": "NOT_A_TYPE"}, "unknown PLOVER event type"),
        ({}, "an edit must change"),
    ],
)
def test_invalid_correction_shows_the_reason(
    client: TestClient, token: str, values: dict[str, str], message: str
) -> None:
    key = _first_event_key(client, "d-march")
    response = client.post("/documents/d-march/corrections", data=_form(key, token=token, **values))
    assert response.status_code == 422
    assert message in response.text
    assert "No corrections yet." in client.get("/corrections").text


def test_correction_of_an_unknown_event(client: TestClient, token: str) -> None:
    response = client.post(
        "/documents/d-march/corrections", data=_form("d-march:0-1:AGREE::", token=token)
    )
    assert response.status_code == 404
    assert "No such event." in response.text


def test_download_links_are_served_by_the_api(client: TestClient) -> None:
    html = client.get("/events?date_from=2025-04&date_to=2025&type=AGREE&sort=type").text
    links = re.findall(r'href="(/api/v1/events\?[^"]+)"', html)
    assert len(links) == 2
    csv_link = links[0].replace("&amp;", "&")
    assert "date_from=2025-04-01" in csv_link
    assert "date_to=2025-12-31" in csv_link
    assert "sort=" not in csv_link
    response = client.get(csv_link)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "AGREE" in response.text


@pytest.mark.parametrize("path", ["/storylines", "/claims", "/indicators"])
def test_analysis_pages_take_a_month(client: TestClient, path: str) -> None:
    html = client.get(f"{path}?month=2025-03").text
    assert 'name="month" value="2025-03"' in html
    assert "– 2025-03" in html


def _series(*dates: str | None) -> Series:
    points = tuple(
        IndicatorPoint(float(i), "bcm/yr", f"{i} bcm", "gas", d, "doc", 0)
        for i, d in enumerate(dates)
    )
    return Series(id="s", unit="bcm/yr", terms=("gas",), points=points)


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (
            ("2025-01", "2025-03", "2025-02"),
            {"show_line": True, "labels": ["2025-01", "2025-02", "2025-03"]},
        ),
        (("2025-01", "2025-01", "2025-02"), {"show_line": False}),  # points only: no invented trend
        (("2025-01", None), None),  # one dated point: no chart
        (("2025-01", "2025-01"), None),
    ],
)
def test_series_chart(dates: tuple[str | None, ...], expected: dict[str, object] | None) -> None:
    chart = series_chart(_series(*dates))
    if expected is None:
        assert chart is None
    else:
        assert chart is not None
        assert expected.items() <= chart.items()


@pytest.mark.parametrize(("fmt", "media"), [("md", "text/markdown"), ("html", "text/html")])
def test_brief_download_links_are_served_by_the_api(
    client: TestClient, fmt: str, media: str
) -> None:
    html = client.get("/briefs?month=2025-04").text
    link = re.search(rf'href="(/api/v1/briefs/2025-04\?format={fmt})"', html)
    assert link
    response = client.get(link.group(1))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert "April 2025" in response.text


# --- Any input: a page answers 200, 404 or 422, never a server error ------------------------

_TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
_EVENT_PARAMS = st.dictionaries(
    st.sampled_from([item.name for item in fields(EventForm)]), _TEXT, max_size=6
)
_FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@_FUZZ
@given(params=_EVENT_PARAMS)
def test_events_page_takes_any_parameters(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 200
    assert_safe(response.text)


@_FUZZ
@given(path=st.sampled_from(["/storylines", "/claims", "/indicators", "/briefs"]), month=_TEXT)
def test_analysis_pages_take_any_month(client: TestClient, path: str, month: str) -> None:
    response = client.get(path, params={"month": month})
    assert response.status_code in (200, 422)


@_FUZZ
@given(identifier=st.text(st.characters(codec="utf-8", exclude_characters="/?#"), min_size=1))
def test_detail_pages_take_any_id(client: TestClient, identifier: str) -> None:
    for prefix in ("/documents/", "/storylines/"):
        response = client.get(prefix + quote(identifier, safe=""))
        assert response.status_code in (200, 404)


def test_api_docs_use_the_vendored_swagger_ui(client: TestClient) -> None:
    html = client.get("/api/v1/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/api/v1/openapi.json" in html
    assert "cdn." not in html  # offline: nothing from a CDN
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert client.get(f"/static/vendor/swagger-ui/{asset}").status_code == 200
    assert client.get("/static/vendor/chartjs/chart.umd.js").status_code == 200


@pytest.mark.parametrize("month", ["1-1", "2025-1", "2025-13", "٢٠٢٥-٠٤", "0000-01", "2025-04x"])
@pytest.mark.parametrize("path", ["/storylines", "/claims", "/indicators", "/briefs"])
def test_bad_months_are_422s(client: TestClient, path: str, month: str) -> None:
    response = client.get(path, params={"month": month})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
