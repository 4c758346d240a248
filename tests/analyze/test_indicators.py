from __future__ import annotations

import pytest

from brief_corpus import DOC_MARCH, make_documents, make_quantities
from tiewatch.analyze.indicators import build_series, measure_terms
from tiewatch.models import Quantity


def test_same_measure_forms_one_series() -> None:
    published = {d.id: d.published for d in make_documents()}
    extra = Quantity("2031", 2031.0, "year", DOC_MARCH, 0, 1, 0, measure="target")
    series = build_series([*make_quantities(), extra], published=published)
    assert len(series) == 1
    only = series[0]
    assert only.unit == "bcm/yr" and [p.value for p in only.points] == [12.0, 15.0]
    assert [p.date for p in only.points] == ["2025-03", "2025-04"]
    assert only.label == "gas pipeline (bcm/yr)"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("imports of Russian crude", "Russian crude imports", True),
        ("pipeline gas", "pipeline gas exports", False),
        ("share of components", "components share", True),
    ],
)
def test_measure_terms(a: str, b: str, same: bool) -> None:
    assert (measure_terms(a) == measure_terms(b)) is same
