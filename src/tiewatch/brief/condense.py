"""Extractive condensing: trim a source sentence without adding a fact.

Only removals: a document's own run-in heading ("Economic Cooperation: ..."), a leading
discourse marker ("Moreover, "), a trailing ", which ..." clause of a long sentence. The one
addition is a credit to the cited document's outlet ("according to Reuters"), made only when
the sentence does not attribute itself.
"""

from __future__ import annotations

import re

from tiewatch.brief.names import proper_words

# A run-in heading: a short phrase ending in a colon, then a capitalised sentence.
_HEADING = re.compile(r"^(?P<head>[A-Z\u201c\"][^:.!?]{1,120}?):\s+(?=[A-Z\u201c\"])")
_SPEECH_END = re.compile(r"\b(said|says|stated|states|added|wrote|told|asked|noted|declared)$")
_MARKERS = (
    "moreover", "in fact", "finally", "meanwhile", "indeed", "additionally", "in addition",
    "furthermore", "notably", "ultimately", "coincidentally", "in practice", "however",
    "at the same time", "for example", "for instance", "still", "also", "then", "now",
)  # fmt: skip
_MARKER = re.compile(r"^(?:" + "|".join(re.escape(m) for m in _MARKERS) + r"),\s+", re.I)
_WHICH_TAIL = re.compile(r",\s+which\s+[^,;]+[.]$")
_ATTRIBUTION = re.compile(
    r"\b(according to|reported|reports|said|says|told|wrote|stated|announced|quoted|"
    r"disclosed|shared that|released)\b",
    re.I,
)
_LOWER_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "after",
        "before",
        "during",
        "with",
        "for",
        "by",
        "from",
        "as",
        "it",
        "this",
        "that",
        "these",
        "those",
        "they",
        "he",
        "she",
        "we",
        "its",
        "their",
        "his",
        "her",
        "both",
        "two",
        "some",
        "several",
        "many",
        "while",
        "when",
        "although",
        "despite",
        "following",
        "much",
        "most",
        "more",
        "many",
        "one",
        "each",
        "all",
        "over",
        "under",
        "since",
        "until",
    ]
)
MAX_HEADING_WORDS = 20
LONG_SENTENCE_WORDS = 45


def split_heading(text: str) -> tuple[str | None, str]:
    """``("Economic Cooperation", "On February 13, ...")`` or ``(None, text)``."""
    found = _HEADING.match(text)
    if not found:
        return None, text
    head = found.group("head").strip()
    if len(head.split()) > MAX_HEADING_WORDS or _SPEECH_END.search(head):
        return None, text
    if head.count("\u201c") != head.count("\u201d") or head.count('"') % 2:
        return None, text
    return head, text[found.end() :]


def condense_sentence(text: str) -> str:
    """The sentence without its run-in heading, leading marker or a long trailing aside."""
    _, body = split_heading(text.strip())
    body = _MARKER.sub("", body, count=1)
    if len(body.split()) > LONG_SENTENCE_WORDS:
        body = _WHICH_TAIL.sub(".", body)
    return _capitalise(body)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def attributes_itself(text: str, reported_by: str | None = None) -> bool:
    if reported_by and reported_by.lower() in text.lower():
        return True
    return bool(_ATTRIBUTION.search(text))


def credit_outlet(text: str, outlet: str) -> str:
    """``According to {outlet}, {text}``, lowering the first word when it is a common opener."""
    first, _, rest = text.partition(" ")
    bare = first.lower().strip(",")
    participle = first[:1].isupper() and bare.endswith(("ing", "ly"))  # "Speaking in Oslo"
    if bare in _LOWER_OPENERS or (participle and first.strip(",") not in proper_words()):
        text = first.lower() + (" " + rest if rest else "")
    return f"According to {outlet}, {text}"
