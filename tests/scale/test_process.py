"""``tiewatch process`` on many workers gives the store one worker gives; killed runs resume.

The corpus is written here (invented statements); batches of two documents make every
run hand work to more than one worker.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewatch.cli import app
from tiewatch.store import Store

RECORDS = [
    ("Fisheries pact", "2025-02-03",
     "Norway and Iceland signed a fisheries agreement in Reykjavik on Monday.\n"
     "The two foreign ministers said the pact would protect cod stocks."),
    ("Tariffs", "2025-02-04",
     "The United States imposed tariffs of 25 percent on Canadian steel on Tuesday.\n"
     "Canada accused Washington of breaking the trade agreement."),
    ("Talks", "2025-02-05",
     "China and Japan held talks on maritime security in Tokyo on Wednesday.\n"
     '"We want calm waters," the Japanese foreign minister said.'),
    ("Aid", "2025-02-06",
     "Germany pledged 40 million euros in humanitarian aid to Sudan on Thursday.\n"
     "The money will pay for food and clean water."),
    ("Protest", "2025-02-07",
     "India protested to Pakistan over the shelling of a border village on Friday.\n"
     "New Delhi summoned the Pakistani envoy."),
    ("Visit", None,
     "France and Brazil agreed to cooperate on rainforest research.\n"
     "The French president will visit Brasilia in March."),
]  # fmt: skip
ENV = {"TIEWATCH_BATCH_SIZE": "2"}

# Runs in a child process: process one batch, then die as `kill -9` would.
KILLED_RUN = """
import os, signal, sys
from tiewatch.scale import process_store
from tiewatch.settings import Settings
from tiewatch.store import Store
url = sys.argv[1]
with Store.open(url) as store:
    for result in process_store(store, settings=Settings(db=url, batch_size=2)):
        os.kill(os.getpid(), signal.SIGKILL)
"""


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args, env=ENV)
    return result.exit_code, result.stdout + result.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scale") / "wire.jsonl"
    lines = [
        json.dumps({"id": f"s{n}", "title": title, "outlet": "Harbour Wire",
                    "published": published, "text": text})
        for n, (title, published, text) in enumerate(RECORDS)
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ingested(url: str, corpus: Path) -> list[str]:
    code, output = run(["--db", url, "ingest", str(corpus)])
    assert code == 0, output
    return ["--db", url]


def exported(db: list[str], tmp_path: Path) -> list[str]:
    """The store's events as sorted JSON lines (batches finish in any order)."""
    target = tmp_path / "events.jsonl"
    code, output = run([*db, "export", "--format", "jsonl", "--out", str(target)])
    assert code == 0, output
    return sorted(target.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The events of a one-worker run."""
    folder = tmp_path_factory.mktemp("reference")
    db = ingested(f"sqlite:///{folder / 'one.db'}", corpus)
    code, output = run([*db, "process", "--workers", "1"])
    assert code == 0 and "processed 6 document(s)" in output, output
    events = exported(db, folder)
    assert len(events) >= len(RECORDS)  # every invented statement holds an event
    yield events


@pytest.mark.model
def test_two_workers_store_what_one_stores(
    corpus: Path, reference: list[str], tmp_path: Path
) -> None:
    db = ingested(f"sqlite:///{tmp_path / 'two.db'}", corpus)
    code, output = run([*db, "process", "--workers", "2"])
    # Not "2 worker(s)": a worker that loads its model first may take every small batch.
    assert code == 0 and "processed 6 document(s)" in output, output
    assert exported(db, tmp_path) == reference
    assert run([*db, "process"])[1].strip() == "nothing to process"


@pytest.mark.model
def test_resume_after_partial_and_killed_runs(
    corpus: Path, reference: list[str], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'resume.db'}"
    db = ingested(url, corpus)
    assert run([*db, "process", "--workers", "1", "--limit", "1"])[0] == 0
    killed = subprocess.run([sys.executable, "-c", KILLED_RUN, url], check=False)
    assert killed.returncode == -signal.SIGKILL
    with Store.open(url) as store:
        assert store.count_documents(status="processed") == 3
        assert len(store.claimants()) == 1  # the dead run's next batch
    code, output = run([*db, "process", "--workers", "1"])
    assert code == 0 and "processed 3 document(s)" in output, output
    assert exported(db, tmp_path) == reference
    code, output = run([*db, "process", "--reprocess", "--workers", "1"])
    assert code == 0 and "processed 6 document(s)" in output, output
    assert exported(db, tmp_path) == reference


@pytest.mark.model
@pytest.mark.postgres
def test_dask_workers_write_into_postgresql(
    corpus: Path, reference: list[str], pg_url: str, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    db = ingested(pg_url, corpus)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as cluster,
    ):
        code, output = run([*db, "process", "--dask", cluster.scheduler_address])
    assert code == 0 and "processed 6 document(s)" in output, output
    assert exported(db, tmp_path) == reference
