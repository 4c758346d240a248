"""Run-in headlines: "China and Russia sign a deal: On May 8, ..." at a paragraph's start.

Trackers open paragraphs with a short headline ended by a colon; the parser glues it to the
first sentence. Quotes inside it are slogans unless it has its own speech verb, and an act it
names is the act the body reports.
"""

from __future__ import annotations

import re

_HEADLINE = re.compile(r"^(?P<head>.{3,200}?):\s")
_SENTENCE_END = re.compile(r"[.!?][”\"]?\s")
MAX_WORDS = 25


def headline_end(text: str) -> int | None:
    """The offset of the colon ending a paragraph-initial headline, or None."""
    match = _HEADLINE.match(text)
    if match is None:
        return None
    head = match.group("head")
    if _SENTENCE_END.search(head) or len(head.split()) > MAX_WORDS:
        return None
    return match.end("head")
