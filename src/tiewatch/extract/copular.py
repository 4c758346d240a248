"""Characterisations: what a speaker says another party is.

- "Russia alone is responsible for ...", "This launch is a clear violation of ...", "These are
  crimes against humanity": a statement's own assertion of wrongdoing is ACCUSE ``allege`` by
  the speaker, copular form included (shared/gold/DECISIONS.md C3 exception, F25).
- "China and Brazil are good friends", "called Poland a steadfast ally": praise of another
  party or of the relationship is SUPPORT (DECISIONS, Types).
- "The claim that China is involved is groundless": a denial, REJECT to the accuser.

The speaker is the subject of the speech verb above the clause, else the statement's issuer;
in a text that is neither (a news report's own voice) nothing is coded (C3).
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.coded import EventMention
from tiewatch.extract.frames import speech_findings
from tiewatch.extract.lexicon import EventLexicon, word_list
from tiewatch.extract.mentions import np_actors
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

_CALLING = frozenset({"call", "describe", "label", "brand", "term", "dub", "consider", "deem"})
_POINTING = frozenset({"this", "these", "that", "those", "such"})
_LAW_NOUNS = frozenset({"resolution", "law", "charter", "convention", "norm", "rule", "treaty"})


def characterisations(
    sent: Span, ctx: DocumentContext, lexicon: EventLexicon
) -> list[EventMention]:
    """ACCUSE, SUPPORT and REJECT events stated by copular or naming clauses of ``sent``."""
    found: list[EventMention] = []
    for token in sent:
        if token.lemma_ == "be" and not _negated(token):
            found.extend(_copula(token, ctx, lexicon))
        elif token.lemma_.lower() in _CALLING and token.pos_ == "VERB":
            found.extend(_naming(token, ctx))
    return found


def _copula(verb: Token, ctx: DocumentContext, lexicon: EventLexicon) -> list[EventMention]:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    complement = next((c for c in verb.children if c.dep_ in {"attr", "acomp"}), None)
    if subject is None or complement is None:
        return []
    kind = _kind(complement)
    if kind is None and subject.lemma_.lower() in word_list("claims"):
        if complement.lemma_.lower() in word_list("false_words"):
            return _denial(verb, complement, ctx, lexicon)
        return []
    speaker = _speaker(verb, ctx, lexicon)
    if kind is None or speaker is None:
        return []
    subjects = [a for a in np_actors(subject, ctx) if a.code != speaker.code]
    if kind == "praise":
        targets = subjects or _complement_actors(complement, ctx, speaker)
        return [EventMention("SUPPORT", speaker, t, complement) for t in targets]
    if _points_to_act(subject, ctx):
        targets = ctx.aggressors[-1:]
    else:
        targets = subjects or _complement_actors(complement, ctx, speaker)
    if not targets and _pointing(subject) and speaker.code in ctx.accused:
        targets = [ctx.accused[speaker.code]]  # "This is a violation", after a condemnation
    return [EventMention("ACCUSE", speaker, t, complement, mode="allege") for t in targets]


def _naming(verb: Token, ctx: DocumentContext) -> list[EventMention]:
    """ "called Poland a steadfast ally", "described Russia as a threat"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    labels = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "ccomp"}]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        labels.extend(c for c in prep.children if c.dep_ == "pobj")
    kinds = [k for k in (_kind(label) for label in labels) if k is not None]
    if not objects or not kinds:
        return []
    sources = [a for c in verb.children if c.dep_ == "nsubj" for a in np_actors(c, ctx)]
    targets = [a for o in objects for a in np_actors(o, ctx)]
    event_type, mode = ("SUPPORT", None) if kinds[0] == "praise" else ("ACCUSE", "allege")
    return [
        EventMention(event_type, s, t, verb, mode=mode)
        for s in sources[:1]
        for t in targets
        if t.code != s.code
    ]


def _kind(complement: Token) -> str | None:
    """praise (friend, partner, ally), allege (violation, crime, responsible), or None."""
    lemma = complement.lemma_.lower()
    if lemma in word_list("praise_nouns"):
        return "praise"
    if lemma in word_list("praised_nouns") and any(
        c.lower_ in word_list("praise_modifiers") for c in complement.children
    ):
        return "praise"
    if lemma in word_list("wrongdoing_words"):
        return "allege"
    if lemma in word_list("instance_nouns"):  # "another example of Russia weaponizing food"
        for prep in (c for c in complement.children if c.dep_ == "prep" and c.lower_ == "of"):
            if any(t.lemma_.lower() in word_list("wrongdoing_words") for t in prep.subtree):
                return "allege"
            if any(t.pos_ == "VERB" and t.tag_ == "VBG" for t in prep.subtree):
                return "allege"
    return None


def _speaker(verb: Token, ctx: DocumentContext, lexicon: EventLexicon) -> Actor | None:
    findings = speech_findings(verb, ctx, lexicon)
    if findings.frame is not None:
        return None if findings.media or not findings.speakers else findings.speakers[0]
    return ctx.issuer


def _points_to_act(subject: Token, ctx: DocumentContext) -> bool:
    """ "This launch", "These strikes", "These": the subject is an act named before."""
    return bool(ctx.aggressors) and _pointing(subject) and not np_actors(subject, ctx)


def _pointing(subject: Token) -> bool:
    if subject.pos_ == "PRON" or subject.lower_ in _POINTING:
        return True
    dets = {c.lower_ for c in subject.children if c.dep_ == "det"}
    opening = subject.sent[0].lower_ in _POINTING  # "This barbaric attack ... is", misparsed
    return bool(dets & _POINTING) or opening


def _complement_actors(complement: Token, ctx: DocumentContext, speaker: Actor) -> list[Actor]:
    """Parties named in the complement ("a friend of Brazil", "an example of Russia
    weaponizing food"), leaving out the bodies whose rules were broken ("UN resolutions")."""
    found: dict[str, Actor] = {}
    for token in complement.subtree:
        if not token.ent_kb_id_ or token.ent_iob_ != "B":
            continue
        if token.head.lemma_.lower() in _LAW_NOUNS or token.head.head.lemma_.lower() in _LAW_NOUNS:
            continue
        for actor in np_actors(token, ctx):
            if actor.code != speaker.code:
                found.setdefault(actor.code, actor)
    return list(found.values())


def _denial(
    verb: Token, complement: Token, ctx: DocumentContext, lexicon: EventLexicon
) -> list[EventMention]:
    speaker = _speaker(verb, ctx, lexicon)
    if speaker is None:
        return []
    accuser = ctx.accusers.get(speaker.code)
    target = accuser if accuser is not None and accuser.code != speaker.code else None
    return [EventMention("REJECT", speaker, target, complement)]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)
