"""Generated statements and a store's contents as multisets: shared by the crash-safety
and concurrency tests (#7). The text is invented here: acts between states, then a quote
or a figure, so that every document yields events and most a quote or a figure."""

from __future__ import annotations

import dataclasses
import json
import random
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from tiewatch.store import Store
from tiewatch.store.engine import create_store_engine

STATES = (
    "Norway", "Iceland", "China", "Japan", "Germany", "France", "India", "Pakistan",
    "Brazil", "Canada", "Mexico", "Turkey", "Egypt", "Kenya", "Chile", "Poland",
)  # fmt: skip
ACTS = (
    "signed a trade agreement with",
    "held talks with",
    "accused",
    "criticised",
    "pledged humanitarian aid to",
    "imposed sanctions on",
    "condemned",
    "praised",
    "threatened",
    "expelled diplomats from",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def statement(rng: random.Random, number: int) -> dict[str, str]:
    """One invented statement: an act between two states, then a quote or a figure."""
    source, target = rng.sample(STATES, 2)
    act = rng.choice(ACTS)
    text = f"{source} {act} {target} on {rng.choice(DAYS)}, officials said."
    if number % 2:
        text += f' "We expect progress on item {number}," the foreign minister of {source} said.'
    else:
        figure = rng.randint(2, 900)
        text += f" Exports from {source} to {target} rose by {figure} percent last year."
    published = date(2025, 1, 1) + timedelta(days=number % 300)
    return {"id": f"g{number}", "title": f"Statement {number}", "outlet": "Test Wire",
            "published": published.isoformat(), "text": text}  # fmt: skip


def write_corpus(path: Path, *, count: int, seed: int) -> Path:
    """``count`` generated statements as a JSONL file at ``path``."""
    rng = random.Random(seed)
    lines = [json.dumps(statement(rng, number)) for number in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command(url: str, *args: str) -> list[str]:
    """``tiewatch --db URL ARGS`` as a subprocess command line."""
    return [sys.executable, "-m", "tiewatch", "--db", url, *args]


def run_to_end(url: str, *args: str, env: dict[str, str]) -> str:
    """Run the command to completion (it must succeed); its standard output."""
    done = subprocess.run(command(url, *args), env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


@dataclasses.dataclass(frozen=True)
class Contents:
    """What a store holds, as multisets of records without ids or timestamps."""

    documents: Counter[object]
    sentences: Counter[object]
    events: Counter[object]
    quotes: Counter[object]
    quantities: Counter[object]
    rows: dict[str, int]
    claims: int


def contents(url: str) -> Contents:
    with Store.open(url) as store:
        documents = [
            (dataclasses.replace(d, ingested_at=None), status)
            for status in ("new", "processed", "failed")
            for d in store.iter_documents(status=status)
        ]
        sentences = [s for d, _ in documents for s in store.iter_sentences(d.id)]
        return Contents(
            documents=Counter(documents),
            sentences=Counter(sentences),
            events=Counter(store.iter_events()),
            quotes=Counter(store.iter_quotes()),
            quantities=Counter(store.iter_quantities()),
            rows=row_counts(url),
            claims=len(store.claimants()),
        )


def row_counts(url: str) -> dict[str, int]:
    """Raw row counts: a duplicate row the readers might hide still shows here."""
    engine = create_store_engine(url)
    try:
        with engine.connect() as conn:
            return {
                table: conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
                for table in ("documents", "sentences", "events", "quotes", "quantities")
            }
    finally:
        engine.dispose()
