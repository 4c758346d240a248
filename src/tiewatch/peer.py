"""Second opinions: read the peer test sets of ``shared/peer/`` and score predicted event
types against them.

- PLOVER gold standard records (``plover/PLOVER_GSR_CAMEO.txt``): PLOVER event-type accuracy,
  older 0.5b1 labels mapped to current types.
- ConfliBERT CAMEO pentacode split (``conflibert/cameo_class_test.tsv``): agreement of the quad
  class (0 = statement, i.e. no event; 1-4 = PLOVER quads).
- PETRARCH-2 validation records (``universalpetrarch/PETR2_GSR_validation.xml``): agreement of
  PLOVER types mapped from the expected CAMEO codes, including records that must give none.

Readers and scoring only; ``cli.py`` runs the extractor over the sentences.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tiewatch.errors import EvalError
from tiewatch.ontology import cameo_to_plover, current_type, quad_class


@dataclass(frozen=True)
class PeerSentence:
    """One peer sentence and what its coders expect of it."""

    id: str
    text: str
    published: date | None = None
    types: frozenset[str] = frozenset()  # expected PLOVER types (empty: no event expected)
    quad: int | None = None  # expected pentacode (0 = statement), for the ConfliBERT split


@dataclass(frozen=True)
class PeerScore:
    name: str
    sentences: int
    correct: int
    detail: str = ""

    @property
    def accuracy(self) -> float:
        return self.correct / self.sentences if self.sentences else 0.0


def read_plover_gsr(path: Path) -> list[PeerSentence]:
    records = _read_json_list(path)
    sentences = []
    for record in records:
        label = record.get("event")
        if not label or label == "DOCUMENT" or not record.get("text"):
            continue
        sentences.append(
            PeerSentence(
                id=str(record.get("id")),
                text=str(record["text"]),
                types=frozenset({current_type(str(label))}),
            )
        )
    return sentences


def read_cameo_classes(path: Path) -> list[PeerSentence]:
    sentences = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        text, _, label = line.rstrip("\r").rpartition("\t")
        if text and label.strip().isdigit():
            sentences.append(PeerSentence(id=f"cameo-{number}", text=text, quad=int(label)))
    return sentences


_PETR_SENTENCE = re.compile(r"<Sentence\b([^>]*)/?>(.*?)</Sentence>", re.S)
_PETR_ATTR = re.compile(r'(\w+)="([^"]*)"')
_PETR_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PETR_CODING = re.compile(r"<EventCoding\b([^>]*)/>")


def read_petrarch_validation(path: Path) -> list[PeerSentence]:
    """The PETRARCH-2 records (not well-formed XML, so read with patterns)."""
    sentences: list[PeerSentence] = []
    for match in _PETR_SENTENCE.finditer(_read_text(path)):
        attrs = dict(_PETR_ATTR.findall(match.group(1)))
        text_match = _PETR_TEXT.search(match.group(2))
        if not text_match:
            continue
        types = set()
        for coding in _PETR_CODING.findall(match.group(2)):
            code = dict(_PETR_ATTR.findall(coding)).get("eventcode")
            mapped = cameo_to_plover(code) if code else None
            if mapped:
                types.add(mapped)
        sentences.append(
            PeerSentence(
                id=attrs.get("id", f"petr-{len(sentences) + 1}"),
                text=" ".join(text_match.group(1).split()),
                published=_petr_date(attrs.get("date", "")),
                types=frozenset(types),
            )
        )
    return sentences


def score_types(
    name: str, sentences: Sequence[PeerSentence], predicted: Mapping[str, Sequence[str]]
) -> PeerScore:
    """A sentence is right when the first predicted type is one of the expected types, or when
    nothing is predicted where nothing is expected."""
    correct = 0
    confusion: Counter[str] = Counter()
    for sentence in sentences:
        got = list(predicted.get(sentence.id, ()))
        first = got[0] if got else None
        ok = first in sentence.types if sentence.types else first is None
        correct += ok
        if not ok:
            expected = "/".join(sorted(sentence.types)) or "none"
            confusion[f"{expected}->{first or 'none'}"] += 1
    top = ", ".join(f"{k} {v}" for k, v in confusion.most_common(5))
    return PeerScore(name, len(sentences), correct, detail=f"most frequent errors: {top}")


def score_quads(
    name: str, sentences: Sequence[PeerSentence], predicted: Mapping[str, Sequence[str]]
) -> PeerScore:
    """Pentacode agreement: the quad class of the first predicted event, 0 when none."""
    correct = 0
    confusion: Counter[str] = Counter()
    for sentence in sentences:
        got = list(predicted.get(sentence.id, ()))
        quad = quad_class(got[0]) if got else 0
        correct += quad == sentence.quad
        confusion[f"{sentence.quad}->{quad}"] += quad != sentence.quad
    top = ", ".join(f"{k} {v}" for k, v in confusion.most_common(5) if v)
    return PeerScore(name, len(sentences), correct, detail=f"most frequent errors: {top}")


def _petr_date(value: str) -> date | None:
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        return None


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read peer file {path}: {exc}") from exc


def _read_json_list(path: Path) -> list[dict[str, object]]:
    try:
        data = json.loads(_read_text(path))
    except ValueError as exc:
        raise EvalError(f"{path} is not JSON: {exc}") from exc
    if not isinstance(data, list):
        raise EvalError(f"{path} does not hold a JSON list")
    return [item for item in data if isinstance(item, dict)]
