"""Names as a sentence writes them: for headlines and subjects of brief items.

From the actor data (``data/actors/states.yaml``, ``organizations.yaml``: names, aliases and
capitals; demonyms) and the body nouns of ``data/lexicons/bodies.yaml`` ("ministry",
"negotiators"), read only.

Docs: docs/briefs.md ("Lead phrases").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tiewatch.errors import NameDataError

# The C loader when PyYAML has it: the actor data is large. Codes are alpha-3 or body names,
# so YAML 1.1 booleans ("NO") cannot bite.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=1)
def actor_surfaces() -> dict[str, tuple[str, ...]]:
    """Actor code -> its capitalised names, aliases and capitals (longest first), from the
    actor data of states and international bodies. Demonyms are left out: "Russian" does
    not name Russia as a party."""
    found: dict[str, set[str]] = {}
    for row in _actor_rows():
        found.setdefault(str(row["code"]), set()).update(_names_of(row))
    return {code: tuple(sorted(names, key=lambda n: (-len(n), n))) for code, names in found.items()}


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """The actor data's demonyms ("Chinese", "Russians")."""
    return frozenset(str(d) for row in _actor_rows() for d in row.get("demonyms") or ())


@lru_cache(maxsize=1)
def proper_words() -> frozenset[str]:
    """Every word of the actors' names, aliases, capitals, places and demonyms: capitalised
    even when they open a sentence ("Beijing", "Italy")."""
    words = {w for names in actor_surfaces().values() for name in names for w in name.split()}
    places = {w for row in _actor_rows() for p in row.get("places") or () for w in str(p).split()}
    return frozenset(words | places | demonyms())


@lru_cache(maxsize=1)
def _actor_rows() -> tuple[Mapping[str, Any], ...]:
    actors = resources.files("tiewatch").joinpath("data", "actors")
    rows: list[Mapping[str, Any]] = []
    for name in ("states.yaml", "organizations.yaml"):
        try:
            loaded = yaml.load(actors.joinpath(name).read_text("utf-8"), Loader=_LOADER) or []
        except (OSError, yaml.YAMLError) as exc:
            raise NameDataError(f"cannot read actor data {name}: {exc!r}") from exc
        rows += [row for row in loaded if isinstance(row, Mapping) and row.get("code")]
    return tuple(rows)


def _names_of(row: Mapping[str, Any]) -> set[str]:
    names = [row.get("name"), *(row.get("aliases") or ()), *(row.get("metonyms") or ())]
    stripped = {re.sub(r"^the\s+", "", str(n)) for n in names if n}
    return {n for n in stripped if n[:1].isupper()}


def written_name(
    code: str | None, person: str | None, text: str, *, names: Mapping[str, str]
) -> str | None:
    """How ``text`` names an event's actor: the person or body, else the state or body."""
    candidates: list[str] = []
    if person:
        candidates.append(person)
        words = person.split()
        if len(words) > 1:  # "Putin" for "Vladimir Putin"
            candidates.append(words[-1])
    if code:
        candidates += [names.get(code, ""), code, *actor_surfaces().get(code, ())]
    return next((c for c in candidates if c and names_in(c, text)), None)


@lru_cache(maxsize=1)
def body_nouns() -> frozenset[str]:
    """One-word body nouns ("ministry", "negotiator") of ``data/lexicons/bodies.yaml``."""
    path = resources.files("tiewatch").joinpath("data", "lexicons", "bodies.yaml")
    try:
        raw = yaml.load(path.read_text("utf-8"), Loader=_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise NameDataError(f"cannot read {path}: {exc!r}") from exc
    return frozenset(
        str(noun) for nouns in raw.values() for noun in nouns or () if " " not in str(noun)
    )


def is_body_noun(word: str) -> bool:
    """``word`` (any case, singular or plural) is a body noun."""
    word = word.lower()
    forms = {word, word[:-1] if word.endswith("s") else word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    return bool(forms & body_nouns())


def names_in(name: str, text: str) -> bool:
    """``name`` appears in ``text`` as whole words."""
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text) is not None
