"""Shared wiring for the ``tiewatch`` commands: the app, settings, store, model, output."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tiewatch.errors import TiewatchError
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


def get_state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    return state if isinstance(state, State) else State()


@contextmanager
def open_store(settings: Settings) -> Iterator[Store]:
    from tiewatch.store import Store

    try:
        store = Store.open(settings.db)
    except TiewatchError as exc:
        raise typer.Exit(fail(f"cannot open store {settings.db}: {exc}")) from exc
    try:
        yield store
    finally:
        store.close()


def fail(message: str) -> int:
    err.print(f"[red]error:[/red] {message}", soft_wrap=True)
    return 1


def load_nlp(settings: Settings) -> Language:
    from tiewatch.nlp.pipeline import build_nlp

    with err.status("Loading the language model…"):
        return build_nlp(settings)


@contextmanager
def progress_bar() -> Iterator[Progress]:
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
