"""PartialDate: parsing and the day bounds that role dates and date filters use."""

from __future__ import annotations

from datetime import date

import pytest

from tiewatch.models import PartialDate


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("2025-05-08", date(2025, 5, 8), date(2025, 5, 8)),
     ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
     ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
     ("2023", date(2023, 1, 1), date(2023, 12, 31))],
)  # fmt: skip
def test_day_bounds(text: str, first: date, last: date) -> None:
    partial = PartialDate.parse(text)
    assert (partial.first_day(), partial.last_day()) == (first, last)
    assert partial.isoformat() == text


@pytest.mark.parametrize("text", ["2023-13", "2023-02-30", "May 2023", ""])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)
