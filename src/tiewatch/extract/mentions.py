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
from tiewatch.extract.referents import (
    adversary,
    issuer_office_holder,
    own_government,
    passage_country,
    people_sector,
    title_phrase,
)
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
    found = _definite_reference(head, ctx, definite=None) or _passage_people(head, ctx)
    if found:
        return found
    implied = own_government(head, ctx) or adversary(head, ctx)
    return [implied] if implied else []


def _passage_people(head: Token, ctx: DocumentContext) -> list[Actor]:
    """Police, protesters or rebels with no country in their phrase ("peaceful protesters")."""
    sector = people_sector(head, ctx)
    if sector is None:
        return []
    verb = head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and c.i != head.i]
    codes = {a.code for s in subjects for a in np_actors(s, ctx)}
    actor = passage_country(head, ctx, sector=sector, subject_codes=codes)
    return [actor] if actor else []


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
        if child.lower_ in _GROUP_HEADS and child.dep_ in {"nummod", "det", "predet"}:
            continue  # "the two leaders": the head noun says who
        if child.dep_ in _MODIFIERS and child.i != head.i:
            found.extend(a for a in np_actors_deep(child, ctx, depth + 1) if a not in found)
        elif child.dep_ == "prep" and child.lower_ in _OWNER_PREPS and _owns(head, ctx):
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                found.extend(a for a in np_actors_deep(pobj, ctx, depth + 1) if a not in found)
    return found


def np_actors_deep(head: Token, ctx: DocumentContext, depth: int) -> list[Actor]:
    found: list[Actor] = []
    appositions = [c for c in head.children if c.dep_ == "appos"]
    # "President Biden, Prime Minister Kishida and President Yoon": the parser often makes
    # the second name an apposition and hangs the rest of the list on it
    listed = [c for a in appositions for c in a.conjuncts]
    for token in (head, *head.conjuncts, *appositions, *listed):
        found.extend(a for a in phrase_actors(token, ctx, depth) if a not in found)
    return found


def _owns(head: Token, ctx: DocumentContext) -> bool:
    """ "officials of X", "tens of thousands of Georgians": the actor is after "of"."""
    return body_sector(head, ctx) is not None or head.lemma_.lower() in word_list("part_nouns")


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
    """A state reached through a body noun takes that body's sector ("Russian forces"); a
    people named by its demonym are civilians ("thousands of Georgians")."""
    if actor.name is not None and actor.sector is not None:
        return actor
    sector = body_sector(head, ctx)
    if sector is None and head.ent_type_ == "NORP" and head.tag_ in {"NNPS", "NNS"}:
        sector = "CVL"
    return replace(actor, sector=sector) if sector else actor


