"""SQL for analysts' corrections (#5): the events table seen through the latest correction
of each event, so that filters and sorting apply to the corrected values.

``tiewatch.corrections.apply_corrections`` does the same in Python; a test keeps the two in
agreement.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from tiewatch.models import Event, event_key
from tiewatch.store import rows
from tiewatch.store.schema import corrections, events

CORRECTED_FIELDS = ("type", "source", "target", "date", "date_precision", "status")


def latest_corrections() -> sa.Subquery:
    """The newest correction of each event (ids grow with time)."""
    parts = (
        corrections.c.document_id,
        corrections.c.start,
        corrections.c.end,
        corrections.c.event_type,
        corrections.c.event_source,
        corrections.c.event_target,
    )
    newest = sa.select(sa.func.max(corrections.c.id)).group_by(*parts)
    return sa.select(corrections).where(corrections.c.id.in_(newest)).subquery("latest")


def corrected_events() -> sa.Select[Any]:
    """A select of every event not deleted, with corrected values under the events'
    column names (filter and sort on it as a subquery)."""
    latest = latest_corrections()
    joined = events.outerjoin(
        latest,
        sa.and_(
            latest.c.document_id == events.c.document_id,
            latest.c.start == events.c.start,
            latest.c.end == events.c.end,
            latest.c.event_type == events.c.type,
            latest.c.event_source.is_not_distinct_from(events.c.source),
            latest.c.event_target.is_not_distinct_from(events.c.target),
        ),
    )
    columns: dict[str, sa.ColumnElement[Any]] = {c.name: c for c in events.c}
    for name in CORRECTED_FIELDS:
        columns[name] = sa.func.coalesce(latest.c[name], events.c[name])
    extra = [
        latest.c.id.label("correction_id"),
        events.c.type.label("original_type"),
        events.c.source.label("original_source"),
        events.c.target.label("original_target"),
    ]
    query = (
        sa.select(*[expr.label(name) for name, expr in columns.items()], *extra)
        .select_from(joined)
        .where(sa.or_(latest.c.action.is_(None), latest.c.action != "delete"))
    )
    return query


def corrected_event_from_row(row: Mapping[Any, Any]) -> Event:
    """An Event from a row of ``corrected_events()``; corrected ones carry their original key."""
    event = rows.event_from_row(row)
    if row["correction_id"] is None:
        return event
    original = event_key(
        row["document_id"],
        row["start"],
        row["end"],
        row["original_type"],
        row["original_source"],
        row["original_target"],
    )
    return replace(event, corrected_from=original)
