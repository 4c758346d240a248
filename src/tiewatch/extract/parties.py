"""Who an act concerns beyond its parse: an order to one's own side, a request to one's own
people or to everybody, one country's police and protesters, civilians' protests.

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.coded import EventMention
from tiewatch.extract.lexicon import load_event_lexicon, word_list
from tiewatch.extract.mentions import np_actors
from tiewatch.extract.roles import source_heads
from tiewatch.extract.triggers import Fired
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

_STREET = frozenset({"CVL", "REB"})
_PROTESTING = frozenset({"protest", "object", "complain", "demonstrate"})


def orders_own_side(item: Fired | None, ctx: DocumentContext) -> bool:
    """A request addressed to the requester's own government or forces."""
    if item is None or item.sense.type != "REQUEST":
        return False
    lexicon = load_event_lexicon()
    heads, _ = source_heads(item.token, lexicon)
    sources = {a.code for h in heads for a in np_actors(h, ctx)}
    objects = [c for c in item.token.children if c.dep_ in {"dobj", "dative"}]
    addressed = {a.code for o in objects for a in np_actors(o, ctx)}
    return bool(addressed) and addressed <= sources


def domestic(sources: list[Actor], target: Actor) -> bool:
    """Police against protesters, protesters against their government: one country, two
    sectors (PLOVER 4.2), so the recipient stays."""
    people = {"COP", "CVL", "REB"}
    return any(
        s.code == target.code and s.sector != target.sector and {s.sector, target.sector} & people
        for s in sources
    )


def _addressees(token: Token) -> list[Token]:
    found = [c for c in token.children if c.dep_ in {"dobj", "dative"}]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"to", "on"}):
        found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def own_people(token: Token) -> bool:
    """The act is addressed to the actor's own people ("its nationals", "our soldiers")."""
    return any(
        c.dep_ == "poss" and c.pos_ == "PRON" and c.lower_ not in {"your"}
        for a in _addressees(token)
        if a.lemma_.lower() in word_list("own_people")
        for c in a.children
    )


def universal_addressee(token: Token) -> bool:
    """A request with no named addressee is coded when nobody is addressed ("called for a
    ceasefire") or everybody is ("all parties", "the international community"; F9), not when
    the addressee is someone the text leaves unnamed ("asked you to ...")."""
    addressees = _addressees(token)
    if not addressees:
        return True
    words = {t.lower_ for a in addressees for t in a.subtree}
    return bool(words & word_list("universal_words"))


def by_sector(mentions: list[EventMention]) -> list[EventMention]:
    """Civilians who protest, march or strike stage a PROTEST, not a diplomatic protest; with
    no target named they protest against their own government (PLOVER 2.2)."""
    result = []
    for mention in mentions:
        civil = mention.source.sector in _STREET
        if civil and mention.type == "ACCUSE" and mention.trigger.lemma_.lower() in _PROTESTING:
            mention = replace(mention, type="PROTEST", mode="demo")
        if civil and mention.type == "PROTEST" and mention.target is None:
            mention = replace(mention, target=replace(mention.source, sector="GOV", name=None))
        result.append(mention)
    return result
