"""The views behind the dashboard and the API (#5), over the web test corpus."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from brief_corpus import DOC_APRIL, DOC_MARCH
from tiewatch.analyze.watchlist import Watchlist, load_watchlist
from tiewatch.brief.compose import BriefOptions, build_brief
from tiewatch.errors import QueryError
from tiewatch.models import Annotation, Correction, Document
from tiewatch.store import Store
from tiewatch.web import views
from web_corpus import HOSTILE_ID


@pytest.fixture(scope="module")
def watchlist() -> Watchlist:
    return load_watchlist("china-russia-ukraine")


def test_overview_defaults_to_the_latest_month(web_store: Store, watchlist: Watchlist) -> None:
    overview = views.overview(web_store, watchlist)
    assert overview.month == "2025-04"
    assert overview.months == ("2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04")
    assert overview.documents == 3 and overview.events == 9
    assert overview.latest_events[0].event.document_id == HOSTILE_ID
    chn_rus = [r for r in overview.dyads if (r.actor_a, r.actor_b) == ("CHN", "RUS")]
    assert any(r.month == "2025-04" and r.total > 0 for r in chn_rus)
    assert all(s.active_in("2025-04") for s in overview.storylines)


def test_overview_of_an_empty_store(sqlite_store: Store, watchlist: Watchlist) -> None:
    overview = views.overview(sqlite_store, watchlist)
    assert overview.month is None and overview.dyads == () and overview.latest_events == ()


def test_analysis_is_cached_until_the_store_changes(web_store: Store, watchlist: Watchlist) -> None:
    cache = views.AnalysisCache()
    first = views.analyse(web_store, watchlist, month="2025-04", cache=cache)
    assert views.analyse(web_store, watchlist, month="2025-04", cache=cache) is first
    # Processing a document of another month leaves the window's analyses cached.
    web_store.save_annotation(
        Annotation(document=Document(id="d-later", text="Later news.", published=date(2025, 9, 1)))
    )
    assert views.analyse(web_store, watchlist, month="2025-04", cache=cache) is first
    brief = views.brief_for(web_store, watchlist, month="2025-04", cache=cache)
    assert views.brief_for(web_store, watchlist, month="2025-04", cache=cache) is brief
    consult = next(e for e in first.window.events if e.type == "CONSULT")
    web_store.add_correction(Correction.for_event(consult, action="delete"))
    second = views.analyse(web_store, watchlist, month="2025-04", cache=cache)
    assert second is not first and consult.key not in {e.key for e in second.window.events}
    assert views.brief_for(web_store, watchlist, month="2025-04", cache=cache) is not brief


def test_storyline_view_lists_its_sentences(web_store: Store, watchlist: Watchlist) -> None:
    analysis = views.analyse(web_store, watchlist, month="2025-04")
    assert analysis.storylines
    story = analysis.storylines[0]
    view = views.storyline_view(analysis, story.id)
    assert view is not None and len(view.entries) == len(story.members)
    months = [entry.month for entry in view.entries]
    assert months == sorted(months)
    assert views.storyline_view(analysis, "s-unknown") is None


def test_claims_and_indicators(web_store: Store, watchlist: Watchlist) -> None:
    analysis = views.analyse(web_store, watchlist, month="2025-04")
    claims = views.claims_in(analysis)
    assert claims and any(c.responses for c in claims)
    assert views.claims_in(analysis, month="2025-01") == ()
    gas = [s for s in analysis.series if s.unit == "bcm/yr"]
    assert gas and len(gas[0].points) >= 2


def test_document_view(web_store: Store) -> None:
    view = views.document_view(web_store, DOC_APRIL)
    assert view is not None
    assert len(view.sentences) == 4 and len(view.events) == 4 and len(view.quotes) == 1
    assert views.document_view(web_store, "nope") is None


@pytest.mark.parametrize("month", ["2025-03", "2025-04", "2025-06"])
def test_brief_for_a_month_is_the_cli_brief(
    web_store: Store, watchlist: Watchlist, month: str
) -> None:
    brief = views.brief_for(web_store, watchlist, month=month)
    window = web_store.load_window(views.window_months(month, views.DEFAULT_MONTHS)[0], month)
    expected = build_brief(
        window.documents,
        window.sentences,
        events=window.events,
        quotes=window.quotes,
        quantities=window.quantities,
        watchlist=watchlist,
        month=month,
        options=BriefOptions(),
    )
    assert brief == expected
    if month == "2025-03":
        assert brief.sources and all(s.document_id == DOC_MARCH for s in brief.sources)


@pytest.mark.parametrize(
    ("month", "months"), [("2025-13", 6), ("2025", 6), ("2025-04", 0), ("2025-04", 99)]
)
def test_bad_windows(web_store: Store, watchlist: Watchlist, month: str, months: int) -> None:
    with pytest.raises(QueryError):
        views.analyse(
            web_store, watchlist, month=views.resolve_month(web_store, month) or "", months=months
        )


def test_concurrent_requests_compute_a_window_once() -> None:
    cache = views.AnalysisCache()
    calls: list[int] = []
    started = threading.Event()

    def compute() -> str:
        calls.append(1)
        started.wait(timeout=5)
        return "analysis"

    results: list[str] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get_or_compute(("k",), compute)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    started.set()
    for thread in threads:
        thread.join(timeout=10)
    assert results == ["analysis"] * 4 and len(calls) == 1
    assert cache.computing == {}


def test_cache_keeps_the_latest_entries() -> None:
    cache = views.AnalysisCache(size=2)
    for key in ("a", "b", "c"):
        cache.put((key,), key)
    assert cache.get(("a",)) is None and cache.get(("c",)) == "c"
