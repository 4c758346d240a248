"""The layout of statements and transcripts: a title line, reporters' questions.

- A press-briefing question ("Q Is the United States going to ...?", "Reuters: The United
  States announced ... What is China's response?") is not coded, premises included
  (shared/gold/DECISIONS.md F12); what it reports is still remembered, so that a denial in
  the answer knows its accuser.
- A title line ("Wang Yi Holds Talks with ...") names the act the body reports: its events
  are kept only when the body codes no act of the same type between the same parties (F5,
  the central interaction on its first mention when no clause asserts it).

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

from tiewatch.extract.attribution import is_outlet
from tiewatch.extract.dictionary import ActorDictionary
from tiewatch.models import SYMMETRIC_TYPES, Event

logger = logging.getLogger(__name__)

_QUESTION_MARK = re.compile(r"^(?:Q|QUESTION|REPORTER|JOURNALIST)\b\s*[:.]?\s", re.IGNORECASE)
_SPEAKER_LABEL = re.compile(r"^(?P<label>[A-Z][\w.&'’ -]{0,40}?)\s*:\s")
_TITLE_MAX_WORDS = 30
_GENERIC_ASKERS = frozenset({"reporter", "journalist", "correspondent", "question"})


def is_question(text: str, dictionary: ActorDictionary) -> bool:
    """A reporter's question: "Q ..." or a paragraph labelled with a news outlet ("AFP: ...?")."""
    if _QUESTION_MARK.match(text) and not text.startswith("Q&A"):
        return True
    match = _SPEAKER_LABEL.match(text)
    if match is None or "?" not in text:
        return False
    label = match.group("label").strip()
    return label.lower() in _GENERIC_ASKERS or is_outlet(label, dictionary)


def is_title_line(text: str, *, index: int, count: int) -> bool:
    """The first paragraph of a longer text, one line with no sentence-final stop."""
    stripped = text.strip()
    return (
        index == 0
        and count > 1
        and "\n" not in stripped
        and not stripped.endswith((".", "!", "?", ".”", '."'))
        and len(stripped.split()) <= _TITLE_MAX_WORDS
    )


def title_fallbacks(title_events: Iterable[Event], body_events: Sequence[Event]) -> list[Event]:
    """Title events whose act the body does not code (same type, same parties)."""
    coded = {_key(event) for event in body_events}
    return [event for event in title_events if _key(event) not in coded]


def _key(event: Event) -> tuple[str, ...]:
    pair = [event.source or "", event.target or ""]
    if event.type in SYMMETRIC_TYPES:
        pair.sort()
    return (event.type, *pair)
