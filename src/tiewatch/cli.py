"""The ``tiewatch`` command: the one place (with ``web/app.py``) that wires stages together,
reads the environment, prints and exits.

Docs: README.md ("Five-minute tour") and ``tiewatch COMMAND --help``.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tiewatch import __version__, evaluation, export
from tiewatch.errors import TiewatchError
from tiewatch.models import Annotation, Document, Failure
from tiewatch.settings import Settings, load_settings

if TYPE_CHECKING:
    from spacy.language import Language

    from tiewatch.store import Store

app = typer.Typer(
    help="Read news and official statements, extract PLOVER events, quotes and figures.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class State:
    settings: Settings = field(default_factory=Settings)


@app.callback()
def configure(
    ctx: typer.Context,
    db: Annotated[
        str | None, typer.Option(help="Database URL (default: TIEWATCH_DB or ./tiewatch.db).")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress.")] = False,
) -> None:
    """tiewatch: ingest, process, annotate, evaluate and export."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING)
    try:
        settings = load_settings(path=config, env=os.environ)
    except TiewatchError as exc:
        raise typer.BadParameter(str(exc)) from exc
    ctx.obj = State(settings=settings.with_overrides(db=db))


def _state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    return state if isinstance(state, State) else State()


@contextmanager
def _open_store(settings: Settings) -> Iterator[Store]:
    from tiewatch.store import Store

    try:
        store = Store.open(settings.db)
    except TiewatchError as exc:
        raise typer.Exit(_fail(f"cannot open store {settings.db}: {exc}")) from exc
    try:
        yield store
    finally:
        store.close()


def _fail(message: str) -> int:
    err.print(f"[red]error:[/red] {message}", soft_wrap=True)
    return 1


def _load_nlp(settings: Settings) -> Language:
    from tiewatch.nlp.pipeline import build_nlp

    with err.status("Loading the language model…"):
        return build_nlp(settings)


@app.command()
def version() -> None:
    """Print the tiewatch version."""
    out.print(f"tiewatch {__version__}")


@dataclass
class IngestTally:
    added: int = 0
    known: int = 0
    near_duplicates: int = 0
    undated: int = 0
    failed: int = 0


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or feed URLs.")],
) -> None:
    """Ingest files, folders (.txt .md .html .json .jsonl), web pages and RSS/Atom feeds."""
    import httpx

    from tiewatch.ingest import read_inputs
    from tiewatch.ingest.dedup import NearDuplicateIndex, link_near_duplicate, simhash

    settings = _state(ctx).settings
    tally = IngestTally()
    with _open_store(settings) as store, httpx.Client() as client:
        index = NearDuplicateIndex(settings.near_duplicate_bits)
        for doc_id, fingerprint in store.fingerprints():
            index.add(doc_id, fingerprint)
        with _progress() as progress:
            task = progress.add_task("Ingesting", total=None)
            for item in read_inputs(inputs, settings=settings, client=client):
                progress.advance(task)
                if isinstance(item, Failure):
                    _report_failure(store, item, tally)
                    continue
                if store.get_document(item.id) is not None:
                    tally.known += 1
                    continue
                fingerprint = simhash(item.text)
                document = link_near_duplicate(item, index, fingerprint=fingerprint)
                _add_document(store, document, fingerprint, tally)
    _print_ingest_summary(tally)
    if tally.failed:
        raise typer.Exit(1)


def _add_document(store: Store, document: Document, fingerprint: int, tally: IngestTally) -> None:
    if not store.add_document(document, fingerprint=fingerprint):
        tally.known += 1
        return
    tally.added += 1
    tally.near_duplicates += document.near_duplicate_of is not None
    tally.undated += document.published is None
    if document.published is None:
        err.print(f"[yellow]warning:[/yellow] {document.source}: no publication date (undated)")


def _report_failure(store: Store, failure: Failure, tally: IngestTally) -> None:
    tally.failed += 1
    err.print(f"[red]error:[/red] {failure.input}: {failure.reason}", soft_wrap=True)
    store.record_failure(failure)


