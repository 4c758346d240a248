"""Referents the names alone do not give: office titles ("the Prime Minister"), and people
named by their sector ("police", "protesters", "rebels") in a passage about one country.

- A title with no name points to the person last named with it, else, in a statement, to the
  issuer's own office-holder on the document date ("The Prime Minister spoke to ..." in a
  Downing Street readout is the British prime minister).
- Police, protesters, civilians and rebels take the country the text names for them: in their
  own phrase ("Georgian police", "students throughout Indonesia"), else the country the
  passage is about (PLOVER sectors COP, CVL, REB; shared/gold/PLOVER.md 4.2).

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import replace

from spacy.tokens import Token

from tiewatch.extract.actors import DocumentContext, actor_for_entry, entity_span
from tiewatch.extract.lexicon import word_list
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

_TITLE_PARTS = {"compound", "amod"}
_SYNONYMS = {
    "foreign minister": ("foreign minister", "minister of foreign affairs"),
    "defense minister": ("defence minister", "minister of defence", "minister of defense"),
    "defence minister": ("defence minister", "minister of defence", "minister of defense"),
    "secretary of state": ("secretary of state",),
    "secretary-general": ("secretary-general", "secretary general"),
    "secretary general": ("secretary general", "secretary-general"),
}
_PLACE_PREPS = {"in", "throughout", "across", "from", "of"}
_PASSAGE_SECTORS = frozenset({"COP", "CVL", "REB"})


def title_phrase(head: Token) -> str | None:
    """The office a title phrase names, lower case: "prime minister", "vice president",
    "secretary of state"; ``None`` when the head is no title word."""
    if head.lower_ not in word_list("titles"):
        return None
    words = [c.lower_ for c in head.lefts if c.dep_ in _TITLE_PARTS and c.pos_ != "DET"]
    if any(not w.isalpha() for w in words):
        return None
    title = " ".join([*words, head.lower_])
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if objects and objects[0].ent_type_ not in {"GPE", "NORP"}:
            title += f" of {objects[0].lower_}"
    return title


def issuer_office_holder(title: str, ctx: DocumentContext) -> Actor | None:
    """The person holding ``title`` for the document's issuer on its date."""
    if ctx.issuer is None:
        return None
    for variant in _SYNONYMS.get(title, (title,)):
        entry = ctx.dictionary.office_holder(ctx.issuer.code, variant, ctx.published)
        if entry is not None:
            return actor_for_entry(entry, on=ctx.published)
    return None


def people_sector(head: Token, ctx: DocumentContext) -> str | None:
    """COP, CVL or REB for nouns naming police, protesters, civilians or rebels."""
    sector = ctx.dictionary.bodies.get(head.lemma_.lower())
    return sector if sector in _PASSAGE_SECTORS else None


def passage_country(
    head: Token, ctx: DocumentContext, *, sector: str, subject_codes: set[str]
) -> Actor | None:
    """The country police, protesters or rebels belong to when their phrase names none: a
    place phrase on them ("students throughout Indonesia"), else a state named in the
    sentence or the sentences just before. Police act at home, so police and their targets
    share a country; other people are sought first outside the acting subject's country
    ("Russian forces killed civilians" after "the invasion of Ukraine")."""
    if head.lemma_.lower() not in word_list("passage_people"):
        return None
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            state = _state_of(pobj, ctx)
            if state is not None:
                return replace(state, sector=sector, text=head.text)
    candidates = [*_sentence_states(head, ctx), *reversed(_recent_states(ctx))]
    if sector != "COP":  # soldiers do not fire on their own civilians in a foreign war
        candidates = [actor for actor in candidates if actor.code not in subject_codes]
    if not candidates:
        return None
    return replace(candidates[0], name=None, sector=sector, text=head.text)


def _sentence_states(head: Token, ctx: DocumentContext) -> list[Actor]:
    """States named earlier in the head's sentence, nearest first."""
    found: list[Actor] = []
    for ent in reversed([e for e in head.sent.ents if e.end <= head.i]):
        state = _state_of(ent.root, ctx) if ent.label_ in {"GPE", "NORP"} else None
        if state is not None and state.code not in {a.code for a in found}:
            found.append(state)
    return found


def _recent_states(ctx: DocumentContext) -> list[Actor]:
    if ctx.sentence_number - ctx.state_sentence > 2:
        return []
    return ctx.states[-3:]


def _state_of(token: Token, ctx: DocumentContext) -> Actor | None:
    span = entity_span(token)
    if span is None or span.label_ not in {"GPE", "NORP"}:
        return None
    entry = ctx.dictionary.entries.get(span.kb_id_) if span.kb_id_ else None
    if entry is None or entry.kind != "state":
        return None
    return actor_for_entry(entry, on=ctx.published, text=span.text)


def own_government(head: Token, ctx: DocumentContext) -> Actor | None:
    """ "the government" with no country: the speaker's own ("Hamada said the government would
    respond"; "I have instructed the government"), else the state the passage is about, else
    the issuer."""
    if head.lemma_.lower() not in word_list("government_nouns"):
        return None
    if any(c.dep_ in {"amod", "compound", "poss"} for c in head.children):
        return None
    if {c.lower_ for c in head.children if c.dep_ == "det"} != {"the"}:
        return None  # "all governments" are no one government
    speaker = _frame_speaker(head, ctx)
    if speaker is None and _first_person_clause(head):
        speaker = ctx.issuer
    if speaker is None and _recent_states(ctx):
        speaker = ctx.states[-1]
    speaker = speaker or ctx.issuer
    if speaker is None:
        return None
    return Actor(code=speaker.code, sector="GOV", text=head.text, start=None, end=None)


def adversary(head: Token, ctx: DocumentContext) -> Actor | None:
    """ "the occupiers", "the aggressor", "the enemy" in a statement at war: the last state
    the passage named other than the issuer."""
    if head.lemma_.lower() not in word_list("adversary_nouns") or ctx.issuer is None:
        return None
    for state in reversed(ctx.states):
        if state.code != ctx.issuer.code:
            return replace(state, name=None, sector="MIL", text=head.text)
    return None


def _frame_speaker(head: Token, ctx: DocumentContext) -> Actor | None:
    from tiewatch.extract.mentions import np_actors

    for ancestor in head.ancestors:
        if ancestor.lemma_.lower() in ctx.speech_verbs:
            subjects = [c for c in ancestor.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            for subject in subjects:
                found = np_actors(subject, ctx)
                if found:
                    return found[0]
    return None


def _first_person_clause(head: Token) -> bool:
    verb = head.head
    return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in verb.children)
