"""``tiewatch process`` and ``tiewatch stats``."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from tiewatch.cli.common import app, err, fail, get_state, open_store, out
from tiewatch.errors import TiewatchError
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from tiewatch.scale import BatchResult
    from tiewatch.store import Store


@dataclass
class ProcessTally:
    """What a run did, for the progress bar and the summary."""

    started: float = field(default_factory=time.perf_counter)
    documents: int = 0
    words: int = 0
    failed: int = 0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # per worker

    def add(self, result: BatchResult) -> None:
        self.documents += result.documents
        self.words += result.words
        self.failed += len(result.failures)
        peak = max(self.peak_rss_mb.get(result.worker, 0.0), result.peak_rss_mb)
        self.peak_rss_mb[result.worker] = peak

    def rates(self) -> str:
        seconds = max(time.perf_counter() - self.started, 1e-9)
        return f"{self.documents / seconds:,.1f} docs/s  {self.words / seconds:,.0f} words/s"


@app.command()
def process(
    ctx: typer.Context,
    reprocess: Annotated[
        bool, typer.Option(help="Re-extract every document, not only new ones.")
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Process at most this many.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes [default: the number of cores]."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            help="Run on the Dask scheduler at ADDRESS (tcp://host:8786); 'local' starts "
            "a LocalCluster of --workers processes. Needs the 'dask' extra.",
        ),
    ] = None,
) -> None:
    """Extract events, quotes and figures from every unprocessed document.

    A killed run loses nothing: run it again and it goes on where it stopped. Two runs on
    one store share the work. Docs: docs/scaling.md.
    """
    settings = get_state(ctx).settings
    if dask is not None:
        _quiet_dask()
    with open_store(settings) as store:
        if reprocess:
            store.reset_documents()
        todo = store.count_documents(status="new")
        todo = todo if limit is None else min(todo, limit)
        if not todo:
            out.print("nothing to process")
            return
        count = workers or _cores()
        tally = _process_store(store, settings, todo=todo, workers=count, dask=dask, limit=limit)
    _print_summary(tally)
    if tally.failed:
        raise typer.Exit(1)


def _process_store(
    store: Store,
    settings: Settings,
    *,
    todo: int,
    workers: int,
    dask: str | None,
    limit: int | None,
) -> ProcessTally:
    from tiewatch.scale import process_store

    tally = ProcessTally()
    results = process_store(store, settings=settings, workers=workers, dask=dask, limit=limit)
    with _progress() as progress:
        task = progress.add_task("Processing", total=todo, rates="")
        try:
            for result in results:
                tally.add(result)
                for document_id, reason in result.failures:
                    err.print(f"[red]error:[/red] {document_id}: {reason}", soft_wrap=True)
                progress.update(task, advance=result.documents, rates=tally.rates())
        except TiewatchError as exc:
            raise typer.Exit(fail(str(exc))) from exc
    return tally


def _print_summary(tally: ProcessTally) -> None:
    processed = tally.documents - tally.failed
    peak = max(tally.peak_rss_mb.values(), default=0.0)
    out.print(
        f"processed {processed} document(s); {tally.failed} failed "
        f"({tally.rates()}; {len(tally.peak_rss_mb)} worker(s), peak RSS {peak:,.0f} MB)"
    )


@contextmanager
def _progress() -> Iterator[Progress]:
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rates]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    with progress:
        yield progress


def _quiet_dask() -> None:
    """Make distributed's loggers follow --verbose like every other logger."""
    try:
        # Importing distributed sets its loggers to INFO; they propagate to the root
        # handler that `configure` installed.
        import distributed  # noqa: F401
    except ImportError:
        return  # the run itself reports the missing extra
    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())


def _cores() -> int:
    return len(os.sched_getaffinity(0))


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
