"""The actor dictionary data files (``tiewatch/data/actors/*.yaml``) are well formed."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import pytest
import yaml

from tiewatch.models import PartialDate

SECTORS = frozenset({"GOV", "MIL", "BUS", "MED", "INT", "SPC", "OTH"})
ENTITY_KINDS = frozenset({"media", "agency", "company", "military", "ministry"})
FILES = ("states", "organizations", "people", "entities", "roles")
MIN_COUNTS = {"states": 190, "organizations": 50, "people": 450, "entities": 120, "roles": 60}
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Role dates outside this window are typos, not history we track.
FIRST_YEAR, LAST_YEAR = 1950, 2026

# Every UN member state (ISO 3166-1 alpha-3) plus the non-member entries of PLOVER 4.1.
_UN_MEMBER_CODES = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
    BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP
    CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU
    GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ
    KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS
    MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW
    PAN PNG PRY PER PHL POL PRT QAT KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC
    SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN
    TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = frozenset(_UN_MEMBER_CODES.split())
EXTRA_STATES = frozenset({"VAT", "PSE", "KOS", "TWN", "HKG"})
# Surfaces deliberately shared by two actors (case-folded); none so far.
ALLOWED_SHARED: frozenset[str] = frozenset()


@cache
def load(name: str) -> list[Mapping[str, Any]]:
    path = resources.files("tiewatch.data").joinpath("actors", f"{name}.yaml")
    rows = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(rows, list), f"{name}.yaml must hold a list"
    return rows


def state_codes() -> set[str]:
    return {row["code"] for row in load("states")}


def actor_codes() -> set[str]:
    return state_codes() | {row["code"] for row in load("organizations")}


def is_string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def parse_bound(value: Any, *, end: bool = False) -> date:
    """A role date as a day: the first (or, for ``end``, the last) day it can mean."""
    if isinstance(value, date):
        return value
    assert isinstance(value, str), f"date {value!r} must be a string"
    assert PARTIAL_DATE.match(value), f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    partial = PartialDate.parse(value)
    return partial.last_day() if end else partial.first_day()


def state_surfaces(row: Mapping[str, Any]) -> Iterator[str]:
    yield row["name"]
    for key in ("aliases", "demonyms", "metonyms"):
        yield from row.get(key) or []


def actor_surfaces() -> dict[str, set[str]]:
    """Case-folded surface -> owners, over states, bodies and entities."""
    owners: dict[str, set[str]] = {}
    for row in load("states"):
        for text in state_surfaces(row):
            owners.setdefault(text.casefold(), set()).add(f"state:{row['code']}")
    for row in load("organizations"):
        texts = [row["name"], *(row.get("aliases") or []), *(row.get("weak_aliases") or [])]
        for text in texts:
            owners.setdefault(text.casefold(), set()).add(f"org:{row['code']}")
    for row in load("entities"):
        for text in [row["name"], *(row.get("aliases") or [])]:
            owners.setdefault(text.casefold(), set()).add(f"entity:{row['name']}")
    return owners


@pytest.mark.parametrize("name", FILES)
def test_file_is_a_list_of_mappings_with_enough_rows(name: str) -> None:
    rows = load(name)
    assert all(isinstance(row, Mapping) for row in rows)
    assert len(rows) >= MIN_COUNTS[name]


@pytest.mark.parametrize("row", load("states"), ids=lambda row: str(row.get("code")))
def test_state_row(row: Mapping[str, Any]) -> None:
    assert re.fullmatch(r"[A-Z]{3}", row["code"])
    assert isinstance(row["name"], str) and row["name"].strip()
    for key in ("aliases", "demonyms", "metonyms"):
        assert is_string_list(row.get(key, [])), f"{row['code']} {key}"


def test_states_cover_the_un_and_the_special_entries() -> None:
    assert not (UN_MEMBERS | EXTRA_STATES) - state_codes()


@pytest.mark.parametrize("row", load("organizations"), ids=lambda row: str(row.get("code")))
def test_organization_row(row: Mapping[str, Any]) -> None:
    assert isinstance(row["code"], str) and row["code"].strip()
    assert isinstance(row["name"], str) and row["name"].strip()
    assert is_string_list(row.get("aliases", []))
    assert is_string_list(row.get("weak_aliases", []))
    assert row.get("sector") is None or row["sector"] in SECTORS


def test_codes_are_unique() -> None:
    codes = [row["code"] for row in (*load("states"), *load("organizations"))]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    assert not duplicates


def test_no_surface_names_two_actors() -> None:
    shared = {
        text: sorted(owners)
        for text, owners in actor_surfaces().items()
        if len(owners) > 1 and text not in ALLOWED_SHARED
    }
    assert not shared


@pytest.mark.parametrize("row", load("people"), ids=lambda row: str(row.get("name")))
def test_person_row(row: Mapping[str, Any]) -> None:
    assert isinstance(row["name"], str) and row["name"].strip()
    assert isinstance(row["surname"], str) and row["surname"].strip()
    assert row.get("gender") in {"m", "f"}
    assert is_string_list(row.get("aliases", []))
    roles = row["roles"]
    assert isinstance(roles, list) and roles, "at least one role"
    for role in roles:
        assert role["code"] in actor_codes(), role
        assert role["sector"] in SECTORS, role
        assert isinstance(role["title"], str) and role["title"].strip(), role
        start = parse_bound(role["start"])
        assert FIRST_YEAR <= start.year <= LAST_YEAR, role
        if role.get("end") is not None:
            end = parse_bound(role["end"], end=True)
            assert start <= end <= date(LAST_YEAR, 12, 31), role


def test_people_names_are_unique() -> None:
    names = [row["name"] for row in load("people")]
    assert not sorted({name for name in names if names.count(name) > 1})


def test_person_names_do_not_shadow_other_actors() -> None:
    # People load first and win ties in the dictionary, so a clash would hide a state.
    surfaces = actor_surfaces()
    clashes = sorted(
        text
        for row in load("people")
        for text in [row["name"], *(row.get("aliases") or [])]
        if text.casefold() in surfaces
    )
    assert not clashes


@pytest.mark.parametrize("row", load("entities"), ids=lambda row: str(row.get("name")))
def test_entity_row(row: Mapping[str, Any]) -> None:
    assert isinstance(row["name"], str) and row["name"].strip()
    assert is_string_list(row.get("aliases", []))
    assert row["code"] in actor_codes()
    assert row["sector"] in SECTORS
    assert row["kind"] in ENTITY_KINDS


@pytest.mark.parametrize("row", load("roles"), ids=lambda row: str(row.get("pattern")))
def test_role_pattern_row(row: Mapping[str, Any]) -> None:
    pattern = row["pattern"]
    assert isinstance(pattern, str) and pattern == pattern.lower().strip() and pattern
    assert row["sector"] in SECTORS
    assert isinstance(row["head"], bool)


def test_role_patterns_are_unique() -> None:
    patterns = [row["pattern"] for row in load("roles")]
    assert not sorted({p for p in patterns if patterns.count(p) > 1})
