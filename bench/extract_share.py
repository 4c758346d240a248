"""Where one worker's CPU goes: parsing (``nlp.pipe``) against extraction (#6).

``python bench/extract_share.py [--every 25] [--limit 90]`` parses a sample of
``shared/corpus/statements.jsonl`` (every N-th record, from the 8th), then extracts from the
parses, and prints the CPU seconds of each. ``--profile FILE`` also writes a cProfile of the
extraction. ``--dump FILE`` pickles the annotations, and ``--compare FILE`` checks them
against an earlier dump: a speed change must not change the output.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pickle
import time
from pathlib import Path
from typing import Any

from run import DEFAULT_CORPUS

from tiewatch.extract.annotate import build_annotation
from tiewatch.ingest.records import document_from_record
from tiewatch.models import Document
from tiewatch.nlp.pipeline import build_nlp, iter_parsed
from tiewatch.settings import Settings


def sample(corpus: Path, *, every: int, limit: int, settings: Settings) -> list[Document]:
    documents = []
    with corpus.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number % every == 7 and len(documents) < limit:
                record = json.loads(line)
                documents.append(
                    document_from_record(record, source=f"{corpus}:{number + 1}", settings=settings)
                )
    return documents


def cpu(work: Any) -> tuple[Any, float]:
    started = time.process_time()
    result = work()
    return result, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--every", type=int, default=25)
    parser.add_argument("--limit", type=int, default=90)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    settings = Settings()
    documents = sample(args.corpus, every=args.every, limit=args.limit, settings=settings)
    nlp, load = cpu(lambda: build_nlp(settings))
    parsed, parse = cpu(lambda: list(iter_parsed(nlp, documents, settings=settings)))
    build_annotation(nlp, *parsed[0])  # the lexicons load on first use: not per document
    profile = cProfile.Profile() if args.profile else None
    if profile:
        profile.enable()
    annotations, extract = cpu(lambda: [build_annotation(nlp, d, p) for d, p in parsed])
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    words = sum(len(document.text.split()) for document in documents)
    print(f"{len(documents)} documents, {words:,} words; CPU s: model load {load:.2f}, "
          f"parse {parse:.2f}, extract {extract:.2f} ({extract / parse:.0%} of parse)")  # fmt: skip
    output = [(a.sentences, a.events, a.quotes, a.quantities) for a in annotations]
    if args.dump:
        args.dump.write_bytes(pickle.dumps(output))
    if args.compare:
        earlier = pickle.loads(args.compare.read_bytes())  # a file this script wrote
        changed = sum(1 for old, new in zip(earlier, output, strict=True) if old != new)
        print(f"annotations that differ from {args.compare}: {changed} of {len(output)}")


if __name__ == "__main__":
    main()
