"""What spaCy recomputes on every access, computed once per parsed Doc.

``Doc.text`` joins every token's text on each call, and the extractors ask a paragraph for
it about four times (#6: 12% of the extraction time). The value lives in ``doc.user_data``,
so it goes away with the Doc.
"""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT = "tiewatch.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined from the tokens on the first call only."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT] = text
    return text
