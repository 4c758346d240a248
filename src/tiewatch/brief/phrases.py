"""Lead phrases for brief items, in the words of the sentences they head.

In order: the first sentence's run-in heading (the author named the topic); the headline of
the item's main event ("Wang Yi holds talks with Sergey Lavrov", "Russian and Ukrainian
negotiators reach an agreement", see ``headlines``); the subject of an event's clause as
written ("Xi and Putin"); the persons and bodies the events name; the first sentence's
opening words.

Docs: docs/briefs.md ("Lead phrases").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tiewatch.analyze.rows import SentenceRow
from tiewatch.brief.condense import condense_sentence, split_heading
from tiewatch.brief.headlines import event_headline, phrase_table
from tiewatch.brief.names import demonyms, is_body_noun, names_in, proper_words, written_name
from tiewatch.models import Event

__all__ = ["Subject", "acting_names", "find_subject", "lead_phrase", "names_in"]

MAX_SUBJECT_WORDS = 10
_ARTICLES = frozenset({"the", "a", "an"})
_CONNECTORS = frozenset({"of", "and", "for", "on", "in"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_OPENING_WORDS = 6


@dataclass(frozen=True)
class Subject:
    """The words of a sentence that act in an event, as written."""

    text: str
    plural: bool  # takes a plural verb: "Xi and Putin", "negotiators"
    passive: bool  # "Russia was accused": the words name the target, not the source


def lead_phrase(
    rows: Sequence[SentenceRow], *, names: Mapping[str, str] | None = None
) -> tuple[str, int]:
    """A bold lead phrase and the position of the row it comes from (-1: from all of them).

    ``names``: actor code -> display name (the watchlist's), used when a sentence writes it.
    """
    names = names or {}
    heading, _ = split_heading(rows[0].text)
    if heading:
        return heading, 0
    for found in (_main_event_headline(rows, names), _first_subject(rows, names)):
        if found is not None:
            return found
    acting = acting_names(rows)
    if acting:
        return _capitalise(" and ".join(acting[:2])), -1
    opening = " ".join(condense_sentence(rows[0].text).split()[:_OPENING_WORDS])
    return _capitalise(opening.rstrip(",;:")) + "…", 0


def _main_event_headline(
    rows: Sequence[SentenceRow], names: Mapping[str, str]
) -> tuple[str, int] | None:
    """The headline of the first event, in reporting order, that names both sides; else of
    the first event that makes one at all."""
    ranked: list[tuple[bool, int, float, str]] = []
    for position, row in enumerate(rows):
        for event in row.events:
            headline = _headline(event, row.text, names)
            if headline is not None:
                target = written_name(event.target, event.target_name, row.text, names=names)
                one_sided = target is None or target not in headline
                ranked.append((one_sided, position, -event.confidence, headline))
    if not ranked:
        return None
    _, position, _, headline = min(ranked)
    return headline, position


def _headline(event: Event, text: str, names: Mapping[str, str]) -> str | None:
    """The event's headline with its source's name, or with its clause's subject when that
    is all the sentence gives or names a second party ("US and Russian delegations hold
    talks" over "US holds talks")."""
    named = event_headline(event, text, names=names)
    subject = find_subject(text, event, names=names)
    if subject is None or subject.passive:
        return named
    worded = event_headline(event, text, names=names, subject=subject.text, plural=subject.plural)
    if named is None or worded is None:
        return named or worded
    source = written_name(event.source, event.source_name, text, names=names)
    target = written_name(event.target, event.target_name, text, names=names)
    if target is None and subject.plural and source is not None and names_in(source, subject.text):
        return worded
    return named


def _first_subject(rows: Sequence[SentenceRow], names: Mapping[str, str]) -> tuple[str, int] | None:
    for position, row in enumerate(rows):
        for event in row.events:
            subject = find_subject(row.text, event, names=names)
            if subject is not None:
                return subject.text, position
    return None


def find_subject(text: str, event: Event, *, names: Mapping[str, str]) -> Subject | None:
    """The words naming who acts in ``event`` as ``text`` writes them: the clause's words
    before the event's trigger, up to the last name or body noun ("Russian and Ukrainian
    negotiators", "Xi and Putin"). None when they open with a pronoun or a lower-case word,
    run too long, or name nobody."""
    found = _find(event.trigger, text)
    if found is None:
        return None
    table = phrase_table().subject
    clause = table.clause_break.split(text[:found])[-1].split()
    words = _trim(clause)
    heads = [n for n, word in enumerate(words) if _is_head(word)]
    if not heads:
        return None
    words = words[: heads[-1] + 1]
    if len(words) > MAX_SUBJECT_WORDS or not words[0][:1].isupper():
        return None
    if words[0].lower() in table.pronouns or not _names_someone(words, text, event, names):
        return None
    gap = clause[len(clause) - len(_strip_articles(clause)) + len(words) :]
    gap = [w for w in gap if not (w.islower() and w.endswith("ly"))]  # "was reportedly"
    return Subject(
        text=_capitalise(" ".join(words)),
        plural="and" in words or _plural_noun(words[-1]),
        passive=bool(gap) and gap[-1].lower() in _BE,
    )


def _names_someone(words: Sequence[str], text: str, event: Event, names: Mapping[str, str]) -> bool:
    """A name that is not capitalised only because it opens the sentence ("Negotiators")."""
    chunk = " ".join(words)
    at_start = text.lstrip().startswith(chunk)
    if any(_is_name(w) and (n or not at_start) for n, w in enumerate(words)):
        return True
    if words[0] in proper_words():
        return True
    source = written_name(event.source, event.source_name, text, names=names)
    return source is not None and names_in(source, chunk)


def _is_head(word: str) -> bool:
    """A word a subject can end on: a name or a body noun, not a possessive ("China's")."""
    if re.search(r"['\u2019]s?$", word):
        return False
    return _is_name(word) or is_body_noun(word)


def _is_name(word: str) -> bool:
    """A capitalised word that is not a demonym ("Russian" qualifies, does not name)."""
    bare = re.sub(r"['\u2019]s$", "", word)
    return word[:1].isupper() and bare not in demonyms()


def _plural_noun(word: str) -> bool:
    return word.islower() and word.endswith("s") and not word.endswith("ss")


def _trim(words: list[str]) -> list[str]:
    """Cut before a time or place phrase, an auxiliary or an adverb; drop leading articles."""
    table = phrase_table().subject
    stops = table.phrase_starts | table.auxiliaries
    cut = next((n for n, w in enumerate(words) if n and _stops(w, words[n + 1 :], stops)), None)
    return _strip_articles(words[:cut])


def _stops(word: str, rest: Sequence[str], stops: frozenset[str]) -> bool:
    if word in stops or (word.islower() and word.endswith("ly")):
        return True
    # A verb and its object ("adopted a"); "of the" and "and the" stay inside a name.
    return word.islower() and word not in _CONNECTORS and bool(rest) and rest[0] in _ARTICLES


def _strip_articles(words: list[str]) -> list[str]:
    start = 0
    while start < len(words) and words[start].lower() in _ARTICLES:
        start += 1
    return words[start:]


def _find(trigger: str | None, text: str) -> int | None:
    if not trigger:
        return None
    found = re.search(r"(?<![\w-])" + re.escape(trigger) + r"(?![\w-])", text)
    return found.start() if found else None


def acting_names(rows: Sequence[SentenceRow]) -> list[str]:
    """Persons and bodies that act in the rows' events (sources, not targets: a target as
    the lead phrase reads as the actor), where the text writes them so."""
    found: list[str] = []
    for row in rows:
        for event in row.events:
            name = event.source_name
            if name and name not in found and names_in(name, row.text):
                found.append(name)
    return found


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
