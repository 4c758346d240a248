"""The actor dictionary: states, international bodies, people, entities and role titles.

Data: ``data/actors/{states,organizations,people,entities,roles}.yaml``; body nouns that give
a sector ("forces" -> MIL) come from ``data/lexicons/bodies.yaml``.
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from tiewatch.errors import ExtractionError
from tiewatch.extract.lexicon import DataDir, as_strings, data_root, read_yaml, read_yaml_list
from tiewatch.models import PartialDate

logger = logging.getLogger(__name__)

# spaCy labels given to dictionary matches (#2: the model tags some leaders as ORG).
LABELS = {"state": "GPE", "organization": "ORG", "person": "PERSON", "entity": "ORG"}


@dataclass(frozen=True)
class Role:
    """A time-bounded position: who a person acts for, and when."""

    code: str
    sector: str | None = None
    title: str | None = None
    start: date | None = None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """One dictionary actor: a state, a body, a person or an entity (company, agency...)."""

    key: str
    kind: str  # state, organization, person, entity
    name: str
    code: str | None = None
    sector: str | None = None
    gender: str | None = None
    surname: str | None = None
    roles: tuple[Role, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    def role_on(self, day: date | None) -> Role | None:
        """The role held on ``day``; else the latest role (#2 part 5)."""
        if not self.roles:
            return None
        if day is not None:
            held = [role for role in self.roles if role.holds_on(day)]
            if held:
                return max(held, key=lambda role: role.start or date.min)
        return max(self.roles, key=lambda role: (role.start or date.min, role.end or date.max))


@dataclass(frozen=True)
class Surface:
    """A string that names an entry, and how: a name, a demonym, a metonym, a weak alias."""

    entry: Entry
    how: str = "name"  # name, demonym, metonym, place, weak, surname

    @property
    def label(self) -> str:
        if self.how == "demonym":
            return "NORP"
        return self.entry.label


@dataclass(frozen=True)
class RolePattern:
    words: tuple[str, ...]  # lower-case tokens of the title ("foreign", "minister")
    sector: str | None
    head: bool


@dataclass
class ActorDictionary:
    """Every surface form with its entry, plus lookups by code, surname and demonym."""

    entries: dict[str, Entry] = field(default_factory=dict)
    surfaces: dict[str, list[Surface]] = field(default_factory=dict)
    folded: dict[str, list[Surface]] = field(default_factory=dict)
    surnames: dict[str, list[Entry]] = field(default_factory=dict)
    code_names: dict[str, str] = field(default_factory=dict)
    roles: list[RolePattern] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)  # lower-case noun lemma -> sector
    _holders: dict[tuple[str, str, date | None], Entry | None] = field(default_factory=dict)

    def add(self, entry: Entry, names: Iterable[str], how: str = "name") -> None:
        self.entries.setdefault(entry.key, entry)
        for name in _apostrophe_variants(names):
            surface = Surface(self.entries[entry.key], how)
            self.surfaces.setdefault(name, []).append(surface)
            self.folded.setdefault(name.casefold(), []).append(surface)

    def lookup(self, text: str) -> Surface | None:
        """The best surface for ``text``: exact case first, then case-folded."""
        found = self.surfaces.get(text) or self.folded.get(text.casefold())
        return _best(found) if found else None

    def unique_surname(self, token: str) -> Entry | None:
        people = self.surnames.get(token, [])
        return people[0] if len(people) == 1 else None

    def office_holder(self, code: str, title: str, on: date | None) -> Entry | None:
        """The one person who holds ``title`` (lower case) for ``code`` on ``on``: "the Prime
        Minister" in a Downing Street readout. ``None`` when nobody or several do."""
        key = (code, title, on)
        if key not in self._holders:
            found = [
                entry
                for entry in self.entries.values()
                if entry.kind == "person" and _holds(entry, code, title, on)
            ]
            self._holders[key] = found[0] if len(found) == 1 else None
        return self._holders[key]

    def role_for(self, words: Iterable[str]) -> RolePattern | None:
        """The longest role pattern found in ``words`` (lower-case tokens)."""
        tokens = tuple(word.lower() for word in words)
        best: RolePattern | None = None
        for role in self.roles:
            n = len(role.words)
            hit = any(tokens[i : i + n] == role.words for i in range(len(tokens) - n + 1))
            if hit and (best is None or n > len(best.words)):
                best = role
        return best


def _holds(entry: Entry, code: str, title: str, on: date | None) -> bool:
    return any(
        role.code == code
        and (role.title or "").lower() == title
        and (on is None or role.holds_on(on))
        for role in entry.roles
    )


def _apostrophe_variants(names: Iterable[str]) -> list[str]:
    """Names with an apostrophe also as typeset ("People’s Republic of China"), and back."""
    found: list[str] = []
    for name in names:
        for variant in (name, name.replace("'", "’"), name.replace("’", "'")):
            if variant not in found:
                found.append(variant)
    return found


