"""Find the trigger words of a sentence and how they nest.

A verb fires when a sense of its lemma matches (particle, object lemmas, named object). An
event noun fires only where the sentence asserts it: carried by a light verb ("expressed
support"), owned by an actor ("China's support"), framing the clause ("In a meeting with X,
Y said") or after "in" ("in support of", "in talks with"). A trigger that embeds another
("agreed to cooperate", "accused X of supplying", "denied supplying") governs it.
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Span, Token

from tiewatch.extract.lexicon import EventLexicon, Trigger, word_list

logger = logging.getLogger(__name__)

_PARTICLE_DEPS = {"prt", "prep", "advmod", "agent", "acomp"}
_NAMED = {"PERSON", "GPE", "ORG", "NORP"}
_PREDICATIVE = {"acomp", "ROOT", "xcomp", "ccomp", "conj", "advcl", "oprd"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "dative", "oprd"}
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "dobj", "acomp", "acl"}
_COMPLEMENT_PREPS = {"of", "with", "for", "to", "on", "from", "in", "about"}
_NOUN_OBJECT_DEPS = {"dobj", "nsubjpass", "attr"}
# "in support of", "in protest at"; not "in coordination with the G7", a manner (DECISIONS C2)
_STANCE_TYPES = {"SUPPORT", "ACCUSE", "AID"}
_OWNED_DEPS = {"dobj", "nsubj", "nsubjpass", "attr", "appos", "ROOT"}


@dataclass
class Fired:
    """A trigger token with its sense; ``carrier`` is the verb that asserts a noun trigger."""

    token: Token
    sense: Trigger
    carrier: Token
    governor: Fired | None = None
    relation: str | None = None  # absorb, alleged or denied (the governor's ``embeds``)


def fire_triggers(sent: Span, lexicon: EventLexicon, *, headline: bool = False) -> list[Fired]:
    """Every trigger of the sentence, with governors linked. In a ``headline`` (a title line)
    an event noun with a partner or an owner names the act ("Readout of X's Call with Y")."""
    fired: list[Fired] = []
    verbs: set[int] = set()
    for token in sent:
        sense = None
        if token.pos_ == "VERB":
            sense = _verb_sense(token, lexicon)
        elif misparsed_verb(token):  # "Ukraine thanks Italy ...", tagged as a plural noun
            sense = _verb_sense(token, lexicon, lemma=token.lower_[:-1])
        elif token.pos_ == "ADJ" and _predicated(token):
            sense = next(lexicon.senses(token.lemma_, "adj"), None)
        if sense is not None:
            fired.append(Fired(token, sense, token))
            verbs.add(token.i)
    for token in sent:
        if token.pos_ in {"NOUN", "PROPN"}:
            item = _noun_trigger(token, lexicon, verbs, headline=headline)
            if item is not None:
                fired.append(item)
    link_governors(fired)
    kept = [item for item in fired if _asserted(item, fired)]
    for item in kept:
        item.governor, item.relation = None, None
    link_governors(kept)
    return kept


def _predicated(adjective: Token) -> bool:
    """An adjective said of its subject ("is willing", "stands ready"), not of an object
    ("keep NATO ready", "keep the routes open")."""
    if adjective.dep_ not in _PREDICATIVE:
        return False
    if adjective.dep_ in {"oprd", "xcomp", "ccomp"}:
        return adjective.head.lemma_.lower() not in word_list("object_predicate_verbs")
    return True


def _stance_topic(item: Fired, fired: list[Fired]) -> bool:
    """ "opposes the US decision to raise tariffs", "welcome Sweden's decision to join NATO",
    "thank Romania for its efforts to keep ...": an act inside what a stance is taken on is
    its topic, not asserted (DECISIONS F8)."""
    token = item.token
    if token.dep_ != "acl" or token.head.pos_ not in {"NOUN", "PROPN"}:
        return False
    noun = token.head
    holder = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in {"dobj", "pobj"}:
        return False
    if noun.lemma_.lower() in word_list("claims"):
        return False  # "denied the allegations that it supplies ...": the denied act is coded
    return any(f.token.i == holder.i and f.sense.type in {"ACCUSE", "SUPPORT"} for f in fired)


def _asserted(item: Fired, fired: list[Fired]) -> bool:
    """Drop acts the sentence only mentions: inside a time anchor (DECISIONS C2), as the topic
    of a comment ("declined to comment on sending troops"), as a participle describing another
    act's object ("the consensus reached by ..."), or twice (noun + its participle)."""
    token = item.token
    if _stance_topic(item, fired):
        return False
    if any(
        f.token.dep_ == "acl"
        and f.sense.type == item.sense.type
        and f.token.head.i in _objects(token)
        for f in fired
    ):
        return False  # "(increasing) restrictions imposed by China": the participle has the act
    triggers = {
        f.token.i
        for f in fired
        if f is not item and f is not item.governor and token.head.i not in _objects(f.token)
    }
    participle = token.dep_ in {"acl", "relcl"} and token.tag_ == "VBN"
    if participle and any(a.i in triggers for a in token.ancestors):
        return False
    if token.dep_ == "relcl" and _nested_noun(token.head):
        return False  # F6: "claims on the nature of the support China is providing"
    node = token
    for _ in range(8):
        if node.dep_ == "relcl" or node.head.i == node.i:
            return True
        head = node.head
        if head.dep_ == "prep" or head.pos_ == "ADP":
            if node.i != token.i and head.lower_ in word_list("background_preps"):
                return False
            if head.lower_ in {"on", "about", "over"} and head.head.lemma_.lower() in word_list(
                "topic_speech_verbs"
            ):
                return False
        node = head
    return True


