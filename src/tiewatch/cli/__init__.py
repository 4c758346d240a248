"""The ``tiewatch`` command: the one place (with ``web/app.py``) that wires stages together,
reads the environment, prints and exits. One module per command group; importing them
registers their commands on ``app``.

Docs: README.md ("Five-minute tour") and ``tiewatch COMMAND --help``.
"""

from __future__ import annotations

from tiewatch import __version__
from tiewatch.cli import annotate, brief, evaluate, export, ingest, process, serve
from tiewatch.cli.common import app, out

__all__ = ["app", "main"]
_COMMAND_MODULES = (annotate, brief, evaluate, export, ingest, process, serve)


@app.command()
def version() -> None:
    """Print the tiewatch version."""
    out.print(f"tiewatch {__version__}")


def main() -> None:
    app()
