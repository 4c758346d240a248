"""``tiewatch annotate``: one document in, gold-format JSON out (the scored interface)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tiewatch import export
from tiewatch.cli.common import app, fail, get_state, load_nlp, out
from tiewatch.errors import TiewatchError
from tiewatch.models import Annotation, Document
from tiewatch.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language


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
        document = read_document(
            file,
            published=parse_date(published),
            title=title,
            outlet=outlet,
            doc_id=doc_id or file.stem,
            settings=settings,
        )
        annotation = annotate_one(load_nlp(settings), document, settings=settings)
    except TiewatchError as exc:
        raise typer.Exit(fail(f"{file}: {exc}")) from exc
    out.print_json(json.dumps(export.annotation_to_gold(annotation), ensure_ascii=False))


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not YYYY-MM-DD", param_hint="--published") from exc


def read_document(
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


def annotate_one(nlp: Language, document: Document, *, settings: Settings) -> Annotation:
    from tiewatch.extract.annotate import annotate_document

    return annotate_document(nlp, document, settings=settings)
