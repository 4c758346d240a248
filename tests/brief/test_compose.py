from __future__ import annotations

import json
from dataclasses import replace
from xml.etree import ElementTree

import pytest

from brief_corpus import assert_sound, make_brief
from tiewatch.brief.faithfulness import check_faithfulness, faithful_share
from tiewatch.brief.model import Brief, BriefSentence, brief_to_dict
from tiewatch.brief.render import render_brief, render_chart


def _brief(month: str, **options: int) -> Brief:
    brief = make_brief(month, **options)
    assert_sound(brief)
    return brief


@pytest.mark.parametrize("month", ["2025-03", "2025-04", "2025-05"])
@pytest.mark.parametrize("max_sentences", [1, 3, 40])
def test_every_brief_is_faithful_and_resolves(month: str, max_sentences: int) -> None:
    assert_sound(_brief(month, max_sentences=max_sentences))


def test_april_brief_content() -> None:
    brief = _brief("2025-04")
    assert brief.title == "China-Russia-Ukraine: April 2025"
    assert brief.lead
    keys = [section.key for section in brief.sections]
    assert "claims" in keys and "economy" in keys
    texts = [s.text for s in brief.iter_sentences()]
    assert any("Wang Yi met Sergey Lavrov" in t for t in texts)
    assert {s.label for s in brief.since_last_month} >= {"First appearance", "Denial"}
    assert [line.points[-1][0].value for line in brief.indicators] == [15.0]
    assert faithful_share(brief) == 1.0


def test_outlet_credited_when_the_sentence_does_not_attribute_itself() -> None:
    brief = _brief("2025-03")
    firsts = [item.sentences[0].text for s in brief.sections for item in s.items]
    assert any(text.startswith("According to Harbour Ledger, ") for text in firsts)


def test_run_in_heading_becomes_the_lead_phrase() -> None:
    brief = _brief("2025-03")
    leads = [item.lead.text for s in brief.sections for item in s.items]
    assert "Energy Ties" in leads
    body = [t.text for s in brief.sections for i in s.items for t in i.sentences]
    assert not any("Energy Ties:" in text for text in body)


def test_added_fact_fails_faithfulness() -> None:
    brief = _brief("2025-04")
    bad = BriefSentence("Wang Yi met Olaf Weber on April 30 for 3 hours.", (1,))
    tampered = Brief(**{**brief.__dict__, "lead": (bad,)})
    missing = check_faithfulness(tampered)[0].missing
    assert set(missing) >= {"Olaf", "Weber", "30", "3"}


def test_json_gives_cited_source_sentences() -> None:
    data = json.loads(render_brief(_brief("2025-04"), "json"))
    assert data == brief_to_dict(_brief("2025-04"))
    cited = data["sections"][0]["items"][0]["sentences"][0]["citations"][0]
    assert set(cited) == {"n", "document_id", "sentence_index", "text"}
    assert data["sources"][cited["n"] - 1]["text"] == cited["text"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_render_text_formats(fmt: str) -> None:
    brief = _brief("2025-04")
    text = render_brief(brief, fmt, chart_path="chart.svg")
    assert brief.title in text and "Since last month" in text and "Sources" in text
    assert ("[1" in text) if fmt == "md" else ('href="#src-1"' in text and "<svg" in text)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_tags_in_source_text_render_inert(fmt: str) -> None:
    brief = _brief("2025-04")
    hostile = BriefSentence(
        text="<script>alert(1)</script><img src=x onerror=alert(1)>", citations=(1,)
    )
    text = render_brief(replace(brief, lead=(hostile,)), fmt)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text if fmt == "html" else "&lt;script>" in text


def test_render_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown brief format"):
        render_brief(_brief("2025-04"), "docx")


def test_lead_phrases_come_from_events() -> None:
    leads = [item.lead.text for s in _brief("2025-04").sections for item in s.items]
    assert "Wang Yi holds talks with Sergey Lavrov" in leads
    march = [item.lead.text for s in _brief("2025-03").sections for item in s.items]
    assert "Kyiv accuses Beijing" in march


def test_chart_is_valid_svg() -> None:
    root = ElementTree.fromstring(render_chart(_brief("2025-04")))
    assert root.tag.endswith("svg")
    assert root.findall(".//{http://www.w3.org/2000/svg}circle")
