"""Oversized and malformed requests against a real ``tiewatch serve`` (uvicorn on 127.0.0.1)
(#7): each is refused with a 4xx, nothing is stored, and the server keeps answering, also
while a hundred connections sit open with half-sent headers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tiewatch.store import Store
from web_corpus import fill_store

TOKEN = "hardening-server-token-0123"
CAP = 100_000  # max_request_bytes for this server
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(base URL, database URL) of a running server with writes on."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serve') / 'serve.db'}"
    with Store.open(url) as store:
        fill_store(store)
    port = free_port()
    env = {**os.environ, "TIEWATCH_TOKEN": TOKEN, "TIEWATCH_MAX_REQUEST_BYTES": str(CAP)}
    command = [sys.executable, "-m", "tiewatch", "--db", url, "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        yield base, url
    finally:
        process.terminate()
        process.wait(timeout=15)


def wait_until_up(base: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/v1/openapi.json", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def documents(url: str) -> int:
    with Store.open(url) as store:
        return store.count_documents()


def still_up(base: str) -> None:
    response = httpx.get(f"{base}/api/v1/events", params={"per_page": 1}, timeout=10)
    assert response.status_code == 200


def chunks(total: int) -> Iterator[bytes]:
    yield b'{"text": "'
    for _ in range(total // 65_536):
        yield b"word " * 13_107
    yield b'"}'


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(lambda: b'{"text": "' + b"word " * 1_000_000 + b'"}', id="5MB-declared"),
        pytest.param(lambda: chunks(5_000_000), id="5MB-chunked"),
    ],
)
@pytest.mark.parametrize("token", [True, False], ids=["token", "no-token"])
def test_oversized_bodies_are_refused(server: tuple[str, str], body: object, token: bool) -> None:
    base, url = server
    before = documents(url)
    headers = HEADERS if token else {"Content-Type": "application/json"}
    assert callable(body)
    try:
        response = httpx.post(f"{base}/api/v1/ingest", content=body(), headers=headers, timeout=30)
        assert response.status_code in (401, 413), response.status_code
    except httpx.TransportError:
        pass  # the server may close the connection once it has refused the body
    assert documents(url) == before
    still_up(base)


def raw_status(port: int, request: bytes) -> int | None:
    """Send ``request`` as bytes; the response's status, or None if the server hung up."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        try:
            sock.sendall(request)
            reply = sock.recv(4096)
        except (ConnectionResetError, BrokenPipeError):
            return None
    return int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else None


def request(target: str, headers: dict[str, str]) -> bytes:
    lines = [
        f"GET {target} HTTP/1.1",
        "Host: 127.0.0.1",
        *(f"{k}: {v}" for k, v in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


@pytest.mark.parametrize(
    ("target", "headers"),
    [
        ("/api/v1/events?q=" + "a" * 100_000, {}),
        ("/events?" + "&".join(f"p{n}=x" for n in range(5_000)), {}),
        ("/api/v1/events", {f"X-Filler-{n}": "y" * 1000 for n in range(200)}),
        ("/api/v1/events", {"Content-Length": "-1"}),
        ("/../../etc/passwd", {}),
        ("http://evil.example.com/api/v1/events", {}),
    ],
    ids=["100kB-url", "5000-params", "200kB-headers", "bad-length", "dot-dot", "absolute"],
)
def test_malformed_requests_get_no_server_error(
    server: tuple[str, str], target: str, headers: dict[str, str]
) -> None:
    base, _ = server
    status = raw_status(int(base.rsplit(":", 1)[1]), request(target, headers))
    assert status is None or status < 500
    still_up(base)


def test_a_foreign_host_header_is_refused(server: tuple[str, str]) -> None:
    base, _ = server
    response = httpx.get(f"{base}/api/v1/events", headers={"Host": "evil.example.com"})
    assert response.status_code == 400


def test_half_sent_requests_do_not_block_others(server: tuple[str, str]) -> None:
    base, _ = server
    port = int(base.rsplit(":", 1)[1])
    idle = []
    try:
        for _ in range(100):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            idle.append(sock)
        started = time.perf_counter()
        still_up(base)
        assert time.perf_counter() - started < 5
    finally:
        for sock in idle:
            sock.close()
