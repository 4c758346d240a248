"""doc_text: the Doc's text, joined once (#6)."""

from __future__ import annotations

import pytest
import spacy

from tiewatch.nlp.doc_cache import doc_text


@pytest.mark.parametrize(
    "text",
    ["Kyiv said on Monday it would talk.", "  two  spaces\nand a line ", "", "“Quoted,” he said."],
)
def test_doc_text_is_the_doc_text(text: str) -> None:
    doc = spacy.blank("en")(text)
    assert doc_text(doc) == doc.text == text


def test_doc_text_is_joined_once() -> None:
    doc = spacy.blank("en")("Beijing and Moscow signed a statement.")
    assert doc_text(doc) is doc_text(doc)
