"""Fixtures for the brief tests (the corpus itself is in ``tests/brief_corpus.py``).

Tests import the corpus from ``brief_corpus``, never ``from conftest import``: which
conftest that name finds depends on the folders a session collects.
"""

from __future__ import annotations

import pytest

from brief_corpus import (
    DOC_APRIL,
    DOC_MARCH,
    META,
    TEXTS,
    assert_sound,
    event,
    make_annotations,
    make_brief,
    make_documents,
    make_events,
    make_quantities,
    make_quotes,
    make_sentences,
)
from tiewatch.brief.model import Brief
from tiewatch.models import Annotation

__all__ = [
    "DOC_APRIL",
    "DOC_MARCH",
    "META",
    "TEXTS",
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


@pytest.fixture
def annotations() -> list[Annotation]:
    return make_annotations()


@pytest.fixture
def april_brief() -> Brief:
    brief = make_brief("2025-04")
    assert_sound(brief)
    return brief
