"""Conversions between the models of ``tiewatch.models`` and table rows (plain dicts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, datetime
from typing import Any, TypeVar

from tiewatch.models import (
    Correction,
    Document,
    Event,
    Failure,
    PartialDate,
    Quantity,
    Quote,
    Sentence,
)

T = TypeVar("T")

_UNSIGNED_LIMIT = 1 << 64
_SIGNED_LIMIT = 1 << 63


def to_signed(fingerprint: int) -> int:
    """Shift an unsigned 64-bit SimHash into the signed BIGINT range both backends store."""
    if not 0 <= fingerprint < _UNSIGNED_LIMIT:
        raise ValueError(f"fingerprint is not an unsigned 64-bit integer: {fingerprint}")
    return fingerprint - _UNSIGNED_LIMIT if fingerprint >= _SIGNED_LIMIT else fingerprint


def to_unsigned(stored: int) -> int:
    """Undo ``to_signed``."""
    return stored + _UNSIGNED_LIMIT if stored < 0 else stored


def model_row(model: Any) -> dict[str, Any]:
    """The dataclass fields of ``model`` as a row (field names are column names)."""
    return {item.name: getattr(model, item.name) for item in fields(model)}


def build_model(cls: type[T], row: Mapping[Any, Any]) -> T:
    """A ``cls`` from the row columns that are fields of ``cls`` (extra columns are ignored)."""
    names = [item.name for item in fields(cls)]  # type: ignore[arg-type]
    return cls(**{name: row[name] for name in names if name in row})


def document_row(document: Document, *, fingerprint: int | None) -> dict[str, Any]:
    row = model_row(document)
    row["fingerprint"] = None if fingerprint is None else to_signed(fingerprint)
    row["status"] = "new"
    return row


def event_row(event: Event) -> dict[str, Any]:
    row = model_row(event)
    row["contexts"] = list(event.contexts)
    # Corrections live in their own table and are applied when reading (#5).
    del row["corrected_from"]
    return row


def event_from_row(row: Mapping[Any, Any]) -> Event:
    values = dict(row)
    values["contexts"] = tuple(values["contexts"] or ())
    return build_model(Event, values)


def correction_row(correction: Correction, *, now: datetime) -> dict[str, Any]:
    row = model_row(correction)
    del row["id"]
    row["created_at"] = correction.created_at or now
    row["date_precision"] = (
        None if correction.date is None else PartialDate.parse(correction.date).precision
    )
    return row


def correction_from_row(row: Mapping[Any, Any]) -> Correction:
    return build_model(Correction, row)


def failure_row(failure: Failure) -> dict[str, Any]:
    row = model_row(failure)
    row["at"] = failure.at or datetime.now(UTC)
    return row


def sentence_from_row(row: Mapping[Any, Any]) -> Sentence:
    return build_model(Sentence, row)


def quote_from_row(row: Mapping[Any, Any]) -> Quote:
    return build_model(Quote, row)


def quantity_from_row(row: Mapping[Any, Any]) -> Quantity:
    return build_model(Quantity, row)


def document_from_row(row: Mapping[Any, Any]) -> Document:
    return build_model(Document, row)


def failure_from_row(row: Mapping[Any, Any]) -> Failure:
    return build_model(Failure, row)
