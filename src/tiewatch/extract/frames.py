"""Speech frames: who reports an act ("The Kremlin stated that China ...", "a report saying
China is facilitating ...").

A state or agency that reports another party's material act accuses it (ACCUSE + the act,
alleged: shared/gold/GUIDE.md); an outlet that reports it only credits it (``reported_by``).
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.attribution import is_outlet, phrase_text
from tiewatch.extract.coded import EventMention
from tiewatch.extract.lexicon import EventLexicon, word_list
from tiewatch.extract.mentions import np_actors, points_back
from tiewatch.extract.roles import source_heads
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

_CLAUSES = {"ccomp", "xcomp", "conj", "parataxis", "advcl", "acl", "relcl", "dep"}
_UP = _CLAUSES | {"pcomp", "prep", "dobj", "pobj"}
_MAX_CLIMB = 5
_OBLIGATION = {"must", "should"}


@dataclass
class Findings:
    """The speech frame above a trigger, if any, and who speaks in it."""

    frame: Token | None = None
    speakers: list[Actor] = field(default_factory=list)
    speaker_text: str | None = None
    media: bool = False  # an outlet (or an unnamed report) speaks: it credits, never accuses
    accusing: bool = False
    anaphoric: bool = False  # the speaker only points back ("the agency found", "he said")

    @property
    def speaker_codes(self) -> set[str]:
        return {actor.code for actor in self.speakers}

    @property
    def credited(self) -> bool:
        return self.media and self.speaker_text is not None


def speech_findings(carrier: Token, ctx: DocumentContext, lexicon: EventLexicon) -> Findings:
    """Find the nearest speech verb above ``carrier`` ("said that ...", "..., he said")."""
    frame = _frame(carrier, lexicon)
    if frame is None:
        return Findings()
    heads, _ = source_heads(frame, lexicon)
    if not heads:
        return Findings(frame)
    head = heads[0]
    text = phrase_text(head)
    media = is_outlet(text, ctx.dictionary) or head.lemma_.lower() in word_list("media_heads")
    speakers = [] if media else [a for h in heads for a in np_actors(h, ctx)]
    media = media or any(a.sector == "MED" for a in speakers)
    accusing = frame.lemma_.lower() in lexicon.accusing_speech_verbs
    return Findings(frame, speakers, text, media, accusing, points_back(head, ctx))


def _frame(carrier: Token, lexicon: EventLexicon) -> Token | None:
    node = carrier
    for _ in range(_MAX_CLIMB):
        for child in node.children:
            if (
                child.dep_ in {"parataxis", "ccomp"}
                and _speech(child, lexicon)
                and child.i > node.i
            ):
                return child  # "“...,” he said."
        if node.dep_ not in _UP or node.head.i == node.i:
            return None
        node = node.head
        if _speech(node, lexicon):
            return node
    return None


def _speech(token: Token, lexicon: EventLexicon) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in lexicon.speech_verbs


def attribute_speech(
    mentions: list[EventMention], findings: Findings, *, accusable: frozenset[str]
) -> list[EventMention]:
    """Credit acts reported by someone else; a state or agency reporting another party's
    material act accuses it (GUIDE.md: ACCUSE plus the alleged act)."""
    if findings.frame is None or findings.speaker_text is None:
        return mentions
    result: list[EventMention] = []
    for mention in mentions:
        involved = {mention.source.code, mention.target.code if mention.target else ""}
        if involved & findings.speaker_codes:
            result.append(mention)
            continue
        mention = replace(mention, reported_by=_speaker_name(findings))
        accuses = (
            findings.accusing
            and not findings.media
            and findings.speakers
            and mention.type in accusable
            and mention.status == "occurred"
        )
        if accuses:
            mention = replace(mention, status="alleged")
            for speaker in findings.speakers:
                result.append(
                    EventMention(
                        "ACCUSE",
                        speaker,
                        mention.source,
                        findings.frame,
                        mode="allege",
                        confidence=mention.confidence,
                    )
                )
        result.append(mention)
    return result


def _speaker_name(findings: Findings) -> str | None:
    if findings.speakers and findings.speakers[0].name and not findings.media:
        return findings.speakers[0].name
    return findings.speaker_text


def demands(sent: Span, ctx: DocumentContext, lexicon: EventLexicon) -> list[EventMention]:
    """Demands: "Russia must withdraw its forces", said or stated by another party (REQUEST
    ``change``; DECISIONS F23), whatever the verb (the demanded act is not coded)."""
    found: list[EventMention] = []
    for token in sent:
        if token.lemma_ in {"be", "have"} or not any(
            c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in token.children
        ):
            continue  # "X must be a party to the talks" states a need, not a demand
        subjects = [a for c in token.children if c.dep_ == "nsubj" for a in np_actors(c, ctx)]
        speakers = _demanders(token, sent, ctx, lexicon)
        codes = {a.code for a in subjects}
        for speaker in speakers:
            for subject in subjects:
                if speaker.code not in codes:
                    found.append(EventMention("REQUEST", speaker, subject, token, mode="change"))
    return found


def _demanders(
    token: Token, sent: Span, ctx: DocumentContext, lexicon: EventLexicon
) -> list[Actor]:
    frame = _frame(token, lexicon)
    if frame is not None:
        heads, _ = source_heads(frame, lexicon)
        return [a for h in heads for a in np_actors(h, ctx)][:1]
    if token.i == sent.root.i and ctx.issuer is not None:
        return [ctx.issuer]  # a statement's own voice
    return []
