"""One exception tree for the library; only ``cli.py`` turns these into exit codes.

::

    TiewatchError
    ├── SettingsError        a setting is missing, mistyped or out of range
    ├── IngestError          an input could not become a Document
    │   ├── FetchError       a URL or feed could not be fetched
    │   ├── EmptyInputError  nothing to read (empty file, HTML with no article)
    │   ├── DecodeError      binary data or invalid UTF-8
    │   ├── TooLargeError    over the size limit
    │   └── RecordError      a malformed JSON/JSONL record or missing field
    ├── ExtractionError      the NLP pipeline or an extractor failed on a document
    │   └── DocumentTimeoutError  a document ran past ``document_timeout``
    ├── StoreError           the database could not be opened, migrated or written
    ├── CorrectionError      an analyst's correction names no valid type, status or date
    ├── QueryError           a list query has a bad filter, sort or page
    ├── EvalError            gold or output files are missing or malformed
    ├── ExportError          an export could not be written
    ├── ScaleError           workers could not be started or reached
    ├── WatchlistError       a watchlist is missing or malformed
    ├── PhraseDataError      ``data/brief_phrases.yaml`` is missing or malformed
    ├── NameDataError        the actor or body-noun data cannot be read
    ├── PolishError          one ``--llm`` polishing request failed
    └── PdfUnavailableError  WeasyPrint or its system libraries are missing
"""

from __future__ import annotations


class TiewatchError(Exception):
    """Base of every error tiewatch raises on purpose."""


class SettingsError(TiewatchError):
    """A setting is missing, mistyped or out of range."""


class IngestError(TiewatchError):
    """An input could not become a Document."""


class FetchError(IngestError):
    """A URL or feed could not be fetched."""


class EmptyInputError(IngestError):
    """The input holds no text to ingest."""


class DecodeError(IngestError):
    """The input is binary or not valid UTF-8."""


class TooLargeError(IngestError):
    """The input is over the configured size limit."""


class RecordError(IngestError):
    """A JSON or JSONL record is malformed or lacks a required field."""


class ExtractionError(TiewatchError):
    """The NLP pipeline or an extractor failed on a document."""


class StoreError(TiewatchError):
    """The database could not be opened, migrated or written."""


class CorrectionError(TiewatchError):
    """A correction is malformed: unknown action, event type or status, or a bad date."""


class QueryError(TiewatchError):
    """A list query has an unknown sort key, a malformed dyad or an out-of-range page."""


class EvalError(TiewatchError):
    """Gold or output files are missing or malformed."""


class ExportError(TiewatchError):
    """An export could not be written (unknown format, missing optional dependency)."""


class DocumentTimeoutError(ExtractionError):
    """A document took longer than ``document_timeout`` seconds to annotate."""


class ScaleError(TiewatchError):
    """Workers could not be started or reached (no Dask installed, scheduler unreachable)."""


class PhraseDataError(TiewatchError):
    """``data/brief_phrases.yaml`` is missing or malformed."""


class NameDataError(TiewatchError):
    """The actor or body-noun data cannot be read."""


class PolishError(TiewatchError):
    """One polishing request failed (timeout, HTTP status, malformed answer)."""


class PdfUnavailableError(TiewatchError):
    """WeasyPrint or the system libraries it needs are not installed."""


class WatchlistError(TiewatchError):
    """A watchlist is missing or malformed."""
