"""Compose a monthly brief from extracted events and their source sentences.

Extractive: each brief sentence is one stored sentence, condensed (see ``condense``) and
cited; sentences are chosen per storyline by an informativeness score (events of the
watchlist's actors, quotes, figures, claims), grouped into items by storyline and into
sections by theme, and ordered by date within an item.

Docs: docs/briefs.md.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tiewatch.analyze.changes import MonthChanges, compare_months
from tiewatch.analyze.claims import Claim, build_claims, content_words
from tiewatch.analyze.dyads import DyadRow, dyad_series
from tiewatch.analyze.indicators import Series, build_series
from tiewatch.analyze.rows import (
    SentenceKey,
    SentenceRow,
    build_sentence_rows,
    rows_in_month,
    shift_month,
)
from tiewatch.analyze.storylines import Storyline, find_storylines, storyline_index
from tiewatch.analyze.watchlist import OTHER_THEME, Watchlist, assign_theme, involves_core
from tiewatch.brief.changes_section import since_last_month
from tiewatch.brief.citations import Citer
from tiewatch.brief.condense import (
    attributes_itself,
    condense_sentence,
    credit_outlet,
    split_heading,
)
from tiewatch.brief.headlines import phrase_table
from tiewatch.brief.model import Brief, BriefItem, BriefSection, BriefSentence, IndicatorLine
from tiewatch.brief.phrases import lead_phrase
from tiewatch.models import Document, Event, Quantity, Quote, Sentence

logger = logging.getLogger(__name__)

_DATE_WORDS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d{4})\b"
)
_CLAIM_STATUSES = frozenset({"alleged", "denied"})
_CLAIM_TYPES = frozenset({"ACCUSE", "REJECT"})


# Months a brief reads, ending with its own: storylines, claims and the dyad chart look
# this far back (`tiewatch brief` and the dashboard alike).
WINDOW_MONTHS = 6


@dataclass(frozen=True)
class BriefOptions:
    max_sentences: int = 40
    max_items_per_section: int = 10
    max_sentences_per_item: int = 5
    lead_sentences: int = 2
    chart_months: int = WINDOW_MONTHS
    duplicate_overlap: float = 0.6  # content-word Jaccard above which a sentence repeats one


@dataclass(frozen=True)
class WindowAnalyses:
    """The analyses a brief composes from, over the sentences the watchlist scopes in (the
    dashboard caches them per window)."""

    rows: tuple[SentenceRow, ...]
    dyads: tuple[DyadRow, ...]
    storylines: tuple[Storyline, ...]
    claims: tuple[Claim, ...]
    series: tuple[Series, ...]


def build_brief(
    documents: Iterable[Document],
    sentences: Iterable[Sentence],
    *,
    events: Iterable[Event],
    quotes: Iterable[Quote] = (),
    quantities: Iterable[Quantity] = (),
    watchlist: Watchlist,
    month: str,
    options: BriefOptions | None = None,
) -> Brief:
    """Run the analyses over the models given and compose the brief for ``month``."""
    options = options or BriefOptions()
    docs = {d.id: d for d in documents}
    chart_months = [shift_month(month, -k) for k in reversed(range(options.chart_months))]
    analyses = analyse_window(
        list(docs.values()), sentences, events=events, quotes=quotes, quantities=quantities,
        watchlist=watchlist, months=chart_months,
    )  # fmt: skip
    return compose_analyses(
        analyses, watchlist=watchlist, month=month, documents=docs, options=options
    )


def analyse_window(
    documents: Sequence[Document],
    sentences: Iterable[Sentence],
    *,
    events: Iterable[Event],
    quotes: Iterable[Quote] = (),
    quantities: Iterable[Quantity] = (),
    watchlist: Watchlist,
    months: Sequence[str],
) -> WindowAnalyses:
    """Sentence rows in the watchlist's scope, dyad trends over ``months``, storylines,
    claims and indicator series."""
    events = list(events)
    rows = scope_rows(
        build_sentence_rows(
            documents, sentences, events=events, quotes=quotes, quantities=quantities
        ),
        watchlist,
    )
    published = {d.id: d.published for d in documents}
    kept = {row.document_id for row in rows}
    dyad_rows = dyad_series(
        (e for e in events if e.document_id in kept),
        dyads=watchlist.dyads,
        published=published,
        months=months,
    )
    series = build_series(
        (q for row in rows for q in row.quantities),
        published=published,
        outlets={d.id: d.outlet for d in documents},
    )
    names = dict(watchlist.core) | dict(watchlist.others)
    return WindowAnalyses(
        rows=tuple(rows), dyads=tuple(dyad_rows),
        storylines=tuple(find_storylines(rows, actor_names=names)),
        claims=tuple(build_claims(rows)), series=tuple(series),
    )  # fmt: skip


def compose_analyses(
    analyses: WindowAnalyses,
    *,
    watchlist: Watchlist,
    month: str,
    documents: Mapping[str, Document],
    options: BriefOptions,
) -> Brief:
    """What changed since the previous month, then the brief, from a window's analyses."""
    changes = compare_months(
        month,
        rows=analyses.rows,
        storylines=analyses.storylines,
        dyad_rows=analyses.dyads,
        claims=analyses.claims,
    )
    return compose_brief(
        analyses.rows, watchlist=watchlist, month=month, documents=documents,
        storylines=analyses.storylines, changes=changes, dyad_rows=analyses.dyads,
        series=analyses.series, options=options,
    )  # fmt: skip


