"""Crash safety (#7): ``tiewatch ingest`` and ``tiewatch process``, killed with SIGKILL at
random (seeded) points several times and then run to completion, leave the store an
uninterrupted run leaves: the same documents, sentences, events, quotes and figures (as
multisets, ids and timestamps aside), no duplicate, no claim left, and on SQLite
``PRAGMA integrity_check`` = ok. On SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import hardening_corpus
import pytest
import sqlalchemy as sa
from hardening_corpus import Contents, command, contents, write_corpus

from pgcluster import PgCluster
from tiewatch.store import Store
from tiewatch.store.engine import create_store_engine

pytestmark = [pytest.mark.slow, pytest.mark.model]

DOCUMENTS = 240  # generated statements; the test runs in about a minute per backend
SEED = 7
INGEST_KILLS = 3
PROCESS_KILLS = 4
ENV = {"TIEWATCH_BATCH_SIZE": "8"}  # small transactions: kills land between and inside them


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "s.jsonl", count=DOCUMENTS, seed=SEED)


def run_to_end(url: str, *args: str) -> None:
    hardening_corpus.run_to_end(url, *args, env={**os.environ, **ENV})


def run_and_kill(url: str, *args: str, when: int, status: str | None, delay: float) -> bool:
    """Start the command and SIGKILL it (and any child) ``delay`` seconds after the store
    holds ``when`` documents of ``status``; False if it ended first."""
    child = subprocess.Popen(
        command(url, *args),
        env={**os.environ, **ENV},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    with Store.open(url) as store:
        while child.poll() is None and store.count_documents(status=status) < when:
            time.sleep(0.05)
    try:
        child.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        return True
    return False


def interrupted_run(url: str, corpus: Path) -> tuple[int, int]:
    """Ingest then process, each killed several times at seeded random points of their work
    (after a random number of documents, plus a random fraction of a second), then run to
    completion; how many kills landed while ingest and process were still at work."""
    rng = random.Random(SEED)
    Store.open(url).close()  # created and migrated: the test reads it while commands write
    ingest_kills = 0
    for when in sorted(rng.sample(range(DOCUMENTS), INGEST_KILLS)):
        ingest_kills += run_and_kill(
            url, "ingest", str(corpus), when=when, status=None, delay=rng.uniform(0, 0.3)
        )
    run_to_end(url, "ingest", str(corpus))
    process_kills = 0
    for when in sorted(rng.sample(range(DOCUMENTS * 3 // 4), PROCESS_KILLS)):
        process_kills += run_and_kill(
            url, "process", "--workers", "1", when=when, status="processed", delay=rng.uniform(0, 1)
        )
    with Store.open(url) as store:  # the kills did not all land before the first batch
        assert store.count_documents(status="processed") > 0
    run_to_end(url, "process", "--workers", "1")
    return ingest_kills, process_kills


def uninterrupted_run(url: str, corpus: Path) -> None:
    run_to_end(url, "ingest", str(corpus))
    run_to_end(url, "process", "--workers", "1")


def integrity_check(path: Path) -> str:
    engine = create_store_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return str(conn.execute(sa.text("PRAGMA integrity_check")).scalar_one())
    finally:
        engine.dispose()


def check_same(killed: Contents, reference: Contents) -> None:
    assert sum(reference.documents.values()) == DOCUMENTS
    assert reference.events and reference.quotes and reference.quantities
    for field in ("documents", "sentences", "events", "quotes", "quantities", "rows"):
        assert getattr(killed, field) == getattr(reference, field), field
    assert killed.rows["documents"] == DOCUMENTS
    assert killed.claims == 0


def test_killed_runs_on_sqlite_end_as_an_uninterrupted_run(corpus: Path, tmp_path: Path) -> None:
    started = time.perf_counter()
    reference = tmp_path / "reference.db"
    uninterrupted_run(f"sqlite:///{reference}", corpus)
    killed = tmp_path / "killed.db"
    ingest_kills, process_kills = interrupted_run(f"sqlite:///{killed}", corpus)
    assert ingest_kills >= 2 and process_kills >= 3, (ingest_kills, process_kills)
    check_same(contents(f"sqlite:///{killed}"), contents(f"sqlite:///{reference}"))
    assert integrity_check(killed) == "ok"
    assert time.perf_counter() - started < 180


@pytest.fixture
def two_databases(pg_cluster: PgCluster) -> Iterator[tuple[str, str]]:
    names = [pg_cluster.create_database(), pg_cluster.create_database()]
    yield pg_cluster.url(names[0]), pg_cluster.url(names[1])
    for name in names:
        pg_cluster.drop_database(name)


@pytest.mark.postgres
def test_killed_runs_on_postgresql_end_as_an_uninterrupted_run(
    corpus: Path, two_databases: tuple[str, str]
) -> None:
    reference, killed = two_databases
    uninterrupted_run(reference, corpus)
    ingest_kills, process_kills = interrupted_run(killed, corpus)
    assert ingest_kills >= 2 and process_kills >= 3, (ingest_kills, process_kills)
    check_same(contents(killed), contents(reference))
