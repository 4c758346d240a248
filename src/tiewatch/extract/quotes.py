"""Quotes: quotation-marked words someone said or wrote, with the span naming the speaker.

A quoted span is a quote when an attribution context supports it (a speech verb or noun in
its sentence, a colon before it, or a speech verb next to a quote that stands as its own
sentence) and it is not a label (DECISIONS "Not quotes", F14): "so-called", "the phrase",
a quoted modifier ("“no limits” partnership"), a parenthesised defined term, a Title Case
name, a headline slogan, an idiom flagged "as they say", hypothetical speech, or a short
noun phrase after a determiner that no speech verb governs ("the “peace formula”").

Docs: shared/gold/GUIDE.md (Quotes), shared/gold/DECISIONS.md (Quotes, F13, F14).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from tiewatch.extract.headlines import headline_end
from tiewatch.extract.quote_marks import QuotedSpan, pair_marks
from tiewatch.extract.quote_speakers import (
    attribution_cues,
    governing_cue,
    is_pronoun,
    is_speech_noun,
    is_speech_verb,
    load_attribution_lexicon,
    nearest_cue,
    nearest_person,
    noun_author,
    resolve_pronoun,
    sentence_subject,
    speaker_span,
    speaker_token,
)
from tiewatch.nlp.doc_cache import doc_text

logger = logging.getLogger(__name__)

_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "this",
        "these",
        "that",
        "those",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_HISTORY = 3  # sentences searched back for a pronoun's antecedent


@dataclass(frozen=True)
class QuoteMention:
    """A quote; ``start``/``end`` and ``sentence_offset`` are offsets into the document.

    ``text`` is the quoted words without the marks (a trailing comma dropped, a final period
    kept); ``speaker`` is the span naming who said it, or None.
    """

    start: int
    end: int
    text: str
    sentence_offset: int
    speaker: Span | None


@dataclass(frozen=True)
class _Quote:
    """One quoted span located in the parse."""

    doc: Doc  # the paragraph of the opening mark
    sent: Span  # the sentence holding the opening mark
    open_pos: int  # mark positions in ``doc.text``; close_pos is len(text) if it closes later
    close_pos: int
    words: str
    multi_paragraph: bool

    @property
    def quoted(self) -> list[Token]:
        return [t for t in self.doc if self.open_pos < t.idx < self.close_pos and not t.is_space]


def extract_quote_mentions(
    paragraphs: Sequence[tuple[int, Doc]], *, document_text: str | None = None
) -> list[QuoteMention]:
    """Every quote in the document, in order; a text quoted twice is kept once.

    ``paragraphs`` are (offset into the document, parsed paragraph). ``document_text`` lets
    a quote over several paragraphs keep the document's own breaks; without it they are "\\n".

    Docs: docs/architecture.md ("extract/quotes.py").
    """
    sentences = [sent for _, doc in paragraphs for sent in sentences_of(doc)]
    mentions: list[QuoteMention] = []
    seen: set[str] = set()
    for quoted in pair_marks([doc_text(doc) for _, doc in paragraphs]):
        mention = _read_quote(quoted, paragraphs, sentences, document_text)
        if mention is None:
            continue
        key = " ".join(mention.text.lower().split()).strip(" .,")
        if key not in seen:
            seen.add(key)
            mentions.append(mention)
    return mentions


def _read_quote(
    quoted: QuotedSpan,
    paragraphs: Sequence[tuple[int, Doc]],
    sentences: Sequence[Span],
    document_text: str | None,
) -> QuoteMention | None:
    located = _locate(quoted, paragraphs, document_text)
    if located is None:
        return None
    start, end, words = located
    offset, doc = paragraphs[quoted.opening.paragraph]
    multi = quoted.closing.paragraph != quoted.opening.paragraph
    close_pos = quoted.closing.pos if not multi else len(doc_text(doc))
    sent = _sentence_at(doc, quoted.opening.pos)
    quote = _Quote(doc, sent, quoted.opening.pos, close_pos, words, multi)
    if not multi and _is_label(quote):
        return None
    found, speaker = _find_speaker(quote, sentences)
    if not found and not multi:
        return None
    return QuoteMention(start, end, words, offset + quote.sent.start_char, speaker)


def _locate(
    quoted: QuotedSpan, paragraphs: Sequence[tuple[int, Doc]], document_text: str | None
) -> tuple[int, int, str] | None:
    """Document offsets and text of the words between the marks, trimmed."""
    first, last = quoted.opening, quoted.closing
    start = paragraphs[first.paragraph][0] + first.pos + 1
    end = paragraphs[last.paragraph][0] + last.pos
    drop = {paragraphs[m.paragraph][0] + m.pos for m in quoted.reopenings}
    if first.paragraph == last.paragraph:
        raw = doc_text(paragraphs[first.paragraph][1])[first.pos + 1 : last.pos]
    elif document_text is not None:
        raw = document_text[start:end]
    else:
        raw = _join_paragraphs(quoted, paragraphs)
    chars = [c for i, c in enumerate(raw, start) if i not in drop] if drop else list(raw)
    text = "".join(chars)
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if text.endswith(","):
        text = text[:-1].rstrip()
    if not any(c.isalpha() for c in text):  # "34%" in an amendment is not speech
        return None
    start += lead
    return start, start + len(text) + _dropped_between(drop, start, end), text


def _dropped_between(drop: set[int], start: int, end: int) -> int:
    return sum(1 for pos in drop if start <= pos < end)


def _join_paragraphs(quoted: QuotedSpan, paragraphs: Sequence[tuple[int, Doc]]) -> str:
    """The quote's text over paragraphs with "\\n" for each gap between them."""
    first, last = quoted.opening, quoted.closing
    pieces = [doc_text(paragraphs[first.paragraph][1])[first.pos + 1 :]]
    for index in range(first.paragraph + 1, last.paragraph + 1):
        offset, doc = paragraphs[index]
        previous_end = paragraphs[index - 1][0] + len(doc_text(paragraphs[index - 1][1]))
        gap = max(offset - previous_end, 1)
        text = doc_text(doc) if index < last.paragraph else doc_text(doc)[: last.pos]
        pieces.append("\n" * gap + text)
    return "".join(pieces)


