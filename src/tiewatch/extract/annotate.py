"""The extract stage's one entry point: a Document in, an Annotation out.

Sentences, events, quotes and quantities, all with character offsets into ``document.text``.
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from tiewatch.errors import ExtractionError, TiewatchError
from tiewatch.extract import EXTRACTOR_VERSION
from tiewatch.extract.actors import DocumentContext, resolve_actor
from tiewatch.extract.attribution import find_reported_by
from tiewatch.extract.coded import EventMention
from tiewatch.extract.contexts import event_contexts, sentence_cues
from tiewatch.extract.dates import DateResolver
from tiewatch.extract.dictionary import ActorDictionary, load_actor_dictionary
from tiewatch.extract.events import extract_events
from tiewatch.extract.lexicon import load_event_lexicon
from tiewatch.extract.memory import remember_sentence
from tiewatch.extract.mentions import span_actor
from tiewatch.extract.quantities import extract_quantity_mentions
from tiewatch.extract.quotes import QuoteMention, extract_quote_mentions
from tiewatch.extract.speakers import resolve_speaker
from tiewatch.extract.transcripts import is_question, is_title_line, title_fallbacks
from tiewatch.models import (
    Actor,
    Annotation,
    Document,
    Event,
    PartialDate,
    Quantity,
    Quote,
    Sentence,
)
from tiewatch.nlp.actor_ruler import COMPONENT, ActorRuler
from tiewatch.nlp.doc_cache import doc_text
from tiewatch.nlp.pipeline import iter_parsed, parse_paragraphs
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

T = TypeVar("T")
# the statement's own speech acts, dated by it even in the present perfect (DECISIONS F28)
_SPOKEN = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "AGREE"})
Paragraphs = Sequence[tuple[int, Doc]]


@dataclass
class _Reading:
    """What one pass over a document collects."""

    document: Document
    ctx: DocumentContext
    dates: DateResolver
    sentences: list[Sentence] = field(default_factory=list)
    sentence_dates: list[PartialDate | None] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    # quote speakers are read with the memory of their own sentence ("the two" then)
    pending: dict[int, list[tuple[Span, int]]] = field(default_factory=dict)
    speakers: dict[int, tuple[str | None, str | None]] = field(default_factory=dict)


def annotate_document(nlp: Language, document: Document, *, settings: Settings) -> Annotation:
    """Parse and annotate one document.

    Docs: ``docs/architecture.md`` ("nlp and extract").
    """
    paragraphs = _guarded(document, lambda: parse_paragraphs(nlp, document, settings=settings))
    return _guarded(document, lambda: build_annotation(nlp, document, paragraphs))


def annotate_documents(
    nlp: Language, documents: Iterable[Document], *, settings: Settings
) -> Iterator[Annotation]:
    """Annotate many documents, parsing all their paragraphs in one ``nlp.pipe`` stream."""
    try:
        for document, paragraphs in iter_parsed(nlp, documents, settings=settings):
            yield _guarded(document, partial(build_annotation, nlp, document, paragraphs))
    except TiewatchError:
        raise
    except Exception as exc:
        raise ExtractionError(f"the NLP pipeline failed on a batch: {exc}") from exc


def _guarded(document: Document, work: Callable[[], T]) -> T:
    try:
        return work()
    except TiewatchError:
        raise
    except Exception as exc:  # a bug or a model failure: name the document (#2)
        name = document.source or document.external_id or document.id
        raise ExtractionError(f"extraction failed on {name}: {exc!r}") from exc


def build_annotation(nlp: Language, document: Document, paragraphs: Paragraphs) -> Annotation:
    """Everything extracted from parsed paragraphs (offset into ``document.text``, Doc)."""
    dictionary = actor_dictionary(nlp)
    ctx = DocumentContext(
        published=document.published,
        dictionary=dictionary,
        issuer=_issuer(document.outlet, dictionary, document.published),
        speech_verbs=load_event_lexicon().speech_verbs,
    )
    reading = _Reading(document, ctx, DateResolver(document.published))
    found = extract_quote_mentions(paragraphs)
    for number, mention in enumerate(found):
        if mention.speaker is not None:
            key = id(mention.speaker.doc)
            reading.pending.setdefault(key, []).append((mention.speaker, number))
    reading.dates.survey([sent for _, doc in paragraphs for sent in doc.sents])
    title: list[Event] = []
    for number, (offset, doc) in enumerate(paragraphs):
        ctx.offset = offset
        if is_title_line(doc_text(doc), index=number, count=len(paragraphs)):
            _read_title(reading, offset, doc, title)
        else:
            _read_paragraph(reading, offset, doc, question=is_question(doc_text(doc), dictionary))
    reading.events.extend(title_fallbacks(title, reading.events))
    quotes = _quotes(reading, found)
    return Annotation(
        document=document,
        sentences=tuple(reading.sentences),
        events=tuple(reading.events),
        quotes=tuple(quotes),
        quantities=tuple(reading.quantities),
        extractor_version=EXTRACTOR_VERSION,
    )


def actor_dictionary(nlp: Language) -> ActorDictionary:
    """The dictionary the pipeline's ``tiewatch_actors`` component matched with."""
    if COMPONENT in nlp.pipe_names:
        ruler = nlp.get_pipe(COMPONENT)
        if isinstance(ruler, ActorRuler):
            return ruler.dictionary
    return load_actor_dictionary()


