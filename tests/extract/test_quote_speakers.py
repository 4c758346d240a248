"""Speakers of quotes on hand-built parses, so that a model update cannot hide a case."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from tiewatch.extract.quote_speakers import speaker_span, speaker_token

# “We will stay,”* said Minister Jane Doe.  (a footnote mark after the closing quote that
# the parser took for the subject of "said"; it crashed the whole document, wh-001902)
WORDS = ["“", "We", "will", "stay", ",", "”", "*", "said", "Minister", "Jane", "Doe", "."]
HEADS = [3, 3, 3, 7, 7, 7, 7, 7, 10, 10, 7, 7]
DEPS = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "nsubj", "ROOT"]
DEPS += ["compound", "compound", "nsubj", "punct"]
POS = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "NOUN", "VERB"]
POS += ["PROPN", "PROPN", "PROPN", "PUNCT"]


def _parsed() -> Doc:
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=WORDS, heads=HEADS, deps=DEPS, pos=POS)
    doc.ents = [Span(doc, 9, 11, label="PERSON")]
    return doc


def test_a_footnote_mark_is_not_the_speaker() -> None:
    doc = _parsed()
    subject = speaker_token(doc[7])
    assert subject is not None and subject.text == "Doe"
    assert speaker_span(subject).text == "Jane Doe"


def test_a_lone_mark_as_speaker_does_not_crash() -> None:
    doc = _parsed()
    assert speaker_span(doc[6]).text == "*"
