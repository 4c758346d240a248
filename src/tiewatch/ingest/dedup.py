"""Near-duplicate detection: 64-bit SimHash over word 3-shingles, and an index to query.

The same story republished by another outlet, with a changed headline or a few words
edited, gets a fingerprint a few bits away from the original.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace

from tiewatch.models import Document

logger = logging.getLogger(__name__)

BITS = 64
SHINGLE_WORDS = 3
_TOKEN = re.compile(r"[^\W_]+")
# _BIT_TABLES[j] maps a byte to 1 when its bit j (0 = most significant) is set, else 0.
_BIT_TABLES = tuple(bytes((value >> (7 - j)) & 1 for value in range(256)) for j in range(8))


def simhash(text: str) -> int:
    """The 64-bit SimHash of ``text``'s word 3-shingles (lowercased alphanumeric tokens).

    Shingles are hashed with BLAKE2b, not ``hash()``, so fingerprints are stable across
    runs and machines and can be stored. A text with no word has fingerprint 0.
    """
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return 0
    if len(tokens) < SHINGLE_WORDS:
        shingles = [" ".join(tokens)]
    else:
        shingles = [" ".join(words) for words in zip(tokens, tokens[1:], tokens[2:], strict=False)]
    digests = b"".join([hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles])
    return _majority_bits(digests, count=len(shingles))


def _majority_bits(digests: bytes, *, count: int) -> int:
    """Bit i of the result is set when more than half of the digests have it set.

    Bits are counted with ``bytes.translate`` and ``bytes.count``, which run in C: testing
    64 bits of every shingle in Python took most of the time on long documents.
    """
    fingerprint = bytearray(8)
    for position in range(8):
        column = digests[position::8]
        for j, table in enumerate(_BIT_TABLES):
            if 2 * column.translate(table).count(1) > count:
                fingerprint[position] |= 1 << (7 - j)
    return int.from_bytes(fingerprint, "big")


def hamming(a: int, b: int) -> int:
    """The number of bits in which two fingerprints differ."""
    return (a ^ b).bit_count()


class NearDuplicateIndex:
    """Fingerprints of stored documents; ``find`` returns the first one within ``max_bits``.

    The 64 bits are cut into ``max_bits + 1`` bands: two fingerprints that differ in at
    most ``max_bits`` bits agree on at least one band (pigeonhole), so only documents
    sharing a band with the query are compared (4 bands of 16 bits for 3 bits).
    """

    def __init__(self, max_bits: int) -> None:
        if not 0 <= max_bits < BITS:
            raise ValueError(f"max_bits must be in 0..{BITS - 1}, not {max_bits}")
        self.max_bits = max_bits
        self._bands = _band_layout(max_bits + 1)
        self._items: list[tuple[str, int]] = []
        self._buckets: list[dict[int, list[int]]] = [{} for _ in self._bands]

    def __len__(self) -> int:
        return len(self._items)

    def add(self, doc_id: str, fp: int) -> None:
        position = len(self._items)
        self._items.append((doc_id, fp))
        for buckets, key in zip(self._buckets, self._keys(fp), strict=True):
            buckets.setdefault(key, []).append(position)

    def find(self, fp: int, *, exclude: str | None = None) -> str | None:
        """The id of the earliest added document within ``max_bits`` of ``fp``, or None.

        ``exclude`` skips a document's own id (the same text ingested again).
        """
        found: set[int] = set()
        for buckets, key in zip(self._buckets, self._keys(fp), strict=True):
            found.update(buckets.get(key, ()))
        for position in sorted(found):
            doc_id, other = self._items[position]
            if doc_id != exclude and hamming(fp, other) <= self.max_bits:
                return doc_id
        return None

    def _keys(self, fp: int) -> list[int]:
        return [(fp >> shift) & mask for shift, mask in self._bands]


def _band_layout(count: int) -> list[tuple[int, int]]:
    """(shift, mask) of ``count`` bands covering the 64 bits, as even in width as can be."""
    bands: list[tuple[int, int]] = []
    shift = 0
    for band in range(count):
        width = BITS // count + (1 if band < BITS % count else 0)
        bands.append((shift, (1 << width) - 1))
        shift += width
    return bands


def link_near_duplicate(
    document: Document, index: NearDuplicateIndex, *, fingerprint: int | None = None
) -> Document:
    """``document`` with ``near_duplicate_of`` set when the index holds a near-duplicate.

    The document is then added to the index. Pass ``fingerprint`` when it is already
    computed (the store keeps it too).
    """
    fp = simhash(document.text) if fingerprint is None else fingerprint
    match = index.find(fp, exclude=document.id)
    index.add(document.id, fp)
    if match is None:
        return document
    logger.info("document %s is a near-duplicate of %s", document.id, match)
    return replace(document, near_duplicate_of=match)