def _issuer(outlet: str | None, dictionary: ActorDictionary, on: date | None) -> Actor | None:
    """The actor a statement's outlet stands for ("The White House" -> USA, "Prime Minister's
    Office, 10 Downing Street" -> GBR), for "we" and for untitled offices."""
    if not outlet:
        return None
    for text in _outlet_phrases(outlet):
        actor = resolve_actor(text, on=on, dictionary=dictionary)
        if actor is not None and actor.sector != "MED":
            return actor
    return None


def _outlet_phrases(outlet: str) -> Iterator[str]:
    """The outlet, then its comma-separated parts, then their word runs, longest first."""
    yield outlet
    for part in (p.strip(" ()") for p in outlet.split(",")):
        words = part.removeprefix("The ").split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                yield " ".join(words[start : start + size]).strip(" ()")


def _read_title(reading: _Reading, offset: int, doc: Doc, title: list[Event]) -> None:
    """A title line: its events wait for the body (F5), which keeps them only when it does
    not state the act itself; what the body discusses of the act stays its content (F1)."""
    events = reading.events
    reading.events = title
    _read_paragraph(reading, offset, doc, headline=True)
    reading.events = events
    reading.ctx.issuer_person = _titled_speaker(doc, reading.ctx)


def _titled_speaker(doc: Doc, ctx: DocumentContext) -> Actor | None:
    """The issuer's person a title names ("Remarks by Vice President Harris"): "I" in the
    text."""
    if ctx.issuer is None:
        return None
    for ent in doc.ents:
        actor = span_actor(ent, ctx) if ent.label_ == "PERSON" else None
        if actor is not None and actor.name and actor.code == ctx.issuer.code:
            return actor
    return None


def _read_paragraph(
    reading: _Reading, offset: int, doc: Doc, *, question: bool = False, headline: bool = False
) -> None:
    """Read one paragraph; a reporter's question is read for memory only (F12)."""
    lead: str | None = None
    for number, sent in enumerate(doc.sents):
        index = len(reading.sentences)
        start = offset + sent.start_char
        reading.sentences.append(
            Sentence(reading.document.id, index, start, offset + sent.end_char, sent.text)
        )
        day = reading.dates.sentence_date(sent)
        reading.sentence_dates.append(day)
        credit = find_reported_by(sent, dictionary=reading.ctx.dictionary)
        lead = credit if number == 0 else lead
        for span, number in reading.pending.get(id(doc), []):
            if sent.start <= span.start < sent.end:
                reading.speakers[number] = resolve_speaker(span, reading.ctx)
        mentions = extract_events(
            sent, reading.ctx, credited=bool(credit or lead), headline=headline
        )
        mentions = [] if question else mentions
        cues = sentence_cues(sent) if mentions else frozenset()
        for mention in mentions:
            reading.events.append(_event(reading, mention, sent, index, credit or lead, cues))
        reading.quantities.extend(_quantities(reading, sent, offset, index, day))
        remember_sentence(sent, reading.ctx)


def _event(
    reading: _Reading,
    mention: EventMention,
    sent: Span,
    index: int,
    credit: str | None,
    cues: frozenset[str],
) -> Event:
    offset = reading.ctx.offset
    token = mention.trigger
    issuer = reading.ctx.issuer
    own = issuer is not None and mention.source.code == issuer.code and mention.type in _SPOKEN
    when = reading.dates.date_for(sent, token=token, status=mention.status, own=own)
    target = mention.target
    return Event(
        type=mention.type,
        source=mention.source.code,
        target=target.code if target else None,
        document_id=reading.document.id,
        sentence_index=index,
        start=offset + token.idx,
        end=offset + token.idx + len(token.text),
        sentence=sent.text,
        mode=mention.mode,
        source_name=mention.source.name,
        source_sector=mention.source.sector,
        target_name=target.name if target else None,
        target_sector=target.sector if target else None,
        date=when.isoformat() if when else None,
        date_precision=when.precision if when else None,
        status=mention.status,
        reported_by=mention.reported_by or credit,
        contexts=event_contexts(mention.type, cues),
        trigger=token.text,
        confidence=mention.confidence,
        extractor_version=EXTRACTOR_VERSION,
    )


def _quantities(
    reading: _Reading, sent: Span, offset: int, index: int, day: PartialDate | None
) -> Iterator[Quantity]:
    for found in extract_quantity_mentions(sent):
        yield Quantity(
            text=found.text,
            value=found.value,
            unit=found.unit,
            document_id=reading.document.id,
            start=offset + found.start,
            end=offset + found.end,
            sentence_index=index,
            measure=found.measure,
            date=day.isoformat() if day else None,
        )


def _quotes(reading: _Reading, found: Sequence[QuoteMention]) -> list[Quote]:
    starts = [sentence.start for sentence in reading.sentences]
    quotes = []
    for number, mention in enumerate(found):
        index = max(bisect.bisect_right(starts, mention.sentence_offset) - 1, 0)
        name, code = reading.speakers.get(number, (None, None))
        day = reading.sentence_dates[index] if reading.sentence_dates else None
        quotes.append(
            Quote(
                text=mention.text,
                document_id=reading.document.id,
                start=mention.start,
                end=mention.end,
                sentence_index=index,
                speaker=name,
                speaker_actor=code,
                date=day.isoformat() if day else None,
            )
        )
    return quotes
