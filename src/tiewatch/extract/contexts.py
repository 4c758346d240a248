"""PLOVER contexts for an event: its type's default plus the cues its sentence holds
(``data/lexicons/contexts.yaml``; PLOVER.md section 3). Not scored, but every event has them.
"""

from __future__ import annotations

from spacy.tokens import Span

from tiewatch.extract.lexicon import load_contexts, load_type_contexts


def sentence_cues(sent: Span) -> frozenset[str]:
    """The contexts cued by the sentence's words."""
    cues = load_contexts()
    found: set[str] = set()
    for token in sent:
        for word in (token.lower_, token.lemma_.lower()):
            found.update(cues.get(word, ()))
    return frozenset(found)


def event_contexts(event_type: str, cues: frozenset[str]) -> tuple[str, ...]:
    """Type default first, then the sentence's cues, sorted and without repeats."""
    defaults = load_type_contexts().get(event_type, ())
    return tuple(dict.fromkeys([*defaults, *sorted(cues)]))
