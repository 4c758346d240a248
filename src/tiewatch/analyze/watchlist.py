"""Watchlists: the actors, dyads and theme taxonomy a monthly brief follows.

A built-in watchlist is named (``china-russia-ukraine``, from ``data/watchlists/``); a user's
own is a path to a YAML file of the same shape. Themes are assigned from PLOVER types,
statuses, contexts and topic terms (data), never per document.

Docs: docs/briefs.md ("Watchlists").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from tiewatch.errors import WatchlistError
from tiewatch.models import Event

logger = logging.getLogger(__name__)

OTHER_THEME = "other"


@dataclass(frozen=True)
class Theme:
    key: str
    title: str
    types: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    contexts: frozenset[str] = frozenset()
    terms: tuple[str, ...] = ()
    source_outside_core: bool = False


@dataclass(frozen=True)
class Watchlist:
    name: str
    title: str
    core: Mapping[str, str]  # code -> display name
    others: Mapping[str, str]
    dyads: tuple[tuple[str, str], ...]
    themes: tuple[Theme, ...]

    def actor_name(self, code: str) -> str:
        return self.core.get(code) or self.others.get(code) or code

    def theme(self, key: str) -> Theme | None:
        return next((theme for theme in self.themes if theme.key == key), None)


def load_watchlist(name_or_path: str | Path) -> Watchlist:
    """A built-in watchlist by name, or a YAML file by path."""
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml") or path.exists():
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise WatchlistError(f"cannot read watchlist {path}: {exc}") from exc
        return parse_watchlist(text, default_name=path.stem)
    return _builtin_watchlist(str(name_or_path))


def builtin_watchlists() -> list[str]:
    folder = resources.files("tiewatch").joinpath("data/watchlists")
    return sorted(item.name.rsplit(".", 1)[0] for item in folder.iterdir() if item.is_file())


@lru_cache(maxsize=8)
def _builtin_watchlist(name: str) -> Watchlist:
    item = resources.files("tiewatch").joinpath(f"data/watchlists/{name}.yaml")
    if not item.is_file():
        known = ", ".join(builtin_watchlists())
        raise WatchlistError(f"no built-in watchlist {name!r} (known: {known})")
    return parse_watchlist(item.read_text("utf-8"), default_name=name)


def parse_watchlist(text: str, *, default_name: str = "watchlist") -> Watchlist:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WatchlistError(f"watchlist is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise WatchlistError("a watchlist is a YAML mapping")
    actors = data.get("actors") or {}
    core = {str(k): str(v) for k, v in (actors.get("core") or {}).items()}
    if not core:
        raise WatchlistError("a watchlist needs at least one core actor (actors.core)")
    return Watchlist(
        name=str(data.get("name") or default_name),
        title=str(data.get("title") or data.get("name") or default_name),
        core=core,
        others={str(k): str(v) for k, v in (actors.get("other") or {}).items()},
        dyads=tuple(_parse_dyad(item) for item in data.get("dyads") or ()),
        themes=tuple(_parse_theme(item) for item in data.get("themes") or ()),
    )


def _parse_dyad(item: Any) -> tuple[str, str]:
    if not isinstance(item, list | tuple) or len(item) != 2:
        raise WatchlistError(f"a dyad is a pair of actor codes, not {item!r}")
    return str(item[0]), str(item[1])


def _parse_theme(item: Any) -> Theme:
    if not isinstance(item, dict) or "key" not in item:
        raise WatchlistError(f"a theme needs a key: {item!r}")
    return Theme(
        key=str(item["key"]),
        title=str(item.get("title") or item["key"]),
        types=frozenset(str(t) for t in item.get("types") or ()),
        statuses=frozenset(str(t) for t in item.get("statuses") or ()),
        contexts=frozenset(str(t) for t in item.get("contexts") or ()),
        terms=tuple(str(t).lower() for t in item.get("terms") or ()),
        source_outside_core=bool(item.get("source_outside_core", False)),
    )


def involves_core(event: Event, watchlist: Watchlist) -> bool:
    return event.source in watchlist.core or event.target in watchlist.core


@lru_cache(maxsize=4096)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])")


def count_terms(text: str, terms: Iterable[str]) -> int:
    lowered = text.lower()
    return sum(1 for term in terms if _term_pattern(term).search(lowered))


def score_theme(theme: Theme, events: Iterable[Event], text: str, watchlist: Watchlist) -> int:
    """How well a sentence with ``events`` fits ``theme`` (see the watchlist file's header)."""
    score = min(count_terms(text, theme.terms), 3)
    for event in events:
        score += 3 * (event.type in theme.types) + 3 * (event.status in theme.statuses)
        score += len(theme.contexts.intersection(event.contexts))
        if theme.source_outside_core and event.source and event.source not in watchlist.core:
            score += 2
    return score


def assign_theme(events: Iterable[Event], text: str, watchlist: Watchlist) -> str:
    """The key of the best-scoring theme for a sentence, or ``"other"`` when none scores."""
    events = tuple(events)
    best, best_score = OTHER_THEME, 0
    for theme in watchlist.themes:
        score = score_theme(theme, events, text, watchlist)
        if score > best_score:
            best, best_score = theme.key, score
    return best