_HOW_RANK = {"name": 0, "metonym": 1, "demonym": 2, "place": 3, "surname": 4, "weak": 5}
_KIND_RANK = {"person": 0, "state": 1, "organization": 2, "entity": 3}


def _best(surfaces: list[Surface]) -> Surface:
    return min(surfaces, key=lambda s: (_HOW_RANK[s.how], _KIND_RANK[s.entry.kind]))


def parse_day(value: Any, *, end: bool = False) -> date | None:
    """A YAML date, ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; partial dates widen to a bound."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        partial = PartialDate.parse(str(value))
    except ValueError as exc:
        raise ExtractionError(f"bad date in actor data: {value!r}") from exc
    return partial.last_day() if end else partial.first_day()


def _role(raw: Mapping[str, Any]) -> Role:
    return Role(
        code=str(raw["code"]),
        sector=raw.get("sector"),
        title=raw.get("title"),
        start=parse_day(raw.get("start")),
        end=parse_day(raw.get("end"), end=True),
    )


def _add_states(actors: ActorDictionary, rows: list[Mapping[str, Any]]) -> None:
    for row in rows:
        code, name = str(row["code"]), str(row["name"])
        entry = Entry(key=f"state:{code}", kind="state", name=name, code=code, sector="GOV")
        actors.code_names.setdefault(code, name)
        actors.add(entry, [name, *as_strings(row.get("aliases"))])
        actors.add(entry, as_strings(row.get("demonyms")), "demonym")
        actors.add(entry, as_strings(row.get("metonyms")), "metonym")
        actors.add(entry, as_strings(row.get("places")), "place")


def _add_organizations(actors: ActorDictionary, rows: list[Mapping[str, Any]]) -> None:
    for row in rows:
        code, name = str(row["code"]), str(row["name"])
        entry = Entry(
            key=f"org:{code}", kind="organization", name=name, code=code, sector=row.get("sector")
        )
        actors.code_names.setdefault(code, name)
        actors.add(entry, [name, *as_strings(row.get("aliases"))])
        actors.add(entry, as_strings(row.get("weak_aliases")), "weak")


def _add_people(actors: ActorDictionary, rows: list[Mapping[str, Any]]) -> None:
    for row in rows:
        name = str(row["name"])
        surname = row.get("surname") or name.split()[-1]
        roles = tuple(_role(raw) for raw in row.get("roles") or [])
        entry = Entry(
            key=f"person:{name}",
            kind="person",
            name=name,
            gender=row.get("gender"),
            surname=str(surname),
            roles=roles,
        )
        actors.add(entry, [name, *as_strings(row.get("aliases"))])
        actors.surnames.setdefault(str(surname), []).append(entry)


def _add_entities(actors: ActorDictionary, rows: list[Mapping[str, Any]]) -> None:
    for row in rows:
        name = str(row["name"])
        entry = Entry(
            key=f"entity:{name}",
            kind="entity",
            name=name,
            code=str(row["code"]),
            sector=row.get("sector"),
        )
        actors.add(entry, [name, *as_strings(row.get("aliases"))])


def _add_unique_surnames(actors: ActorDictionary) -> None:
    """A surname shared by no other person and no other name ("Putin") names the person."""
    for surname, people in actors.surnames.items():
        if len(people) == 1 and surname not in actors.surfaces and surname[:1].isupper():
            actors.add(people[0], [surname], "surname")


def _add_roles(actors: ActorDictionary, rows: list[Mapping[str, Any]]) -> None:
    for row in rows:
        words = tuple(str(row["pattern"]).lower().split())
        actors.roles.append(RolePattern(words, row.get("sector"), bool(row.get("head", False))))


def _add_bodies(actors: ActorDictionary, raw: Any) -> None:
    for sector, nouns in (raw or {}).items():
        for noun in as_strings(nouns):
            actors.bodies[noun.lower()] = str(sector)


@lru_cache(maxsize=4)
def load_actor_dictionary(path: DataDir | None = None) -> ActorDictionary:
    """Load the dictionary from ``path`` (a folder of the five YAML files) or the package."""
    folder = path or data_root().joinpath("actors")
    actors = ActorDictionary()
    try:
        _add_people(actors, read_yaml_list(folder.joinpath("people.yaml")))
        _add_states(actors, read_yaml_list(folder.joinpath("states.yaml")))
        _add_organizations(actors, read_yaml_list(folder.joinpath("organizations.yaml")))
        _add_entities(actors, read_yaml_list(folder.joinpath("entities.yaml")))
        _add_roles(actors, read_yaml_list(folder.joinpath("roles.yaml")))
    except (KeyError, TypeError, ValueError) as exc:
        raise ExtractionError(f"malformed actor data in {folder}: {exc!r}") from exc
    _add_unique_surnames(actors)
    _add_bodies(actors, read_yaml(data_root().joinpath("lexicons", "bodies.yaml")))
    logger.debug(
        "actor dictionary: %d entries, %d surfaces", len(actors.entries), len(actors.surfaces)
    )
    return actors
