"""Analysts' corrections applied to extracted events: pure functions, no store (#5).

The store keeps corrections apart from the extraction, so they survive re-processing;
whoever reads events for a brief, an export or the dashboard applies them here (or through
the equivalent SQL join of ``store/queries.py``, which a test keeps in agreement).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from tiewatch.errors import CorrectionError
from tiewatch.models import (
    CORRECTION_ACTIONS,
    EVENT_TYPES,
    STATUSES,
    Correction,
    Event,
    PartialDate,
)


def validate_correction(correction: Correction) -> Correction:
    """``correction`` with blank values made ``None``; raises CorrectionError when invalid."""
    if correction.action not in CORRECTION_ACTIONS:
        raise CorrectionError(
            f"unknown action {correction.action!r}; expected {CORRECTION_ACTIONS}"
        )
    cleaned = replace(
        correction,
        type=_blank_to_none(correction.type),
        source=_blank_to_none(correction.source),
        target=_blank_to_none(correction.target),
        date=_blank_to_none(correction.date),
        status=_blank_to_none(correction.status),
    )
    if cleaned.type is not None and cleaned.type not in EVENT_TYPES:
        raise CorrectionError(f"unknown PLOVER event type {cleaned.type!r}")
    if cleaned.status is not None and cleaned.status not in STATUSES:
        raise CorrectionError(f"unknown status {cleaned.status!r}; expected {STATUSES}")
    if cleaned.date is not None:
        date_precision(cleaned.date)
    if cleaned.action == "edit" and not any(
        (cleaned.type, cleaned.source, cleaned.target, cleaned.date, cleaned.status)
    ):
        raise CorrectionError("an edit must change the type, an actor, the date or the status")
    return cleaned


def date_precision(text: str) -> str:
    """The precision of an ISO partial date; raises CorrectionError when it is not one."""
    try:
        return PartialDate.parse(text).precision
    except (ValueError, OverflowError) as exc:
        raise CorrectionError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}") from exc


def latest_corrections(corrections: Iterable[Correction]) -> dict[str, Correction]:
    """The last correction of each event key (``corrections`` oldest first)."""
    return {correction.event_key: correction for correction in corrections}


def apply_corrections(
    events: Iterable[Event], corrections: Iterable[Correction]
) -> Iterator[Event]:
    """``events`` with the latest correction of each applied: deleted events vanish, edited
    ones carry the new values and ``corrected_from`` (their original key)."""
    latest = latest_corrections(corrections)
    for event in events:
        correction = latest.get(event.key)
        if correction is None:
            yield event
        elif correction.action == "edit":
            yield corrected_event(event, correction)


def corrected_event(event: Event, correction: Correction) -> Event:
    """``event`` with the values ``correction`` sets (None: unchanged)."""
    values = {
        name: value
        for name in ("type", "source", "target", "date", "status")
        if (value := getattr(correction, name)) is not None
    }
    if correction.date is not None:
        values["date_precision"] = date_precision(correction.date)
    return replace(event, **values, corrected_from=event.key)


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value is not None else None
