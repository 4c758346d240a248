"""CSV and JSONL downloads of a filtered list, streamed (#5); the writers of ``export.py``."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any, Literal

from fastapi.responses import StreamingResponse

from tiewatch.export import write_csv, write_jsonl

ListFormat = Literal["json", "csv", "jsonl"]
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
CHUNK_RECORDS = 500
DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
        "description": "JSON, or with format=csv|jsonl the whole filtered list as a file",
    }
}


def download(records: Iterable[dict[str, Any]], fmt: str, *, name: str) -> StreamingResponse:
    """``records`` as an attachment ``NAME.csv`` or ``NAME.jsonl``."""
    return StreamingResponse(
        _chunks(records, fmt),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def _chunks(records: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    batch: list[dict[str, Any]] = []
    header: list[str] | None = None
    for record in records:
        batch.append(record)
        if len(batch) == CHUNK_RECORDS:
            yield _write(batch, fmt, header)
            header = header or list(batch[0])
            batch = []
    if batch or header is None:
        yield _write(batch, fmt, header)


def _write(batch: list[dict[str, Any]], fmt: str, header: list[str] | None) -> str:
    sink = io.StringIO()
    if fmt == "jsonl":
        write_jsonl(batch, sink)
        return sink.getvalue()
    write_csv(batch, sink)
    text = sink.getvalue()
    # Only the first chunk keeps the header line that write_csv puts first.
    return text.split("\n", 1)[1] if header is not None and text else text
