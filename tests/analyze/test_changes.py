from __future__ import annotations

from brief_corpus import DOC_APRIL, make_documents, make_events, make_quotes, make_sentences
from tiewatch.analyze.changes import compare_months
from tiewatch.analyze.claims import build_claims
from tiewatch.analyze.dyads import dyad_series
from tiewatch.analyze.rows import build_sentence_rows
from tiewatch.analyze.storylines import find_storylines


def test_changes_against_previous_month() -> None:
    documents = make_documents()
    events = make_events()
    rows = build_sentence_rows(documents, make_sentences(), events=events, quotes=make_quotes())
    published = {d.id: d.published for d in documents}
    dyads = dyad_series(events, dyads=[("CHN", "RUS"), ("CHN", "UKR")], published=published)
    changes = compare_months(
        "2025-04",
        rows=rows,
        storylines=find_storylines(rows),
        dyad_rows=dyads,
        claims=build_claims(rows),
    )
    assert changes.previous == "2025-03"
    assert [a.name for a in changes.first_actors] == ["Wang Yi", "Sergey Lavrov"]
    assert changes.first_actors[0].first == (DOC_APRIL, 2)
    assert [r.kind for _, r in changes.new_responses] == ["denial"]
    assert changes.new_claims == ()
    assert changes.continuing_storylines
    shifts = {(s.actor_a, s.actor_b): s for s in changes.dyad_shifts}
    assert shifts[("CHN", "UKR")].events_before == 1
    assert shifts[("CHN", "RUS")].after is not None