def sentences_of(doc: Doc) -> list[Span]:
    """The Doc's sentences, or the whole Doc as one when nothing set boundaries."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return list(doc.sents)
    return [doc[:]]


def _sentence_at(doc: Doc, pos: int) -> Span:
    """The sentence holding character ``pos``; a mark left dangling at a sentence end
    belongs to the next sentence."""
    sents = sentences_of(doc)
    for index, sent in enumerate(sents):
        if sent.start_char <= pos < sent.end_char:
            if sent.end_char - pos <= 1 and index + 1 < len(sents):
                return sents[index + 1]
            return sent
    return sents[-1]


def _is_label(quote: _Quote) -> bool:
    """Labels, titles, defined terms and idioms in quotation marks (DECISIONS F14)."""
    text = doc_text(quote.doc)
    before = text[max(0, quote.open_pos - 40) : quote.open_pos].lower()
    after = text[quote.close_pos + 1 : quote.close_pos + 40].lower()
    lex = load_attribution_lexicon()
    if _label_word_before(before) or _labelling_participle(quote):
        return True
    if before.endswith("(") and after.startswith(")"):
        return True
    lead_in = before.rstrip(" ,:")
    if any(after.lstrip(" ,").startswith(m) or lead_in.endswith(m) for m in lex.idiom_markers):
        return True
    return _is_title(quote.words) or _is_modifier(quote)


def _label_word_before(before: str) -> bool:
    words = re.findall(r"[\w-]+", before)
    while words and words[-1] in _DETERMINERS:
        words.pop()
    return bool(words) and words[-1] in load_attribution_lexicon().label_words


def _labelling_participle(quote: _Quote) -> bool:
    """ "a group called “Friends”": a participle after a noun, not "X called it “...”"."""
    previous = [t for t in quote.sent if t.idx < quote.open_pos and not t.is_punct]
    if not previous:
        return False
    last = previous[-1]
    if last.lower_ == "as" and len(previous) > 1:
        last = previous[-2]
    words = load_attribution_lexicon().label_participles
    return last.lower_ in words and (last.dep_ == "acl" or last.tag_ == "VBN")


def _is_title(words: str) -> bool:
    """A name or title in Title Case with no sentence punctuation ("Friends for Peace",
    "Scientists Debunk Lab Accident Theory")."""
    if words[-1:] in ".!?,;:" or re.search(r"[.!?]\s", words):
        return False
    found = _WORD.findall(words)
    function_words = load_attribution_lexicon().title_function_words
    content = [w for w in found if w.lower() not in function_words]
    return bool(content) and all(w[0].isupper() for w in content)


def _is_modifier(quote: _Quote) -> bool:
    """ "the “no limits” partnership": the quoted words modify the noun after them."""
    if len(_WORD.findall(quote.words)) > 4 or quote.words[-1:] in ".!?":
        return False
    following = [t for t in quote.doc if t.idx > quote.close_pos and not t.is_space]
    return (
        bool(following)
        and following[0].pos_ in ("NOUN", "PROPN")
        and following[0].idx < quote.sent.end_char
    )


def _find_speaker(quote: _Quote, sentences: Sequence[Span]) -> tuple[bool, Span | None]:
    """Whether the quote is attributed, and the span naming its speaker."""
    quoted = quote.quoted
    headline = headline_end(doc_text(quote.doc))
    in_headline = headline is not None and quote.close_pos < headline
    outside = [t for t in _context_tokens(quote) if _outside(quote, t)]
    if headline is not None:
        outside = [t for t in outside if (t.idx < headline) == in_headline]
    cues = attribution_cues(outside)
    governing = governing_cue(quoted, cues)
    if _needs_governing_cue(quote, quoted) and governing is None:
        return False, None
    cue = governing or nearest_cue(quoted, cues)
    if cue is not None:
        found, speaker = _speaker_of(cue, sentences, quote)
        if found and speaker is None and is_speech_verb(cue):
            speaker = nearest_person(cue, outside)
        return found, speaker
    if in_headline:
        return False, None
    if _after_colon(quote):
        return True, _colon_speaker(quote, sentences)
    return _standalone_speaker(quote, sentences)


def _context_tokens(quote: _Quote) -> list[Token]:
    """Tokens of the sentences the quote touches in its opening paragraph."""
    return [
        t
        for sent in sentences_of(quote.doc)
        if sent.end_char > quote.sent.start_char and sent.start_char <= quote.close_pos
        for t in sent
    ]


def _outside(quote: _Quote, token: Token) -> bool:
    return not quote.open_pos <= token.idx <= quote.close_pos and not token.is_punct


def _needs_governing_cue(quote: _Quote, quoted: Sequence[Token]) -> bool:
    """ "the “recent consensus”": a short noun phrase after a determiner is a label unless a
    speech verb or noun governs it."""
    if len(_WORD.findall(quote.words)) > 3 or quote.words[-1:] in ".!?":
        return False
    previous = [t for t in quote.sent if t.idx < quote.open_pos and not t.is_punct]
    if previous and previous[-1].lower_ in _DETERMINERS:
        return True
    return bool(quoted) and quoted[0].lower_ in _DETERMINERS


def _speaker_of(cue: Token, sentences: Sequence[Span], quote: _Quote) -> tuple[bool, Span | None]:
    token = speaker_token(cue)
    if token is not None and is_speech_noun(token):
        token = noun_author(token) or token  # "The statement given by both leaders said"
    if token is None:
        return True, None
    if token.lower_ in load_attribution_lexicon().hypothetical_subjects:
        return False, None  # "you might ask, “Why now?”" (F14)
    return True, _name_speaker(token, sentences, quote.sent)


def _name_speaker(token: Token, sentences: Sequence[Span], sent: Span) -> Span:
    if not is_pronoun(token):
        return speaker_span(token)
    index = _sentence_index(sentences, sent)
    history = sentences[max(0, index - _HISTORY) : index] if index >= 0 else []
    resolved = resolve_pronoun(token, history)
    return resolved if resolved is not None else token.doc[token.i : token.i + 1]


def _sentence_index(sentences: Sequence[Span], sent: Span) -> int:
    for index, candidate in enumerate(sentences):
        if candidate.doc is sent.doc and candidate.start == sent.start:
            return index
    return -1


def _after_colon(quote: _Quote) -> bool:
    return doc_text(quote.doc)[: quote.open_pos].rstrip().endswith(":")


def _colon_speaker(quote: _Quote, sentences: Sequence[Span]) -> Span | None:
    """ "X stated the ties had “value”: “...”": the subject of the clause before the colon."""
    before = [t for t in quote.sent if t.idx < quote.open_pos and not t.is_punct]
    verbs = [t for t in before if t.pos_ in ("VERB", "AUX")]
    for verb in reversed(verbs):
        token = speaker_token(verb) if is_speech_verb(verb) else None
        if token is None:
            token = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if token is not None:
            return _name_speaker(token, sentences, quote.sent)
    return _label_speaker(before) if not verbs else None


def _label_speaker(before: Sequence[Token]) -> Span | None:
    """ "Secretary of State Marco Rubio: “...”": the name before the colon."""
    for label in ("PERSON", "ORG", "GPE", "NORP"):
        named = [t for t in before if t.ent_type_ == label]
        if named:
            return speaker_span(named[-1])
    ids = {t.i for t in before}
    roots = [t for t in before if t.head.i not in ids or t.head.i == t.i]
    nouns = [t for t in roots if t.pos_ in ("NOUN", "PROPN")]
    return speaker_span(nouns[-1]) if nouns else None


def _standalone_speaker(quote: _Quote, sentences: Sequence[Span]) -> tuple[bool, Span | None]:
    """A quote that is its own sentence takes the speaker of the sentence before (or after)."""
    starts_sentence = not [t for t in quote.sent if t.idx < quote.open_pos and not t.is_punct]
    whole_sentence = quote.words[:1].isupper() and quote.words[-1:] in ".!?"
    if not starts_sentence or not (whole_sentence or len(_WORD.findall(quote.words)) >= 4):
        return False, None
    index = _sentence_index(sentences, quote.sent)
    for neighbour in (index - 1, index + 1):
        if not 0 <= neighbour < len(sentences):
            continue
        sent = sentences[neighbour]
        cues = [t for t in attribution_cues(list(sent)) if is_speech_verb(t)]
        if cues:
            return _speaker_of(cues[0], sentences, quote)
    previous = sentences[index - 1] if index > 0 else None
    subject = sentence_subject(previous) if previous is not None else None
    if subject is None:
        return False, None
    return True, _name_speaker(subject, sentences, quote.sent)
