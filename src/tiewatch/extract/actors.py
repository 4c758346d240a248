"""Resolve actor mentions to codes: names, roles on a date, surnames and discourse memory.

A person takes the code and sector of the role held on the document date (else the latest
role). ``DocumentContext`` is the per-document memory: who was named (for "Wang said"), the
last person, state, body and group (for "he", "it", "the company", "both countries"), and
who accused whom (for denials).
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from tiewatch.extract.dictionary import ActorDictionary, Entry, load_actor_dictionary
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

__all__ = ["DocumentContext", "load_actor_dictionary", "resolve_actor"]

_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}


@dataclass
class DocumentContext:
    """What a document has said so far about its actors (discourse memory)."""

    published: date | None = None
    dictionary: ActorDictionary = field(default_factory=load_actor_dictionary)
    issuer: Actor | None = None
    offset: int = 0  # of the paragraph being read, into Document.text
    names: dict[str, Actor] = field(default_factory=dict)  # name token -> person
    genders: dict[str, str] = field(default_factory=dict)  # person name -> m/f
    people: list[Actor] = field(default_factory=list)  # most recent last
    states: list[Actor] = field(default_factory=list)
    state_sentence: int = 0  # when a state was last named
    bodies: dict[str, Actor] = field(default_factory=dict)  # sector -> last body
    group: tuple[Actor, ...] = ()
    parties: tuple[Actor, ...] = ()  # a joint statement's defined term ("the Parties")
    group_sentence: int = 0  # when the group was last named
    groups: list[tuple[Actor, ...]] = field(default_factory=list)  # groups named, last last
    first_seen: dict[str, int] = field(default_factory=dict)  # code -> order of first mention
    accusers: dict[str, Actor] = field(default_factory=dict)  # accused code -> accuser
    accused: dict[str, Actor] = field(default_factory=dict)  # accuser code -> last accused
    issuer_person: Actor | None = None  # who "I" is in a speech ("Remarks by ... Harris")
    aggressors: list[Actor] = field(default_factory=list)  # sources of conflict acts, last last
    partners: dict[str, tuple[int, Actor]] = field(default_factory=dict)  # code -> met party
    speech_verbs: frozenset[str] = frozenset()  # for "we" and "I": the speaker of the clause
    sentence_number: int = 0  # sentences read so far
    recent: list[tuple[int, str, frozenset[str], bool]] = field(default_factory=list)  # acts
    resolving: set[tuple[int, int]] = field(default_factory=set)  # phrases being resolved

    def coded_recently(
        self, event_type: str, codes: frozenset[str], *, window: int = 3, joint: bool = False
    ) -> bool:
        """Was this type already coded between these actors in the last few sentences? A joint
        act continues only a joint act (DECISIONS F3)."""
        floor = self.sentence_number - window
        return any(
            n >= floor and t == event_type and c == codes and (j or not joint)
            for n, t, c, j in self.recent
        )

    def note_coded(self, event_type: str, codes: frozenset[str], *, joint: bool = False) -> None:
        self.recent = [item for item in self.recent if item[0] >= self.sentence_number - 5]
        self.recent.append((self.sentence_number, event_type, codes, joint))

    def remember(self, actor: Actor, *, kind: str) -> None:
        """Note a mention in reading order (subjects last, so they stay most salient)."""
        self.first_seen.setdefault(actor.code, len(self.first_seen))
        if kind == "person":
            self.people = [p for p in self.people if p.name != actor.name] + [actor]
            for part in (actor.name or "").split():
                self.names.setdefault(part, actor)
        elif kind == "state":
            self.states = [s for s in self.states if s.code != actor.code] + [actor]
            self.state_sentence = self.sentence_number
        elif actor.sector:
            self.bodies[actor.sector] = actor

    def remember_group(self, actors: list[Actor]) -> None:
        codes = {a.code for a in actors}
        if len(codes) >= 2:
            unique = {a.code: a for a in actors}.values()
            self.group = tuple(sorted(unique, key=lambda a: self.first_seen.get(a.code, 99)))
            self.group_sentence = self.sentence_number
            self.groups = [g for g in self.groups if {a.code for a in g} != codes][-4:]
            self.groups.append(self.group)

    def group_of(self, size: int) -> tuple[Actor, ...]:
        """The last group of ``size`` parties named ("the three leaders")."""
        return next((g for g in reversed(self.groups) if len(g) == size), ())

    def last_leaders(self) -> tuple[Actor, ...]:
        """The two people of different sides named last ("the two leaders")."""
        found: dict[str, Actor] = {}
        for person in reversed(self.people):
            found.setdefault(person.code, person)
            if len(found) == 2:
                pair = found.values()
                return tuple(sorted(pair, key=lambda a: self.first_seen.get(a.code, 99)))
        return ()

    def last_person(self, pronoun: str) -> Actor | None:
        wanted = "m" if pronoun in _MALE else "f" if pronoun in _FEMALE else None
        for person in reversed(self.people):
            gender = self.genders.get(person.name or "")
            if wanted is None or gender in (None, wanted):
                return person
        return None

    def last_pair(self, *, window: int | None = None) -> tuple[Actor, ...]:
        """The group "both countries" or "the two" points back to; "they" (``window``) only
        to a group named in the last few sentences."""
        if window is not None:
            fresh = self.sentence_number - self.group_sentence <= window
            return self.group if fresh else ()
        if self.group:
            return self.group
        recent: dict[str, Actor] = {}
        for actor in reversed([*self.states, *self.people]):
            recent.setdefault(actor.code, actor)
        pair = list(recent.values())[:2]
        return tuple(sorted(pair, key=lambda a: self.first_seen.get(a.code, 99)))


def resolve_actor(
    mention: Span | str,
    *,
    on: date | None = None,
    context: DocumentContext | None = None,
    dictionary: ActorDictionary | None = None,
) -> Actor | None:
    """The actor a name or entity span stands for on date ``on``; ``None`` when unknown.

    Docs: ``docs/architecture.md`` ("nlp and extract").
    """
    actors = context.dictionary if context else dictionary or load_actor_dictionary()
    day = on or (context.published if context else None)
    if isinstance(mention, str):
        surface = actors.lookup(mention.strip())
        entry = surface.entry if surface else _named_before(mention.strip(), context, actors)
        return actor_for_entry(entry, on=day, text=mention) if entry else None
    return _resolve_span(mention, day, context, actors)


def _named_before(
    text: str, context: DocumentContext | None, actors: ActorDictionary
) -> Entry | None:
    """A surname or given name alone: the person already named, else a unique surname."""
    if context is not None and text in context.names:
        named = context.names[text]
        return actors.entries.get(f"person:{named.name}")
    return actors.unique_surname(text)


def _resolve_span(
    span: Span, day: date | None, context: DocumentContext | None, actors: ActorDictionary
) -> Actor | None:
    entry = actors.entries.get(span.kb_id_) if span.kb_id_ else None
    if entry is None:
        surface = actors.lookup(span.text)
        entry = surface.entry if surface else None
    if entry is not None:
        actor = actor_for_entry(entry, on=day, text=span.text)
    elif span.label_ == "PERSON" or len(span) == 1:
        actor = _known_by_part(span, context)  # the model tags some surnames ORG ("Wang")
    else:
        actor = None
    if actor is None:
        return None
    offset = context.offset if context else 0
    return replace(actor, start=span.start_char + offset, end=span.end_char + offset)


def _known_by_part(span: Span, context: DocumentContext | None) -> Actor | None:
    """A name part already placed: "Cong" after "Fu Cong", "Ivashchenko" after his first
    mention."""
    if context is None:
        return None
    last = span[-1].text
    actor = context.names.get(last) or context.names.get(span.text)
    return replace(actor, text=span.text) if actor else None


def actor_for_entry(entry: Entry, *, on: date | None, text: str | None = None) -> Actor | None:
    """A dictionary entry as an Actor: people take the role held on ``on``."""
    if entry.kind == "person":
        role = entry.role_on(on)
        if role is None:
            return None
        return Actor(code=role.code, name=entry.name, sector=role.sector, text=text)
    if entry.code is None:
        return None
    name = None if entry.kind == "state" else entry.name
    return Actor(code=entry.code, name=name, sector=entry.sector, text=text)


def entity_span(token: Token) -> Span | None:
    """The named entity covering ``token``."""
    if not token.ent_type_:
        return None
    start = token.i
    while start > token.sent.start and token.doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
        end += 1
    return token.doc[start:end]
