"""What a quantity measures, in a few words, from the dependency parse.

A heuristic: the counted noun with its modifiers ("Russian banks"); else the "of" object of the
unit ("80 percent of such components" -> "such components"); else the nearest informative noun
above the figure ("goals for 2030" -> "lofty goals"); else the clause's subject and object
("China has reduced its imports ... to 500,000 bpd" -> "China seaborne imports of Russian crude").
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

_MAX_WORDS = 12
# Nouns that only frame a figure ("an average of", "a total of") say nothing of what is measured.
_FRAME_NOUNS = frozenset(
    [
        "average",
        "total",
        "level",
        "figure",
        "rate",
        "record",
        "high",
        "low",
        "peak",
        "sum",
        "amount",
        "number",
        "share",
        "range",
        "estimate",
        "value",
        "volume",
    ]
)
_LEFT_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod", "case"})
_RIGHT_PREPS = frozenset({"of", "in", "from", "to", "for", "on"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp"})


def describe_measure(sent: Span, first: int, last: int, *, counted: Token | None) -> str | None:
    """A few words saying what the figure at tokens ``first``..``last`` measures, or None.

    For a count, ``counted`` is the counted noun and ``last`` the end of the number words.
    """
    skip = range(first, last)
    if counted is not None:
        return _noun_phrase(counted, skip=skip)
    root = _quantity_root(sent.doc, first, last)
    of_object = _of_object(root, skip)
    if of_object is not None:
        return _noun_phrase(of_object, skip=skip)
    node = root
    while node.head.i != node.i:
        node = node.head
        if node.i in skip:
            continue
        if node.pos_ in ("NOUN", "PROPN") and node.lemma_.lower() not in _FRAME_NOUNS:
            return _noun_phrase(node, skip=skip)
        if node.pos_ in ("VERB", "AUX"):
            return _clause_measure(node, skip)
    return None


def _quantity_root(doc: Doc, first: int, last: int) -> Token:
    """The token of the figure whose head lies outside it."""
    for token in doc[first:last]:
        if not first <= token.head.i < last or token.head.i == token.i:
            return token
    return doc[last - 1]


def _of_object(root: Token, skip: range) -> Token | None:
    for child in root.children:
        if child.i in skip or child.dep_ != "prep" or child.lower_ != "of":
            continue
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    return None


def _clause_measure(verb: Token, skip: range) -> str | None:
    subject = _subject(verb)
    obj = next(
        (c for c in verb.children if c.dep_ in ("dobj", "attr") and not _covers(c, skip)), None
    )
    parts = []
    if subject is not None and subject.pos_ != "PRON" and not _covers(subject, skip):
        parts.append(_noun_phrase(subject, skip=skip))
    if obj is not None:
        parts.append(_noun_phrase(obj, skip=skip))
    text = " ".join(p for p in parts if p)
    return text or None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or its governing verb's for participles ("..., going from")."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        node = node.head
    return None


def _covers(token: Token, skip: range) -> bool:
    return any(t.i in skip for t in token.subtree)


def _noun_phrase(noun: Token, *, skip: range) -> str:
    """The noun with its left modifiers and one short prepositional phrase on the right."""
    tokens = [t for child in noun.lefts if child.dep_ in _LEFT_DEPS for t in child.subtree]
    tokens.append(noun)
    preps = [
        c
        for c in noun.rights
        if c.dep_ == "prep" and c.lower_ in _RIGHT_PREPS and not _covers(c, skip)
    ]
    if preps:
        tokens.extend(preps[0].subtree)
    kept = [t for t in sorted(tokens, key=lambda t: t.i) if _keep(t, skip)][:_MAX_WORDS]
    pieces = []
    # zip(strict) needs equal lengths: an empty phrase has no "following" slot (wh-001841).
    followers: list[Token | None] = [*kept[1:], None] if kept else []
    for token, following in zip(kept, followers, strict=True):
        glued = following is not None and following.i == token.i + 1 and not token.whitespace_
        pieces.append(token.text if glued or following is None else token.text + " ")
    return "".join(pieces).strip(" ,;:-")


def _keep(token: Token, skip: range) -> bool:
    if token.i in skip or (token.dep_ in ("det", "punct") and token.text not in ("-", "–")):
        return False
    return not (token.dep_ == "poss" and token.pos_ == "PRON")
