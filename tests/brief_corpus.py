"""The hand-made corpus of the analyze and brief tests: documents, sentences, annotations,
and the checks every brief the suite builds must pass.

A module of its own at the top of tests/ (not a conftest), so that both folders import the
one copy with ``from brief_corpus import ...`` in any order.
The sentences are invented for the tests (no third-party text)."""

from __future__ import annotations

from datetime import date

from tiewatch.analyze.watchlist import load_watchlist
from tiewatch.brief.compose import BriefOptions, build_brief
from tiewatch.brief.faithfulness import check_faithfulness, citations_resolve
from tiewatch.brief.model import Brief
from tiewatch.models import Annotation, Document, Event, Quantity, Quote, Sentence

DOC_MARCH = "d-march"
DOC_APRIL = "d-april"

TEXTS = {
    DOC_MARCH: [
        "Energy Ties: On March 3, Chinese and Russian officials agreed to expand gas "
        "deliveries through the Eastern Route pipeline.",
        "Russia shipped 12 bcm of pipeline gas to China in the first quarter, the ministry said.",
        "Kyiv accused Beijing of selling drone engines to Moscow.",
    ],
    DOC_APRIL: [
        "China denied selling drone engines to Russia and called the claims groundless.",
        "Russia shipped 15 bcm of pipeline gas to China by April, officials said.",
        "Wang Yi met Sergey Lavrov in Beijing on April 9 to discuss the Eastern Route pipeline.",
        "“We are partners for the long run,” Wang Yi said after the meeting.",
    ],
}
META = {
    DOC_MARCH: (date(2025, 3, 5), "Harbour Ledger"),
    DOC_APRIL: (date(2025, 4, 10), "Plain Wire"),
}


def event(doc: str, index: int, type_: str, source: str, target: str, **extra: object) -> Event:
    return Event(
        type=type_,
        source=source,
        target=target,
        document_id=doc,
        sentence_index=index,
        start=0,
        end=1,
        sentence=TEXTS[doc][index],
        **extra,  # type: ignore[arg-type]
    )


def make_events() -> list[Event]:
    return [
        event(
            DOC_MARCH, 0, "AGREE", "CHN", "RUS", date="2025-03-03", contexts=("natural_resource",)
        ),
        event(
            DOC_MARCH, 1, "COOPERATE", "RUS", "CHN", date="2025-03", contexts=("natural_resource",)
        ),
        event(
            DOC_MARCH,
            2,
            "ACCUSE",
            "UKR",
            "CHN",
            date="2025-03",
            contexts=("military",),
            trigger="accused",
            confidence=0.8,
        ),
        event(DOC_MARCH, 2, "AID", "CHN", "RUS", status="alleged", contexts=("military",)),
        event(
            DOC_APRIL,
            0,
            "REJECT",
            "CHN",
            "UKR",
            date="2025-04",
            contexts=("military",),
            trigger="denied",
            confidence=0.8,
        ),
        event(DOC_APRIL, 0, "AID", "CHN", "RUS", status="denied", contexts=("military",)),
        event(
            DOC_APRIL, 1, "COOPERATE", "RUS", "CHN", date="2025-04", contexts=("natural_resource",)
        ),
        event(
            DOC_APRIL,
            2,
            "CONSULT",
            "CHN",
            "RUS",
            date="2025-04-09",
            source_name="Wang Yi",
            target_name="Sergey Lavrov",
            contexts=("diplomatic",),
            trigger="met",
            confidence=0.8,
        ),
    ]


def make_documents() -> list[Document]:
    return [
        Document(
            id=doc,
            text="\n".join(texts),
            title=f"Test {doc}",
            outlet=META[doc][1],
            published=META[doc][0],
        )
        for doc, texts in TEXTS.items()
    ]


def make_sentences() -> list[Sentence]:
    found = []
    for doc, texts in TEXTS.items():
        offset = 0
        for index, text in enumerate(texts):
            found.append(Sentence(doc, index, offset, offset + len(text), text))
            offset += len(text) + 1
    return found


def make_quantities() -> list[Quantity]:
    return [
        Quantity("12 bcm", 12.0, "bcm/yr", DOC_MARCH, 0, 1, 1, measure="pipeline gas"),
        Quantity("15 bcm", 15.0, "bcm/yr", DOC_APRIL, 0, 1, 1, measure="pipeline gas"),
    ]


def make_quotes() -> list[Quote]:
    return [
        Quote(
            "We are partners for the long run,",
            DOC_APRIL,
            0,
            1,
            3,
            speaker="Wang Yi",
            speaker_actor="CHN",
            date="2025-04-10",
        ),
    ]


def make_annotations() -> list[Annotation]:
    docs = {d.id: d for d in make_documents()}
    return [
        Annotation(
            document=docs[doc],
            sentences=tuple(s for s in make_sentences() if s.document_id == doc),
            events=tuple(e for e in make_events() if e.document_id == doc),
            quotes=tuple(q for q in make_quotes() if q.document_id == doc),
            quantities=tuple(q for q in make_quantities() if q.document_id == doc),
        )
        for doc in TEXTS
    ]


def make_brief(month: str, **options: int) -> Brief:
    """The brief the hand-made corpus gives for ``month``."""
    return build_brief(
        make_documents(),
        make_sentences(),
        events=make_events(),
        quotes=make_quotes(),
        quantities=make_quantities(),
        watchlist=load_watchlist("china-russia-ukraine"),
        month=month,
        options=BriefOptions(**options),
    )


def assert_sound(brief: Brief) -> None:
    """What every brief the suite builds must satisfy (issue #4): each sentence, lead phrases
    included, is cited and states only what its cited sentences state; citations resolve."""
    assert check_faithfulness(brief) == []
    stored = [(s.document_id, s.index, s.text) for s in make_sentences()]
    assert citations_resolve(brief, stored) == []
    assert all(sentence.citations for sentence in brief.iter_sentences())
