"""Actors named by a noun phrase: entities, demonym + body noun, possessives, pronouns and
definite references ("the Chinese Foreign Ministry", "Russia's surveillance ship", "his
Ukrainian counterpart", "both countries", "the company", "he").

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Span, Token

from tiewatch.extract.actors import DocumentContext, entity_span, resolve_actor
from tiewatch.extract.lexicon import word_list
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

_MODIFIERS = {"poss", "compound", "amod", "nmod", "npadvmod", "nummod", "appos"}
_OWNER_PREPS = {"of", "from"}
_GROUP_HEADS = {"two", "both", "three", "all"}
_FIRST_PERSON = {"i", "me", "my", "we", "us", "our", "ours", "myself", "ourselves"}
_THIRD_PERSON = {"he", "him", "his", "she", "her", "hers"}
_NEUTER = {"it", "its"}
_PLURAL = {"they", "them", "their", "theirs"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_MAX_DEPTH = 4
_SUBJECTS = {"nsubj", "nsubjpass"}


def np_actors(head: Token, ctx: DocumentContext) -> list[Actor]:
    """Actors of the phrase headed by ``head`` and of its conjuncts ("A and B")."""
    return np_actors_deep(head, ctx, 0)


def phrase_actors(head: Token, ctx: DocumentContext, depth: int = 0) -> list[Actor]:
    """Actors of one noun phrase (no conjuncts)."""
    key = (id(head.doc), head.i)
    if depth > _MAX_DEPTH or key in ctx.resolving:
        return []  # a phrase that leads back to itself ("we" inside the speaker's phrase)
    ctx.resolving.add(key)
    try:
        return _phrase_actors(head, ctx, depth)
    finally:
        ctx.resolving.discard(key)


def _phrase_actors(head: Token, ctx: DocumentContext, depth: int) -> list[Actor]:
    lower = head.lower_
    if head.pos_ == "PRON" or (lower in _RELATIVE and head.tag_ in {"WP", "WDT"}):
        return pronoun_actors(head, ctx)
    span = entity_span(head)
    if span is not None:
        actor = span_actor(span, ctx, depth)
        if actor is not None:
            return [_with_sector(actor, head, ctx), *_dyad_partners(span, ctx, depth)]
    elif head.pos_ == "PROPN":
        actor = resolve_actor(head.text, context=ctx)  # "Cong said", after "Fu Cong"
        if actor is not None:
            return [actor]
    found = _modifier_actors(head, ctx, depth)
    if found:
        return [_with_sector(a, head, ctx) for a in found]
    return _definite_reference(head, ctx, definite=None)


def _dyad_partners(span: Span, ctx: DocumentContext, depth: int) -> list[Actor]:
    """Dyads: in "U.S.-Russia dialogue" the model hangs "U.S." on "Russia" as a compound."""
    found: list[Actor] = []
    for child in span.root.children:
        if child.dep_ == "compound" and child.i < span.start and child.ent_type_:
            found.extend(phrase_actors(child, ctx, depth + 1))
    return found


def span_actor(span: Span, ctx: DocumentContext, depth: int = 0) -> Actor | None:
    """A named entity as an actor; an unknown PERSON takes the nationality around it."""
    actor = resolve_actor(span, context=ctx)
    if actor is None and span.label_ == "PERSON" and depth < _MAX_DEPTH:
        actor = _placed_person(span, ctx, depth)
    return actor


def _modifier_actors(head: Token, ctx: DocumentContext, depth: int) -> list[Actor]:
    found: list[Actor] = []
    for child in head.children:
        if child.dep_ in _MODIFIERS and child.i != head.i:
            found.extend(a for a in np_actors_deep(child, ctx, depth + 1) if a not in found)
        elif child.dep_ == "prep" and child.lower_ in _OWNER_PREPS and _is_body(head, ctx):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.extend(a for a in np_actors_deep(pobj, ctx, depth + 1) if a not in found)
    return found


def np_actors_deep(head: Token, ctx: DocumentContext, depth: int) -> list[Actor]:
    found: list[Actor] = []
    appositions = [c for c in head.children if c.dep_ == "appos"]
    for token in (head, *head.conjuncts, *appositions):
        found.extend(a for a in phrase_actors(token, ctx, depth) if a not in found)
    return found


def _is_body(head: Token, ctx: DocumentContext) -> bool:
    return body_sector(head, ctx) is not None


def body_sector(head: Token, ctx: DocumentContext) -> str | None:
    """The sector a body noun gives ("forces" -> MIL), compounds first ("foreign ministry")."""
    bodies = ctx.dictionary.bodies
    lemma = head.lemma_.lower()
    compounds = [c for c in head.lefts if c.dep_ == "compound"]
    if compounds:
        joined = f"{compounds[-1].lemma_.lower()} {lemma}"
        if joined in bodies:
            return bodies[joined]
    return bodies.get(lemma) or bodies.get(head.lower_)


def _with_sector(actor: Actor, head: Token, ctx: DocumentContext) -> Actor:
    """A state reached through a body noun takes that body's sector ("Russian forces")."""
    if actor.name is not None and actor.sector is not None:
        return actor
    sector = body_sector(head, ctx)
    return replace(actor, sector=sector) if sector else actor


