"""Negation, modality and the type changes they bring (shared/gold/DECISIONS.md, Types and
Status): a promised meeting is AGREE planned, an announced withdrawal CONCEDE, speculation
is not coded, a denied act keeps its type with status ``denied``.

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Token

from tiewatch.extract.lexicon import EventLexicon, word_list

logger = logging.getLogger(__name__)

_FUTURE = {"will", "shall", "'ll", "wo", "would"}
_SPOKEN = frozenset({"THREATEN"})  # a warning of what one will do is made when it is said
_HEDGE = {"could", "may", "might", "should", "must", "ought", "can"}
_CLIMB = {"xcomp", "pcomp", "prep", "aux", "acomp", "dobj", "pobj", "acl"}
_SPECULATIVE_ADJS = {"likely", "unlikely", "possible", "probable", "expected"}
# PLOVER 2.2: a promised or planned CONSULT/SUPPORT/COOPERATE/AID is AGREE; RETREAT -> CONCEDE
_FUTURE_TYPE = {
    "CONSULT": "AGREE",
    "SUPPORT": "AGREE",
    "COOPERATE": "AGREE",
    "AID": "AGREE",
    "RETREAT": "CONCEDE",
}


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    future: bool = False  # will, going to, plans to
    committed: bool = False  # agreed to, pledged to (the commitment itself occurred)
    hedged: bool = False  # could, may, might
    speculative: bool = False  # "is expected to", "is likely to"


def modality_of(token: Token, carrier: Token, lexicon: EventLexicon) -> Modality:
    """Read the auxiliaries and governing verbs of the trigger (and of the verb carrying a
    noun trigger) up to the clause that asserts it."""
    negated = future = hedged = speculative = committed = False
    for node in _clause_chain(carrier if carrier.i != token.i else token, lexicon):
        auxes = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
        negated |= any(c.dep_ == "neg" or c.lower_ in {"never"} for c in node.children)
        future |= bool(auxes & _FUTURE) or _going_to(node) or _purpose(node)
        hedged |= bool(auxes & _HEDGE)
        own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)
        if node.dep_ == "conj" and not auxes and not own_subject:  # "will visit X and attend Y"
            shared = {c.lower_ for c in node.head.children if c.dep_ in {"aux", "auxpass"}}
            future |= bool(shared & _FUTURE)
            hedged |= bool(shared & _HEDGE)
        lemma = node.lemma_.lower()
        if node.i != token.i:
            negated |= lemma in word_list("not_done")
            if lemma == "expect" and _personal_subject(node):
                future = True  # "he expects to speak with him": his own plan, not a guess
            else:
                speculative |= lemma in lexicon.speculative_verbs or lemma in _SPECULATIVE_ADJS
            future |= lemma in lexicon.planned_intent_verbs
            committed |= lemma in lexicon.intent_verbs and lemma not in lexicon.planned_intent_verbs
    return Modality(negated, future, committed, hedged, speculative)


def _clause_chain(token: Token, lexicon: EventLexicon) -> list[Token]:
    """The token and the verbs (or intent nouns: "their plan to ...") it hangs from through
    xcomp and prepositional links."""
    chain = [token]
    node = token
    for _ in range(4):
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in {"VERB", "AUX", "ADJ"} or node.lemma_.lower() in lexicon.intent_verbs:
            chain.append(node)
        if node.dep_ not in _CLIMB:
            break
    return chain


def _personal_subject(verb: Token) -> bool:
    """A person (or a pronoun for one) expects to act: a forecast by a state or a company
    ("Russia expects to ship ...") or about others ("we expect them to discuss") is no plan."""
    if any(
        c.dep_ in {"dobj", "nsubj"} for x in verb.children if x.dep_ == "xcomp" for c in x.children
    ):
        return False
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    return any(
        c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in {"he", "she", "i", "we"})
        for c in verb.children
    )


def _purpose(node: Token) -> bool:
    """Purpose: "a deal to build a plant", "the decision to cooperate": an act a noun plans (the
    parser often hangs "to build" on the verb that signs the deal)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
        return False
    head = node.head
    if node.dep_ == "acl":
        return head.pos_ in {"NOUN", "PROPN"}
    objects = {c.lemma_.lower() for c in head.children if c.dep_ == "dobj"}
    return node.dep_ == "advcl" and bool(objects & word_list("plan_nouns"))


def _going_to(node: Token) -> bool:
    head = node.head
    return (
        node.dep_ == "xcomp"
        and head.lower_ == "going"
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
    )


def future_type(event_type: str) -> str:
    return _FUTURE_TYPE.get(event_type, event_type)


def resolve_status(
    event_type: str, modality: Modality, *, credited: bool
) -> tuple[str, str] | None:
    """(type, status) after modality, or ``None`` when the act is not coded (speculation,
    an uncredited hedge, a negated act)."""
    if modality.speculative or modality.negated:
        return None
    if modality.hedged:
        if not credited:
            return None
        return "AGREE" if event_type in _FUTURE_TYPE else event_type, "planned"
    if modality.future:
        if event_type in _SPOKEN:
            return event_type, "occurred"  # "China will fight to the end" warns now
        return future_type(event_type), "planned"
    if modality.committed:
        return future_type(event_type), "occurred"
    return event_type, "occurred"
