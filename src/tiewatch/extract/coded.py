"""Events coded in one sentence, after their triggers are read: the record, implicit
recipients, duplicates, and what the document remembers of them.

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from spacy.tokens import Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.models import SYMMETRIC_TYPES, Actor

logger = logging.getLogger(__name__)

_WHERE_ONLY = frozenset({"MOBILIZE", "ASSAULT", "PROTEST"})  # a targeted twin suffices
_COOPERATIVE = frozenset({"AGREE", "SUPPORT", "COOPERATE", "CONSULT"})
_AGGRESSIVE = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})
_PLEDGES = frozenset({"AGREE", "AID"})
_MATERIAL = frozenset({"SANCTION", "ASSAULT", "COERCE", "MOBILIZE", "AID", "COOPERATE"})
_PARTNER_WINDOW = 8  # sentences: a readout is short


@dataclass(frozen=True)
class EventMention:
    """An event found in a sentence, before dates and attribution are added."""

    type: str
    source: Actor
    target: Actor | None
    trigger: Token
    status: str = "occurred"
    mode: str | None = None
    confidence: float = 0.5
    reported_by: str | None = None
    joint: bool = False  # several named sources act together ("The leaders agreed")


def fill_targets(mentions: list[EventMention]) -> list[EventMention]:
    """Recipients a clause leaves implicit: "called on China to ... but expressed interest in
    cooperation" (the coordinated clause's recipient); a scramble answering another party's
    move in the same sentence (its mover)."""
    filled = []
    for mention in mentions:
        if mention.target is None:
            partner = _implicit_target(mention, mentions)
            if partner is not None:
                mention = replace(mention, target=partner)
        filled.append(mention)
    return filled


def _implicit_target(mention: EventMention, mentions: list[EventMention]) -> Actor | None:
    for other in mentions:
        if other is mention:
            continue
        same_source = other.source.code == mention.source.code
        cooperative = same_source and mention.type in _COOPERATIVE and other.target is not None
        same_act = (
            same_source
            and mention.type == other.type
            and mention.type in _MATERIAL
            and other.target is not None
        )
        if (cooperative or same_act) and _coordinated(mention.trigger, other.trigger):
            return other.target
        if not same_source and mention.type == other.type == "MOBILIZE":
            return other.source
    return None


def meeting_partners(mentions: list[EventMention], ctx: DocumentContext) -> list[EventMention]:
    """In a readout, a pledge or aid with no recipient named goes to the other party of the
    call or meeting just reported ("President Biden pledged a new package")."""
    if ctx.issuer is None:
        return mentions  # a news round-up reports many occasions: no partner is implied
    result = []
    for mention in mentions:
        partner = ctx.partners.get(mention.source.code)
        if mention.target is None and mention.type in _PLEDGES and partner is not None:
            sentence, actor = partner
            if ctx.sentence_number - sentence <= _PARTNER_WINDOW:
                mention = replace(mention, target=actor)
        result.append(mention)
    return result


def _coordinated(one: Token, other: Token) -> bool:
    """Two clauses joined by "and"/"but" (one is a conjunct of the other, up to a light verb)."""
    heads = {one.i, one.head.i}
    return (
        other.i in {c.i for c in one.conjuncts}
        or any(c.i in heads for c in other.conjuncts)
        or other.head.i in {c.i for h in (one, one.head) for c in h.conjuncts}
    )


def remember_coded(mentions: list[EventMention], ctx: DocumentContext) -> None:
    """Note what was coded (continuations, denials) and the pair "they" now points to."""
    for mention in mentions:
        codes = frozenset({mention.source.code, mention.target.code if mention.target else ""})
        ctx.note_coded(mention.type, codes - {""}, joint=mention.joint)
        if mention.type == "ACCUSE" and mention.target is not None:
            ctx.accusers[mention.target.code] = mention.source
            ctx.accused[mention.source.code] = mention.target
        if mention.type in _AGGRESSIVE:  # what "This launch", "These strikes" point back to
            ctx.aggressors = [a for a in ctx.aggressors if a.code != mention.source.code]
            ctx.aggressors.append(mention.source)
        if mention.target is not None and mention.type in _COOPERATIVE:
            ctx.remember_group([mention.source, mention.target])  # "both countries" next
        if mention.type == "CONSULT" and mention.target is not None:
            ctx.partners[mention.source.code] = (ctx.sentence_number, mention.target)
            ctx.partners[mention.target.code] = (ctx.sentence_number, mention.source)


def dedupe(mentions: list[EventMention]) -> list[EventMention]:
    """One event per type, actor pair and status in a sentence (symmetric pairs once); acts
    of differently named sources stay apart; a bare MOBILIZE or ASSAULT gives way to its
    targeted twin."""
    kept: dict[tuple[str, ...], EventMention] = {}
    for mention in mentions:
        codes = [mention.source.code, mention.target.code if mention.target else ""]
        if mention.type in SYMMETRIC_TYPES:
            codes.sort()
        key = (mention.type, *codes, mention.status)  # two people of one code: one event
        if key not in kept:
            kept[key] = mention
        elif kept[key].confidence < mention.confidence:
            kept[key] = replace(kept[key], confidence=mention.confidence)
    aimed = {(m.type, m.source.code) for m in kept.values() if m.target is not None}
    return [
        m
        for m in kept.values()
        if m.target is not None or m.type not in _WHERE_ONLY or (m.type, m.source.code) not in aimed
    ]
