"""``--format pdf``: WeasyPrint lays out the HTML; the first page, rendered to PNG, has ink.

The PNG is kept in tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tiewatch.brief.model import Brief
from tiewatch.brief.pdf import load_weasyprint, render_pdf
from tiewatch.cli import app
from tiewatch.errors import PdfUnavailableError
from tiewatch.models import Annotation

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def _weasyprint_or_skip() -> None:
    try:
        load_weasyprint()
    except PdfUnavailableError as exc:
        pytest.skip(f"WeasyPrint cannot be imported (pip install 'tiewatch[pdf]', Pango): {exc}")


def _first_page_png(pdf: bytes, path: Path) -> tuple[int, float]:
    """Render page 1 to ``path``; (page count, share of pixels with ink)."""
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 renders the PDF to PNG")
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=1.5).to_pil().convert("L")
        page.close()
        count = len(document)
    finally:
        document.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    histogram = image.histogram()
    return count, sum(histogram[:200]) / sum(histogram)


def test_pdf_first_page_has_ink(april_brief: Brief) -> None:
    _weasyprint_or_skip()
    pdf = render_pdf(april_brief)
    assert pdf.startswith(b"%PDF-")
    pages, ink = _first_page_png(pdf, ARTIFACTS / "brief-page1.png")
    assert pages >= 1
    assert 0.01 < ink < 0.5, f"page 1 looks blank or black: {ink:.3f} of pixels dark"


def test_cli_pdf_needs_out(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            f"sqlite:///{tmp_path / 'x.db'}",
            "brief",
            "--month",
            "2025-04",
            "--format",
            "pdf",
        ],
    )
    assert result.exit_code != 0 and "--out" in result.stderr


def test_cli_writes_pdf(tmp_path: Path, store_with_annotations: str) -> None:
    _weasyprint_or_skip()
    out = tmp_path / "brief.pdf"
    result = CliRunner().invoke(
        app,
        [
            *("--db", store_with_annotations, "brief", "--month", "2025-04"),
            *("--format", "pdf", "--out", str(out)),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_missing_weasyprint_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(name: str) -> object:
        raise OSError(f"cannot load library for {name}")

    monkeypatch.setattr(importlib, "import_module", refuse)
    with pytest.raises(PdfUnavailableError, match="tiewatch\\[pdf\\]"):
        load_weasyprint()


@pytest.fixture
def store_with_annotations(tmp_path: Path, annotations: list[Annotation]) -> str:
    from tiewatch.store import Store

    url = f"sqlite:///{tmp_path / 'b.db'}"
    with Store.open(url) as store:
        for annotation in annotations:
            store.add_document(annotation.document)
            store.save_annotation(annotation)
    return url
