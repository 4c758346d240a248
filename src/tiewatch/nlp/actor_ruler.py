"""The ``tiewatch_actors`` component: dictionary actors override the statistical NER.

Every name, alias, metonym, demonym and entity of the actor dictionary is matched with one
PhraseMatcher; the longest match wins; the span is labelled PERSON, GPE, NORP or ORG and
carries the dictionary key as its ``kb_id`` (also on ``token.ent_kb_id_``). The matches are
stored in ``doc.spans["actors"]``.
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from tiewatch.extract.dictionary import ActorDictionary, Surface, load_actor_dictionary

logger = logging.getLogger(__name__)

SPAN_KEY = "actors"
COMPONENT = "tiewatch_actors"
_EXTENDABLE = {"PERSON"}
_NAMES = {"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
_WHOLE_NAMES = {
    "LOC",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
}  # a known surname inside a longer PERSON ("Vladamir Putin")


class ActorRuler:
    """Match dictionary actors and write them over ``doc.ents``."""

    def __init__(self, nlp: Language, name: str, *, data_dir: str | None = None) -> None:
        self.name = name
        self.dictionary: ActorDictionary = load_actor_dictionary(
            Path(data_dir) if data_dir else None
        )
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._surfaces: dict[int, Surface] = {}
        for text in self.dictionary.surfaces:
            surface = self.dictionary.lookup(text)
            if surface is None:
                continue
            key = nlp.vocab.strings.add(text)
            self._surfaces[key] = surface
            self.matcher.add(text, [nlp.make_doc(text)])

    def __call__(self, doc: Doc) -> Doc:
        matches = [
            self._span(doc, match_id, start, end)
            for match_id, start, end in self.matcher(doc)
            if self._plausible(doc, match_id, start, end)
        ]
        spans = filter_spans(matches)
        spans = [self._widen(doc, span) for span in spans]
        spans = filter_spans(spans)
        taken = {i for span in spans for i in range(span.start, span.end)}
        kept = [ent for ent in doc.ents if not taken.intersection(range(ent.start, ent.end))]
        doc.ents = filter_spans([*kept, *spans])
        doc.spans[SPAN_KEY] = spans
        return doc

    def _span(self, doc: Doc, match_id: int, start: int, end: int) -> Span:
        surface = self._surfaces[match_id]
        return Span(doc, start, end, label=surface.label, kb_id=surface.entry.key)

    def _plausible(self, doc: Doc, match_id: int, start: int, end: int) -> bool:
        """Keep a place or event name whole ("the Philippine Sea"); take a bare surname only
        as a proper noun outside other names ("the Power of Siberia 2 pipeline")."""
        how = self._surfaces[match_id].how
        for ent in doc.ents:
            inside = ent.start <= start and end <= ent.end and (ent.start, ent.end) != (start, end)
            if inside and (
                ent.label_ in _WHOLE_NAMES or (how == "surname" and ent.label_ in _NAMES)
            ):
                return False
        if how == "surname":
            return all(token.tag_ == "NNP" for token in doc[start:end])
        return True

    @staticmethod
    def _widen(doc: Doc, span: Span) -> Span:
        """Take over a statistical PERSON that holds a known surname ("Vladamir Putin")."""
        if span.label_ != "PERSON":
            return span
        for ent in doc.ents:
            if (
                ent.label_ in _EXTENDABLE
                and ent.start <= span.start
                and span.end <= ent.end
                and (ent.start, ent.end) != (span.start, span.end)
                and span.end == ent.end
            ):
                return Span(doc, ent.start, ent.end, label=span.label_, kb_id=span.kb_id_)
        return span


@Language.factory(COMPONENT, default_config={"data_dir": None})
def make_actor_ruler(nlp: Language, name: str, data_dir: str | None) -> ActorRuler:
    return ActorRuler(nlp, name, data_dir=data_dir)