def misparsed_verb(token: Token) -> bool:
    """A third-person verb the tagger read as a plural noun heading the sentence, with a named
    actor before it ("Ukraine thanks Italy and Greece for ...")."""
    return (
        token.dep_ == "ROOT"
        and token.tag_ == "NNS"
        and token.lower_.endswith("s")
        and any(c.dep_ in {"compound", "nsubj"} and c.ent_type_ for c in token.lefts)
    )


def _verb_sense(token: Token, lexicon: EventLexicon, *, lemma: str | None = None) -> Trigger | None:
    objects: set[str] | None = None
    heads = _object_heads(token)

    def rank(sense: Trigger) -> tuple[bool, bool]:
        # the object's own noun decides before its modifiers ("launched a missile attack" is
        # an attack), and a joint-only sense ("launched a venture together") comes last
        by_modifier = bool(sense.objects) and not heads & set(sense.objects)
        return by_modifier, sense.joint and not (sense.particle or sense.objects)

    senses = sorted(lexicon.senses(lemma or token.lemma_, "verb"), key=rank)
    for sense in senses:
        if sense.particle and not _has_particle(token, sense.particle):
            continue
        if sense.objects:
            objects = _object_lemmas(token) if objects is None else objects
            if not objects.intersection(sense.objects):
                continue
        if sense.person_target and not _named_object(token):
            continue
        if sense.vehicle and not _vehicle_subject(token, lexicon):
            continue
        return sense
    return None


def _vehicle_subject(token: Token, lexicon: EventLexicon) -> bool:
    """A ship, aircraft or drone is the subject (of this verb or the one it is joined to)."""
    for verb in (token, token.head):
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            words = {subject.lemma_.lower(), *(c.lemma_.lower() for c in subject.children)}
            if words & lexicon.vehicle_nouns:
                return True
    return False


def _has_particle(token: Token, particle: str) -> bool:
    return any(c.dep_ in _PARTICLE_DEPS and c.lower_ == particle for c in token.children)


def _object_heads(token: Token) -> set[str]:
    """Lemmas of the verb's direct objects themselves (no modifiers)."""
    return {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "nsubjpass"}}


def _object_lemmas(token: Token) -> set[str]:
    """Lemmas of the verb's objects (and of the objects of its prepositions)."""
    heads = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    if token.dep_ == "acl" and token.tag_ == "VBN":
        heads.append(token.head)  # "restrictions imposed by China"
    for prep in (c for c in token.children if c.dep_ in {"prep", "prt"}):
        heads.extend(c for c in prep.children if c.dep_ == "pobj")
    for head in list(heads):  # "suspended part of its aid", "added entities to the List"
        heads.extend(
            p
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in {"of", "to"}
            for p in c.children
            if p.dep_ == "pobj"
        )
    # "hold accountable those who ...": the parser often makes the adjective a clause
    words: set[str] = {
        c.lemma_.lower()
        for c in token.children
        if c.pos_ == "ADJ" and c.dep_ in {"ccomp", "acomp", "oprd", "xcomp"}
    }
    for head in heads:
        for item in (head, *head.conjuncts):
            words.update((item.lemma_.lower(), item.lower_))
            words.update(c.lemma_.lower() for c in item.children if c.dep_ == "compound")
    return words


def _named_object(token: Token) -> bool:
    """The verb's object (or the object of "with"/"to") is a named actor or a pronoun."""
    heads = [c for c in token.children if c.dep_ in {"dobj", "dative"}]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"with", "to"}):
        heads.extend(c for c in prep.children if c.dep_ == "pobj")
    if any(c.dep_ in {"oprd", "ccomp", "xcomp"} for c in token.children):
        return False  # "called X a challenge"
    return any(h.ent_type_ in _NAMED or h.pos_ == "PRON" for h in heads)


def _noun_trigger(
    token: Token, lexicon: EventLexicon, verbs: set[int], *, headline: bool = False
) -> Fired | None:
    senses = list(lexicon.senses(token.lemma_, "noun")) or list(
        lexicon.senses(token.lower_, "noun")
    )
    if token.lemma_.lower() == "strike" and any(
        c.dep_ in {"compound", "amod"} and c.lower_ in word_list("protest_strikes")
        for c in token.children
    ):
        senses = list(lexicon.senses("demonstration", "noun"))  # "a hunger strike"
    if not senses:
        return None
    carrier = _noun_carrier(token, lexicon, verbs, senses[0].type)
    if carrier is None and headline and senses[0].type == "CONSULT" and _named_in_title(token):
        carrier = token
    if carrier is None:
        return None
    return Fired(token, senses[0], carrier)


