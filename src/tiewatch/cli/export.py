"""``tiewatch export``: what the store holds as JSONL, CSV, Parquet or PLOVER records."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tiewatch import export
from tiewatch.cli.common import app, err, fail, get_state, open_store
from tiewatch.errors import TiewatchError

if TYPE_CHECKING:
    from tiewatch.store import Store


@app.command("export")
def export_command(
    ctx: typer.Context,
    output_format: Annotated[
        str, typer.Option("--format", help="jsonl, csv, parquet or plover.")
    ] = "jsonl",
    table: Annotated[
        str, typer.Option(help="events, quotes, quantities or documents (plover: events).")
    ] = "events",
    out_path: Annotated[Path | None, typer.Option("--out", help="File (default: stdout).")] = None,
) -> None:
    """Export what the store holds."""
    if output_format not in export.EXPORT_FORMATS:
        raise typer.BadParameter(f"unknown format {output_format!r}", param_hint="--format")
    if table not in ("events", "quotes", "quantities", "documents"):
        raise typer.BadParameter(f"unknown table {table!r}", param_hint="--table")
    if output_format == "parquet" and out_path is None:
        raise typer.BadParameter("parquet needs --out FILE", param_hint="--out")
    settings = get_state(ctx).settings
    with open_store(settings) as store:
        records = _export_records(store, table, plover=output_format == "plover")
        try:
            count = _write_records(records, output_format, out_path)
        except TiewatchError as exc:
            raise typer.Exit(fail(str(exc))) from exc
    if out_path is not None:
        err.print(f"wrote {count} {table} record(s) to {out_path}")


def _export_records(store: Store, table: str, *, plover: bool) -> Iterator[dict[str, Any]]:
    if plover:
        documents = {d.id: d for d in store.iter_documents()}
        return export.plover_records(store.iter_corrected_events(), documents)
    if table == "documents":
        return (export.document_record(d, with_text=True) for d in store.iter_documents())
    if table == "quotes":
        return (export.quote_record(q) for q in store.iter_quotes())
    if table == "quantities":
        return (export.quantity_record(q) for q in store.iter_quantities())
    return (export.event_record(e) for e in store.iter_corrected_events())


def _write_records(records: Iterator[dict[str, Any]], fmt: str, path: Path | None) -> int:
    if fmt == "parquet":
        assert path is not None
        return export.write_parquet(records, path)
    writer = export.write_csv if fmt == "csv" else export.write_jsonl
    if path is None:
        return writer(records, sys.stdout)
    with path.open("w", encoding="utf-8", newline="") as sink:
        return writer(records, sink)
