"""The JSON API (#5) through FastAPI's TestClient over the web test corpus."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi import FastAPI

from brief_corpus import DOC_APRIL, DOC_MARCH, make_annotations
from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web.app import create_app
from web_corpus import HOSTILE_ID, SCRIPT, TestClient

API = "/api/v1"
REJECT_KEY = f"{DOC_APRIL}:0-1:REJECT:CHN:UKR"
INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE events; --", "1) OR (1=1", '" OR ""="', "%", "_"]


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/documents", "/documents/{document_id}", "/events", "/events/{key}", "/quotes",
        "/quantities", "/storylines", "/storylines/{storyline_id}", "/claims", "/indicators",
        "/dyads", "/briefs/{month}", "/corrections", "/ingest",
    ):  # fmt: skip
        assert API + path in paths, path


@pytest.mark.parametrize(
    ("query", "total"),
    [
        ("", 9),
        ("dyad=CHN-RUS", 7),
        ("actor=UKR", 2),
        ("actor=Lavrov", 1),
        ("type=AID&status=denied", 1),
        ("outlet=Plain%20Wire", 4),
        ("q=drone", 4),
        ("date_from=2025-04-01", 5),
        ("date_from=2025-04-01&date_to=2025-04-15&type=CONSULT", 1),
    ],
)
def test_event_filters(client: TestClient, query: str, total: int) -> None:
    response = client.get(f"{API}/events?{query}")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == total == len(body["items"])


def test_event_pagination_and_sorting(client: TestClient) -> None:
    seen: list[str] = []
    for page in (1, 2, 3):
        body = client.get(f"{API}/events?per_page=4&page={page}&sort=confidence").json()
        assert body["pages"] == 3 and body["per_page"] == 4
        seen += [item["key"] for item in body["items"]]
        if page == 1:
            assert body["items"][0]["confidence"] == 0.8
    assert len(set(seen)) == 9
    first = client.get(f"{API}/events?sort=date&order=asc&per_page=1").json()["items"][0]
    assert first["document_id"] == DOC_MARCH and first["outlet"] == "Harbour Ledger"


@pytest.mark.parametrize(
    "query",
    [
        "date_from=2025-02-30",
        "date_from=yesterday",
        "page=0",
        "per_page=501",
        "page=99999999999",
        "sort=id",
        "order=up",
        "dyad=CHN",
        "format=xml",
        "actor=" + "x" * 501,
        "actor=%00",
    ],
)
def test_bad_list_queries_are_422(client: TestClient, query: str) -> None:
    assert client.get(f"{API}/events?{query}").status_code == 422


def _string_params(client: TestClient) -> list[tuple[str, str]]:
    """(path, name) of every string query parameter of every GET operation without
    path parameters, read from the OpenAPI schema."""
    found = []
    for path, operations in client.get(f"{API}/openapi.json").json()["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            schema = parameter.get("schema", {})
            kinds = {schema.get("type")} | {s.get("type") for s in schema.get("anyOf", [])}
            if "{" not in path and parameter["in"] == "query" and "string" in kinds:
                found.append((path, parameter["name"]))
    return found


def test_sql_injection_in_every_filter(client: TestClient, web_store: Store) -> None:
    params = _string_params(client)
    assert (f"{API}/events", "dyad") in params and (f"{API}/quotes", "actor") in params
    for path, name in params:
        for value in INJECTIONS:
            response = client.get(path, params={name: value})
            assert response.status_code in (200, 422), (path, name, value)
            body = response.json()
            if response.status_code == 200 and isinstance(body, dict) and name != "order":
                assert body["total"] == 0, (path, name, value)
    with web_store.engine.connect() as conn:
        assert conn.scalar(sa.text("SELECT count(*) FROM events")) == 9
        assert conn.scalar(sa.text("SELECT count(*) FROM documents")) == 3
        assert conn.scalar(sa.text("SELECT count(*) FROM corrections")) == 0


def _download(client: TestClient, path: str) -> tuple[str, str]:
    response = client.get(API + path)
    assert response.status_code == 200
    return response.headers["content-disposition"], response.text


def test_csv_and_jsonl_downloads_hold_every_match(client: TestClient) -> None:
    disposition, text = _download(client, "/events?dyad=CHN-RUS&per_page=2&format=csv")
    assert 'filename="events.csv"' in disposition
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 7 and any(r["key"].startswith(HOSTILE_ID) for r in rows)
    _, text = _download(client, "/quotes?format=jsonl")
    assert [json.loads(line)["document_id"] for line in text.splitlines()] == [
        HOSTILE_ID,
        DOC_APRIL,
    ]
    _, text = _download(client, "/documents?format=csv&q=nothing-matches-this")
    assert text == ""


def test_downloads_span_many_pages(client: TestClient, web_store: Store) -> None:
    from tiewatch.web import downloads

    records = [{"a": n, "b": [n]} for n in range(1201)]
    text = "".join(downloads._chunks(iter(records), "csv"))
    lines = text.splitlines()
    assert lines[0] == "a,b" and len(lines) == 1202 and lines[-1] == "1200,[1200]"


def test_document_detail(client: TestClient) -> None:
    body = client.get(f"{API}/documents/{DOC_APRIL}").json()
    assert body["title"] == "Test d-april" and body["text"].startswith("China denied")
    assert len(body["sentences"]) == 4 and len(body["events"]) == 4
    assert body["quotes"][0]["speaker"] == "Wang Yi"
    assert client.get(f"{API}/documents/unknown").status_code == 404
    hostile = client.get(f"{API}/documents/{HOSTILE_ID}").json()
    assert SCRIPT in hostile["title"]  # JSON carries text as it is; pages escape it


def test_event_by_key(client: TestClient) -> None:
    body = client.get(f"{API}/events/{REJECT_KEY}").json()
    assert body["key"] == REJECT_KEY and body["type"] == "REJECT" and not body["corrected"]
    for key in ("nope", f"{DOC_APRIL}:0-1:AID:CHN:XXX", "a/b/c", "%00"):
        assert client.get(f"{API}/events/{key}").status_code == 404


def test_documents_list(client: TestClient) -> None:
    body = client.get(f"{API}/documents?sort=published&order=asc").json()
    assert [d["id"] for d in body["items"]] == [DOC_MARCH, DOC_APRIL, HOSTILE_ID]
    assert "text" not in body["items"][0]


def test_quotes_and_quantities(client: TestClient) -> None:
    assert client.get(f"{API}/quotes?actor=CHN").json()["total"] == 2
    body = client.get(f"{API}/quantities?unit=bcm/yr&per_page=1").json()
    assert body["total"] == 3 and body["pages"] == 3 and body["items"][0]["value"] > 0


def test_analyses(client: TestClient) -> None:
    storylines = client.get(f"{API}/storylines?month=2025-04").json()
    assert storylines and all(s["id"].startswith("s-") for s in storylines)
    story = client.get(f"{API}/storylines/{storylines[0]['id']}?month=2025-04").json()
    assert len(story["entries"]) == story["size"]
    assert client.get(f"{API}/storylines/s-nothing").status_code == 404
    claims = client.get(f"{API}/claims").json()
    assert any(c["responses"] for c in claims)
    assert client.get(f"{API}/claims?made_in=2025-01").json() == []
    series = client.get(f"{API}/indicators").json()
    assert any(s["unit"] == "bcm/yr" and len(s["points"]) >= 2 for s in series)
    dyads = client.get(f"{API}/dyads?dyad=RUS-CHN&months=2").json()
    assert {d["month"] for d in dyads} == {"2025-03", "2025-04"}
    assert {d["direction"] for d in dyads} == {"a->b", "b->a", "both"}


@pytest.mark.parametrize("query", ["month=2025-13", "month=2025", "months=0", "months=37"])
def test_bad_windows_are_422(client: TestClient, query: str) -> None:
    assert client.get(f"{API}/storylines?{query}").status_code == 422


def test_briefs(client: TestClient) -> None:
    body = client.get(f"{API}/briefs/2025-04").json()
    assert body["month"] == "2025-04" and body["sections"]
    for fmt, media in (("md", "text/markdown"), ("html", "text/html")):
        response = client.get(f"{API}/briefs/2025-04?format={fmt}")
        assert response.headers["content-type"].startswith(media)
        assert (
            f'filename="brief-china-russia-ukraine-2025-04.{fmt}"'
            in (response.headers["content-disposition"])
        )
    html = client.get(f"{API}/briefs/2025-04?format=html").text
    assert SCRIPT not in html
    assert client.get(f"{API}/briefs/2025-13").status_code == 422
    assert client.get(f"{API}/briefs/1999-01").status_code == 200


def test_brief_pdf(client: TestClient) -> None:
    response = client.get(f"{API}/briefs/2025-04?format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def _correction(**values: Any) -> dict[str, Any]:
    return {"event_key": REJECT_KEY, "action": "edit", "type": "ACCUSE", **values}


def test_write_endpoints_need_the_token(
    client: TestClient, readonly_client: TestClient, auth_headers: dict[str, str]
) -> None:
    document = {"text": "A new statement on talks between China and Russia in May."}
    for path, body in (("/corrections", _correction()), ("/ingest", document)):
        assert readonly_client.post(API + path, json=body, headers=auth_headers).status_code == 403
        assert client.post(API + path, json=body).status_code == 401
        wrong = {"Authorization": "Bearer wrong"}
        assert client.post(API + path, json=body, headers=wrong).status_code == 401
        basic = {"Authorization": "Basic " + auth_headers["Authorization"].split()[1]}
        assert client.post(API + path, json=body, headers=basic).status_code == 401
        assert client.post(API + path, json=body, headers=auth_headers).status_code == 201
    assert client.get(f"{API}/corrections").json()[0]["author"] is None


def test_corrections_round_trip(client: TestClient, auth_headers: dict[str, str]) -> None:
    created = client.post(
        f"{API}/corrections",
        json=_correction(author="analyst", note="an accusation", date="2025-04-09"),
        headers=auth_headers,
    )
    assert created.status_code == 201
    assert created.json()["author"] == "analyst" and created.json()["created_at"]
    event = client.get(f"{API}/events/{REJECT_KEY}").json()
    assert (event["type"], event["date"], event["corrected"]) == ("ACCUSE", "2025-04-09", True)
    assert client.get(f"{API}/events?type=REJECT").json()["total"] == 0
    deleted = client.post(
        f"{API}/corrections", json=_correction(action="delete"), headers=auth_headers
    )
    assert deleted.status_code == 201
    assert client.get(f"{API}/events/{REJECT_KEY}").status_code == 404
    listed = client.get(f"{API}/corrections?document_id={DOC_APRIL}").json()
    assert [c["action"] for c in listed] == ["edit", "delete"]
    # An edit after the delete brings the event back.
    again = client.post(f"{API}/corrections", json=_correction(), headers=auth_headers)
    assert again.status_code == 201
    assert client.get(f"{API}/events/{REJECT_KEY}").json()["type"] == "ACCUSE"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (_correction(type="HUG"), 422),
        (_correction(status="perhaps"), 422),
        (_correction(date="2025-02-30"), 422),
        (_correction(type=None), 422),
        (_correction(event_key="nope"), 404),
        (_correction(event_key=f"{DOC_APRIL}:5-9:AID::"), 404),
        (_correction(note="\ud800"), 422),
        (_correction(author="a\x00b"), 422),
        ({"action": "delete"}, 422),
    ],
)
def test_bad_corrections(
    client: TestClient, auth_headers: dict[str, str], body: dict[str, Any], code: int
) -> None:
    headers = {**auth_headers, "Content-Type": "application/json"}
    raw = json.dumps(body)  # keeps a lone surrogate as a \\ud800 escape
    response = client.post(f"{API}/corrections", content=raw, headers=headers)
    assert response.status_code == code, response.text
    assert client.get(f"{API}/corrections").json() == []


def test_ingest(client: TestClient, web_store: Store, auth_headers: dict[str, str]) -> None:
    document = {
        "title": "Talks",
        "text": "China and Russia held talks in Moscow on May 3 about the pipeline.",
        "published": "2025-05-04",
        "outlet": "Test Wire",
        "url": "https://example.org/talks",
    }
    first = client.post(f"{API}/ingest", json=document, headers=auth_headers)
    assert first.status_code == 201 and first.json()["created"]
    stored = web_store.get_document(first.json()["id"])
    assert (
        stored is not None
        and stored.outlet == "Test Wire"
        and str(stored.published) == "2025-05-04"
    )
    again = client.post(f"{API}/ingest", json=document, headers=auth_headers)
    assert again.status_code == 200 and not again.json()["created"]
    for bad in ({"text": ""}, {"text": "   "}, {"title": "no text"}, {"text": 5}, [1, 2]):
        assert client.post(f"{API}/ingest", json=bad, headers=auth_headers).status_code == 422
    broken = client.post(
        f"{API}/ingest",
        content=b"{not json",
        headers={**auth_headers, "Content-Type": "application/json"},
    )
    assert broken.status_code == 422


def test_request_size_cap(web_store: Store, auth_headers: dict[str, str]) -> None:
    app = create_app(
        Settings(max_request_bytes=1000, max_document_bytes=500), store=web_store, token="t"
    )
    headers = {"Authorization": "Bearer t", "Content-Type": "application/json"}
    with TestClient(app) as small:
        big = json.dumps({"text": "word " * 400})
        assert small.post(f"{API}/ingest", content=big, headers=headers).status_code == 413

        def chunks() -> Any:
            for _ in range(10):
                yield b" " * 200
            yield b'{"text": "short text of a document"}'

        chunked = small.post(f"{API}/ingest", content=chunks(), headers=headers)
        assert chunked.status_code == 413
        over_document = json.dumps({"text": "word " * 150})  # 750 bytes: over the document cap
        assert (
            small.post(f"{API}/ingest", content=over_document, headers=headers).status_code == 413
        )


def test_api_on_both_backends(any_web_store: Store) -> None:
    app: FastAPI = create_app(Settings(), store=any_web_store, token="t")
    with TestClient(app) as both:
        assert both.get(f"{API}/events?dyad=CHN-RUS&q=pipeline").json()["total"] == 4
        assert both.get(f"{API}/documents?q=DRONE").json()["total"] == 2
        assert both.get(f"{API}/events/{REJECT_KEY}").status_code == 200
        assert both.get(f"{API}/storylines").status_code == 200
        created = both.post(
            f"{API}/corrections", json=_correction(), headers={"Authorization": "Bearer t"}
        )
        assert created.status_code == 201
        assert both.get(f"{API}/events?type=ACCUSE").json()["total"] == 2


def test_api_headers(client: TestClient) -> None:
    response = client.get(f"{API}/events?per_page=1")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"


def test_allowed_hosts_stop_dns_rebinding(web_store: Store) -> None:
    app = create_app(Settings(), store=web_store, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get(f"{API}/events").status_code == 200
        rebound = local.get(f"{API}/events", headers={"Host": "evil.example:8000"})
        assert rebound.status_code == 400


def test_corrections_say_whether_their_event_is_still_extracted(
    client: TestClient, web_store: Store, auth_headers: dict[str, str]
) -> None:
    created = client.post(f"{API}/corrections", json=_correction(), headers=auth_headers)
    assert created.status_code == 201
    assert [c["matched"] for c in client.get(f"{API}/corrections").json()] == [True]
    april = next(a for a in make_annotations() if a.document.id == DOC_APRIL)
    moved = tuple(
        replace(e, start=e.start + 1, end=e.end + 1) if e.type == "REJECT" else e
        for e in april.events
    )
    web_store.save_annotation(replace(april, events=moved))  # a new extractor moved the span
    assert [c["matched"] for c in client.get(f"{API}/corrections").json()] == [False]