def scope_rows(rows: Sequence[SentenceRow], watchlist: Watchlist) -> list[SentenceRow]:
    """Rows with an event of a core actor; in documents that have one, also rows with quotes
    or figures, and sentences next to an in-scope one in the same paragraph (context such as
    "They did so ..." or the paragraph's opening line)."""
    core = {r.key: r for r in rows if any(involves_core(e, watchlist) for e in r.events)}
    in_scope = {key[0] for key in core}
    return [
        row
        for row in rows
        if row.key in core
        or (row.document_id in in_scope and (row.quotes or _figures(row)))
        or _next_to(row, core)
    ]


def _next_to(row: SentenceRow, core: Mapping[SentenceKey, SentenceRow]) -> bool:
    if len(row.text.split()) < 6:  # "More on:", a dateline
        return False
    neighbours = (core.get((row.document_id, row.index + step)) for step in (-1, 1))
    return any(n is not None and n.paragraph == row.paragraph for n in neighbours)


def _figures(row: SentenceRow) -> list[Quantity]:
    return [q for q in row.quantities if q.unit != "year"]


def score_row(row: SentenceRow, watchlist: Watchlist) -> float:
    """How informative a sentence is for the brief."""
    core_events = [e for e in row.events if involves_core(e, watchlist)]
    watched = watchlist.core.keys() | watchlist.others.keys()
    score = 2.0 * min(len(core_events), 2)
    score += 1.5 * bool(row.quotes) + 1.5 * bool(_figures(row))
    score += 0.5 * len(row.actors & watched)
    score += 1.0 * any(e.type in _CLAIM_TYPES or e.status in _CLAIM_STATUSES for e in row.events)
    score += 0.5 * bool(_DATE_WORDS.search(row.text))
    score -= 1.0 * (len(row.text.split()) > 60)
    score -= 1.5 * phrase_table().own_voice.opens(row.text)
    return score


def select_rows(
    rows: Sequence[SentenceRow], watchlist: Watchlist, *, options: BriefOptions
) -> dict[SentenceKey, float]:
    """The best rows (key -> score), skipping near-repeats of a better one."""
    chosen: dict[SentenceKey, float] = {}
    words: list[set[str]] = []
    ranked = sorted(rows, key=lambda r: (-score_row(r, watchlist), r.key))
    for row in ranked:
        if len(chosen) == options.max_sentences:
            break
        mine = content_words(row.text)
        if any(_jaccard(mine, other) >= options.duplicate_overlap for other in words):
            continue
        chosen[row.key] = score_row(row, watchlist)
        words.append(mine)
    return chosen


def _jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def compose_brief(
    rows: Sequence[SentenceRow],
    *,
    watchlist: Watchlist,
    month: str,
    documents: Mapping[str, Document],
    storylines: Sequence[Storyline],
    changes: MonthChanges,
    dyad_rows: Sequence[DyadRow] = (),
    series: Sequence[Series] = (),
    options: BriefOptions | None = None,
) -> Brief:
    """Assemble the brief for ``month`` from rows already analysed."""
    options = options or BriefOptions()
    by_key = {row.key: row for row in rows}
    citer = Citer(by_key, documents)
    month_rows = rows_in_month(rows, month)
    chosen = select_rows(month_rows, watchlist, options=options)
    items = _build_items(month_rows, chosen, storyline_index(storylines), watchlist, options)
    lead = _lead(items, by_key, citer, options)
    sections = _sections(items, by_key, citer, watchlist, options)
    names = dict(watchlist.core) | dict(watchlist.others)
    changes_text = since_last_month(changes, by_key, citer, names=names)
    indicators = _indicator_lines(series, month, citer)
    return Brief(
        watchlist=watchlist.name,
        month=month,
        title=f"{watchlist.title}: {month_title(month)}",
        lead=lead,
        sections=sections,
        since_last_month=changes_text,
        sources=citer.sources(),
        dyads=tuple(dyad_rows),
        dyad_shifts=changes.dyad_shifts,
        indicators=indicators,
        actor_names=names,
    )


@dataclass(frozen=True)
class _Item:
    keys: tuple[SentenceKey, ...]  # in reporting order
    theme: str
    score: float
    storyline: Storyline | None


