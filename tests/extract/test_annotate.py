"""extract/annotate.py: one Annotation per document, every offset pointing into its text."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from tiewatch.errors import ExtractionError
from tiewatch.extract import EXTRACTOR_VERSION
from tiewatch.models import Document, content_hash
from tiewatch.settings import Settings

pytest.importorskip("tiewatch.extract.dates")
pytest.importorskip("tiewatch.extract.quotes")
pytest.importorskip("tiewatch.extract.quantities")

from tiewatch.extract import annotate as annotate_module
from tiewatch.extract.annotate import annotate_document, annotate_documents

# One line per paragraph: a single newline also ends a paragraph.
TEXT = (
    "Andean Watch: June 2024\n\n"
    "On June 3, Chilean President Gabriel Boric met Peruvian President Dina Boluarte in Lima. "
    "The two leaders agreed to reopen three border crossings by 2025. Reuters reported that "
    "Chile offered 40 million dollars in flood aid to Peru.\n\n"
    "Boluarte said, “We thank Chile for its solidarity.” "
    "She also urged Bolivia to join the talks.\n"
)


def _document(text: str = TEXT, **fields: object) -> Document:
    return Document(id=content_hash(text), text=text, published=date(2024, 6, 30), **fields)  # type: ignore[arg-type]


@pytest.mark.model
def test_offsets_point_back_into_the_text(nlp: Language) -> None:
    document = _document()
    annotation = annotate_document(nlp, document, settings=Settings())
    assert annotation.extractor_version == EXTRACTOR_VERSION
    assert [s.index for s in annotation.sentences] == list(range(len(annotation.sentences)))
    for sentence in annotation.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
    assert annotation.events
    for event in annotation.events:
        assert document.text[event.start : event.end] == event.trigger
        sentence = annotation.sentences[event.sentence_index]
        assert event.sentence == sentence.text
        assert sentence.start <= event.start < sentence.end
        assert event.extractor_version == EXTRACTOR_VERSION
        assert event.contexts
    for quote in annotation.quotes:
        assert document.text[quote.start : quote.end] == quote.text
    for quantity in annotation.quantities:
        assert document.text[quantity.start : quantity.end] == quantity.text


@pytest.mark.model
def test_events_dates_and_credits(nlp: Language) -> None:
    annotation = annotate_document(nlp, _document(), settings=Settings())
    coded = {(e.type, e.source, e.target): e for e in annotation.events}
    meeting = coded[("CONSULT", "CHL", "PER")]
    assert meeting.date == "2024-06-03"
    assert meeting.source_name == "Gabriel Boric"
    offer = next(e for e in annotation.events if e.trigger == "offered")
    assert (offer.type, offer.source, offer.target) == ("AGREE", "CHL", "PER")
    assert (offer.status, offer.reported_by) == ("occurred", "Reuters")
    assert ("REQUEST", "PER", "BOL") in coded


@pytest.mark.model
def test_quote_speakers_are_resolved(nlp: Language) -> None:
    annotation = annotate_document(nlp, _document(), settings=Settings())
    quotes = [q for q in annotation.quotes if "solidarity" in q.text]
    assert quotes
    assert quotes[0].speaker_actor == "PER"


@pytest.mark.model
def test_batches_match_single_documents(nlp: Language) -> None:
    documents = [_document(), _document("Chile expelled two Peruvian diplomats."), _document("x")]
    batched = list(annotate_documents(nlp, documents, settings=Settings()))
    single = [annotate_document(nlp, d, settings=Settings()) for d in documents]
    assert [a.document.id for a in batched] == [d.id for d in documents]
    assert [a.events for a in batched] == [a.events for a in single]


@pytest.mark.model
def test_failures_name_the_document(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(annotate_module, "extract_events", broken)
    document = _document(source="andean.txt")
    with pytest.raises(ExtractionError, match=r"andean\.txt.*boom"):
        annotate_document(nlp, document, settings=Settings())
