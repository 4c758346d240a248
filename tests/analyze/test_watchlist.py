from __future__ import annotations

from pathlib import Path

import pytest

from tiewatch.analyze.watchlist import assign_theme, builtin_watchlists, load_watchlist
from tiewatch.errors import WatchlistError
from tiewatch.models import Event


def _event(type_: str, source: str, target: str, **extra: object) -> Event:
    return Event(type_, source, target, "d", 0, 0, 1, "s", **extra)  # type: ignore[arg-type]


def test_builtin_watchlist_loads() -> None:
    watchlist = load_watchlist("china-russia-ukraine")
    assert "china-russia-ukraine" in builtin_watchlists()
    assert set(watchlist.core) == {"CHN", "RUS", "UKR"}
    assert ("CHN", "RUS") in watchlist.dyads
    assert watchlist.themes[0].key == "diplomacy"


@pytest.mark.parametrize(
    ("events", "text", "expected"),
    [
        ([_event("SANCTION", "UKR", "CHN")], "Kyiv listed three firms.", "sanctions"),
        (
            [_event("COOPERATE", "RUS", "CHN", contexts=("natural_resource",))],
            "Russia sold more crude oil to China.",
            "economy",
        ),
        ([_event("ACCUSE", "UKR", "CHN")], "Kyiv accused Beijing of helping Moscow.", "claims"),
        (
            [_event("CONSULT", "CHN", "RUS", contexts=("diplomatic",))],
            "The two ministers met for talks.",
            "diplomacy",
        ),
        ([_event("REQUEST", "FRA", "CHN")], "Paris urged Beijing to act.", "third_parties"),
        ([], "Nothing to see.", "other"),
    ],
)
def test_assign_theme(events: list[Event], text: str, expected: str) -> None:
    assert assign_theme(events, text, load_watchlist("china-russia-ukraine")) == expected


def test_user_watchlist_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors: {core: {IND: India}}\ndyads: [[IND, CHN]]\n"
        "themes: [{key: trade, title: Trade, terms: [rice]}]\n"
    )
    watchlist = load_watchlist(path)
    assert watchlist.name == "mine"
    assert assign_theme([], "Rice exports rose.", watchlist) == "trade"


@pytest.mark.parametrize("text", ["[1, 2", "actors: {}", "- a list"])
def test_bad_watchlists_raise(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(WatchlistError):
        load_watchlist(path)


def test_unknown_builtin_raises() -> None:
    with pytest.raises(WatchlistError, match="no built-in watchlist"):
        load_watchlist("no-such-list")
