"""``tiewatch serve`` (#5): the token comes from TIEWATCH_TOKEN at run time only; a real
uvicorn run on 127.0.0.1 answers the API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from tiewatch.cli import app
from tiewatch.store import Store
from web_corpus import fill_store


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    with Store.open(url) as store:
        fill_store(store)
    return url


def _run(db_url: str, args: list[str], env: dict[str, str], monkeypatch: Any) -> tuple[Any, Any]:
    started: dict[str, Any] = {}

    def fake_run(application: Any, **options: Any) -> None:
        started.update(options, app=application)

    monkeypatch.setattr("uvicorn.run", fake_run)
    result = CliRunner().invoke(app, ["--db", db_url, "serve", *args], env=env)
    return result, started


@pytest.mark.parametrize(("token", "writes"), [("s3cret", True), ("", False)])
def test_serve_reads_the_token_at_run_time(
    db_url: str, monkeypatch: pytest.MonkeyPatch, token: str, writes: bool
) -> None:
    result, started = _run(db_url, ["--port", "8123"], {"TIEWATCH_TOKEN": token}, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.stdout
    assert ("writes on" if writes else "writes off") in result.stdout
    assert started["host"] == "127.0.0.1" and started["port"] == 8123
    assert started["app"].state.context.token == (token or None)


def test_serve_refuses_an_unknown_watchlist(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    result, started = _run(db_url, ["--watch", "no-such-list"], {}, monkeypatch)
    assert result.exit_code == 1 and not started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_on_loopback(db_url: str) -> None:
    port = _free_port()
    env = {**os.environ, "TIEWATCH_TOKEN": "t0ken"}
    command = [sys.executable, "-m", "tiewatch", "--db", db_url, "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        body = _get_when_up(f"http://127.0.0.1:{port}/api/v1/events?per_page=1")
        assert body["total"] == 9
        denied = httpx.post(f"http://127.0.0.1:{port}/api/v1/corrections", json={}, timeout=5)
        assert denied.status_code == 401
    finally:
        server.terminate()
        server.wait(timeout=10)
        assert server.stdout is not None and server.stderr is not None
        server.stdout.close()
        server.stderr.close()


def _get_when_up(url: str) -> Any:
    deadline = time.monotonic() + 30
    while True:
        try:
            return httpx.get(url, timeout=5).json()
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
