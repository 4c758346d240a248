"""Partitioning documents into batches by count and by words."""

from __future__ import annotations

import pytest

from tiewatch.models import Document, content_hash
from tiewatch.scale import partition_documents
from tiewatch.scale.batches import count_words


def make_document(words: int, n: int) -> Document:
    text = " ".join(f"w{n}x{i}" for i in range(words))
    return Document(id=content_hash(text), text=text)


@pytest.mark.parametrize(
    ("sizes", "max_documents", "max_words", "expected"),
    [
        ([], 3, 100, []),
        ([5, 5, 5, 5], 3, 100, [3, 1]),
        ([5, 5, 5, 5], 10, 12, [2, 2]),
        ([50, 5, 5], 10, 12, [1, 2]),  # a long document goes alone, never split
        ([5, 50, 5], 10, 12, [1, 1, 1]),
        ([1, 1, 1], 1, 100, [1, 1, 1]),
    ],
)
def test_partition_documents(
    sizes: list[int], max_documents: int, max_words: int, expected: list[int]
) -> None:
    found = [make_document(words, n) for n, words in enumerate(sizes)]
    batches = list(
        partition_documents(found, max_documents=max_documents, max_words=max_words, first=7)
    )
    assert [len(b.documents) for b in batches] == expected
    assert [b.number for b in batches] == list(range(7, 7 + len(expected)))
    assert [d for b in batches for d in b.documents] == found
    assert sum(b.words for b in batches) == sum(sizes)


def test_partition_rejects_empty_batches() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(partition_documents([], max_documents=0))


@pytest.mark.parametrize(("text", "words"), [("", 0), ("one", 1), (" a  b\nc\t", 3)])
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words
