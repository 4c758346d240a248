"""``tiewatch annotate`` and ``tiewatch eval``: one document in, gold-format JSON out, and
the scores against gold files."""

from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiewatch import evaluation, export
from tiewatch.cli.common import app, err, fail, get_state, load_nlp, out
from tiewatch.errors import TiewatchError
from tiewatch.models import Annotation, Document, content_hash
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.language import Language

    from tiewatch.peer import PeerSentence


@app.command()
def annotate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A .txt or .md document.", exists=True)],
    published: Annotated[
        str | None, typer.Option(help="Publication date, YYYY-MM-DD (relative dates use it).")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Document title.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published it.")] = None,
    doc_id: Annotated[
        str | None, typer.Option("--id", help="Id to report (default: the file's stem).")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", help="Output format: json.")] = "json",
) -> None:
    """Annotate one document and print the gold-format JSON (the interface accuracy is scored
    through: keep it stable)."""
    if output_format != "json":
        raise typer.BadParameter("only --format json is supported", param_hint="--format")
    settings = get_state(ctx).settings
    try:
        document = _read_document(
            file,
            published=_parse_date(published),
            title=title,
            outlet=outlet,
            doc_id=doc_id or file.stem,
            settings=settings,
        )
        annotation = _annotate_one(load_nlp(settings), document, settings=settings)
    except TiewatchError as exc:
        raise typer.Exit(fail(f"{file}: {exc}")) from exc
    out.print_json(json.dumps(export.annotation_to_gold(annotation), ensure_ascii=False))


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not YYYY-MM-DD", param_hint="--published") from exc


def _read_document(
    path: Path, *, published: date | None, title: str | None, outlet: str | None,
    doc_id: str, settings: Settings,
) -> Document:  # fmt: skip
    from tiewatch.ingest.files import parse_text

    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.Exit(fail(f"{path}: cannot read as UTF-8 text: {exc}")) from exc
    document = parse_text(text, source=str(path), settings=settings, metadata={})
    return replace(
        document,
        published=published or document.published,
        title=title or document.title,
        outlet=outlet or document.outlet,
        external_id=doc_id,
    )


def _annotate_one(nlp: Language, document: Document, *, settings: Settings) -> Annotation:
    from tiewatch.extract.annotate import annotate_document

    return annotate_document(nlp, document, settings=settings)


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    gold_dir: Annotated[Path, typer.Argument(help="Folder of <id>.txt + <id>.json gold files.")],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Keep the annotations here (<id>.json).")
    ] = None,
    peer_dir: Annotated[
        Path | None,
        typer.Option("--peer", help="Also score the peer test sets in this folder (shared/peer)."),
    ] = None,
) -> None:
    """Annotate every gold document and print precision, recall and F1 (GUIDE.md scoring);
    with --peer, also the agreement with the peer test sets."""
    settings = get_state(ctx).settings
    try:
        gold_paths = evaluation.gold_files(gold_dir)
    except TiewatchError as exc:
        raise typer.Exit(fail(str(exc))) from exc
    with tempfile.TemporaryDirectory() as scratch:
        target = out_dir or Path(scratch)
        target.mkdir(parents=True, exist_ok=True)
        nlp = load_nlp(settings)
        for path in gold_paths:
            _annotate_gold(nlp, path, target, settings=settings)
        for line in evaluation.format_report(evaluation.score_directories(gold_dir, target)):
            out.print(line, soft_wrap=True)
        if peer_dir is not None:
            _score_peers(nlp, peer_dir, settings=settings)


def _score_peers(nlp: Language, peer_dir: Path, *, settings: Settings) -> None:
    """One line per peer set found: its name, the share that agrees, the commonest errors."""
    from tiewatch import peer

    sets = [
        ("plover", "PLOVER_GSR_CAMEO.txt", peer.read_plover_gsr, peer.score_types),
        ("conflibert", "cameo_class_test.tsv", peer.read_cameo_classes, peer.score_quads),
        ("universalpetrarch", "PETR2_GSR_validation.xml", peer.read_petrarch_validation,
         peer.score_types),
    ]  # fmt: skip
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


def _annotate_gold(nlp: Language, gold_path: Path, out_dir: Path, *, settings: Settings) -> None:
    meta = evaluation.load_json(gold_path).get("doc", {})
    text_path = gold_path.with_suffix(".txt")
    if not text_path.exists():
        err.print(f"[yellow]warning:[/yellow] {text_path} missing; scored as no output")
        return
    document = _read_document(
        text_path, published=_parse_date(meta.get("published")), title=meta.get("title"),
        outlet=meta.get("outlet"), doc_id=meta.get("id") or gold_path.stem, settings=settings,
    )  # fmt: skip
    record = export.annotation_to_gold(_annotate_one(nlp, document, settings=settings))
    (out_dir / gold_path.name).write_text(json.dumps(record, ensure_ascii=False, indent=1))
