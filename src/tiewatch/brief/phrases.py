"""Lead phrases for brief items, in the words of the sentences they head."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tiewatch.analyze.rows import SentenceRow
from tiewatch.analyze.storylines import Storyline
from tiewatch.brief.condense import condense_sentence, split_heading

_VERBISH = re.compile(r"(ed|ing|ly)$")
_QUANTITY_WORDS = frozenset(
    [
        "billion",
        "million",
        "thousand",
        "hundred",
        "percent",
        "cubic",
        "meters",
        "metres",
        "barrels",
        "tons",
        "tonnes",
    ]
)


def lead_phrase(rows: Sequence[SentenceRow], storyline: Storyline | None) -> tuple[str, int]:
    """A bold lead phrase and the position of the row it comes from (-1: from all of them).

    The first row's own run-in heading wins (the document's author named the topic); else
    the names of the acting persons and bodies and the storyline's key phrases, as the
    sentences write them; else the opening words of the first sentence.
    """
    heading, _ = split_heading(rows[0].text)
    if heading:
        return heading, 0
    text = " ".join(row.text for row in rows)
    names = acting_names(rows)
    terms = [t for t in (key_phrase(term, text) for term in _terms(storyline)) if t]
    terms = [t for t in terms if not any(t.lower() in name.lower() for name in names)]
    phrase = " and ".join(names[:2])
    if terms:
        phrase = f"{phrase}: {', '.join(terms[:2])}" if phrase else ", ".join(terms[:2])
    if not phrase:
        phrase = " ".join(condense_sentence(rows[0].text).split()[:6]).rstrip(",;:") + "…"
    return phrase[:1].upper() + phrase[1:], -1


def _terms(storyline: Storyline | None) -> tuple[str, ...]:
    return storyline.terms if storyline else ()


def acting_names(rows: Sequence[SentenceRow]) -> list[str]:
    """Persons and bodies named by the rows' events, where the text writes them so."""
    names: list[str] = []
    for row in rows:
        for event in row.events:
            for name in (event.source_name, event.target_name):
                if name and name not in names and names_in(name, row.text):
                    names.append(name)
    return names


def key_phrase(term: str, text: str) -> str | None:
    """``term`` as written in ``text`` when it reads as a topic: a two-word phrase without a
    verb-like word, or a capitalised name."""
    found = re.search(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", text, re.I)
    if not found:
        return None
    written = found.group(0)
    words = written.split()
    if any(w.lower() in _QUANTITY_WORDS or any(c.isdigit() for c in w) for w in words):
        return None  # a figure is not a topic
    if len(words) == 1:
        return written if written[:1].isupper() else None
    return None if any(_VERBISH.search(w.lower()) for w in words) else written


def names_in(name: str, text: str) -> bool:
    """``name`` appears in ``text`` as whole words."""
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text) is not None
