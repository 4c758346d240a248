"""Package-level rules: a sorted __all__, and imports that point one way."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tiewatch

SRC = Path(tiewatch.__file__).parent
STAGES = ("ingest", "nlp", "extract", "analyze", "brief")


def test_all_is_sorted_and_importable() -> None:
    assert tiewatch.__all__ == sorted(tiewatch.__all__)
    for name in tiewatch.__all__:
        assert hasattr(tiewatch, name)


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize("stage", STAGES)
def test_stages_never_import_store_or_web(stage: str) -> None:
    for path in (SRC / stage).rglob("*.py"):
        for module in _imported_modules(path):
            assert not module.startswith(("tiewatch.store", "tiewatch.web", "tiewatch.cli")), (
                f"{path.relative_to(SRC)} imports {module}"
            )


def test_models_do_no_io() -> None:
    forbidden = {"os", "pathlib", "sqlalchemy", "httpx", "io", "open"}
    assert not _imported_modules(SRC / "models.py") & forbidden
