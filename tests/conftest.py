"""Shared fixtures: hand-built spaCy Docs, the real model, and stores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pgcluster import ClusterUnavailableError, PgCluster, unavailable_reason

if TYPE_CHECKING:
    from tiewatch.store import Store


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files under tests/data/golden from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real pipeline (model + tiewatch components), loaded once per session."""
    from tiewatch.nlp.pipeline import build_nlp
    from tiewatch.settings import Settings

    return build_nlp(Settings())


@pytest.fixture
def make_doc(blank_nlp: Language) -> Callable[..., Doc]:
    """Build a Doc by hand: words, optional heads (absolute indices), deps, tags, ents.

    ``ents`` is a list of (start_token, end_token, label).
    """

    def build(
        words: Sequence[str],
        *,
        spaces: Sequence[bool] | None = None,
        heads: Sequence[int] | None = None,
        deps: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        pos: Sequence[str] | None = None,
        lemmas: Sequence[str] | None = None,
        ents: Sequence[tuple[int, int, str]] = (),
        sent_starts: Sequence[bool] | None = None,
    ) -> Doc:
        kwargs: dict[str, Any] = {"words": list(words)}
        for name, value in (
            ("spaces", spaces),
            ("heads", heads),
            ("deps", deps),
            ("tags", tags),
            ("pos", pos),
            ("lemmas", lemmas),
            ("sent_starts", sent_starts),
        ):
            if value is not None:
                kwargs[name] = list(value)
        doc = Doc(blank_nlp.vocab, **kwargs)
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
        return doc

    return build


# Stores: the same tests run on SQLite and on a throwaway PostgreSQL cluster (#2).


def _skip_or_fail_postgres(reason: str) -> NoReturn:
    if os.environ.get("TIEWATCH_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"TIEWATCH_REQUIRE_POSTGRES=1 but PostgreSQL is unavailable: {reason}")
    pytest.skip(f"PostgreSQL unavailable: {reason}")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A PostgreSQL 15 cluster for the session (skipped where it cannot run)."""
    reason = unavailable_reason()
    if reason is not None:
        _skip_or_fail_postgres(reason)
    try:
        cluster = PgCluster.start()
    except ClusterUnavailableError as exc:
        _skip_or_fail_postgres(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: PgCluster) -> Iterator[str]:
    """The URL of a fresh, empty database, dropped after the test."""
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend: the same test runs on SQLite and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 't.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


def _open_store(url: str) -> Iterator[Store]:
    from tiewatch.store import Store

    with Store.open(url) as store:
        yield store


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    yield from _open_store(store_url)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    yield from _open_store(f"sqlite:///{tmp_path / 't.db'}")


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    yield from _open_store(pg_url)
