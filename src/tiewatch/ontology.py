"""PLOVER tables (quad classes, scores, legacy labels, CAMEO roots) read from
``data/ontology/plover.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=1)
def plover_tables() -> dict[str, Any]:
    text = resources.files("tiewatch").joinpath("data/ontology/plover.yaml").read_text("utf-8")
    tables: dict[str, Any] = yaml.safe_load(text)
    return tables


def quad_class(event_type: str) -> int | None:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    value = plover_tables()["quad"].get(event_type)
    return int(value) if value is not None else None


def event_scale(event_type: str) -> float | None:
    value = plover_tables()["scale"].get(event_type)
    return float(value) if value is not None else None


def current_type(label: str) -> str:
    """Map an older PLOVER label (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) to the current type."""
    mapped: str = plover_tables()["legacy_types"].get(label.upper(), label.upper())
    return mapped


def cameo_to_plover(code: str) -> str | None:
    """The PLOVER type of a CAMEO event code ("042" -> CONSULT), or None where PLOVER drops it."""
    tables = plover_tables()
    root = code.strip()[:2]
    if root == "08":
        yield_table = tables["cameo_yield"]
        verbal = code.strip()[:3] in yield_table["verbal_codes"]
        return str(yield_table["verbal" if verbal else "material"])
    mapped = tables["cameo_roots"].get(root)
    return str(mapped) if mapped else None
