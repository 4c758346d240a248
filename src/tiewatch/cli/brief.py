"""``tiewatch brief``: the monthly tracker for a watchlist, as Markdown, HTML, JSON or PDF,
optionally polished through an OpenAI-compatible endpoint (``--llm``)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiewatch.cli.common import app, err, fail, get_state, open_store, out
from tiewatch.errors import TiewatchError

if TYPE_CHECKING:
    from tiewatch.analyze.watchlist import Watchlist
    from tiewatch.brief.model import Brief
    from tiewatch.store import Store

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
LLM_KEY_VARIABLE = "TIEWATCH_LLM_KEY"  # the endpoint's API key, if it needs one


@app.command("brief")
def brief_command(
    ctx: typer.Context,
    watch: Annotated[
        str, typer.Option(help="A built-in watchlist name or a watchlist YAML path.")
    ] = "china-russia-ukraine",
    month: Annotated[str, typer.Option(help="The month to brief, YYYY-MM.")] = "",
    output_format: Annotated[
        str, typer.Option("--format", help="md, html, json or pdf (pdf needs --out).")
    ] = "md",
    out_path: Annotated[Path | None, typer.Option("--out", help="File (default: stdout).")] = None,
    max_sentences: Annotated[
        int, typer.Option(help="At most this many source sentences in the body.", min=1)
    ] = 40,
    llm: Annotated[
        str | None,
        typer.Option(
            help="Polish the prose through this OpenAI-compatible endpoint (base URL or "
            f"full /v1/chat/completions URL); API key from {LLM_KEY_VARIABLE}."
        ),
    ] = None,
    llm_model: Annotated[str, typer.Option(help="Model name sent to --llm.")] = "default",
    llm_timeout: Annotated[
        float, typer.Option(help="Seconds to wait for each --llm answer.", min=0.1)
    ] = 60.0,
) -> None:
    """Write the monthly brief: themed, cited items, what changed, a dyad chart, sources."""
    from tiewatch.analyze.watchlist import load_watchlist

    _check_options(month, output_format, out_path)
    settings = get_state(ctx).settings
    started = time.perf_counter()
    try:
        watchlist = load_watchlist(watch)
        with open_store(settings) as store:
            brief = _build_from_store(
                store, watchlist=watchlist, month=month, max_sentences=max_sentences
            )
        if llm:
            brief = _polish(brief, llm, model=llm_model, timeout=llm_timeout)
        _write_brief(brief, output_format, out_path)
    except TiewatchError as exc:
        raise typer.Exit(fail(str(exc))) from exc
    elapsed = time.perf_counter() - started
    err.print(f"brief for {month}: {len(brief.sources)} source sentence(s), {elapsed:.1f} s")


def _check_options(month: str, output_format: str, out_path: Path | None) -> None:
    from tiewatch.brief.render import OUTPUT_FORMATS

    if not _MONTH.match(month):
        raise typer.BadParameter("give the month as YYYY-MM", param_hint="--month")
    if output_format not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"unknown format {output_format!r}", param_hint="--format")
    if output_format == "pdf" and out_path is None:
        raise typer.BadParameter("--format pdf writes a file: give --out", param_hint="--out")


def _polish(brief: Brief, url: str, *, model: str, timeout: float) -> Brief:
    import httpx

    from tiewatch.brief.polish import polish_brief

    with httpx.Client(timeout=timeout) as client:
        polished, report = polish_brief(
            brief, client, url=url, model=model, api_key=os.environ.get(LLM_KEY_VARIABLE)
        )
    err.print(f"llm: {report.summary()}")
    for problem in report.problems:
        err.print(f"  [yellow]llm error:[/yellow] {problem}", markup=True)
    return polished


def _build_from_store(
    store: Store, *, watchlist: Watchlist, month: str, max_sentences: int
) -> Brief:
    from tiewatch.analyze.rows import shift_month
    from tiewatch.brief.compose import WINDOW_MONTHS, BriefOptions, build_brief

    window = store.load_window(shift_month(month, -(WINDOW_MONTHS - 1)), month)
    return build_brief(
        window.documents,
        window.sentences,
        events=window.events,
        quotes=window.quotes,
        quantities=window.quantities,
        watchlist=watchlist,
        month=month,
        options=BriefOptions(max_sentences=max_sentences),
    )


def _write_brief(brief: Brief, fmt: str, path: Path | None) -> None:
    from tiewatch.brief.render import render_brief, render_chart

    if fmt == "pdf" and path is not None:
        from tiewatch.brief.pdf import render_pdf

        path.write_bytes(render_pdf(brief))
        err.print(f"wrote {path}")
        return
    chart_path = None
    if path is not None and fmt == "md":
        chart = path.with_suffix(".svg")
        chart.write_text(render_chart(brief), encoding="utf-8")
        chart_path = chart.name
    text = render_brief(brief, fmt, chart_path=chart_path)
    if path is None:
        out.print(text, markup=False, end="")
        return
    path.write_text(text, encoding="utf-8")
    err.print(f"wrote {path}" + (f" and {chart_path}" if chart_path else ""))