def _print_ingest_summary(tally: IngestTally) -> None:
    out.print(
        f"ingested {tally.added} new document(s); {tally.known} already stored; "
        f"{tally.near_duplicates} near-duplicate(s) linked; {tally.undated} undated; "
        f"{tally.failed} failed"
    )


@app.command()
def process(
    ctx: typer.Context,
    reprocess: Annotated[
        bool, typer.Option(help="Re-extract every document, not only new ones.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Process at most this many.")] = None,
) -> None:
    """Extract events, quotes and figures from every unprocessed document."""
    settings = _state(ctx).settings
    with _open_store(settings) as store:
        status = None if reprocess else "new"
        documents = list(store.iter_documents(status=status))[:limit]
        if not documents:
            out.print("nothing to process")
            return
        nlp = _load_nlp(settings)
        failed = _process_documents(store, nlp, documents, settings=settings)
    out.print(f"processed {len(documents) - failed} document(s); {failed} failed")
    if failed:
        raise typer.Exit(1)


def _process_documents(
    store: Store, nlp: Language, documents: Sequence[Document], *, settings: Settings
) -> int:
    failed = 0
    words = 0
    started = time.perf_counter()
    with _progress() as progress:
        task = progress.add_task("Processing", total=len(documents))
        for start in range(0, len(documents), settings.batch_size):
            batch = documents[start : start + settings.batch_size]
            for document, result in _annotate_batch(nlp, batch, settings=settings):
                if isinstance(result, Annotation):
                    store.save_annotation(result)
                else:
                    failed += 1
                    err.print(f"[red]error:[/red] {document.source or document.id}: {result}")
                    store.mark_failed(document.id, result)
                words += len(document.text.split())
                rate = words / max(time.perf_counter() - started, 1e-9)
                progress.update(task, advance=1, description=f"Processing ({rate:,.0f} words/s)")
    return failed


def _annotate_batch(
    nlp: Language, batch: Sequence[Document], *, settings: Settings
) -> Iterator[tuple[Document, Annotation | str]]:
    """Annotate a batch with ``nlp.pipe``; if one document fails, redo the batch one by one
    so that only the broken document is recorded as failed."""
    from tiewatch.extract.annotate import annotate_document, annotate_documents

    try:
        annotations = list(annotate_documents(nlp, batch, settings=settings))
    except TiewatchError:
        annotations = []
    if len(annotations) == len(batch):
        yield from zip(batch, annotations, strict=True)
        return
    for document in batch:
        try:
            yield document, annotate_document(nlp, document, settings=settings)
        except TiewatchError as exc:
            yield document, str(exc)


