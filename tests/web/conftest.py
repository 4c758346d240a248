"""Fixtures of the web tests (API, views, pages): a store built from hand-made annotations
(no language model), the application over it, and HTTP clients with and without the token.

``web_store`` is SQLite; ``any_web_store`` runs a test on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web.app import create_app
from web_corpus import TestClient, fill_store

TOKEN = "test-token-0123456789"


@pytest.fixture
def web_store(tmp_path: Path) -> Iterator[Store]:
    """SQLite store holding the brief corpus and the hostile document, all processed."""
    with Store.open(f"sqlite:///{tmp_path / 'web.db'}") as store:
        yield fill_store(store)


@pytest.fixture
def any_web_store(store: Store) -> Store:
    """The same content on each backend (``store`` is parametrised over SQLite/PostgreSQL)."""
    return fill_store(store)


@pytest.fixture
def token() -> str:
    return TOKEN


@pytest.fixture
def app(web_store: Store) -> FastAPI:
    """The application with writes on (token ``TOKEN``)."""
    return create_app(Settings(), store=web_store, token=TOKEN)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """An anonymous client (no Authorization header)."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def auth_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def readonly_app(web_store: Store) -> FastAPI:
    """The application with writes off (no token configured)."""
    return create_app(Settings(), store=web_store)


@pytest.fixture
def readonly_client(readonly_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(readonly_app) as test_client:
        yield test_client
