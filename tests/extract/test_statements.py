"""Official statements, readouts and speeches (#3): the issuer's voice, titles, joint
statements, characterisations, conditional warnings, questions, the statement's own date.

Every text is invented for these tests. The real model runs (``model`` marker).
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from tiewatch.extract.annotate import annotate_document
from tiewatch.models import Annotation, Document, content_hash
from tiewatch.settings import Settings

WHITE_HOUSE = "The White House"
DOWNING = "Prime Minister's Office, 10 Downing Street"
SEOUL = "Ministry of Foreign Affairs of the Republic of Korea"
PUBLISHED = date(2024, 5, 2)

Coded = tuple[str, str | None, str | None]


def annotate(nlp: Language, text: str, *, outlet: str | None) -> Annotation:
    document = Document(
        id=content_hash(text), text=text, outlet=outlet, published=PUBLISHED, title=None
    )
    return annotate_document(nlp, document, settings=Settings())


def coded(annotation: Annotation) -> list[Coded]:
    return sorted({(e.type, e.source, e.target) for e in annotation.events}, key=str)


CASES: list[tuple[str | None, str, list[Coded]]] = [
    # the issuer speaks in the first person ("We condemn" in a White House statement -> USA)
    (
        WHITE_HOUSE,
        "We condemn Iran's seizure of the tanker in the Gulf of Oman.",
        [("ACCUSE", "USA", "IRN")],
    ),
    # an untitled office is the issuer's own office-holder
    (
        DOWNING,
        "The Prime Minister spoke to Chancellor Olaf Scholz this morning.",
        [("CONSULT", "GBR", "DEU")],
    ),
    # a joint statement's defined term names both parties (DECISIONS F2, F27)
    (
        None,
        "Canada and Mexico (hereafter “the Parties”) met in Ottawa. The Parties called on "
        "Venezuela to release all political prisoners.",
        [("CONSULT", "CAN", "MEX"), ("REQUEST", "CAN", "VEN"), ("REQUEST", "MEX", "VEN")],
    ),
    # a statement's own copular assertion of wrongdoing (DECISIONS C3 exception, F25)
    (
        WHITE_HOUSE,
        "Moscow alone is responsible for the suffering of the Ukrainian people.",
        [("ACCUSE", "USA", "RUS")],
    ),
    # praise as a characterisation (DECISIONS, Types)
    (
        None,
        "Wang Yi said that China and Pakistan are ironclad friends.",
        [("SUPPORT", "CHN", "PAK")],
    ),
    # a conditional warning; the condition itself is hypothetical (DECISIONS F16)
    (
        None,
        "If Pyongyang conducts another nuclear test, Seoul will respond firmly.",
        [("THREATEN", "KOR", "PRK")],
    ),
    # police and protesters of one country keep both sides (PLOVER sectors COP and CVL)
    (
        None,
        "Serbian police used tear gas against protesters in Belgrade.",
        [("ASSAULT", "SRB", "SRB")],
    ),
    # "X thanks Y", which the tagger reads as a plural noun (DECISIONS F15)
    (None, "Lithuania thanks Poland for its steadfast support.", [("SUPPORT", "LTU", "POL")]),
    # a pledge in a readout goes to the other party of the call
    (
        WHITE_HOUSE,
        "President Biden spoke today with President Duda of Poland. President Biden "
        "pledged new military assistance.",
        [("AGREE", "USA", "POL"), ("CONSULT", "USA", "POL")],
    ),
    # a request to one's own people or to an unnamed "you" is no interaction
    (None, "China asked its citizens to leave Myanmar.", []),
    # an order to one's own government commits the state to what is ordered
    (
        SEOUL,
        "I have instructed the government to work closely with Japan.",
        [("AGREE", "KOR", "JPN")],
    ),
    # a title line waits for the body, which codes the call itself (DECISIONS F5)
    (
        WHITE_HOUSE,
        "Readout of President Biden's Call with President Macron of France\n\n"
        "President Biden spoke today with President Emmanuel Macron of France.",
        [("CONSULT", "USA", "FRA")],
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("outlet", "text", "expected"), CASES)
def test_statement_events(
    nlp: Language, outlet: str | None, text: str, expected: list[Coded]
) -> None:
    assert coded(annotate(nlp, text, outlet=outlet)) == sorted(expected, key=str)


@pytest.mark.model
def test_reporters_questions_are_not_coded(nlp: Language) -> None:
    text = (
        "Q Is the United States going to sanction Belarus over the border crisis?\n\n"
        "MR. KIRBY: We are reviewing our options."
    )
    assert coded(annotate(nlp, text, outlet=WHITE_HOUSE)) == []


@pytest.mark.model
def test_title_line_is_coded_when_the_body_does_not_state_the_act(nlp: Language) -> None:
    text = (
        "Readout of President Biden's Call with President Macron of France\n\n"
        "The leaders discussed support for Ukraine."
    )
    events = annotate(nlp, text, outlet=WHITE_HOUSE).events
    assert [(e.type, e.sentence_index) for e in events] == [("CONSULT", 0)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a readout's acts take the day of the call it reports (DECISIONS, Dates)
        (
            "President Biden spoke today with President Duda of Poland. He condemned Russia's "
            "strikes on Ukraine.",
            ["2024-05-02", "2024-05-02"],
        ),
        # the statement's own speech act takes its day when the text dates itself (F28)
        (
            "Yesterday Secretary Blinken met Indian External Affairs Minister Jaishankar. We call "
            "on Russia to withdraw its forces.",
            ["2024-05-01", "2024-05-02"],
        ),
        # with no day in the text, the month (F28)
        ("We call on Russia to withdraw its forces.", ["2024-05"]),
    ],
)
def test_statement_dates(nlp: Language, text: str, dates: list[str]) -> None:
    events = annotate(nlp, text, outlet=WHITE_HOUSE).events
    assert [e.date for e in sorted(events, key=lambda e: e.start)] == dates


@pytest.mark.model
@pytest.mark.parametrize(
    ("outlet", "text", "speaker"),
    [
        # "I" in a speech is the person its title names
        (
            WHITE_HOUSE,
            "Remarks by President Biden at the NATO Summit\n\nAs I told President "
            "Erdogan, “Sweden belongs in NATO.”",
            "Joe Biden",
        ),
        # "the President" in a White House text is the sitting president
        (WHITE_HOUSE, "As the President said last week, “We will not walk away.”", "Joe Biden"),
        # joint speakers are named together (DECISIONS, Actors)
        (
            None,
            "Joe Biden met Emmanuel Macron in Paris. The two presidents stated: “Our "
            "alliance is unbreakable.”",
            "Joe Biden and Emmanuel Macron",
        ),
    ],
)
def test_statement_speakers(nlp: Language, outlet: str | None, text: str, speaker: str) -> None:
    quotes = annotate(nlp, text, outlet=outlet).quotes
    assert [q.speaker for q in quotes] == [speaker]
