"""JSON and JSONL records (the shape of ``shared/corpus/statements.jsonl``) to Documents."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO

from tiewatch.errors import DecodeError, EmptyInputError, IngestError, RecordError, TooLargeError
from tiewatch.ingest.common import (
    build_document,
    clean_field,
    decode_bytes,
    make_failure,
    one_line,
    parse_published,
)
from tiewatch.models import Document, Failure
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

_SNIFF_BYTES = 8192


def document_from_record(
    record: object,
    *,
    source: str | None,
    settings: Settings,
    now: datetime | None = None,
) -> Document:
    """One record (``id``, ``title``, ``outlet``, ``published``, ``text``, ``url``) to a Document.

    Other fields are ignored. A record without usable text raises RecordError.
    """
    if not isinstance(record, Mapping):
        raise RecordError(f"record is a JSON {_json_type(record)}, not an object")
    text = record.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise RecordError("record has no text")
    if not isinstance(text, str):
        raise RecordError(f"record text is a JSON {_json_type(text)}, not a string")
    return build_document(
        text,
        settings=settings,
        source=source,
        title=clean_field(record.get("title")),
        url=clean_field(record.get("url")),
        outlet=clean_field(record.get("outlet")),
        published=parse_published(record.get("published")),
        external_id=clean_field(record.get("id")),
        now=now,
    )


def parse_json_records(
    text: str, *, source: str, settings: Settings, now: datetime | None = None
) -> Iterator[Document | Failure]:
    """A ``.json`` file's text: one record, or a list of records (each fails alone)."""
    try:
        value = load_json(text)
    except RecordError as exc:
        yield make_failure(source, exc, now=now)
        return
    if isinstance(value, dict):
        yield _record_or_failure(value, source=source, settings=settings, now=now)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            item_source = f"{source}[{index}]"
            yield _record_or_failure(item, source=item_source, settings=settings, now=now)
    else:
        error = RecordError(f"JSON holds a {_json_type(value)}, not an object or a list")
        yield make_failure(source, error, now=now)


def read_jsonl(
    path: Path, *, settings: Settings, now: datetime | None = None
) -> Iterator[Document | Failure]:
    """Stream a ``.jsonl`` file: each line is read with the size cap and fails alone.

    A bad line becomes a Failure whose input is ``path:LINE``.
    """
    try:
        with path.open("rb") as stream:
            _check_not_binary(stream)
            yield from _read_lines(stream, path=path, settings=settings, now=now)
    except IngestError as exc:
        yield make_failure(str(path), exc, now=now)
    except OSError as exc:
        yield make_failure(str(path), IngestError(f"cannot read file: {exc.strerror}"), now=now)


def _read_lines(
    stream: IO[bytes], *, path: Path, settings: Settings, now: datetime | None
) -> Iterator[Document | Failure]:
    found = False
    for lineno, line in _iter_lines(stream, limit=settings.max_document_bytes):
        if line is not None and not line.strip():
            continue
        found = True
        source = f"{path}:{lineno}"
        try:
            yield _document_from_line(line, source=source, settings=settings, now=now)
        except IngestError as exc:
            yield make_failure(source, exc, now=now)
    if not found:
        raise EmptyInputError("no records in file")


def _document_from_line(
    line: bytes | None, *, source: str, settings: Settings, now: datetime | None
) -> Document:
    if line is None:
        raise TooLargeError(f"line is over the {settings.max_document_bytes}-byte limit")
    record = load_json(decode_bytes(line.rstrip(b"\r\n")))
    return document_from_record(record, source=source, settings=settings, now=now)


def _iter_lines(stream: IO[bytes], *, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; the line is None when it is longer than ``limit`` bytes.

    A long line is skipped in chunks, so no line over the cap is held in memory.
    """
    lineno = 0
    while line := stream.readline(limit + 1):
        lineno += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield lineno, line
            continue
        while (rest := stream.readline(1 << 16)) and not rest.endswith(b"\n"):
            pass
        yield lineno, None


def _check_not_binary(stream: IO[bytes]) -> None:
    head = stream.read(_SNIFF_BYTES)
    if b"\x00" in head:
        raise DecodeError("binary file (NUL bytes)")
    stream.seek(0)


def _record_or_failure(
    record: object, *, source: str, settings: Settings, now: datetime | None
) -> Document | Failure:
    try:
        return document_from_record(record, source=source, settings=settings, now=now)
    except IngestError as exc:
        return make_failure(source, exc, now=now)


def load_json(text: str) -> object:
    """``json.loads``, with every way it can fail on hostile input as a RecordError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(exc) from exc
    except RecursionError as exc:  # "[[[[..." deeper than the interpreter's stack (#7)
        raise RecordError("malformed JSON: nested too deeply") from exc
    except ValueError as exc:  # an integer literal over Python's 4,300-digit limit (#7)
        raise RecordError(f"malformed JSON: {one_line(str(exc))}") from exc


def _json_error(exc: json.JSONDecodeError) -> RecordError:
    where = f"line {exc.lineno}, column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
    return RecordError(f"malformed JSON: {exc.msg} ({where})")


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
