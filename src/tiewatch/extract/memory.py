"""Discourse memory: what each sentence leaves for the next ones to point back to (the
people, states and bodies it named, subjects last; groups for "both countries"; a joint
statement's defined parties; titled subjects such as "The Prime Minister").

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Span, Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.mentions import (
    body_sector,
    noun_lemma,
    np_actors,
    phrase_actors,
    span_actor,
    title_holder,
)
from tiewatch.models import Actor
from tiewatch.nlp.doc_cache import doc_text

logger = logging.getLogger(__name__)

_SUBJECTS = {"nsubj", "nsubjpass"}


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
        holder = _titled_subject(token, ctx)
        if holder is not None:
            noted.append((True, token.i, holder, "person"))
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
    _define_parties(sent, ctx)
    ctx.sentence_number += 1


def _titled_subject(token: Token, ctx: DocumentContext) -> Actor | None:
    """ "The Prime Minister spoke ...": a title subject naming a person is remembered like a
    name, so that "He" in the next sentence finds that person."""
    if token.dep_ not in _SUBJECTS or token.ent_type_ or token.pos_ not in {"NOUN", "PROPN"}:
        return None
    if not any(c.lower_ == "the" for c in token.children):
        return None
    holder = title_holder(token, ctx)
    if holder is None or holder.name is None:
        return None
    entry = ctx.dictionary.entries.get(f"person:{holder.name}")
    if entry is not None and entry.gender:
        ctx.genders[holder.name] = entry.gender
    return holder


def _define_parties(sent: Span, ctx: DocumentContext) -> None:
    """ "The United States and Poland (hereafter “the Parties”)": the defined term names the
    subject's states for the rest of the statement (DECISIONS F2, F27)."""
    for token in sent:
        if noun_lemma(token) not in {"party", "side"} or not token.text[:1].isupper():
            continue
        before = doc_text(sent.doc)[max(sent.start_char, token.idx - 25) : token.idx]
        if "(" not in before:
            continue
        subjects = [t for t in sent if t.dep_ in _SUBJECTS and t.conjuncts and t.i < token.i]
        group = [a for s in subjects[:1] for a in np_actors(s, ctx)]
        if len({a.code for a in group}) >= 2:
            ctx.parties = tuple(group)
            return


def _is_state(entry: object) -> bool:
    return getattr(entry, "kind", None) == "state"


def _remember_groups(sent: Span, ctx: DocumentContext) -> None:
    for token in sent:
        if token.dep_ in _SUBJECTS and _listed(token):
            ctx.remember_group(np_actors(token, ctx))
        elif token.dep_ == "compound" and token.head.dep_ != "compound":
            group = [
                a for c in token.head.lefts if c.dep_ == "compound" for a in phrase_actors(c, ctx)
            ]
            if len({a.code for a in group}) >= 2:
                ctx.remember_group(group)


def _listed(token: Token) -> bool:
    """A coordinated subject ("China and Russia"), or one with a coordinated apposition;
    asked of subjects only, as ``conjuncts`` walks the parse (#6)."""
    return bool(token.conjuncts) or any(c.dep_ == "appos" and c.conjuncts for c in token.children)
