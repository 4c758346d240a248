"""The date rules' guards: a text without a rule's guard is never scanned with its pattern, so
every match of the pattern must contain the guard (#6)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tiewatch.extract.date_patterns import RULES, Reference, Rule, scan_dates

EXAMPLES = [
    "The report was filed on 2024-03-05 in Geneva.",
    "On March 3, 2022 the talks began; by Sept. 14th they had stalled.",
    "The ministers met on 20 February and again on the 3rd of May 2023.",
    "In early June 2021 and mid-October of 2022 the exports rose.",
    "Since last April, and in December, the ports stayed shut until the end of August.",
    "He spoke last Tuesday and will travel on Friday; talks resume next monday.",
    "Yesterday the envoy left; today and tonight the shelling went on overnight.",
    "This morning the minister said the vote is tomorrow.",
    "The following day, and the day after, and two days later, and 3 days earlier.",
    "Later that day the ceasefire broke; earlier in the day talks had resumed.",
    "Last month, over the past few weeks and in recent days, prices rose this month.",
    "Within days, in the coming days, next month and this week, and last week too.",
    "Last year, this year and next year the budget grew.",
    "Two years ago and 6 months ago the treaty was signed.",
    "By 2035 and since 2014, through 2030 and in the middle of 2025.",
]


def test_every_rule_is_exercised() -> None:
    unused = [
        rule.pattern.pattern[:40]
        for rule in RULES
        if not any(rule.pattern.search(text) for text in EXAMPLES)
    ]
    assert unused == []


@pytest.mark.parametrize("text", EXAMPLES)
def test_every_match_holds_its_guard(text: str) -> None:
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            assert rule.guard.search(match.group()), (rule.pattern.pattern, match.group())


_WORDS = " ".join(
    [
        "Jan. January Feb Mar. March Apr. April May June July Aug. Sept. Sep. Oct. Nov. Dec.",
        "monday Friday SUNDAY yesterday today tonight overnight tomorrow morning evening",
        "day days week weeks month months year years ago later earlier the of in by since",
        "last next this that same following previous recent coming within over past few",
        "early mid late end beginning start middle first second half a one two six",
        "3 14th 20 2022 1999 2035 2024-03-05 5% percent , - – said talks",
    ]
).split()


def _guards_hold(rule: Rule, text: str) -> bool:
    return all(rule.guard.search(m.group()) for m in rule.pattern.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
def test_guards_hold_on_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    assert all(_guards_hold(rule, text) for rule in RULES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council adopted the resolution.", []),
        ("He left yesterday.", ["2024-03-04"]),
        ("Talks began on March 3, 2022.", ["2022-03-03"]),
        ("The plant closes by 2035.", ["2035"]),
    ],
)
def test_scan_dates_still_finds_dates(text: str, expected: list[str]) -> None:
    reference = Reference(date(2024, 3, 5), None)
    found = scan_dates(text, reference, lambda _: None)
    assert [f.value.isoformat() for f in found] == expected
