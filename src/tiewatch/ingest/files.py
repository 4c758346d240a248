"""Files and folders to Documents: ``.txt .md .html .htm .json .jsonl``."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from tiewatch.errors import EmptyInputError, IngestError, RecordError
from tiewatch.ingest.common import (
    build_document,
    check_size,
    clean_field,
    decode_bytes,
    make_failure,
    one_line,
    parse_published,
)
from tiewatch.ingest.html import decode_html, parse_html
from tiewatch.ingest.records import parse_json_records, read_jsonl
from tiewatch.models import Document, Failure
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

SUFFIXES: Mapping[str, str] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S | re.M)
_MAX_TITLE_CHARS = 150


def read_path(
    path: str | Path, *, settings: Settings, now: datetime | None = None
) -> Iterator[Document | Failure]:
    """Every document in a file, or in the files of a folder (recursive, sorted by path).

    In a folder, hidden files and files of unknown type are skipped; a file named
    explicitly that cannot be read becomes a Failure like any other bad input.
    """
    path = Path(path)
    if path.is_dir():
        for file in iter_files(path):
            yield from _read_file(file, settings=settings, now=now)
    elif path.is_file():
        yield from _read_file(path, settings=settings, now=now)
    elif path.exists():
        yield make_failure(str(path), IngestError("not a regular file or folder"), now=now)
    else:
        yield make_failure(str(path), IngestError("no such file or folder"), now=now)


def iter_files(folder: Path) -> Iterator[Path]:
    """The readable files under ``folder`` in sorted order, hidden ones left out."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        hidden = any(part.startswith(".") for part in relative.parts)
        if not hidden and path.suffix.lower() in SUFFIXES and path.is_file():
            yield path


def parse_text(
    text: str,
    *,
    source: str | None,
    settings: Settings,
    metadata: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> Document:
    """A ``.txt``/``.md`` text with optional YAML front matter.

    Front matter fields (``title``, ``outlet``, ``published`` or ``date``, ``url``, ``id``)
    win over ``metadata``, which gives defaults. Without a title, a short first line is
    taken as the title.
    """
    front, body = split_front_matter(text.removeprefix("\ufeff"))
    fields = {**(metadata or {}), **front}
    return build_document(
        body,
        settings=settings,
        source=source,
        title=clean_field(fields.get("title")) or guess_title(body),
        url=clean_field(fields.get("url")),
        outlet=clean_field(fields.get("outlet")),
        published=parse_published(fields.get("published", fields.get("date"))),
        external_id=clean_field(fields.get("id")),
        now=now,
    )


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body). Text without a closed ``---`` block has no front matter."""
    text = text.replace("\r\n", "\n")
    found = _FRONT_MATTER.match(text)
    if found is None:
        return {}, text
    try:
        data = yaml.safe_load(found.group(1))
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise RecordError(f"malformed front matter: {problem}") from exc
    except RecursionError as exc:  # "[[[[..." deeper than the interpreter's stack (#7)
        raise RecordError("malformed front matter: nested too deeply") from exc
    except ValueError as exc:  # an integer over Python's 4,300-digit limit (#7)
        raise RecordError(f"malformed front matter: {one_line(str(exc))}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RecordError("front matter is not a mapping of fields")
    return {str(key): value for key, value in data.items()}, text[found.end() :]


def guess_title(body: str) -> str | None:
    """The first line, when it is short and more text follows it."""
    lines = [line.strip() for line in body.strip().split("\n")]
    if len(lines) < 2 or not lines[0]:
        return None
    title = one_line(lines[0].lstrip("#"))
    return title if 0 < len(title) <= _MAX_TITLE_CHARS else None


def read_file_bytes(path: Path, *, settings: Settings) -> bytes:
    """The file's bytes, its size checked against the limit before anything is read."""
    size = path.stat().st_size
    check_size(size, settings=settings, what="file")
    if size == 0:
        raise EmptyInputError("empty file")
    with path.open("rb") as stream:
        data = stream.read(settings.max_document_bytes + 1)
    check_size(len(data), settings=settings, what="file")  # it may have grown meanwhile
    return data


def _read_file(
    path: Path, *, settings: Settings, now: datetime | None
) -> Iterator[Document | Failure]:
    kind = SUFFIXES.get(path.suffix.lower())
    source = str(path)
    if kind is None:
        error = IngestError(f"unsupported file type {path.suffix or '(none)'!r}")
        yield make_failure(source, error, now=now)
    elif kind == "jsonl":
        yield from read_jsonl(path, settings=settings, now=now)
    else:
        try:
            data = read_file_bytes(path, settings=settings)
            if kind == "json":
                yield from parse_json_records(
                    decode_bytes(data), source=source, settings=settings, now=now
                )
            else:
                yield _parse_file(data, kind=kind, source=source, settings=settings, now=now)
        except IngestError as exc:
            yield make_failure(source, exc, now=now)
        except OSError as exc:
            yield make_failure(source, IngestError(f"cannot read file: {exc.strerror}"), now=now)


def _parse_file(
    data: bytes, *, kind: str, source: str, settings: Settings, now: datetime | None
) -> Document:
    if kind == "html":
        return parse_html(decode_html(data), url=None, settings=settings, source=source, now=now)
    return parse_text(decode_bytes(data), source=source, settings=settings, now=now)
