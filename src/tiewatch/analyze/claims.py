"""Claims ledger: accusations and alleged acts, linked to later denials and confirmations by
the same actors on the same topic, with dates and sources on both sides.

A claim is a sentence with an ACCUSE event (accuser -> accused) or an event of status
``alleged`` (its source is the accused). A response is a later (or later in the same
document) sentence where the accused REJECTs or an act of the accused is ``denied``
(a denial), or where the alleged act is reported as ``occurred`` (a confirmation). Topic:
the two sentences share a non-diplomatic PLOVER context or at least two content words.

Docs: docs/briefs.md ("Claims ledger").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tiewatch.analyze.rows import SentenceKey, SentenceRow
from tiewatch.models import Event

logger = logging.getLogger(__name__)

_WORD = re.compile(r"[A-Za-z][A-Za-z-]{3,}")
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "have",
        "been",
        "were",
        "which",
        "their",
        "there",
        "about",
        "said",
        "says",
        "also",
        "would",
        "could",
        "into",
        "than",
        "them",
        "they",
        "will",
        "after",
        "before",
        "over",
        "what",
        "when",
        "where",
        "while",
        "other",
    ]
)
_GENERIC_CONTEXTS = frozenset({"diplomatic", "executive"})


@dataclass(frozen=True)
class ClaimSide:
    document_id: str
    sentence_index: int
    text: str
    date: str | None  # the event's date, else the reporting month
    month: str | None  # the reporting month
    reported_by: str | None
    outlet: str | None

    @property
    def key(self) -> SentenceKey:
        return (self.document_id, self.sentence_index)


@dataclass(frozen=True)
class Response:
    kind: str  # "denial" or "confirmation"
    actor: str | None
    side: ClaimSide


@dataclass(frozen=True)
class Claim:
    accuser: str | None
    accused: str
    type: str  # ACCUSE, or the type of the alleged act
    side: ClaimSide
    contexts: tuple[str, ...]
    responses: tuple[Response, ...] = ()


def build_claims(rows: Sequence[SentenceRow]) -> list[Claim]:
    """Every claim in ``rows`` with its responses, in reporting order."""
    ordered = sorted(rows, key=_order)
    claims = [claim for row in ordered for claim in _claims_in(row)]
    return [_with_responses(claim, ordered) for claim in _merge_same_sentence(claims)]


def _order(row: SentenceRow) -> tuple[str, str, int]:
    return (row.month or "9999", row.document_id, row.index)


def _side(row: SentenceRow, event: Event) -> ClaimSide:
    return ClaimSide(
        document_id=row.document_id,
        sentence_index=row.index,
        text=row.text,
        date=event.date or row.month,
        month=row.month,
        reported_by=event.reported_by,
        outlet=row.outlet,
    )


def _claims_in(row: SentenceRow) -> Iterable[Claim]:
    for event in row.events:
        if event.type == "ACCUSE" and event.target:
            yield Claim(event.source, event.target, "ACCUSE", _side(row, event), event.contexts)
        elif event.status == "alleged" and event.source:
            yield Claim(None, event.source, event.type, _side(row, event), event.contexts)


def _merge_same_sentence(claims: list[Claim]) -> list[Claim]:
    """One claim per sentence and accused: an ACCUSE and the alleged act it reports are one."""
    merged: dict[tuple[SentenceKey, str], Claim] = {}
    for claim in claims:
        key = (claim.side.key, claim.accused)
        kept = merged.get(key)
        if kept is None:
            merged[key] = claim
            continue
        merged[key] = Claim(
            accuser=kept.accuser or claim.accuser,
            accused=kept.accused,
            type=kept.type if kept.type != "ACCUSE" else claim.type,
            side=kept.side,
            contexts=tuple(sorted(set(kept.contexts) | set(claim.contexts))),
        )
    return list(merged.values())


def _with_responses(claim: Claim, ordered: Sequence[SentenceRow]) -> Claim:
    start = claim.side.month or ""
    responses: list[Response] = []
    for row in ordered:
        if row.key == claim.side.key or not _is_after(row, claim, start):
            continue
        for event in row.events:
            kind = response_kind(claim, event)
            if kind and _same_topic(claim, row, event):
                responses.append(Response(kind, event.source, _side(row, event)))
                break
    return Claim(
        claim.accuser, claim.accused, claim.type, claim.side, claim.contexts, tuple(responses)
    )


def _is_after(row: SentenceRow, claim: Claim, start: str) -> bool:
    if row.document_id == claim.side.document_id:
        return row.index > claim.side.sentence_index
    return (row.month or "") >= start


def response_kind(claim: Claim, event: Event) -> str | None:
    """``"denial"``, ``"confirmation"`` or None for ``event`` answering ``claim``."""
    if event.source != claim.accused:
        return None
    if event.type == "REJECT" or event.status == "denied":
        return "denial"
    if event.status == "occurred" and event.type == claim.type and claim.type != "ACCUSE":
        return "confirmation"
    return None


def _same_topic(claim: Claim, row: SentenceRow, event: Event) -> bool:
    shared = (set(claim.contexts) & set(event.contexts)) - _GENERIC_CONTEXTS
    return bool(shared) or len(content_words(claim.side.text) & content_words(row.text)) >= 2


def content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


def claims_in_month(claims: Iterable[Claim], month: str) -> list[Claim]:
    return [c for c in claims if c.side.month == month]
