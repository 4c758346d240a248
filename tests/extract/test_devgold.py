"""Eval gates (#3): extraction scored against gold files, with pinned floors.

- ``tests/data/devgold``: invented official statements, readouts, joint statements and
  speeches (the genre of the hidden gold), always present.
- ``shared/gold``: the project's dev gold (news trackers), when the shared folder exists.

Each floor sits about 0.03 under the figure measured when it was set, so a change that loses
ground fails here before it reaches the hidden set. Raise a floor when a change gains.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from tiewatch import evaluation, export
from tiewatch.evaluation import Figures
from tiewatch.extract.annotate import annotate_document
from tiewatch.ingest.files import parse_text
from tiewatch.settings import Settings

DEVGOLD = Path(__file__).resolve().parents[1] / "data" / "devgold"
SHARED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold"

# measured 2026-11 (issue #3): strict 0.894, relaxed 0.906, dates 0.967, quotes 1.000,
# speakers 1.000, quantities 0.988
DEVGOLD_FLOORS = Figures(
    events_precision=0.0,
    events_recall=0.0,
    events_f1=0.86,
    relaxed_f1=0.87,
    date_accuracy=0.93,
    quotes_f1=0.97,
    speaker_accuracy=0.97,
    quantities_f1=0.95,
)
# measured 2026-11 (issue #3): strict 0.844, relaxed 0.872, dates 0.978, quotes 1.000,
# speakers 0.975, quantities 1.000
SHARED_FLOORS = Figures(
    events_precision=0.0,
    events_recall=0.0,
    events_f1=0.81,
    relaxed_f1=0.84,
    date_accuracy=0.95,
    quotes_f1=0.97,
    speaker_accuracy=0.94,
    quantities_f1=0.97,
)


def score_folder(nlp: Language, folder: Path) -> Figures:
    """Annotate every gold document of ``folder`` as ``tiewatch eval`` does and score it."""
    settings = Settings()
    scores = []
    for path in evaluation.gold_files(folder):
        gold = evaluation.load_json(path)
        meta = gold.get("doc", {})
        text = path.with_suffix(".txt").read_text("utf-8")
        document = parse_text(text, source=str(path), settings=settings, metadata={})
        published = meta.get("published")
        document = replace(
            document,
            published=date.fromisoformat(published) if published else document.published,
            title=meta.get("title") or document.title,
            outlet=meta.get("outlet") or document.outlet,
            external_id=path.stem,
        )
        output = export.annotation_to_gold(annotate_document(nlp, document, settings=settings))
        scores.append(evaluation.DocumentScore(path.stem, evaluation.score_document(gold, output)))
    return evaluation.figures(evaluation.total(scores))


def below_floor(measured: Figures, floors: Figures) -> dict[str, tuple[float, float]]:
    floor_of = asdict(floors)
    return {
        name: (value, floor_of[name])
        for name, value in asdict(measured).items()
        if value < floor_of[name]
    }


@pytest.mark.model
def test_devgold_figures_stay_above_their_floors(nlp: Language) -> None:
    assert below_floor(score_folder(nlp, DEVGOLD), DEVGOLD_FLOORS) == {}


@pytest.mark.model
@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="shared/gold is not available here")
def test_shared_gold_figures_stay_above_their_floors(nlp: Language) -> None:
    assert below_floor(score_folder(nlp, SHARED_GOLD), SHARED_FLOORS) == {}
