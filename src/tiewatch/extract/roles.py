"""Who acts and at whom: the source and recipient phrases of a trigger in the dependency parse.

The source is the subject (or the "by" agent of a passive), inherited through xcomp, conj,
advcl and participles; object-control verbs ("urged China to ...") and accusations
("accused X of supplying") hand their object down. Recipients come from the places each
trigger sense lists (``target`` in ``data/lexicons/events.yaml``).
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from spacy.tokens import Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.lexicon import EventLexicon, Trigger, word_list
from tiewatch.extract.mentions import np_actors
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

_CLAUSES = {"xcomp", "conj", "advcl", "ccomp", "pcomp", "prep", "dep", "parataxis"}
_INHERIT = _CLAUSES | {"oprd", "dobj", "pobj", "attr", "acomp"}  # subjects pass through these
_CONTROL_PREPS = {"on", "upon", "to", "of", "with", "for", "from"}
_PASSIVE = {"auxpass", "nsubjpass"}
_POSSESSIVES = {"his", "her", "its", "their", "our", "my", "your"}
_MAX_CLIMB = 6


def source_heads(
    trigger: Token, lexicon: EventLexicon, *, names: Callable[[Token], bool] | None = None
) -> tuple[list[Token], bool]:
    """Heads of the source phrase and whether they were inherited (not the trigger's own).

    ``names`` tells whether a head names an actor: a subject inherited through a conjunct
    that names none is skipped ("the conflict is at a critical point and called on the UN",
    where the parser joined "called" to the wrong clause).
    """
    token = trigger
    by_conj = False
    for step in range(_MAX_CLIMB):
        own = _raised_subject(token) if step else None
        own = own or _own_subject(token)
        if own is not None and not (by_conj and names and not any(names(h) for h in own)):
            return own, step > 0
        controller = _controller(token)
        if controller:
            return controller, True
        nominal = _nominal_source(token, lexicon)
        if nominal is not None:
            return nominal, True
        if _on_document(token, lexicon):
            token = token.head.head  # "released a statement supporting X" -> released
            continue
        if token.dep_ not in _INHERIT or token.head.i == token.i:
            return [], False
        by_conj = by_conj or token.dep_ == "conj"
        token = _reporting_verb(token, lexicon) or token.head
    return [], False


def _reporting_verb(token: Token, lexicon: EventLexicon) -> Token | None:
    """ "X said that A are B and accused C": the parser joins "accused" to the reported
    clause; a speech verb conjoined to a complement of a speech verb shares that verb's
    subject, not the complement's."""
    head = token.head
    if token.dep_ != "conj" or token.lemma_.lower() not in lexicon.speech_verbs:
        return None
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in lexicon.speech_verbs:
        return head.head
    return None


def _raised_subject(token: Token) -> list[Token] | None:
    """Raising passives ("The minister is scheduled to visit") hand their subject down."""
    children = list(token.children)
    if any(c.dep_ == "xcomp" for c in children) and not any(c.dep_ == "agent" for c in children):
        return [c for c in children if c.dep_ == "nsubjpass"] or None
    return None


def _own_subject(token: Token) -> list[Token] | None:
    """The subject of this clause: ``nsubj``, or the agent of a passive."""
    children = list(token.children)
    if any(c.dep_ in _PASSIVE for c in children) or (token.tag_ == "VBN" and token.dep_ == "acl"):
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return agents or ([] if any(c.dep_ == "nsubjpass" for c in children) else None)
    subjects = [c for c in children if c.dep_ == "nsubj"]
    if not subjects and token.pos_ == "NOUN" and token.dep_ == "ROOT":  # a misparsed verb
        subjects = [c for c in token.lefts if c.dep_ == "compound" and c.ent_type_]
    return subjects or None


def _controller(token: Token) -> list[Token]:
    """Controllers: "urged China to stop" -> China; "accused China of supplying" -> China;
    "resulting in the Air Force scrambling" -> the Air Force (a gerund's subject parsed as an
    object)."""
    head = token.head
    if token.tag_ == "VBG" and token.i > 0:
        before = token.doc[token.i - 1]
        if before.dep_ in {"pobj", "dobj"} and before.head.i in {
            head.i,
            *(c.i for c in head.children),
        }:
            return [before]
    if token.dep_ == "xcomp" and head.lemma_.lower() in word_list("control_verbs"):
        return _object_of(head)
    if token.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _CONTROL_PREPS:
        governor = head.head
        if governor.lemma_.lower() in word_list("control_verbs"):
            return [c for c in governor.children if c.dep_ in {"dobj", "dative"}]
    return []


def _object_of(verb: Token) -> list[Token]:
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    if objects:
        return objects
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _CONTROL_PREPS:
            return [c for c in prep.children if c.dep_ == "pobj"]
    return []


def _nominal_source(token: Token, lexicon: EventLexicon) -> list[Token] | None:
    """Participles and clauses on a noun: "companies cooperating" -> companies; "a statement
    supporting" -> whoever released the statement; "X's pledge to ..." -> X."""
    if token.dep_ not in {"acl", "relcl"} or token.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    noun = token.head
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners
    issuers = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"} and c.ent_kb_id_]
    if noun.lemma_.lower() in lexicon.document_nouns:
        return issuers or None  # "a UN resolution calling for"; else whoever issued it
    if noun.dep_ == "pobj":
        return None
    return [noun] if token.dep_ == "acl" else None


def _on_document(token: Token, lexicon: EventLexicon) -> bool:
    noun = token.head
    return (
        token.dep_ in {"acl", "relcl"}
        and noun.lemma_.lower() in lexicon.document_nouns
        and noun.head.i != noun.i
    )


def noun_source_heads(
    noun: Token, carrier: Token, lexicon: EventLexicon
) -> tuple[list[Token], bool]:
    """The source of an event noun: its owner ("China's support"), else the subject of the
    verb that carries it ("expressed support"; "released a statement in support of"), else a
    compound ("U.S. sanctions")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if owners:
        return owners, False
    if carrier.i != noun.i:
        if carrier.pos_ in {"NOUN", "PROPN"} and carrier.head.i != carrier.i:
            carrier = carrier.head  # the statement's issuer
        heads, _ = source_heads(carrier, lexicon)
        if heads:
            return heads, True
    compounds = [c for c in noun.lefts if c.dep_ in {"compound", "amod"} and c.ent_type_]
    return compounds[:1], False


def object_actors(head: Token, ctx: DocumentContext, *, depth: int = 0) -> list[Actor]:
    """Actors of an object phrase, with its nested owners: "dialogue between A and B",
    "the consensus reached by U.S. and Russian officials", "sanctions targeting X"."""
    found = np_actors(head, ctx)
    if found or depth >= 3:  # "the seizure of the vessel Galaxy Leader by Houthi forces"
        return found
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in word_list("nested_preps"):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.extend(object_actors(pobj, ctx, depth=depth + 1))
        elif child.dep_ in {"acl", "relcl"}:
            found.extend(_clause_actors(child, ctx, depth))
    return _unique(found)


def _clause_actors(clause: Token, ctx: DocumentContext, depth: int) -> list[Actor]:
    found: list[Actor] = []
    for child in clause.children:
        if child.dep_ == "agent":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.extend(np_actors(pobj, ctx))
        elif child.dep_ == "dobj" and clause.lemma_.lower() in word_list("naming_participles"):
            found.extend(object_actors(child, ctx, depth=depth + 1))
    return found


def target_actors(
    trigger: Token, sense: Trigger, ctx: DocumentContext, *, exclude: set[int]
) -> list[Actor]:
    """Recipients from the first place in ``sense.target`` that names an actor. A possessive
    pronoun in the object ("scrambled their jets") points back to the source, not a recipient."""
    for place in sense.target:
        found = [
            a
            for a in _place_actors(trigger, place, ctx, exclude)
            if (a.text or "").lower() not in _POSSESSIVES
        ]
        if found:
            return found
    return []


def _place_actors(
    trigger: Token, place: str, ctx: DocumentContext, exclude: set[int]
) -> list[Actor]:
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "attr"}]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "ROOT":  # "Ukraine thanks Italy", misparsed
        objects += [c for c in trigger.children if c.dep_ == "pobj"]
    if place == "dobj":
        return _unique([a for o in objects for a in np_actors(o, ctx)])
    if place == "dative":
        return _unique(
            [a for c in trigger.children if c.dep_ == "dative" for a in np_actors(c, ctx)]
        )
    if place == "deep_of":
        if trigger.pos_ in {"NOUN", "PROPN"}:
            return _noun_modifiers(trigger, ctx, exclude)
        return _unique([a for o in objects for a in object_actors(o, ctx)])
    if place == "nsubj_ccomp":
        clauses = [c for c in trigger.children if c.dep_ in {"ccomp", "xcomp", "acl"}]
        subjects = [s for c in clauses for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}]
        return _unique([a for s in subjects for a in np_actors(s, ctx)])
    if place == "deep":
        return _deep_actors(trigger, ctx, exclude)
    if place == "clause":  # what a warning or concern is about, nested acts included
        parts = [
            c
            for c in trigger.children
            if c.dep_ in {"ccomp", "xcomp"}
            or (c.dep_ == "prep" and c.lower_ in {"of", "about", "over"})
        ]
        return _unique([a for part in parts for a in _deep_actors(part, ctx, set())])
    return _prep_actors(trigger, objects, place, ctx)


def _prep_actors(
    trigger: Token, objects: list[Token], prep: str, ctx: DocumentContext
) -> list[Actor]:
    """Objects of ``prep`` on the trigger, on its particle, or on its direct object."""
    found: list[Actor] = []
    for holder in (trigger, *objects, *_object_pobjs(objects)):
        for child in holder.children:
            if child.dep_ in {"prep", "agent", "prt", "dative"} and child.lower_ == prep:
                pobjs = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                found.extend(a for p in pobjs for a in object_actors(p, ctx))
            elif child.dep_ == "acl" and child.lower_ == prep:  # "sanctions targeting X"
                found.extend(a for o in _dobjs(child) for a in object_actors(o, ctx))
    return _unique(found)


def _object_pobjs(objects: list[Token]) -> list[Token]:
    """ "provided $44 billion in assistance to Ukraine": the recipient hangs on the noun
    inside the object's "in"/"of" phrase."""
    return [
        pobj
        for obj in objects
        for prep in obj.children
        if prep.dep_ == "prep" and prep.lower_ in {"in", "of"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _dobjs(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "dobj"]


def _noun_modifiers(noun: Token, ctx: DocumentContext, exclude: set[int]) -> list[Actor]:
    """Parties named inside an event noun ("the U.S.-Russia talks")."""
    found: list[Actor] = []
    for child in noun.lefts:
        if child.dep_ in {"compound", "amod", "nmod"} and child.i not in exclude:
            found.extend(np_actors(child, ctx))
    return _unique(found)


def _deep_actors(trigger: Token, ctx: DocumentContext, exclude: set[int]) -> list[Actor]:
    """The first named state or body under the trigger (after it first), outside the source
    phrase, with the rest of its noun phrase ("China-Russia cooperation" -> both)."""
    subtree = list(trigger.subtree)
    ordered = [t for t in subtree if t.i > trigger.i] + [t for t in subtree if t.i < trigger.i]
    for token in ordered:
        if token.i in exclude or not token.ent_kb_id_ or token.ent_iob_ != "B":
            continue
        head = token
        while head.dep_ in {"compound", "amod", "poss", "nmod"} and head.head.i not in exclude:
            head = head.head
        found = object_actors(head, ctx) or np_actors(token, ctx)
        if found:
            return found
    return []


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.code, actor)
    return list(seen.values())
