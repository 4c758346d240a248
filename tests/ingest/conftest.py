"""A real HTTP server on 127.0.0.1 serving tests/ingest/fixtures, plus a few odd routes."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tiewatch.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
HUGE_CHUNK = b"<p>" + b"word " * 13_000 + b"</p>\n"  # 65 kB
HUGE_CHUNKS = 64  # about 4 MB in all, far over the test limit


@dataclass
class Server:
    base: str
    user_agents: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(SimpleHTTPRequestHandler):
    server: _Server

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(FIXTURES), **kwargs)

    def do_GET(self) -> None:
        self.server.state.user_agents.append(self.headers.get("User-Agent", ""))
        route = ROUTES.get(self.path.split("?")[0])
        try:
            if route is None:
                super().do_GET()
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading on purpose (size cap, timeout)

    def send_body(self, body: bytes, *, content_type: str | None, status: int = 200) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_feed(self, name: str, content_type: str | None) -> None:
        template = (FIXTURES / "feeds" / name).read_text("utf-8")
        body = template.replace("{base}", self.server.state.base).encode("utf-8")
        self.send_body(body, content_type=content_type)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _huge(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()  # no Content-Length: only streaming can enforce the cap
    for _ in range(HUGE_CHUNKS):
        handler.wfile.write(HUGE_CHUNK)


def _huge_declared(handler: _Handler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(10**9))
    handler.end_headers()
    handler.wfile.write(b"<html>")


def _redirect(handler: _Handler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "/articles/ferry.html")
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _slow(handler: _Handler) -> None:
    time.sleep(1.0)
    handler.send_body(b"<html><body><p>late</p></body></html>", content_type="text/html")


BINARY = bytes(range(256)) * 8
ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/feeds/harbour.rss": lambda h: h.send_feed("harbour.rss", "application/rss+xml"),
    "/feeds/valley.atom": lambda h: h.send_feed("valley.atom", "application/atom+xml"),
    "/feeds/untyped": lambda h: h.send_feed("harbour.rss", None),
    "/feeds/empty.rss": lambda h: h.send_body(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        content_type="application/rss+xml",
    ),
    "/gone": lambda h: h.send_error(404, "Not Found"),
    "/broken": lambda h: h.send_error(500, "Internal Server Error"),
    "/huge": _huge,
    "/huge-declared": _huge_declared,
    "/binary": lambda h: h.send_body(BINARY, content_type="application/octet-stream"),
    "/binary-as-html": lambda h: h.send_body(BINARY, content_type="text/html"),
    "/plain": lambda h: h.send_body(b"just some plain text " * 5, content_type="text/plain"),
    "/latin1": lambda h: h.send_body(
        "<html><body><article><p>Caf\u00e9 owners in the old town met the mayor on Monday to "
        "ask for longer terrace hours in summer.</p><p>The mayor promised an answer within "
        "a month.</p></article></body></html>".encode("latin-1"),
        content_type="text/html; charset=iso-8859-1",
    ),
    "/redirect": _redirect,
    "/slow": _slow,
}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: Server

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client hanging up mid-body is expected here


@pytest.fixture(scope="session")
def http_server() -> Iterator[Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    host, port = server.server_address[:2]
    server.state = Server(base=f"http://{host!s}:{port}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as http:
        yield http


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def settings() -> Settings:
    return Settings(max_document_bytes=200_000, min_document_chars=20, http_timeout=5.0)
