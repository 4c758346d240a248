"""Shared fixtures: hand-built spaCy Docs, the real model, and stores."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline (model + tiewatch components), loaded once per session."""
    from tiewatch.nlp.pipeline import build_nlp
    from tiewatch.settings import Settings

    return build_nlp(Settings())


@pytest.fixture
def make_doc(blank_nlp: Language) -> Callable[..., Doc]:
    """Build a Doc by hand: words, optional heads (absolute indices), deps, tags, ents.

    ``ents`` is a list of (start_token, end_token, label).
    """

    def build(
        words: Sequence[str],
        *,
        spaces: Sequence[bool] | None = None,
        heads: Sequence[int] | None = None,
        deps: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        pos: Sequence[str] | None = None,
        lemmas: Sequence[str] | None = None,
        ents: Sequence[tuple[int, int, str]] = (),
        sent_starts: Sequence[bool] | None = None,
    ) -> Doc:
        kwargs: dict[str, Any] = {"words": list(words)}
        for name, value in (
            ("spaces", spaces),
            ("heads", heads),
            ("deps", deps),
            ("tags", tags),
            ("pos", pos),
            ("lemmas", lemmas),
            ("sent_starts", sent_starts),
        ):
            if value is not None:
                kwargs[name] = list(value)
        doc = Doc(blank_nlp.vocab, **kwargs)
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
        return doc

    return build
