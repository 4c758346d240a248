"""Helpers every ingest reader shares: decoding bytes, reading dates, building Documents."""

from __future__ import annotations

import codecs
import logging
import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from tiewatch.errors import DecodeError, EmptyInputError, IngestError, TooLargeError
from tiewatch.models import Document, Failure, content_hash
from tiewatch.settings import Settings

logger = logging.getLogger(__name__)

# The settings the issue asks for, plus three that keep dateparser from filling a
# missing part from today (#2 "never default to today"): a bare year gets January,
# a date without a year is no date, and "yesterday" or "2 days ago" are not parsed.
DATEPARSER_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": False,
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PREFER_MONTH_OF_YEAR": "first",
    "REQUIRE_PARTS": ["year"],
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_WS = re.compile(r"\s+")
# A lone UTF-16 surrogate cannot be written as UTF-8 (nor stored), and PostgreSQL text holds
# no NUL: JSON escapes like "\ud800" or "\u0000" and codecs like utf-7 produce them from
# hostile or truncated input (#7).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Python codecs that are not character encodings of documents: a page that declares one is
# broken or hostile (unicode_escape turns "\ud800" into a surrogate and warns on "\x") (#7).
_NOT_TEXT_CODECS = frozenset(
    {"unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"}
)


def utc_now(now: datetime | None = None) -> datetime:
    """``now`` when a clock was injected, else the current time in UTC."""
    return now if now is not None else datetime.now(UTC)


def one_line(message: str) -> str:
    """Fold a message onto one line: a Failure reason is one line."""
    return _WS.sub(" ", message).strip()


def make_failure(source: str, error: IngestError, *, now: datetime | None = None) -> Failure:
    reason = one_line(str(error)) or type(error).__name__
    logger.info("ingest failed for %s: %s", source, reason)
    return Failure(input=source, stage="ingest", reason=reason, at=utc_now(now))


def decode_bytes(data: bytes, *, encoding: str = "utf-8") -> str:
    """Strictly decode ``data``; binary data and invalid text raise DecodeError."""
    if not data.strip():
        raise EmptyInputError("empty input")
    if data.startswith(_UTF16_BOMS):
        raise DecodeError("UTF-16 text is not supported: save it as UTF-8")
    if b"\x00" in data:
        raise DecodeError("binary data (NUL bytes)")
    try:
        if codecs.lookup(encoding).name in _NOT_TEXT_CODECS:
            raise LookupError(encoding)
        text = data.decode(encoding)
    except LookupError as exc:
        raise DecodeError(f"unknown text encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {encoding} at byte {exc.start}: {exc.reason}") from exc
    except UnicodeError as exc:  # codecs such as punycode raise the base class (#7)
        raise DecodeError(f"invalid {encoding}: {one_line(str(exc))}") from exc
    return scrub_text(text.removeprefix("\ufeff"))


def scrub_text(text: str) -> str:
    """``text`` with every NUL and lone surrogate replaced by U+FFFD, so that every
    backend can store it."""
    return _UNSTORABLE.sub("\ufffd", text)


def clean_field(value: object) -> str | None:
    """A metadata field as a stripped string; empty values and containers become None."""
    if value is None or isinstance(value, dict | list | tuple | set | bool):
        return None
    try:
        text = one_line(scrub_text(str(value)))
    except ValueError:  # an integer too long to print (over 4,300 digits) is no field (#7)
        return None
    return text or None


def parse_published(value: object) -> date | None:
    """A publication date from a record, front matter or page; None when there is none.

    ISO 8601 and RFC 2822 strings are read exactly; anything else goes to dateparser,
    which may not fill a missing year from today.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = clean_field(value)
    if text is None:
        return None
    return _parse_exact(text) or _parse_loose(text)


def _parse_exact(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # The date as written in the source's own time zone, not converted to UTC.
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_loose(text: str) -> date | None:
    import dateparser  # imported late: it takes a good part of a second to load

    parsed: datetime | None = dateparser.parse(text, settings=DATEPARSER_SETTINGS)
    if parsed is None:
        logger.debug("no date in %r", text)
        return None
    return parsed.date()


def normalize_text(text: str) -> str:
    """Unix line ends, no trailing spaces on lines, no blank lines at either end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def check_size(size: int, *, settings: Settings, what: str = "input") -> None:
    limit = settings.max_document_bytes
    if size > limit:
        raise TooLargeError(f"{what} is {size} bytes, over the {limit}-byte limit")


def build_document(
    text: str,
    *,
    settings: Settings,
    source: str | None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    external_id: str | None = None,
    now: datetime | None = None,
) -> Document:
    """A Document whose id is the content hash of its normalised text.

    Raises EmptyInputError for missing or too short text, TooLargeError over the limit.
    """
    text = normalize_text(scrub_text(text))
    if not text.strip():
        raise EmptyInputError("no text")
    check_size(len(text.encode("utf-8")), settings=settings, what="text")
    if len(text) < settings.min_document_chars:
        raise EmptyInputError(
            f"text too short ({len(text)} < {settings.min_document_chars} characters)"
        )
    return Document(
        id=content_hash(text),
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        ingested_at=utc_now(now),
        source=source,
        external_id=external_id,
    )
