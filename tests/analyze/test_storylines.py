from __future__ import annotations

from brief_corpus import (
    DOC_APRIL,
    DOC_MARCH,
    make_documents,
    make_events,
    make_quantities,
    make_sentences,
)
from tiewatch.analyze.rows import build_sentence_rows
from tiewatch.analyze.storylines import find_storylines, storyline_index


def _rows():  # type: ignore[no-untyped-def]
    return build_sentence_rows(
        make_documents(), make_sentences(), events=make_events(), quantities=make_quantities()
    )


def test_stories_run_across_months() -> None:
    stories = storyline_index(find_storylines(_rows()))
    drones = stories[(DOC_MARCH, 2)]
    assert stories[(DOC_APRIL, 0)].id == drones.id
    assert [p.month for p in drones.timeline] == ["2025-03", "2025-04"]
    gas = stories[(DOC_MARCH, 1)]
    assert stories[(DOC_APRIL, 1)].id == gas.id != drones.id


def test_ids_are_stable_and_titles_name_actors() -> None:
    rows = _rows()
    first = find_storylines(rows)
    again = find_storylines(list(reversed(rows)))
    assert {s.id for s in first} == {s.id for s in again}
    named = find_storylines(rows, actor_names={"CHN": "China", "UKR": "Ukraine"})
    drones = storyline_index(named)[(DOC_MARCH, 2)]
    assert "China" in drones.title and "drone" in drones.title


def test_no_rows_no_stories() -> None:
    assert find_storylines([]) == []