def noun_lemma(token: Token) -> str:
    """The lemma, with capitalised plurals the tagger leaves whole ("Parties" -> "party")."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma == token.lower_:
        if lemma.endswith("ies"):
            return lemma[:-3] + "y"
        return lemma.removesuffix("s")
    return lemma


def _definite_reference(head: Token, ctx: DocumentContext, *, definite: bool | None) -> list[Actor]:
    """Definite references: "both countries", "the two leaders", "the company", "the country"."""
    lemma = noun_lemma(head)
    dets = {c.lower_ for c in head.children if c.dep_ in {"det", "predet", "preconj", "nummod"}}
    if lemma in _GROUP_HEADS and head.pos_ in {"NUM", "PRON", "DET", "NOUN"}:
        return list(_sized_group(lemma, ctx))
    if lemma in word_list("group_nouns") and dets & {"both", "two", "three", "four"}:
        if lemma in word_list("leader_nouns") and dets & {"both", "two"} and ctx.last_leaders():
            return list(ctx.last_leaders())  # "the two leaders": the two people named last
        return list(_sized_group(next(iter(dets & {"three", "four"}), "two"), ctx))
    if _plural_pointer(head, lemma, dets):
        defined = ctx.parties if head.text[:1].isupper() else ()
        return list(defined or ctx.last_pair())  # "the leaders", "the Parties"
    if definite is None:
        definite = bool(dets & _DEFINITE)
    if not definite:
        return []
    if lemma in {"country", "nation"}:
        return ctx.states[-1:]
    holder = title_holder(head, ctx)
    if holder is not None:
        return [holder]
    sector = body_sector(head, ctx)
    if sector and sector in ctx.bodies and sector != "GOV":
        return [ctx.bodies[sector]]
    for child in head.lefts:
        if child.dep_ == "compound" and (found := _definite_reference(child, ctx, definite=True)):
            return found
    return []


def _sized_group(word: str, ctx: DocumentContext) -> tuple[Actor, ...]:
    """ "the three leaders": the last group of three; "both", "the two": the last pair."""
    size = {"three": 3, "four": 4}.get(word)
    return (ctx.group_of(size) or ctx.last_pair()) if size else ctx.last_pair()


def _plural_pointer(head: Token, lemma: str, dets: set[str]) -> bool:
    return (
        lemma in word_list("pointing_nouns")
        and head.tag_ in {"NNS", "NNPS"}
        and dets == {"the"}
        and not any(c.dep_ in {"amod", "compound"} for c in head.children)
    )


def points_back(head: Token, ctx: DocumentContext) -> bool:
    """A subject that only points back: a pronoun, "the two", "both sides", "the agency"
    (DECISIONS C4, F2)."""
    if head.pos_ == "PRON" and head.lower_ not in _FIRST_PERSON:
        return True
    if head.ent_type_ or any(c.ent_type_ for c in head.children):
        return False
    lemma = noun_lemma(head)
    if ctx.parties and lemma in {"party", "side"} and head.text[:1].isupper():
        return False  # a defined term names the parties anew (F2)
    dets = {c.lower_ for c in head.children if c.dep_ in {"det", "predet", "preconj", "nummod"}}
    if lemma in _GROUP_HEADS and head.pos_ in {"NUM", "PRON", "DET", "NOUN"}:
        return True
    if lemma in word_list("pointing_nouns") and dets & {"both", "two", "the"}:
        return True  # "both sides", "the two leaders"; "both countries" names them anew (C4)
    return bool(dets & {"the", "this"}) and body_sector(head, ctx) is not None


def title_holder(head: Token, ctx: DocumentContext) -> Actor | None:
    """Titles alone ("the President", "the Prime Minister"): the person last named who holds
    that title, else the issuer's own office-holder (extract/referents.py)."""
    title = title_phrase(head)
    if title is None:
        return None
    holder = issuer_office_holder(title, ctx)  # a statement's "the President" is its own
    if holder is not None:
        return replace(holder, text=head.text)
    for person in reversed(ctx.people):
        entry = ctx.dictionary.entries.get(f"person:{person.name}")
        role = entry.role_on(ctx.published) if entry else None
        if role is not None and set(title.split()) <= set((role.title or "").lower().split()):
            return person  # "the Secretary" after "Secretary of State Antony Blinken"
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
        reporter = _reporting_subject(token, ctx)
        if reporter:
            return reporter
        return _listed(_earlier_in_sentence(token, ctx, "PERSON") or ctx.last_person(lower))
    if lower in _NEUTER:
        if _expletive(token):
            return []
        return _listed(_earlier_in_sentence(token, ctx, "GPE") or _last(ctx.states))
    if lower in _PLURAL:
        return _earlier_subject(token, ctx) or list(ctx.last_pair(window=2))
    return []


def _reporting_subject(token: Token, ctx: DocumentContext) -> list[Actor]:
    """ "He said he looked forward to ...": the subject of a reported clause that is a pronoun
    like the reporting verb's subject is that subject."""
    if token.dep_ not in _SUBJECTS:
        return []
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() not in ctx.speech_verbs:
            continue
        verb = ancestor.head if ancestor.dep_ == "conj" and not _has_subject(ancestor) else ancestor
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i]
        same = [s for s in subjects if s.lower_ == token.lower_ or s.pos_ == "PROPN"]
        return np_actors(same[0], ctx) if same else []
    return []


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


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
    if token.lower_ in {"i", "me", "my", "myself"} and ctx.issuer_person is not None:
        return ctx.issuer_person  # "I" in a speech is the speaker its title names
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
