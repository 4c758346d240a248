"""The "since last month" section: what changed, each line cited to a stored sentence.

Lines carry a fixed label of tiewatch's own ("New storyline") and text taken from the cited
sentence (a storyline's key terms as the sentence words them, an actor's name, or the
condensed sentence), so they pass the same faithfulness check as the rest of the brief.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tiewatch.analyze.changes import MonthChanges
from tiewatch.analyze.rows import SentenceKey, SentenceRow
from tiewatch.analyze.storylines import Storyline
from tiewatch.brief.citations import Citer
from tiewatch.brief.condense import condense_sentence
from tiewatch.brief.model import BriefSentence
from tiewatch.brief.phrases import lead_phrase, names_in

MAX_LINES_PER_KIND = 4


def since_last_month(
    changes: MonthChanges,
    rows: Mapping[SentenceKey, SentenceRow],
    citer: Citer,
    *,
    names: Mapping[str, str] | None = None,
) -> tuple[BriefSentence, ...]:
    """The cited lines of the section. ``names``: actor code -> display name."""
    names = names or {}
    kinds = (
        (changes.new_storylines, "New storyline", changes.month),
        (changes.continuing_storylines, "Continuing", changes.month),
        (changes.dormant_storylines, "Quiet this month", changes.previous),
    )
    lines: list[BriefSentence] = []
    for stories, label, month in kinds:
        lines += _storyline_lines(stories, label, month, rows, citer, names)
    for actor in changes.first_actors[:MAX_LINES_PER_KIND]:
        row = rows.get(actor.first)
        if row is not None and names_in(actor.name, row.text):
            lines.append(BriefSentence(actor.name, (citer.cite(row.key),), "First appearance"))
    for claim in changes.new_claims[:MAX_LINES_PER_KIND]:
        lines.append(_sentence_line(claim.side.key, "New claim", rows, citer))
    for _, response in changes.new_responses[:MAX_LINES_PER_KIND]:
        label = "Denial" if response.kind == "denial" else "Confirmation"
        lines.append(_sentence_line(response.side.key, label, rows, citer))
    return tuple(line for line in lines if line.text)


def _storyline_lines(
    stories: Sequence[Storyline],
    label: str,
    month: str,
    rows: Mapping[SentenceKey, SentenceRow],
    citer: Citer,
    names: Mapping[str, str],
) -> list[BriefSentence]:
    lines = []
    ranked = sorted(stories, key=lambda s: (-_count_in(s, month), s.id))
    for story in ranked[:MAX_LINES_PER_KIND]:
        mine = [rows[key] for key in story.members if key in rows and rows[key].month == month]
        if not mine:
            continue
        phrase, position = lead_phrase(mine, names=names)
        cited = [mine[position]] if position >= 0 else mine
        lines.append(BriefSentence(phrase, tuple(citer.cite(r.key) for r in cited), label))
    return lines


def _count_in(story: Storyline, month: str) -> int:
    return next((p.count for p in story.timeline if p.month == month), 0)


def _sentence_line(
    key: SentenceKey, label: str, rows: Mapping[SentenceKey, SentenceRow], citer: Citer
) -> BriefSentence:
    row = rows.get(key)
    if row is None:
        return BriefSentence("", (), label)
    return BriefSentence(condense_sentence(row.text), (citer.cite(key),), label)
