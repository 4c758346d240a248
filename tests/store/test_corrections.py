"""Analysts' corrections (#5): stored apart from the extraction, applied when reading,
surviving re-processing; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from brief_corpus import DOC_APRIL, DOC_MARCH, make_annotations
from tiewatch.cli import app
from tiewatch.corrections import apply_corrections
from tiewatch.errors import CorrectionError
from tiewatch.models import Correction, Event, parse_event_key
from tiewatch.store import Store
from tiewatch.store.corrections import corrected_event_from_row, corrected_events


def _fill(store: Store) -> Store:
    for annotation in make_annotations():
        store.add_document(annotation.document)
        store.save_annotation(annotation)
    return store


def _event(store: Store, type_: str, document_id: str = DOC_APRIL) -> Event:
    return next(e for e in store.iter_events(document_id=document_id) if e.type == type_)


def _sql_corrected(store: Store) -> list[Event]:
    query = corrected_events()
    with store.engine.connect() as conn:
        found = conn.execute(query.order_by(sa.text("id"))).mappings().all()
    return [corrected_event_from_row(row) for row in found]


def test_event_key_is_stable_and_parses() -> None:
    event = make_annotations()[1].events[0]
    assert event.key == f"{DOC_APRIL}:0-1:REJECT:CHN:UKR"
    assert parse_event_key(event.key) == (DOC_APRIL, 0, 1, "REJECT", "CHN", "UKR")
    assert parse_event_key("doc:with:colons:3-9:AID::") == (
        "doc:with:colons",
        3,
        9,
        "AID",
        None,
        None,
    )


@pytest.mark.parametrize("key", ["", "x", "d:1-2:AID:CHN", "d:a-b:AID::", ":1-2:AID::"])
def test_malformed_keys_raise_value_error(key: str) -> None:
    with pytest.raises(ValueError):
        parse_event_key(key)


def test_edit_and_delete_apply_and_survive_reprocessing(store: Store) -> None:
    _fill(store)
    consult, reject = _event(store, "CONSULT"), _event(store, "REJECT")
    store.add_correction(
        Correction.for_event(consult, action="edit", type="AGREE", date="2025-04-08", author="ana")
    )
    store.add_correction(Correction.for_event(reject, action="delete", note="not a rejection"))
    for _ in range(2):  # before and after the document is re-extracted
        corrected = {e.key: e for e in store.iter_corrected_events()}
        assert reject.key not in corrected
        edited = corrected[consult.key]
        assert (edited.type, edited.date, edited.date_precision) == ("AGREE", "2025-04-08", "day")
        assert edited.corrected and edited.corrected_from == consult.key
        assert store.find_event(reject.key) is None
        assert store.find_event(reject.key, corrected=False) is not None
        assert _sql_corrected(store) == list(store.iter_corrected_events())
        store.save_annotation(make_annotations()[1])  # re-processing: new event rows


def test_latest_correction_wins_and_all_are_listed(store: Store) -> None:
    _fill(store)
    aid = _event(store, "AID", DOC_MARCH)
    store.add_correction(Correction.for_event(aid, action="delete", author="a"))
    store.add_correction(Correction.for_event(aid, action="edit", status="occurred", author="b"))
    listed = store.corrections()
    assert [(c.action, c.author) for c in listed] == [("delete", "a"), ("edit", "b")]
    assert all(c.id is not None and c.created_at is not None for c in listed)
    assert store.corrections(document_id=DOC_APRIL) == []
    edited = store.find_event(aid.key)
    assert edited is not None and edited.status == "occurred"
    # A correction of an already corrected event still names the extracted event.
    again = Correction.for_event(edited, action="edit", target="UKR")
    assert again.event_key == aid.key
    assert _sql_corrected(store) == list(store.iter_corrected_events())


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"type": "HUG"}, "event type"),
        ({"status": "maybe"}, "status"),
        ({"date": "2025-13"}, "not a date"),
        ({"date": "tomorrow"}, "not a date"),
        ({}, "must change"),
        ({"type": "  "}, "must change"),
    ],
)
def test_invalid_corrections_are_refused(
    sqlite_store: Store, values: dict[str, str], message: str
) -> None:
    _fill(sqlite_store)
    event = _event(sqlite_store, "AID")
    with pytest.raises(CorrectionError, match=message):
        sqlite_store.add_correction(Correction.for_event(event, action="edit", **values))
    assert sqlite_store.corrections() == []


def test_correction_of_an_unknown_document_is_refused(sqlite_store: Store) -> None:
    event = replace(make_annotations()[0].events[0], document_id="nowhere")
    with pytest.raises(CorrectionError, match="no stored document"):
        sqlite_store.add_correction(Correction.for_event(event, action="delete"))


def test_apply_corrections_is_pure() -> None:
    events = list(make_annotations()[0].events)
    deleted = Correction.for_event(events[0], action="delete")
    assert list(apply_corrections(events, [deleted])) == events[1:]
    assert list(apply_corrections(events, [])) == events


def _cli_store(url: str) -> str:
    with Store.open(url) as store:
        _fill(store)
        consult = _event(store, "CONSULT")
        store.add_correction(Correction.for_event(consult, action="edit", type="AGREE"))
    return url


def test_export_shows_corrections(store_url: str) -> None:
    url = _cli_store(store_url)
    for fmt in ("jsonl", "plover"):
        result = CliRunner().invoke(app, ["--db", url, "export", "--format", fmt])
        assert result.exit_code == 0, result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        types = [r["type"] if fmt == "jsonl" else r["event"][0] for r in records]
        assert "CONSULT" not in types and types.count("AGREE") == 2


def test_brief_shows_corrections(store_url: str) -> None:
    url = _cli_store(store_url)
    with Store.open(url) as store:
        reject = _event(store, "REJECT")
        store.add_correction(Correction.for_event(reject, action="delete"))
        aid = _event(store, "AID")
        store.add_correction(Correction.for_event(aid, action="delete"))
    result = CliRunner().invoke(
        app, ["--db", url, "brief", "--month", "2025-04", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    # The denial's only events were deleted: the brief no longer reports it.
    assert "denied selling drone engines" not in text