def _build_items(
    month_rows: Sequence[SentenceRow],
    chosen: Mapping[SentenceKey, float],
    stories: Mapping[SentenceKey, Storyline],
    watchlist: Watchlist,
    options: BriefOptions,
) -> list[_Item]:
    groups: dict[str, list[SentenceRow]] = defaultdict(list)
    for row in month_rows:  # already in reporting order
        if row.key in chosen:
            story = stories.get(row.key)
            name = story.id if story else f"row:{row.key}"
            # A run-in heading is the author's own topic boundary: it starts a new item.
            if split_heading(row.text)[0] and groups.get(name):
                groups[f"{name}:{row.key}"] = groups.pop(name)
            groups[name].append(row)
    items = []
    for group in groups.values():
        best = sorted(group, key=lambda r: -chosen[r.key])[: options.max_sentences_per_item]
        kept = [row for row in group if row in best]
        themes: defaultdict[str, float] = defaultdict(float)
        for row in kept:
            themes[assign_theme(row.events, row.text, watchlist)] += chosen[row.key]
        items.append(
            _Item(
                keys=tuple(row.key for row in kept),
                theme=max(themes, key=lambda key: themes[key]),
                score=sum(chosen[row.key] for row in kept),
                storyline=stories.get(kept[0].key),
            )
        )
    return sorted(items, key=lambda item: -item.score)


def _lead(
    items: Sequence[_Item],
    by_key: Mapping[SentenceKey, SentenceRow],
    citer: Citer,
    options: BriefOptions,
) -> tuple[BriefSentence, ...]:
    """The opening sentence of the strongest items of distinct themes."""
    lead: list[BriefSentence] = []
    themes: set[str] = set()
    for item in items:
        if len(lead) == options.lead_sentences:
            break
        if item.theme in themes:
            continue
        themes.add(item.theme)
        row = max((by_key[key] for key in item.keys), key=_lead_fitness)
        lead.append(BriefSentence(condense_sentence(row.text), (citer.cite(row.key),)))
    return tuple(lead)


def _lead_fitness(row: SentenceRow) -> tuple[int, int, int]:
    """Prefer a dated sentence that names persons, then a shorter one."""
    named = sum(1 for e in row.events for n in (e.source_name, e.target_name) if n)
    return (bool(_DATE_WORDS.search(row.text)), min(named, 2), -len(row.text))


def _sections(
    items: Sequence[_Item],
    by_key: Mapping[SentenceKey, SentenceRow],
    citer: Citer,
    watchlist: Watchlist,
    options: BriefOptions,
) -> tuple[BriefSection, ...]:
    titles = [(theme.key, theme.title) for theme in watchlist.themes]
    titles.append((OTHER_THEME, "Other developments"))
    sections = []
    for key, title in titles:
        mine = [item for item in items if item.theme == key][: options.max_items_per_section]
        if mine:
            built = tuple(_item(item, by_key, citer, watchlist) for item in mine)
            sections.append(BriefSection(key=key, title=title, items=built))
    return tuple(sections)


def _item(
    item: _Item, by_key: Mapping[SentenceKey, SentenceRow], citer: Citer, watchlist: Watchlist
) -> BriefItem:
    rows = [by_key[key] for key in item.keys]
    numbers = [citer.cite(row.key) for row in rows]
    names = dict(watchlist.core) | dict(watchlist.others)
    lead_text, lead_cite = lead_phrase(rows, names=names)
    sentences = []
    for position, (row, number) in enumerate(zip(rows, numbers, strict=True)):
        text = condense_sentence(row.text)
        reported_by = next((e.reported_by for e in row.events if e.reported_by), None)
        if position == 0 and row.outlet and not attributes_itself(text, reported_by):
            text = credit_outlet(text, row.outlet)
        sentences.append(BriefSentence(text, (number,)))
    lead = BriefSentence(lead_text, (numbers[lead_cite],) if lead_cite >= 0 else tuple(numbers))
    return BriefItem(
        lead=lead,
        sentences=tuple(sentences),
        theme=item.theme,
        storyline_id=item.storyline.id if item.storyline else None,
    )


def _indicator_lines(
    series: Sequence[Series], month: str, citer: Citer
) -> tuple[IndicatorLine, ...]:
    lines = []
    for item in series:
        if not any((p.date or "").startswith(month) for p in item.points):
            continue
        points = tuple(
            (p, citer.cite((p.document_id, p.sentence_index)))
            for p in item.points
            if citer.known((p.document_id, p.sentence_index))
        )
        if points:
            lines.append(IndicatorLine(label=item.label, points=points))
    return tuple(lines)


def month_title(month: str) -> str:
    names = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    return f"{names[int(month[5:7]) - 1]} {month[:4]}"
