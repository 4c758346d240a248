"""What changed against the previous month: new and dormant storylines, shifts in dyad
indices, first-time actors, new claims and new responses to claims.

Docs: docs/briefs.md ("Since last month").
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from tiewatch.analyze.claims import Claim, Response
from tiewatch.analyze.dyads import BOTH, DyadRow
from tiewatch.analyze.rows import SentenceKey, SentenceRow, shift_month
from tiewatch.analyze.storylines import Storyline

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DyadShift:
    actor_a: str
    actor_b: str
    before: float | None
    after: float | None
    events_before: int
    events_after: int

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return round(self.after - self.before, 3)


@dataclass(frozen=True)
class FirstActor:
    name: str  # the actor's name as extracted (a person or body), else its code
    code: str | None
    first: SentenceKey


@dataclass(frozen=True)
class MonthChanges:
    month: str
    previous: str
    new_storylines: tuple[Storyline, ...]
    continuing_storylines: tuple[Storyline, ...]
    dormant_storylines: tuple[Storyline, ...]
    dyad_shifts: tuple[DyadShift, ...]
    first_actors: tuple[FirstActor, ...]
    new_claims: tuple[Claim, ...]
    new_responses: tuple[tuple[Claim, Response], ...]


def compare_months(
    month: str,
    *,
    rows: Sequence[SentenceRow],
    storylines: Sequence[Storyline],
    dyad_rows: Sequence[DyadRow],
    claims: Sequence[Claim],
) -> MonthChanges:
    previous = shift_month(month, -1)
    active = [s for s in storylines if s.active_in(month)]
    return MonthChanges(
        month=month,
        previous=previous,
        new_storylines=tuple(s for s in active if s.first_month == month),
        continuing_storylines=tuple(s for s in active if s.first_month < month),
        dormant_storylines=tuple(
            s for s in storylines if s.active_in(previous) and not s.active_in(month)
        ),
        dyad_shifts=tuple(dyad_shifts(dyad_rows, month=month, previous=previous)),
        first_actors=tuple(first_actors(rows, month=month)),
        new_claims=tuple(c for c in claims if c.side.month == month),
        new_responses=tuple((c, r) for c in claims for r in c.responses if r.side.month == month),
    )


def dyad_shifts(rows: Sequence[DyadRow], *, month: str, previous: str) -> list[DyadShift]:
    """Undirected dyads with events in either month, in the order of ``rows``."""
    found: dict[tuple[str, str], dict[str, DyadRow]] = {}
    for row in rows:
        if row.direction == BOTH and row.month in (month, previous):
            found.setdefault((row.actor_a, row.actor_b), {})[row.month] = row
    shifts = []
    for (a, b), by_month in found.items():
        now, then = by_month.get(month), by_month.get(previous)
        count_now, count_then = (now.total if now else 0), (then.total if then else 0)
        if count_now or count_then:
            shifts.append(
                DyadShift(
                    a,
                    b,
                    then.net_index if then else None,
                    now.net_index if now else None,
                    count_then,
                    count_now,
                )
            )
    return shifts


def first_actors(rows: Sequence[SentenceRow], *, month: str) -> list[FirstActor]:
    """Named actors in ``month``'s events never named in an earlier month's rows."""
    earlier: set[str] = set()
    for row in rows:
        if row.month and row.month < month:
            earlier.update(_names(row))
    found: dict[str, FirstActor] = {}
    for row in sorted((r for r in rows if r.month == month), key=lambda r: r.key):
        for event in row.events:
            for name, code in (
                (event.source_name, event.source),
                (event.target_name, event.target),
            ):
                if name and name not in earlier and name not in found:
                    found[name] = FirstActor(name=name, code=code, first=row.key)
    return list(found.values())


def _names(row: SentenceRow) -> set[str]:
    return {n for e in row.events for n in (e.source_name, e.target_name) if n}