def _definite_reference(head: Token, ctx: DocumentContext, *, definite: bool | None) -> list[Actor]:
    """Definite references: "both countries", "the two leaders", "the company", "the country"."""
    lemma = head.lemma_.lower()
    dets = {c.lower_ for c in head.children if c.dep_ in {"det", "predet", "preconj", "nummod"}}
    if lemma in _GROUP_HEADS and head.pos_ in {"NUM", "PRON", "DET", "NOUN"}:
        return list(ctx.last_pair())
    if lemma in word_list("group_nouns") and dets & {"both", "two"}:
        return list(ctx.last_pair())
    if definite is None:
        definite = bool(dets & _DEFINITE)
    if not definite:
        return []
    if lemma in {"country", "nation"}:
        return ctx.states[-1:]
    holder = _title_holder(head, ctx)
    if holder is not None:
        return [holder]
    sector = body_sector(head, ctx)
    if sector and sector in ctx.bodies and sector != "GOV":
        return [ctx.bodies[sector]]
    for child in head.lefts:
        if child.dep_ == "compound" and (found := _definite_reference(child, ctx, definite=True)):
            return found
    return []


def points_back(head: Token, ctx: DocumentContext) -> bool:
    """A subject that only points back: a pronoun, "the two", "both sides", "the agency"
    (DECISIONS C4, F2)."""
    if head.pos_ == "PRON" and head.lower_ not in _FIRST_PERSON:
        return True
    if head.ent_type_ or any(c.ent_type_ for c in head.children):
        return False
    lemma = head.lemma_.lower()
    dets = {c.lower_ for c in head.children if c.dep_ in {"det", "predet", "preconj", "nummod"}}
    if lemma in _GROUP_HEADS and head.pos_ in {"NUM", "PRON", "DET", "NOUN"}:
        return True
    if lemma in word_list("pointing_nouns") and dets & {"both", "two", "the"}:
        return True  # "both sides", "the two leaders"; "both countries" names them anew (C4)
    return bool(dets & {"the", "this"}) and body_sector(head, ctx) is not None


def _title_holder(head: Token, ctx: DocumentContext) -> Actor | None:
    """Titles alone ("the President"): the person last named who holds that title."""
    word = head.lower_
    if word not in word_list("titles") or any(
        c.dep_ in {"compound", "amod"} for c in head.children
    ):
        return None
    for person in reversed(ctx.people):
        entry = ctx.dictionary.entries.get(f"person:{person.name}")
        role = entry.role_on(ctx.published) if entry else None
        if role is not None and word in (role.title or "").lower():
            return person
    return None


def pronoun_actors(token: Token, ctx: DocumentContext) -> list[Actor]:
    """He/she/it/they/we, and relative pronouns (the noun the clause hangs on)."""
    lower = token.lower_
    if lower in _RELATIVE:
        return _antecedent_actors(token, ctx)
    return [replace(actor, text=token.text) for actor in _personal(token, lower, ctx)]


def _antecedent_actors(token: Token, ctx: DocumentContext) -> list[Actor]:
    """Relative pronouns ("the resolution, for which he voted"): the noun the clause hangs
    on (or the noun above it, where the parser attached the clause one noun too low)."""
    clause = next((a for a in token.ancestors if a.dep_ in {"relcl", "acl"}), None)
    if clause is None:
        return []
    noun = clause.head
    for _ in range(3):
        found = np_actors(noun, ctx)
        if found or noun.head.i == noun.i:
            return found
        noun = noun.head
        while noun.pos_ not in {"NOUN", "PROPN"} and noun.head.i != noun.i:
            noun = noun.head
    return []


def _personal(token: Token, lower: str, ctx: DocumentContext) -> list[Actor]:
    if lower in _FIRST_PERSON:
        speaker = speaker_of(token, ctx)
        return [speaker] if speaker else []
    if lower in _THIRD_PERSON:
        return _listed(_earlier_in_sentence(token, ctx, "PERSON") or ctx.last_person(lower))
    if lower in _NEUTER:
        if _expletive(token):
            return []
        return _listed(_earlier_in_sentence(token, ctx, "GPE") or _last(ctx.states))
    if lower in _PLURAL:
        return _earlier_subject(token, ctx) or list(ctx.last_pair(window=2))
    return []


def _earlier_subject(token: Token, ctx: DocumentContext) -> list[Actor]:
    """A subject named earlier in the same sentence ("Cong ... indicated their hope")."""
    for candidate in reversed(token.doc[token.sent.start : token.i]):
        if candidate.dep_ == "nsubj" and candidate.pos_ != "PRON":
            found = np_actors(candidate, ctx)
            if found:
                return found
    return []


