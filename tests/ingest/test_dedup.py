"""SimHash fingerprints and the near-duplicate index."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tiewatch.ingest import NearDuplicateIndex, hamming, link_near_duplicate, simhash
from tiewatch.models import Document, content_hash

STORIES = Path(__file__).parent / "fixtures" / "stories"
FERRIES = (STORIES / "ferries.txt").read_text("utf-8")
FROST = (STORIES / "frost.txt").read_text("utf-8")


def document(text: str) -> Document:
    return Document(id=content_hash(text), text=text)


def test_fingerprint_is_stable_across_runs() -> None:
    # BLAKE2b, not hash(): this value must not change with PYTHONHASHSEED or the machine.
    assert simhash("The quick brown fox jumps over the lazy dog.") == 0x77B12FE87CF06675


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("!!! ... ???", 0),
        ("Ferry", simhash("ferry")),  # lowercased
        ("ferry, boat; harbour", simhash("Ferry boat HARBOUR")),  # punctuation is not a token
    ],
)
def test_tokens(text: str, expected: int) -> None:
    assert simhash(text) == expected


@pytest.mark.parametrize(
    "edited",
    [
        FERRIES.replace("Tuesday", "Wednesday")
        .replace("forty", "fifty")
        .replace("patient", "very patient"),
        "Nordvik picks battery ferries\n\n" + FERRIES.replace("\n\n", "\n"),
    ],
    ids=["three-words-changed", "new-headline-and-line-breaks"],
)
def test_same_story_edited_is_found(edited: str) -> None:
    index = NearDuplicateIndex(3)
    index.add("ferries", simhash(FERRIES))
    index.add("frost", simhash(FROST))
    assert index.find(simhash(edited)) == "ferries"


def test_different_stories_are_not_found() -> None:
    index = NearDuplicateIndex(3)
    index.add("ferries", simhash(FERRIES))
    assert hamming(simhash(FERRIES), simhash(FROST)) > 20
    assert index.find(simhash(FROST)) is None


@pytest.mark.parametrize(("a", "b", "bits"), [(0, 0, 0), (0b1011, 0b0001, 2), (0, 2**64 - 1, 64)])
def test_hamming(a: int, b: int, bits: int) -> None:
    assert hamming(a, b) == bits


@pytest.mark.parametrize("max_bits", [0, 3, 5, 10])
def test_banded_lookup_finds_what_a_linear_scan_finds(max_bits: int) -> None:
    rng = random.Random(max_bits)
    stored = [rng.getrandbits(64) for _ in range(300)]
    index = NearDuplicateIndex(max_bits)
    for position, fp in enumerate(stored):
        index.add(str(position), fp)
    for _ in range(300):
        base = rng.choice(stored)
        query = base ^ sum(1 << bit for bit in rng.sample(range(64), rng.randint(0, 12)))
        linear = next(
            (str(i) for i, fp in enumerate(stored) if hamming(fp, query) <= max_bits), None
        )
        assert index.find(query) == linear


def test_find_returns_the_earliest_match_and_can_exclude() -> None:
    index = NearDuplicateIndex(3)
    index.add("first", 0b0000)
    index.add("second", 0b0001)
    assert index.find(0b0011) == "first"
    assert index.find(0b0000, exclude="first") == "second"
    assert len(index) == 2


@pytest.mark.parametrize("max_bits", [-1, 64])
def test_max_bits_out_of_range(max_bits: int) -> None:
    with pytest.raises(ValueError, match="max_bits"):
        NearDuplicateIndex(max_bits)


def test_link_near_duplicate() -> None:
    index = NearDuplicateIndex(3)
    original = link_near_duplicate(document(FERRIES), index)
    assert original.near_duplicate_of is None
    copy = document("Nordvik picks battery ferries\n\n" + FERRIES)
    linked = link_near_duplicate(copy, index)
    assert linked.near_duplicate_of == original.id
    assert linked.id == copy.id
    other = link_near_duplicate(document(FROST), index, fingerprint=simhash(FROST))
    assert other.near_duplicate_of is None
    assert len(index) == 3


def test_same_document_again_is_not_its_own_duplicate() -> None:
    index = NearDuplicateIndex(3)
    link_near_duplicate(document(FERRIES), index)
    again = link_near_duplicate(document(FERRIES), index)
    assert again.near_duplicate_of is None