@app.command()
def stats(ctx: typer.Context) -> None:
    """Show what the store holds, including recorded failures."""
    settings = _state(ctx).settings
    with _open_store(settings) as store:
        summary = store.stats()
        failures = store.failures()
    table = Table(title=f"tiewatch store: {settings.db}", show_header=False)
    for name in ("documents", "processed", "undated", "near_duplicates", "sentences"):
        table.add_row(name.replace("_", "-"), str(getattr(summary, name)))
    for name in ("events", "quotes", "quantities", "failures"):
        table.add_row(name, str(getattr(summary, name)))
    for kind, count in sorted(summary.events_by_type.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  {kind}", str(count))
    out.print(table)
    for failure in failures[-10:]:
        out.print(f"failed ({failure.stage}): {failure.input}: {failure.reason}", soft_wrap=True)


@app.command()
def annotate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .txt or .md document.", exists=True)],
    published: Annotated[
        str | None, typer.Option(help="Publication date, YYYY-MM-DD (relative dates use it).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Document title.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published it.")] = None,
    doc_id: Annotated[
        str | None, typer.Option("--id", help="Id to report (default: the file's stem).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="Output format: json.")] = "json",
) -> None:
    """Annotate one document and print the gold-format JSON (the interface accuracy is scored
    through: keep it stable)."""
    if output_format != "json":
        raise typer.BadParameter("only --format json is supported", param_hint="--format")
    settings = _state(ctx).settings
    try:
        document = _read_document(
            file,
            published=_parse_date(published),
            title=title,
            outlet=outlet,
            doc_id=doc_id or file.stem,
            settings=settings,
        )
        annotation = _annotate_one(_load_nlp(settings), document, settings=settings)
    except TiewatchError as exc:
        raise typer.Exit(_fail(f"{file}: {exc}")) from exc
    out.print_json(json.dumps(export.annotation_to_gold(annotation), ensure_ascii=False))


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not YYYY-MM-DD", param_hint="--published") from exc


def _read_document(
    path: Path, *, published: date | None, title: str | None, outlet: str | None,
    doc_id: str, settings: Settings,
) -> Document:  # fmt: skip
    from tiewatch.ingest.files import parse_text

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.Exit(_fail(f"{path}: cannot read as UTF-8 text: {exc}")) from exc
    document = parse_text(text, source=str(path), settings=settings, metadata={})
    return replace(
        document,
        published=published or document.published,
        title=title or document.title,
        outlet=outlet or document.outlet,
        external_id=doc_id,
    )


def _annotate_one(nlp: Language, document: Document, *, settings: Settings) -> Annotation:
    from tiewatch.extract.annotate import annotate_document

    return annotate_document(nlp, document, settings=settings)


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <id>.txt + <id>.json gold files.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Keep the annotations here (<id>.json).")
    ] = None,
) -> None:
    """Annotate every gold document and print precision, recall and F1 (GUIDE.md scoring)."""
    settings = _state(ctx).settings
    try:
        gold_paths = evaluation.gold_files(gold_dir)
    except TiewatchError as exc:
        raise typer.Exit(_fail(str(exc))) from exc
    with tempfile.TemporaryDirectory() as scratch:
        target = out_dir or Path(scratch)
        target.mkdir(parents=True, exist_ok=True)
        nlp = _load_nlp(settings)
        for path in gold_paths:
            _annotate_gold(nlp, path, target, settings=settings)
        for line in evaluation.format_report(evaluation.score_directories(gold_dir, target)):
            out.print(line, soft_wrap=True)


def _annotate_gold(nlp: Language, gold_path: Path, out_dir: Path, *, settings: Settings) -> None:
    meta = evaluation.load_json(gold_path).get("doc", {})
    text_path = gold_path.with_suffix(".txt")
    if not text_path.exists():
        err.print(f"[yellow]warning:[/yellow] {text_path} missing; scored as no output")
        return
    document = _read_document(
        text_path, published=_parse_date(meta.get("published")), title=meta.get("title"),
        outlet=meta.get("outlet"), doc_id=meta.get("id") or gold_path.stem, settings=settings,
    )  # fmt: skip
    record = export.annotation_to_gold(_annotate_one(nlp, document, settings=settings))
    (out_dir / gold_path.name).write_text(json.dumps(record, ensure_ascii=False, indent=1))


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
    settings = _state(ctx).settings
    with _open_store(settings) as store:
        records = _export_records(store, table, plover=output_format == "plover")
        try:
            count = _write_records(records, output_format, out_path)
        except TiewatchError as exc:
            raise typer.Exit(_fail(str(exc))) from exc
    if out_path is not None:
        err.print(f"wrote {count} {table} record(s) to {out_path}")


def _export_records(store: Store, table: str, *, plover: bool) -> Iterator[dict[str, Any]]:
    if plover:
        documents = {d.id: d for d in store.iter_documents()}
        return export.plover_records(store.iter_events(), documents)
    if table == "documents":
        return (export.document_record(d, with_text=True) for d in store.iter_documents())
    if table == "quotes":
        return (export.quote_record(q) for q in store.iter_quotes())
    if table == "quantities":
        return (export.quantity_record(q) for q in store.iter_quantities())
    return (export.event_record(e) for e in store.iter_events())


def _write_records(records: Iterator[dict[str, Any]], fmt: str, path: Path | None) -> int:
    if fmt == "parquet":
        assert path is not None
        return export.write_parquet(records, path)
    writer = export.write_csv if fmt == "csv" else export.write_jsonl
    if path is None:
        return writer(records, sys.stdout)
    with path.open("w", encoding="utf-8", newline="") as sink:
        return writer(records, sink)


@contextmanager
def _progress() -> Iterator[Progress]:
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    with progress:
        yield progress


def main() -> None:
    app()
