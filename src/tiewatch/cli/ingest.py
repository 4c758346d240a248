"""``tiewatch ingest``: inputs -> Documents -> store, with near-duplicate links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from tiewatch.cli.common import app, err, get_state, open_store, out, progress_bar
from tiewatch.models import Document, Failure

if TYPE_CHECKING:
    from tiewatch.store import Store


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

    settings = get_state(ctx).settings
    tally = IngestTally()
    with open_store(settings) as store, httpx.Client() as client:
        index = NearDuplicateIndex(settings.near_duplicate_bits)
        for doc_id, fingerprint in store.fingerprints():
            index.add(doc_id, fingerprint)
        with progress_bar() as progress:
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
