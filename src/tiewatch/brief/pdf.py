"""The brief as PDF: the HTML rendering laid out by WeasyPrint (the ``pdf`` extra).

WeasyPrint needs Pango at run time (a system library); when it or the package is missing,
``render_pdf`` raises ``PdfUnavailableError`` with what to install.

Docs: docs/briefs.md ("PDF").
"""

from __future__ import annotations

import importlib
import logging
import warnings
from typing import Any

from tiewatch.brief.model import Brief
from tiewatch.brief.render import render_brief
from tiewatch.errors import PdfUnavailableError

logger = logging.getLogger(__name__)


def load_weasyprint() -> Any:
    """The ``weasyprint`` module; PdfUnavailableError when it cannot be imported."""
    with warnings.catch_warnings():
        # Newer WeasyPrint warns at import when HarfBuzz-Subset is missing; it still works
        # (fonts are embedded whole), so the warning is not the user's concern here.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"weasyprint\b")
        try:
            return importlib.import_module("weasyprint")
        except (ImportError, OSError) as exc:
            raise PdfUnavailableError(
                "PDF output needs WeasyPrint and the Pango library: "
                f"pip install 'tiewatch[pdf]' and a system Pango ({exc})"
            ) from exc


def render_pdf(brief: Brief) -> bytes:
    """The brief's HTML rendering (chart inlined) as a PDF document."""
    weasyprint = load_weasyprint()
    html = render_brief(brief, "html")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"weasyprint\b")
        document = weasyprint.HTML(string=html).write_pdf()
    if not isinstance(document, bytes):
        raise PdfUnavailableError("WeasyPrint returned no PDF")
    logger.debug("brief PDF: %d bytes", len(document))
    return document
