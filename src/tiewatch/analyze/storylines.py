"""Storylines: sentences (with their events) grouped into stories that run across months.

Method: TF-IDF over the sentences (scikit-learn, unigrams and bigrams, English stop words),
reduced with truncated SVD when the vocabulary is large, then single-pass incremental
clustering in date order. A sentence joins the most similar live storyline when

    0.75 * cosine(sentence, storyline centroid) + 0.25 * Jaccard(actors, storyline actors)
    (+ 0.25 when it follows the storyline's last sentence in the same paragraph)

reaches ``threshold``; otherwise it starts a new storyline. A storyline is live while its
last sentence is at most ``max_gap`` months old. Ids are stable for a given input: a hash of
the earliest member's (document id, sentence index).

Docs: docs/briefs.md ("Storylines").
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from sklearn.decomposition import TruncatedSVD  # type: ignore[import-untyped]
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]
    ENGLISH_STOP_WORDS,
    TfidfVectorizer,
)

from tiewatch.analyze.rows import SentenceKey, SentenceRow, shift_month

logger = logging.getLogger(__name__)

SVD_ABOVE_FEATURES = 3000
SVD_COMPONENTS = 128
# Words of reporting, not of the story: they would make every quote one storyline.
REPORTING_WORDS = frozenset(
    [
        "said",
        "says",
        "say",
        "added",
        "adding",
        "stated",
        "told",
        "according",
        "reported",
        "noted",
        "wrote",
        "asked",
        "announced",
    ]
)


@dataclass(frozen=True)
class StoryPoint:
    month: str
    count: int
    first: SentenceKey


@dataclass(frozen=True)
class Storyline:
    id: str
    title: str
    terms: tuple[str, ...]
    actors: tuple[str, ...]
    members: tuple[SentenceKey, ...]
    timeline: tuple[StoryPoint, ...]

    @property
    def first_month(self) -> str:
        return self.timeline[0].month

    @property
    def last_month(self) -> str:
        return self.timeline[-1].month

    def active_in(self, month: str) -> bool:
        return any(point.month == month for point in self.timeline)


@dataclass
class _Cluster:
    centroid: NDArray[np.float64]
    actors: Counter[str] = field(default_factory=Counter)
    members: list[int] = field(default_factory=list)
    last_month: str = ""
    last_key: SentenceKey = ("", -1)
    last_paragraph: int = -1
    norm: float = 1.0  # of the centroid (1.0 for a zero centroid), kept with it: #4 speed


def find_storylines(
    rows: Sequence[SentenceRow],
    *,
    threshold: float = 0.4,
    max_gap: int = 3,
    actor_names: dict[str, str] | None = None,
) -> list[Storyline]:
    """Group ``rows`` (any order; undated rows are left out) into storylines, biggest first."""
    dated = sorted((row for row in rows if row.month), key=lambda r: (r.month or "", r.key))
    if not dated:
        return []
    matrix, vectorizer = _vectorize([row.text for row in dated])
    clusters: list[_Cluster] = []
    for position, row in enumerate(dated):
        vector = matrix[position]
        best = _best_cluster(clusters, vector, row, max_gap=max_gap)
        if best is None or best[1] < threshold:
            clusters.append(_Cluster(centroid=vector.copy()))
            cluster = clusters[-1]
        else:
            cluster = best[0]
            cluster.centroid = cluster.centroid + vector
        cluster.norm = float(np.linalg.norm(cluster.centroid)) or 1.0
        cluster.members.append(position)
        cluster.actors.update(row.actors)
        cluster.last_month, cluster.last_key = row.month or "", row.key
        cluster.last_paragraph = row.paragraph
    tfidf = vectorizer.transform([row.text for row in dated])
    features = vectorizer.get_feature_names_out()
    stories = [_storyline(c, dated, tfidf, features, actor_names or {}) for c in clusters]
    return sorted(stories, key=lambda s: (-len(s.members), s.id))


def _vectorize(texts: list[str]) -> tuple[NDArray[np.float64], TfidfVectorizer]:
    vectorizer = TfidfVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS | REPORTING_WORDS),
        ngram_range=(1, 2),
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w[\w-]+\b",
    )
    try:
        sparse = vectorizer.fit_transform(texts)
    except ValueError:  # only stop words: no vocabulary
        vectorizer = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b")
        sparse = vectorizer.fit_transform(texts)
    if sparse.shape[1] > SVD_ABOVE_FEATURES and sparse.shape[0] > SVD_COMPONENTS:
        dense = TruncatedSVD(n_components=SVD_COMPONENTS, random_state=0).fit_transform(sparse)
    else:
        dense = sparse.toarray()
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    return np.asarray(dense / np.where(norms == 0, 1.0, norms), dtype=np.float64), vectorizer


def _best_cluster(
    clusters: list[_Cluster], vector: NDArray[np.float64], row: SentenceRow, *, max_gap: int
) -> tuple[_Cluster, float] | None:
    oldest = shift_month(row.month or "0001-01", -max_gap)
    best: tuple[_Cluster, float] | None = None
    row_actors = row.actors  # a property that builds a set: once per row, not per cluster
    for cluster in clusters:
        if cluster.last_month < oldest:
            continue
        score = _similarity(cluster, vector, row, row_actors)
        if best is None or score > best[1]:
            best = (cluster, score)
    return best


def _similarity(
    cluster: _Cluster, vector: NDArray[np.float64], row: SentenceRow, row_actors: frozenset[str]
) -> float:
    cosine = float(vector @ cluster.centroid) / cluster.norm
    actors = cluster.actors.keys()
    union = actors | row_actors
    jaccard = len(actors & row_actors) / len(union) if union else 0.0
    doc_id, index = cluster.last_key
    same_paragraph = doc_id == row.document_id and cluster.last_paragraph == row.paragraph
    adjacent = 0.25 if same_paragraph and 0 < row.index - index <= 2 else 0.0
    return 0.75 * cosine + 0.25 * jaccard + adjacent


def _storyline(
    cluster: _Cluster,
    dated: Sequence[SentenceRow],
    tfidf: object,
    features: Sequence[str],
    actor_names: dict[str, str],
) -> Storyline:
    members = [dated[i] for i in cluster.members]
    weights = np.asarray(tfidf[cluster.members].sum(axis=0)).ravel()  # type: ignore[index]
    terms = top_terms(weights, features, limit=3)
    ranked = sorted(cluster.actors.items(), key=lambda kv: (-kv[1], kv[0]))  # stable ties
    actors = tuple(code for code, _ in ranked[:3])
    title = make_title(terms, actors, actor_names)
    earliest = min(row.key for row in members if row.month == members[0].month)
    return Storyline(
        id="s-" + hashlib.sha1(f"{earliest[0]}:{earliest[1]}".encode()).hexdigest()[:10],
        title=title,
        terms=terms,
        actors=actors,
        members=tuple(row.key for row in members),
        timeline=_timeline(members),
    )


def top_terms(
    weights: NDArray[np.float64], features: Sequence[str], *, limit: int
) -> tuple[str, ...]:
    """The heaviest features, skipping a unigram already inside a chosen bigram."""
    chosen: list[str] = []
    for position in np.argsort(-weights):
        if weights[position] <= 0 or len(chosen) == limit:
            break
        term = str(features[position])
        if any(term in kept.split() or kept in term.split() for kept in chosen):
            continue
        chosen.append(term)
    return tuple(chosen)


def make_title(terms: Sequence[str], actors: Sequence[str], names: dict[str, str]) -> str:
    who = "–".join(names.get(code, code) for code in actors[:2])
    what = ", ".join(terms)
    return f"{who}: {what}" if who and what else who or what or "(untitled)"


def _timeline(members: Sequence[SentenceRow]) -> tuple[StoryPoint, ...]:
    points: dict[str, StoryPoint] = {}
    for row in members:
        month = row.month or ""
        point = points.get(month)
        if point is None:
            points[month] = StoryPoint(month=month, count=1, first=row.key)
        else:
            points[month] = StoryPoint(month=month, count=point.count + 1, first=point.first)
    return tuple(points[m] for m in sorted(points))


def storyline_index(storylines: Sequence[Storyline]) -> dict[SentenceKey, Storyline]:
    return {key: story for story in storylines for key in story.members}
