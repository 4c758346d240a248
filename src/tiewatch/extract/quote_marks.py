"""Pair quotation marks across a document's paragraphs (text only, no parse).

Double marks only: straight ``"``, curly ``“ ”``, low ``„`` and guillemets ``« »``. Single
marks are apostrophes far more often than quotes, so they stay inside the text (nested
‘dual containment’). A quote may run over paragraphs (DECISIONS F13): either the later
paragraphs re-open with a mark (the usual style) or the closing mark simply comes later.
Unbalanced marks are skipped, never fatal.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

_OPENERS = frozenset("“„«")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'
_OPEN_CONTEXT = frozenset(" \t\n([{—–-/:")  # before an opening straight mark
_CLOSE_CONTEXT = frozenset(" \t\n)]}.,;:!?—–-")  # after a closing straight mark

# A stray opening mark must not swallow the rest of a long document.
MAX_PARAGRAPHS = 10
MAX_CHARS = 6000


@dataclass(frozen=True)
class Mark:
    paragraph: int  # index into the paragraphs
    pos: int  # character offset in that paragraph's text
    opening: bool


@dataclass(frozen=True)
class QuotedSpan:
    """The marks around one quote; ``reopenings`` are continuation marks that open later
    paragraphs of a multi-paragraph quote (not part of the quoted words)."""

    opening: Mark
    closing: Mark
    reopenings: tuple[Mark, ...] = ()


def find_marks(texts: Sequence[str]) -> list[Mark]:
    """Every double quotation mark, in document order, with a guess at its direction."""
    marks: list[Mark] = []
    for index, text in enumerate(texts):
        for pos, char in enumerate(text):
            if char in _OPENERS:
                marks.append(Mark(index, pos, True))
            elif char in _CLOSERS:
                marks.append(Mark(index, pos, False))
            elif char == _STRAIGHT:
                marks.append(Mark(index, pos, _straight_opens(text, pos)))
    return marks


def _straight_opens(text: str, pos: int) -> bool:
    """A straight mark opens after a space or bracket and before a word."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if before in _OPEN_CONTEXT and after not in _CLOSE_CONTEXT:
        return True
    if after in _CLOSE_CONTEXT and before not in _OPEN_CONTEXT:
        return False
    return before in _OPEN_CONTEXT


def pair_marks(texts: Sequence[str]) -> list[QuotedSpan]:
    """Pair opening and closing marks; a re-opening mark at the start of a later paragraph
    continues the open quote, any other second opening mark drops the first as unbalanced."""
    spans: list[QuotedSpan] = []
    current: Mark | None = None
    reopenings: list[Mark] = []
    for mark in find_marks(texts):
        if current is not None and _too_far(texts, current, mark):
            current, reopenings = None, []
        if mark.opening:
            if current is not None and _reopens(texts, current, mark):
                reopenings.append(mark)
                continue
            if current is not None:
                logger.debug("unbalanced opening mark at %d:%d", current.paragraph, current.pos)
            current, reopenings = mark, []
        elif current is not None:
            spans.append(QuotedSpan(current, mark, tuple(reopenings)))
            current, reopenings = None, []
    return spans


def _reopens(texts: Sequence[str], current: Mark, mark: Mark) -> bool:
    """A mark opening a later paragraph while a quote is open continues that quote."""
    return mark.paragraph > current.paragraph and not texts[mark.paragraph][: mark.pos].strip()


def _too_far(texts: Sequence[str], current: Mark, mark: Mark) -> bool:
    if mark.paragraph - current.paragraph > MAX_PARAGRAPHS:
        return True
    size = len(texts[current.paragraph]) - current.pos + mark.pos
    size += sum(len(texts[i]) for i in range(current.paragraph + 1, mark.paragraph))
    return size > MAX_CHARS
