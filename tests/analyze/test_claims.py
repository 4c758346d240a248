from __future__ import annotations

from brief_corpus import DOC_APRIL, DOC_MARCH, make_documents, make_events, make_sentences
from tiewatch.analyze.claims import build_claims, claims_in_month
from tiewatch.analyze.rows import build_sentence_rows


def test_accusation_linked_to_later_denial() -> None:
    rows = build_sentence_rows(make_documents(), make_sentences(), events=make_events())
    claims = build_claims(rows)
    assert len(claims) == 1  # the ACCUSE and the alleged AID of one sentence are one claim
    claim = claims[0]
    assert (claim.accuser, claim.accused, claim.type) == ("UKR", "CHN", "AID")
    assert claim.side.key == (DOC_MARCH, 2) and claim.side.outlet == "Harbour Ledger"
    assert [(r.kind, r.actor, r.side.key) for r in claim.responses] == [
        ("denial", "CHN", (DOC_APRIL, 0))
    ]
    assert claim.responses[0].side.month == "2025-04"
    assert claims_in_month(claims, "2025-03") == claims
    assert claims_in_month(claims, "2025-04") == []


def test_denial_by_someone_else_is_not_a_response() -> None:
    events = [e for e in make_events() if e.type != "REJECT" and e.status != "denied"]
    rows = build_sentence_rows(make_documents(), make_sentences(), events=events)
    assert build_claims(rows)[0].responses == ()
