"""JSON and JSONL records, and the dates they carry."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from tiewatch.errors import EmptyInputError, RecordError, TooLargeError
from tiewatch.ingest import document_from_record, read_path
from tiewatch.ingest.common import parse_published
from tiewatch.models import Document, Failure, content_hash
from tiewatch.settings import Settings

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
TEXT = "The mountain railway reopened after a week of repairs to the upper tunnel."


def record(**fields: Any) -> dict[str, Any]:
    return {"id": "mr-1", "title": "Railway reopens", "text": TEXT, **fields}


def test_record_fields(settings: Settings) -> None:
    document = document_from_record(
        record(
            outlet="Alpine Courier",
            published="2023-10-09",
            url="https://alpine.example.com/railway",
            speaker=["ignored"],
            doc_type="ignored",
        ),
        source="records.jsonl:1",
        settings=settings,
        now=NOW,
    )
    assert document == Document(
        id=content_hash(TEXT),
        text=TEXT,
        title="Railway reopens",
        url="https://alpine.example.com/railway",
        outlet="Alpine Courier",
        published=date(2023, 10, 9),
        ingested_at=NOW,
        source="records.jsonl:1",
        external_id="mr-1",
    )


def test_ingested_at_defaults_to_now_in_utc(settings: Settings) -> None:
    before = datetime.now(UTC)
    document = document_from_record(record(), source=None, settings=settings)
    assert document.ingested_at is not None
    assert before <= document.ingested_at <= datetime.now(UTC)


@pytest.mark.parametrize(
    ("bad", "error", "reason"),
    [
        (["not", "an", "object"], RecordError, "record is a JSON array, not an object"),
        ({"title": "No text"}, RecordError, "record has no text"),
        ({"text": None}, RecordError, "record has no text"),
        ({"text": ["a", "list"]}, RecordError, "not a string"),
        ({"text": "Short."}, EmptyInputError, "text too short"),
        ({"text": "word " * 50_000}, TooLargeError, "over the 200000-byte limit"),
    ],
)
def test_bad_record_raises(
    settings: Settings, bad: object, error: type[Exception], reason: str
) -> None:
    with pytest.raises(error, match=reason):
        document_from_record(bad, source=None, settings=settings)


def test_jsonl_with_a_malformed_line(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "records.jsonl"
    lines = [
        json.dumps(record(id="r1", published="2024-02-01")),
        "",
        '{"id": "r2", "text": "broken',
        json.dumps(record(id="r3", text=TEXT + " Trains run hourly.")),
        json.dumps({"id": "r4", "title": "No text"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    results = list(read_path(path, settings=settings, now=NOW))
    assert [type(result) for result in results] == [Document, Failure, Document, Failure]
    first, broken, third, notext = results
    assert isinstance(first, Document) and isinstance(third, Document)
    assert (first.external_id, first.source) == ("r1", f"{path}:1")
    assert (third.external_id, third.source) == ("r3", f"{path}:4")
    assert isinstance(broken, Failure) and isinstance(notext, Failure)
    assert broken.input == f"{path}:3"
    assert broken.reason.startswith("malformed JSON: Unterminated string")
    assert (notext.input, notext.reason) == (f"{path}:5", "record has no text")


def test_jsonl_line_over_the_limit_is_skipped_not_read(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "records.jsonl"
    huge = json.dumps(record(text="word " * 100_000))
    path.write_text(f"{huge}\n{json.dumps(record())}\n", "utf-8")
    failure, document = read_path(path, settings=settings)
    assert isinstance(failure, Failure)
    assert failure.input == f"{path}:1"
    assert failure.reason == "line is over the 200000-byte limit"
    assert isinstance(document, Document)
    assert document.source == f"{path}:2"


def test_jsonl_invalid_utf8_line(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "records.jsonl"
    good = json.dumps(record()).encode()
    path.write_bytes(b'{"text": "caf\xe9 terrace hours extended"}\n' + good + b"\n")
    failure, document = read_path(path, settings=settings)
    assert isinstance(failure, Failure)
    assert failure.input == f"{path}:1"
    assert "invalid utf-8" in failure.reason
    assert isinstance(document, Document)


def test_json_list(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "records.json"
    items = [record(id="a"), "not a record", record(id="c", text=TEXT + " Again.")]
    path.write_text(json.dumps(items), "utf-8")
    first, bad, third = read_path(path, settings=settings)
    assert isinstance(first, Document) and first.external_id == "a"
    assert isinstance(bad, Failure)
    assert bad.input == f"{path}[1]"
    assert "not an object" in bad.reason
    assert isinstance(third, Document) and third.source == f"{path}[2]"


def test_json_single_record(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record(published="9 October 2023")), "utf-8")
    (document,) = read_path(path, settings=settings)
    assert isinstance(document, Document)
    assert document.source == str(path)
    assert document.published == date(2023, 10, 9)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2023-10-09", date(2023, 10, 9)),
        ("2023-10-09T23:30:00-04:00", date(2023, 10, 9)),  # the date as written, not UTC
        ("2023-10-09T10:00:00Z", date(2023, 10, 9)),
        ("Mon, 09 Oct 2023 23:30:00 -0400", date(2023, 10, 9)),
        ("October 9, 2023", date(2023, 10, 9)),
        ("9 octobre 2023", date(2023, 10, 9)),
        ("October 2023", date(2023, 10, 1)),
        ("2023", date(2023, 1, 1)),
        ("October 9", None),  # no year: never filled in from today
        ("today", None),
        ("3 days ago", None),
        ("not a date", None),
        (date(2023, 10, 9), date(2023, 10, 9)),
        (datetime(2023, 10, 9, 8, 0), date(2023, 10, 9)),
        (["2023-10-09"], None),
        (True, None),
    ],
)
def test_parse_published(value: object, expected: date | None) -> None:
    assert parse_published(value) == expected


def test_undated_record(settings: Settings) -> None:
    document = document_from_record(record(published=None), source=None, settings=settings)
    assert document.published is None
    assert document.undated