def _noun_carrier(
    token: Token, lexicon: EventLexicon, verbs: set[int], sense_type: str
) -> Token | None:
    """The word that asserts the event noun, or ``None`` when the noun is only background."""
    head = token.head
    if token.dep_ in _NOUN_OBJECT_DEPS and head.i in verbs:
        return None  # the verb trigger took the noun as its object ("signed an agreement")
    if token.dep_ in _NOUN_OBJECT_DEPS and head.lemma_.lower() in lexicon.light_verbs:
        return head
    if token.dep_ == "pobj" and head.dep_ == "prep":
        return _framing_carrier(token, head, lexicon, sense_type)
    owned = any(c.dep_ == "poss" and c.pos_ != "PRON" for c in token.children)
    argued = any(c.dep_ in {"acl", "prep", "ccomp"} for c in token.children)
    if (
        owned and argued and token.dep_ in _OWNED_DEPS
    ):  # "China's support for X", not "its warnings"
        return head if head.pos_ in {"VERB", "AUX"} else token
    return None


def _named_in_title(noun: Token) -> bool:
    """ "Readout of President Biden's Call with President Macron": a partner or an owner."""
    return any(
        (c.dep_ == "prep" and c.lower_ in {"with", "between", "to"}) or c.dep_ == "poss"
        for c in noun.children
    )


def _framing_carrier(
    token: Token, prep: Token, lexicon: EventLexicon, sense_type: str
) -> Token | None:
    """Framing phrases: "in support of", "in talks with"; "In/After a meeting with X, Y ..."
    (a partner is needed, or the phrase is a background anchor: DECISIONS C2)."""
    governor = prep.head
    word = prep.lower_
    if governor.lemma_.lower() in lexicon.intent_verbs and word in {"on", "toward", "towards"}:
        return governor  # "working on a joint venture"
    if word not in lexicon.meeting_preps:
        return None
    has_partner = sense_type == "CONSULT" and any(  # not "in coordination with the G7"
        c.dep_ == "prep" and c.lower_ == "with" for c in token.children
    )
    stance = word == "in" and sense_type in _STANCE_TYPES  # "in support of", "in protest at"
    if not (has_partner or stance):
        return None
    if governor.pos_ in {"VERB", "AUX"}:
        return governor
    if governor.pos_ in {"NOUN", "PROPN"} and governor.lemma_.lower() in lexicon.document_nouns:
        return governor
    return None


def _objects(token: Token) -> set[int]:
    return {token.i, *(c.i for c in token.children if c.dep_ == "dobj")}


def _nested_noun(noun: Token) -> bool:
    """A noun inside another noun phrase ("the nature of [the support]")."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in {"NOUN", "PROPN"}


def link_governors(fired: list[Fired]) -> None:
    """Give each trigger the nearest trigger above it that embeds it."""
    embedders = {f.token.i: f for f in fired if f.sense.embeds}
    spans = {i: _complement(f.token, f.sense.embeds or "") for i, f in embedders.items()}
    for item in fired:
        for ancestor in item.token.ancestors:
            governor = embedders.get(ancestor.i)
            relation = spans[ancestor.i].get(item.token.i) if governor else None
            if governor is not None and relation is not None:
                item.governor = governor
                item.relation = relation
                break


def _complement(token: Token, embeds: str) -> dict[int, str]:
    """What a trigger embeds, token index -> relation: its clausal complements, its object,
    and the gerund after "of"/"with"/"for" ("accused X of supplying"). A denial or rejection
    of a proposal (not of a claim) takes the proposed act in (absorb)."""
    roots = [c for c in token.children if c.dep_ in _COMPLEMENT_DEPS]
    if embeds == "alleged" and any(c.dep_ == "dobj" for c in token.children):
        roots = []  # "accused X of supplying": the act is after "of", not in other clauses
    for prep in (c for c in token.children if c.dep_ == "prep"):
        if prep.lower_ in _COMPLEMENT_PREPS:
            roots.extend(c for c in prep.children if c.dep_ in {"pcomp", "pobj"})
    relations: dict[int, str] = {}
    for root in roots:
        relation = embeds
        if (
            embeds == "denied"
            and root.dep_ == "dobj"
            and root.lemma_.lower() not in word_list("claims")
        ):
            relation = "absorb"
        relations.update((i, relation) for i in _outside_relative_clauses(root))
    return relations


def _outside_relative_clauses(root: Token) -> list[int]:
    """Indices of ``root``'s subtree outside every relative clause in it, in text order.

    One pruned walk: walking each clause's subtree again was cubic on run-on text (#7).
    """
    found: list[int] = []
    stack = [root]
    while stack:
        token = stack.pop()
        if token.dep_ != "relcl":
            found.append(token.i)
            stack.extend(token.children)
    return sorted(found)
