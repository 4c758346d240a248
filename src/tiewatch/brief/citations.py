"""Citation numbers: one per cited (document, sentence), in order of first citation."""

from __future__ import annotations

from collections.abc import Mapping

from tiewatch.analyze.rows import SentenceKey, SentenceRow
from tiewatch.brief.model import SourceRef
from tiewatch.models import Document


class Citer:
    """Hands out ``[n]`` numbers for sentence keys and builds the numbered source list."""

    def __init__(
        self, rows: Mapping[SentenceKey, SentenceRow], documents: Mapping[str, Document]
    ) -> None:
        self._rows = rows
        self._documents = documents
        self._numbers: dict[SentenceKey, int] = {}

    def known(self, key: SentenceKey) -> bool:
        return key in self._rows

    def cite(self, key: SentenceKey) -> int:
        """The number of ``key``; KeyError when the sentence is not among the rows."""
        if key not in self._rows:
            raise KeyError(f"no stored sentence {key}")
        return self._numbers.setdefault(key, len(self._numbers) + 1)

    def sources(self) -> tuple[SourceRef, ...]:
        refs = []
        for key, number in sorted(self._numbers.items(), key=lambda kv: kv[1]):
            row = self._rows[key]
            document = self._documents.get(row.document_id)
            refs.append(
                SourceRef(
                    number=number,
                    document_id=row.document_id,
                    sentence_index=row.index,
                    text=row.text,
                    outlet=document.outlet if document else row.outlet,
                    title=document.title if document else None,
                    url=document.url if document else None,
                    published=row.published.isoformat() if row.published else None,
                )
            )
        return tuple(refs)