def _expletive(token: Token) -> bool:
    """Expletive "it" ("It is important to ...", "it was agreed that ..."): no referent."""
    head = token.head
    return (
        token.lower_ == "it"
        and any(c.dep_ in {"xcomp", "ccomp", "csubj"} for c in head.children)
        and (head.lemma_ == "be" or any(c.dep_ == "auxpass" for c in head.children))
    )


def _listed(actor: Actor | None) -> list[Actor]:
    return [actor] if actor else []


def _last(actors: list[Actor]) -> Actor | None:
    return actors[-1] if actors else None


def _earlier_in_sentence(token: Token, ctx: DocumentContext, label: str) -> Actor | None:
    """The closest earlier mention of that kind in the same sentence, subjects first."""
    candidates: list[tuple[bool, int, Actor]] = []
    labels = {label, "ORG", "NORP"} if label == "GPE" else {label}
    for ent in token.doc.ents:
        if ent.start < token.sent.start or ent.end > token.i or ent.label_ not in labels:
            continue
        actor = span_actor(ent, ctx)
        if actor is not None:
            subject = ent.root.dep_ in {"nsubj", "nsubjpass", "poss"}
            candidates.append((subject, ent.start, actor))
    return max(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None


def speaker_of(token: Token, ctx: DocumentContext) -> Actor | None:
    """Who says a first-person word: the subject of the speech verb above it, else the
    document's issuer."""
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in ctx.speech_verbs:
            subjects = [c for c in ancestor.children if c.dep_ == "nsubj"]
            for subject in subjects:
                # "my administration said" names no one else: the word is inside the subject
                inside = subject.left_edge.i <= token.i <= subject.right_edge.i
                if not inside and subject.pos_ != "PRON":
                    found = np_actors(subject, ctx)
                    if found:
                        return found[0]
    return ctx.issuer


def _placed_person(span: Span, ctx: DocumentContext, depth: int) -> Actor | None:
    """An unknown person with a nationality or body next to the name ("Russian lawmaker X",
    "X, a Chinese national", "X, deputy head of the office of the president of Ukraine")."""
    root = span.root
    inside = {t.i for t in span}
    found: list[Actor] = []
    for child in root.children:
        if child.i in inside or child.dep_ not in _MODIFIERS | {"prep"}:
            continue
        if child.dep_ == "prep":
            if child.lower_ in _OWNER_PREPS:
                pobjs = [c for c in child.children if c.dep_ == "pobj"]
                found.extend(a for p in pobjs for a in phrase_actors(p, ctx, depth + 1))
            continue
        found.extend(phrase_actors(child, ctx, depth + 1))
    if root.dep_ == "appos" or (root.dep_ in {"compound", "conj"} and root.head.pos_ == "NOUN"):
        found.extend(phrase_actors(root.head, ctx, depth + 1))
    if not found:
        return None
    role = ctx.dictionary.role_for(t.text for t in span.doc[root.left_edge.i : span.start])
    sector = role.sector if role else found[0].sector
    return Actor(code=found[0].code, name=span.text, sector=sector, text=span.text)


def remember_sentence(sent: Span, ctx: DocumentContext) -> None:
    """Update the discourse memory with the sentence's mentions, subjects last."""
    noted: list[tuple[bool, int, Actor, str]] = []
    for ent in sent.ents:
        actor = span_actor(ent, ctx)
        if actor is None:
            continue
        entry = ctx.dictionary.entries.get(ent.kb_id_)
        kind = "person" if ent.label_ == "PERSON" else "state" if _is_state(entry) else "body"
        if kind == "person" and entry is not None and entry.gender:
            ctx.genders[actor.name or ""] = entry.gender
        noted.append((ent.root.dep_ in _SUBJECTS, ent.start, actor, kind))
    for token in sent:
        if token.pos_ == "NOUN" and token.dep_ in _SUBJECTS | {"dobj", "pobj"}:
            sector = body_sector(token, ctx)
            if sector and sector != "GOV":
                for actor in phrase_actors(token, ctx):
                    noted.append(
                        (token.dep_ in _SUBJECTS, token.i, replace(actor, sector=sector), "body")
                    )
    for _, _, actor, _ in sorted(noted, key=lambda item: item[1]):  # reading order
        ctx.first_seen.setdefault(actor.code, len(ctx.first_seen))
    for _, _, actor, kind in sorted(noted, key=lambda item: (item[0], item[1])):
        ctx.remember(actor, kind=kind)
    _remember_groups(sent, ctx)
    ctx.sentence_number += 1


def _is_state(entry: object) -> bool:
    return getattr(entry, "kind", None) == "state"


def _remember_groups(sent: Span, ctx: DocumentContext) -> None:
    for token in sent:
        if token.dep_ in _SUBJECTS and token.conjuncts:
            ctx.remember_group(np_actors(token, ctx))
        elif token.dep_ == "compound" and token.head.dep_ != "compound":
            group = [
                a for c in token.head.lefts if c.dep_ == "compound" for a in phrase_actors(c, ctx)
            ]
            if len({a.code for a in group}) >= 2:
                ctx.remember_group(group)
