"""The store behind the web tests: the hand-made brief corpus plus one hostile document.

A module at the top of tests/ (like ``brief_corpus``) so the API, view and page tests share
one copy. Built without the language model, from hand-made Annotations; the text is
invented for the tests.
"""

from __future__ import annotations

import warnings
from datetime import date

from starlette.exceptions import StarletteDeprecationWarning

from brief_corpus import make_annotations
from tiewatch.models import Annotation, Document, Event, Quantity, Quote, Sentence
from tiewatch.store import Store

# Starlette 1.x warns that its TestClient should run on the `httpx2` fork; the `httpx` we
# install works the same for in-process requests, and warnings are errors in the suite.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

__all__ = ["HOSTILE_ID", "IMG", "SCRIPT", "TestClient", "fill_store", "hostile_annotation"]

HOSTILE_ID = "d-hostile"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE_TITLE = f"Hostile {SCRIPT} title {IMG}"
HOSTILE_SENTENCES = (
    f"China and Russia agreed {SCRIPT} to hold talks in Minsk on April 20.",
    f"Russia shipped 7 bcm {IMG} of gas to China, the ministry said.",
    f"“We reject {SCRIPT} every claim,” Wang Yi said.",
)


def hostile_annotation() -> Annotation:
    """A document whose title, text, sentences, events, quotes and figures carry markup."""
    text = "\n".join(HOSTILE_SENTENCES)
    document = Document(
        id=HOSTILE_ID,
        text=text,
        title=HOSTILE_TITLE,
        outlet=f"Outlet {IMG}",
        url="javascript:alert(1)",
        published=date(2025, 4, 21),
    )
    sentences, offset = [], 0
    for index, sentence in enumerate(HOSTILE_SENTENCES):
        sentences.append(Sentence(HOSTILE_ID, index, offset, offset + len(sentence), sentence))
        offset += len(sentence) + 1
    first = HOSTILE_SENTENCES[0]
    event = Event(
        type="AGREE",
        source="CHN",
        target="RUS",
        document_id=HOSTILE_ID,
        sentence_index=0,
        start=first.index("agreed"),
        end=first.index("agreed") + len("agreed"),
        sentence=first,
        source_name=f"Name {SCRIPT}",
        date="2025-04-20",
        date_precision="day",
        reported_by=f"Agency {IMG}",
        contexts=("diplomatic",),
        trigger="agreed",
        confidence=0.7,
    )
    quote_start = sentences[2].start + 1
    quote = Quote(
        f"We reject {SCRIPT} every claim,",
        HOSTILE_ID,
        quote_start,
        quote_start + len(f"We reject {SCRIPT} every claim,"),
        2,
        speaker=f"Wang Yi {IMG}",
        speaker_actor="CHN",
        date="2025-04-21",
    )
    figure_start = sentences[1].start + HOSTILE_SENTENCES[1].index("7 bcm")
    quantity = Quantity(
        "7 bcm", 7.0, "bcm/yr", HOSTILE_ID, figure_start, figure_start + 5, 1, measure="gas"
    )
    return Annotation(
        document=document,
        sentences=tuple(sentences),
        events=(event,),
        quotes=(quote,),
        quantities=(quantity,),
        extractor_version="test",
    )


def web_annotations() -> list[Annotation]:
    return [*make_annotations(), hostile_annotation()]


def fill_store(store: Store) -> Store:
    """Store the web corpus (documents and annotations) in ``store``; returns it."""
    for annotation in web_annotations():
        store.add_document(annotation.document)
        store.save_annotation(annotation)
    return store
