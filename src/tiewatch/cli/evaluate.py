"""``tiewatch eval``: annotate gold documents, score them as GUIDE.md says, and optionally
the peer test sets; ``--report`` writes the accuracy report (docs/accuracy.md)."""

from __future__ import annotations

import json
import shlex
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiewatch import evaluation, export
from tiewatch.accuracy_report import GoldSetResult, render_accuracy_report
from tiewatch.cli.annotate import annotate_one, parse_date, read_document
from tiewatch.cli.common import app, err, fail, get_state, load_nlp, out
from tiewatch.errors import TiewatchError
from tiewatch.models import Document, content_hash
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from tiewatch.peer import PeerScore, PeerSentence


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    gold_dirs: Annotated[
        list[Path], typer.Argument(help="Folders of <id>.txt + <id>.json gold files.")
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Keep the annotations here (<id>.json).")
    ] = None,
    peer_dir: Annotated[
        Path | None,
        typer.Option("--peer", help="Also score the peer test sets in this folder (shared/peer)."),
    ] = None,
    report: Annotated[
        Path | None, typer.Option(help="Write a Markdown accuracy report with error analysis.")
    ] = None,
) -> None:
    """Annotate every gold document and print precision, recall and F1 (GUIDE.md scoring);
    with --peer, also the agreement with the peer test sets."""
    settings = get_state(ctx).settings
    try:
        for gold_dir in gold_dirs:
            evaluation.gold_files(gold_dir)
    except TiewatchError as exc:
        raise typer.Exit(fail(str(exc))) from exc
    nlp = load_nlp(settings)
    with tempfile.TemporaryDirectory() as scratch:
        base = out_dir or Path(scratch)
        results = [
            _evaluate_set(nlp, gold_dir, _set_dir(base, gold_dir, many=len(gold_dirs) > 1),
                          settings=settings)
            for gold_dir in gold_dirs
        ]  # fmt: skip
    peers = _score_peers(nlp, peer_dir, settings=settings) if peer_dir else []
    if report is not None:
        command = "tiewatch " + " ".join(shlex.quote(arg) for arg in sys.argv[1:])
        report.write_text(render_accuracy_report(results, peers, command=command), "utf-8")
        err.print(f"wrote {report}")


def _set_dir(base: Path, gold_dir: Path, *, many: bool) -> Path:
    target = base / gold_dir.resolve().name if many else base
    target.mkdir(parents=True, exist_ok=True)
    return target


def _evaluate_set(
    nlp: Language, gold_dir: Path, target: Path, *, settings: Settings
) -> GoldSetResult:
    for path in evaluation.gold_files(gold_dir):
        _annotate_gold(nlp, path, target, settings=settings)
    scores = evaluation.score_directories(gold_dir, target)
    lines = evaluation.format_report(scores)
    for line in lines:
        out.print(line)
    return GoldSetResult(
        name=str(gold_dir),
        lines=tuple(lines),
        figures=evaluation.figures(evaluation.total(scores)),
        errors=evaluation.error_analysis(gold_dir, target),
    )


def _annotate_gold(nlp: Language, gold_path: Path, out_dir: Path, *, settings: Settings) -> None:
    meta = evaluation.load_json(gold_path).get("doc", {})
    text_path = gold_path.with_suffix(".txt")
    if not text_path.exists():
        err.print(f"[yellow]warning:[/yellow] {text_path} missing; scored as no output")
        return
    document = read_document(
        text_path, published=parse_date(meta.get("published")), title=meta.get("title"),
        outlet=meta.get("outlet"), doc_id=meta.get("id") or gold_path.stem, settings=settings,
    )  # fmt: skip
    record = export.annotation_to_gold(annotate_one(nlp, document, settings=settings))
    (out_dir / gold_path.name).write_text(json.dumps(record, ensure_ascii=False, indent=1))


def _score_peers(nlp: Language, peer_dir: Path, *, settings: Settings) -> list[PeerScore]:
    """One line per peer set found: its name, the share that agrees, the commonest errors."""
    from tiewatch import peer

    sets = [
        ("plover", "PLOVER_GSR_CAMEO.txt", peer.read_plover_gsr, peer.score_types),
        ("conflibert", "cameo_class_test.tsv", peer.read_cameo_classes, peer.score_quads),
        ("universalpetrarch", "PETR2_GSR_validation.xml", peer.read_petrarch_validation,
         peer.score_types),
    ]  # fmt: skip
    results = []
    for folder, name, read, score in sets:
        path = peer_dir / folder / name
        if not path.exists():
            err.print(f"[yellow]warning:[/yellow] {path} not found; skipped")
            continue
        sentences = read(path)
        result = score(f"{folder}/{name}", sentences, _predict_types(nlp, sentences, settings))
        out.print(
            f"PEER {result.name}: {result.correct}/{result.sentences} = {result.accuracy:.3f} "
            f"({result.detail})"
        )
        results.append(result)
    return results


def _predict_types(
    nlp: Language, sentences: Sequence[PeerSentence], settings: Settings
) -> dict[str, list[str]]:
    from tiewatch.extract.annotate import annotate_documents

    documents = [
        Document(id=content_hash(f"{s.id}\n{s.text}"), text=s.text, published=s.published,
                 external_id=s.id)
        for s in sentences
    ]  # fmt: skip
    predicted: dict[str, list[str]] = {}
    for annotation in annotate_documents(nlp, documents, settings=settings):
        key = annotation.document.external_id or annotation.document.id
        predicted[key] = [event.type for event in annotation.events]
    return predicted
