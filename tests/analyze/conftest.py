"""Fixtures for the analyze tests; the hand-made corpus is shared with the brief tests in
``tests/brief_corpus.py``."""

from __future__ import annotations

import pytest

from brief_corpus import (
    DOC_APRIL,
    DOC_MARCH,
    META,
    TEXTS,
    event,
    make_annotations,
    make_documents,
    make_events,
    make_quantities,
    make_quotes,
    make_sentences,
)

__all__ = [
    "DOC_APRIL",
    "DOC_MARCH",
    "META",
    "TEXTS",
    "corpus",
    "event",
    "make_annotations",
    "make_documents",
    "make_events",
    "make_quantities",
    "make_quotes",
    "make_sentences",
]


@pytest.fixture
def corpus() -> dict[str, list]:  # type: ignore[type-arg]
    return {
        "documents": make_documents(),
        "sentences": make_sentences(),
        "events": make_events(),
        "quotes": make_quotes(),
        "quantities": make_quantities(),
    }
