"""Lead phrases: event headlines, clause subjects and the fallbacks (invented sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from tiewatch.analyze.rows import SentenceRow
from tiewatch.brief.faithfulness import key_terms
from tiewatch.brief.headlines import event_headline, inflect_third_person, phrase_table
from tiewatch.brief.names import written_name
from tiewatch.brief.phrases import Subject, find_subject, lead_phrase
from tiewatch.models import EVENT_TYPES, Event

NAMES = {"NOR": "Norway", "LTU": "Lithuania", "CHN": "China", "RUS": "Russia"}


def _event(text: str, type_: str, source: str | None, target: str | None, **extra: Any) -> Event:
    extra.setdefault("confidence", 0.8)
    return Event(type_, source, target, "doc", 0, 0, 1, text, **extra)


@pytest.mark.parametrize(
    ("text", "type_", "source", "target", "extra", "expected"),
    [
        (
            "Ola Berg met Lina Vaitkus in Oslo on Friday.",
            "CONSULT", "NOR", "LTU",
            {"source_name": "Ola Berg", "target_name": "Lina Vaitkus", "trigger": "met"},
            "Ola Berg holds talks with Lina Vaitkus",
        ),
        (
            "Vilnius accused Oslo of hiding the report.",
            "ACCUSE", "LTU", "NOR", {"trigger": "accused"},
            "Vilnius accuses Oslo",
        ),
        (  # the surname alone, as later sentences write it
            "Berg spoke with Lithuania's president by phone.",
            "CONSULT", "NOR", "LTU", {"source_name": "Ola Berg", "trigger": "spoke"},
            "Berg speaks with Lithuania",
        ),
        (  # the target is not named (a demonym is not a name): the verb without an object
            "Norway met Lithuanian officials.",
            "CONSULT", "NOR", "LTU", {"trigger": "met"},
            "Norway holds talks",
        ),
        (
            "Norway imposed sanctions on Lithuanian banks.",
            "SANCTION", "NOR", "LTU", {"trigger": "imposed"},
            "Norway imposes sanctions",
        ),
        (  # a verb that needs its object gets none
            "Norway backed the plan.", "SUPPORT", "NOR", "LTU", {"trigger": "backed"}, None,
        ),
        (
            "Norway sent drones to Lithuania.",
            "AID", "NOR", "LTU", {"status": "alleged", "trigger": "sent"},
            None,
        ),
        (
            "Norway will meet Lithuania.",
            "CONSULT", "NOR", "LTU", {"status": "planned", "trigger": "meet"},
            None,
        ),
        (
            "Norway met Lithuania.", "CONSULT", "NOR", "LTU",
            {"trigger": "met", "confidence": 0.4},
            None,
        ),
        (  # a trigger the type's verbs do not cover: no verb is forced on it
            "Norway proposed a new customs rule for Lithuania.",
            "CONCEDE", "NOR", "LTU", {"trigger": "proposed"},
            None,
        ),
        (
            "Officials met in Oslo.", "CONSULT", "CHN", "NOR", {"trigger": "met"}, None,
        ),
    ],
)  # fmt: skip
def test_event_headline(
    text: str,
    type_: str,
    source: str,
    target: str,
    extra: dict[str, Any],
    expected: str | None,
) -> None:
    event = _event(text, type_, source, target, **extra)
    headline = event_headline(event, text, names=NAMES)
    assert headline == expected
    if headline is not None:  # no name or number the sentence does not state
        assert all(term in text for term in key_terms(headline))


def test_event_headline_with_a_plural_subject() -> None:
    text = "Norwegian and Lithuanian envoys met in Riga."
    event = _event(text, "CONSULT", "NOR", "LTU", trigger="met")
    headline = event_headline(
        event, text, names=NAMES, subject="Norwegian and Lithuanian envoys", plural=True
    )
    assert headline == "Norwegian and Lithuanian envoys hold talks"


@pytest.mark.parametrize(
    ("verb", "expected"),
    [
        ("hold talks with", "holds talks with"),
        ("push", "pushes"),
        ("carry", "carries"),
        ("play", "plays"),
        ("have", "has"),
        ("criticise", "criticises"),
        ("veto", "vetoes"),
    ],
)
def test_inflect_third_person(verb: str, expected: str) -> None:
    assert inflect_third_person(verb) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        (
            "Norwegian and Lithuanian negotiators agreed in Riga on Monday to swap detainees.",
            "agreed",
            Subject("Norwegian and Lithuanian negotiators", plural=True, passive=False),
        ),
        (
            "In Oslo, Norway's foreign ministry on Friday summoned the envoy.",
            "summoned",
            Subject("Norway's foreign ministry", plural=False, passive=False),
        ),
        (
            "Berg and Vaitkus are due to hold talks in June.",
            "talks",
            Subject("Berg and Vaitkus", plural=True, passive=False),
        ),
        (
            "The Nordic Council adopted a statement on fisheries.",
            "adopted",
            Subject("Nordic Council", plural=False, passive=False),
        ),
        (
            "Lithuania was accused by Norway of hiding the report.",
            "accused",
            Subject("Lithuania", plural=False, passive=True),
        ),
        ("The talks came a day after the vote.", "came", None),
        ("It accused Lithuania of hiding the report.", "accused", None),
        ("Negotiators met again in Riga.", "met", None),  # capitalised only as the opener
        ("Lithuania's delegation rejected it.", "rejectedx", None),  # trigger not found
    ],
)
def test_find_subject(text: str, trigger: str, expected: Subject | None) -> None:
    event = _event(text, "CONSULT", "NOR", "LTU", trigger=trigger)
    assert find_subject(text, event, names=NAMES) == expected


def _row(text: str, *events: Event, index: int = 0) -> SentenceRow:
    return SentenceRow("doc", index, text, "2025-05", None, "Test Wire", events=events)


def test_lead_phrase_prefers_the_run_in_heading() -> None:
    text = "Fishing Rights: Norway met Lithuania in Riga."
    rows = [_row(text, _event(text, "CONSULT", "NOR", "LTU", trigger="met"))]
    assert lead_phrase(rows, names=NAMES) == ("Fishing Rights", 0)


def test_lead_phrase_takes_the_event_that_names_both_sides() -> None:
    first = "Norway met officials from the region."
    second = "Later, Vilnius accused Oslo of hiding the report."
    rows = [
        _row(first, _event(first, "CONSULT", "NOR", "LTU", trigger="met")),
        _row(second, _event(second, "ACCUSE", "LTU", "NOR", trigger="accused"), index=1),
    ]
    assert lead_phrase(rows, names=NAMES) == ("Vilnius accuses Oslo", 1)


def test_lead_phrase_falls_back_to_the_subject_then_the_opening() -> None:
    text = "Norwegian and Lithuanian envoys disagreed on quotas."
    disagree = _event(text, "REJECT", None, None, trigger="disagreed")
    assert lead_phrase([_row(text, disagree)], names=NAMES) == (
        "Norwegian and Lithuanian envoys",
        0,
    )
    plain = "Quotas for the coming season remain open after the vote in Riga."
    assert lead_phrase([_row(plain)], names=NAMES) == ("Quotas for the coming season remain…", 0)


def test_written_name_uses_only_what_the_sentence_writes() -> None:
    text = "Officials in Vilnius said the Kremlin had been told."
    assert written_name("LTU", None, text, names=NAMES) == "Vilnius"
    assert written_name("RUS", None, text, names=NAMES) == "Kremlin"
    assert written_name("NOR", "Ola Berg", text, names=NAMES) is None


def test_phrase_table_is_general() -> None:
    """Verbs for PLOVER types only, each fit for any name: no capital, digit or date."""
    table = phrase_table()
    assert set(table.types) <= set(EVENT_TYPES)
    for verbs in table.types.values():
        for forms in verbs:
            assert forms.stems and forms.with_target
            for verb in filter(None, (forms.with_target, forms.alone)):
                assert verb == verb.lower() and not any(c.isdigit() for c in verb)
    assert table.statuses == {"occurred"}


@pytest.mark.parametrize(
    ("text", "own_voice"),
    [
        ("We are grateful to our partners for their support.", True),
        ("I spoke today with the prime minister.", True),
        ("So we agreed to meet again next month.", True),
        ("Our delegation will travel to Geneva.", True),
        ("We're ready to talk.", True),
        ("“We are partners for the long run,” the minister said.", False),
        ("Wang Yi met Sergey Lavrov in Beijing.", False),
        ("Weather delayed the talks.", False),
        ("It is clear that the talks failed.", False),
        ("U.S. officials said the sanctions would stay.", False),
        ("", False),
    ],
)
def test_own_voice_marks_first_and_second_person_openings(text: str, own_voice: bool) -> None:
    assert phrase_table().own_voice.opens(text) is own_voice
