"""Conditional clauses: "if Russia attacks a NATO ally, the United States will defend ...".

The act inside the "if"/"unless" clause is hypothetical and not coded. A future act of the
main clause made to depend on another party's conduct is a conditional warning: THREATEN from
the main clause's subject to the condition's subject (shared/gold/DECISIONS.md F16; PLOVER:
"will withdraw its force unless ..." is a threat, not the withdrawal).

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging

from spacy.tokens import Span, Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.coded import EventMention
from tiewatch.extract.mentions import np_actors
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

_CONDITION_MARKS = frozenset({"if", "unless"})
_FUTURE = frozenset({"will", "would", "shall", "'ll", "wo"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def condition_clause(verb: Token) -> Token | None:
    """The "if"/"unless" clause hanging on ``verb``, if any."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in child.children
        ):
            return child
    return None


def in_condition(token: Token) -> bool:
    """Is ``token`` inside an "if"/"unless" clause (a hypothetical act)?"""
    for node in (token, *token.ancestors):
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in node.children
        ):
            return True
    return False


def conditional_threats(sent: Span, ctx: DocumentContext) -> tuple[list[EventMention], set[int]]:
    """THREATEN events of the sentence's conditional warnings, and the main verbs they cover
    (their own acts are the content of the warning, not coded apart)."""
    found: list[EventMention] = []
    covered: set[int] = set()
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or not _future(verb):
            continue
        condition = condition_clause(verb)
        if condition is None:
            continue
        sources = _subject_actors(verb, ctx)
        targets = [t for t in _subject_actors(condition, ctx) if t.code not in _codes(sources)]
        if not sources or not targets:
            continue
        covered.update(t.i for t in verb.subtree if not in_condition(t))
        found.extend(EventMention("THREATEN", s, t, verb) for s in sources for t in targets)
    return found, covered


def _future(verb: Token) -> bool:
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(auxes & _FUTURE)


def _subject_actors(verb: Token, ctx: DocumentContext) -> list[Actor]:
    return [a for c in verb.children if c.dep_ in _SUBJECTS for a in np_actors(c, ctx)]


def _codes(actors: list[Actor]) -> set[str]:
    return {a.code for a in actors}
