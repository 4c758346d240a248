"""``tiewatch serve``: the dashboard and JSON API over the store, with uvicorn (#5)."""

from __future__ import annotations

import os
import threading
from typing import Annotated, Any

import typer

from tiewatch.cli.common import app, err, fail, get_state, open_store, out
from tiewatch.errors import TiewatchError

TOKEN_VARIABLE = "TIEWATCH_TOKEN"  # the bearer token of the write endpoints; unset: writes off
LOOPBACK = ("127.0.0.1", "localhost", "::1")
WARM_JOIN_SECONDS = 30.0


@app.command("serve")
def serve_command(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option(help="Address to bind; the default serves this machine only.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=0, max=65535)] = 8000,
    watch: Annotated[
        str, typer.Option(help="A built-in watchlist name or a watchlist YAML path.")
    ] = "china-russia-ukraine",
) -> None:
    """Serve the dashboard and the JSON API (/api/v1). Corrections and ingest need a
    bearer token: set TIEWATCH_TOKEN to turn them on."""
    import uvicorn

    from tiewatch.analyze.watchlist import load_watchlist
    from tiewatch.web.app import create_app

    settings = get_state(ctx).settings
    token = os.environ.get(TOKEN_VARIABLE) or None
    try:
        load_watchlist(watch)  # fail here, not on the first page
    except TiewatchError as exc:
        raise typer.Exit(fail(str(exc))) from exc
    with open_store(settings) as store:
        application = create_app(
            settings, store=store, token=token, watchlist=watch, allowed_hosts=_hosts(host)
        )
        shown = f"[{host}]" if ":" in host else host
        out.print(f"tiewatch dashboard on http://{shown}:{port}/ (API: /api/v1/docs)")
        out.print(f"store: {store.url}")
        if token:
            out.print(
                f"writes on: corrections and ingest need 'Authorization: Bearer ${TOKEN_VARIABLE}'"
            )
        else:
            out.print(f"writes off: set {TOKEN_VARIABLE} to allow corrections and ingest")
        if host not in LOOPBACK:
            err.print(
                f"[yellow]warning:[/yellow] listening on {host}: reachable from other machines"
            )
        warming = _warm_in_background(application)
        uvicorn.run(application, host=host, port=port, log_level="warning")
        warming.join(timeout=WARM_JOIN_SECONDS)  # before the store closes


def _hosts(host: str) -> list[str] | None:
    """On loopback, answer only loopback Host headers (no DNS rebinding); elsewhere the
    names the server is reached by are not known here, so any."""
    if host in LOOPBACK:
        return ["127.0.0.1", "localhost", "[::1]", "::1"]
    return None


def _warm_in_background(application: Any) -> threading.Thread:
    """Compute the latest window's analyses while the server starts: on a large store they
    take seconds, and the overview is the first page anyone opens."""
    from tiewatch.web import views

    context = application.state.context

    def warm() -> None:
        try:
            views.overview(context.store, context.watchlist, cache=context.cache)
        except TiewatchError as exc:  # the page will show the error; the server goes on
            err.print(f"[yellow]warning:[/yellow] could not prepare the overview: {exc}")

    thread = threading.Thread(target=warm, name="tiewatch-warm", daemon=True)
    thread.start()
    return thread
