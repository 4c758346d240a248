from __future__ import annotations

import pytest

from brief_corpus import make_documents, make_events
from tiewatch.analyze.dyads import dyad_row, dyad_series, net_cooperation


def test_dyad_series_counts_and_index() -> None:
    published = {d.id: d.published for d in make_documents()}
    rows = dyad_series(make_events(), dyads=[("CHN", "RUS"), ("CHN", "UKR")], published=published)
    march = dyad_row(rows, "CHN", "RUS", "2025-03")
    assert march is not None
    # AGREE and alleged AID (CHN->RUS), COOPERATE (RUS->CHN): all cooperation
    assert march.total == 3 and march.net_index == 1.0
    forward = dyad_row(rows, "CHN", "RUS", "2025-03", direction="a->b")
    assert forward is not None and forward.by_type == {"AGREE": 1, "AID": 1}
    ukraine = dyad_row(rows, "CHN", "UKR", "2025-03")
    assert ukraine is not None and ukraine.by_quad == {"verbal_conflict": 1}
    assert ukraine.net_index == -1.0


def test_months_without_events_are_kept() -> None:
    rows = dyad_series([], dyads=[("CHN", "RUS")], months=["2025-01"])
    assert [(r.month, r.total, r.net_index) for r in rows] == [("2025-01", 0, None)] * 3


@pytest.mark.parametrize(
    ("quads", "expected"),
    [
        ({"verbal_cooperation": 3, "verbal_conflict": 1}, 0.5),
        ({"material_conflict": 2}, -1.0),
        ({}, None),
    ],
)
def test_net_cooperation(quads: dict[str, int], expected: float | None) -> None:
    assert net_cooperation(quads) == expected
