"""Who a quote's speaker span names: a person, a named body, a pair, or an unnamed official.

DECISIONS.md (Actors, Quotes): speakers of joint statements are "Xi Jinping and Vladimir
Putin" with no actor code; an unnamed speaker ("the spokesperson") has no name but keeps
the actor code; names are the dictionary's canonical form.
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

from spacy.tokens import Span

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.attribution import phrase_text
from tiewatch.extract.mentions import np_actors
from tiewatch.models import Actor


def resolve_speaker(span: Span, ctx: DocumentContext) -> tuple[str | None, str | None]:
    """(speaker name, actor code) for a speaker span, read with the memory of its sentence."""
    actors: dict[str, Actor] = {}
    for actor in np_actors(span.root, ctx):
        actors.setdefault(actor.code, actor)
    ordered = sorted(actors.values(), key=lambda a: a.start or 0)
    if len(ordered) >= 2:  # "The two presidents stated": the people last named for each side
        ordered = [_named(actor, ctx) for actor in ordered]
        ordered.sort(key=lambda actor: ctx.first_seen.get(actor.code, 99))
    return _name_and_code(span, ordered)


def _named(actor: Actor, ctx: DocumentContext) -> Actor:
    if actor.name is not None:
        return actor
    person = next((p for p in reversed(ctx.people) if p.code == actor.code), None)
    return person or actor


def _name_and_code(span: Span, actors: list[Actor]) -> tuple[str | None, str | None]:
    named = any(t.pos_ == "PROPN" or t.ent_type_ for t in span)
    if len(actors) >= 2:
        names = [a.name for a in actors if a.name]
        return (" and ".join(names) if len(names) == len(actors) else None), None
    if not actors:
        return (span.text if named else None), None
    actor = actors[0]
    if actor.name and (named or span.root.pos_ == "PRON" or actor.sector is None):
        return actor.name, actor.code
    return (phrase_text(span.root) if named else None), actor.code
