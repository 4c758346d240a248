"""``tiewatch process`` and ``tiewatch stats``."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tiewatch.cli.common import app, err, get_state, load_nlp, open_store, out, progress_bar
from tiewatch.errors import TiewatchError
from tiewatch.models import Annotation, Document
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from tiewatch.store import Store


@app.command()
def process(
    ctx: typer.Context,
    reprocess: Annotated[
        bool, typer.Option(help="Re-extract every document, not only new ones.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Process at most this many.")] = None,
) -> None:
    """Extract events, quotes and figures from every unprocessed document."""
    settings = get_state(ctx).settings
    with open_store(settings) as store:
        status = None if reprocess else "new"
        documents = list(store.iter_documents(status=status))[:limit]
        if not documents:
            out.print("nothing to process")
            return
        nlp = load_nlp(settings)
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
    with progress_bar() as progress:
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
    settings = get_state(ctx).settings
    with open_store(settings) as store:
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
