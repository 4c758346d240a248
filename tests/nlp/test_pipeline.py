"""nlp/pipeline.py: paragraph splitting with offsets, and the tiewatch_actors component."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from tiewatch.models import Document, content_hash
from tiewatch.nlp.actor_ruler import COMPONENT, SPAN_KEY
from tiewatch.nlp.pipeline import iter_parsed, parse_paragraphs, split_paragraphs
from tiewatch.settings import Settings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\n\nTwo.", ["One.", "Two."]),
        ("One.\nTwo.", ["One.", "Two."]),
        ("  Indented line.  \n\n\n  Next one.\n", ["Indented line.", "Next one."]),
        ("\n\n", []),
        ("Only one paragraph here.", ["Only one paragraph here."]),
    ],
)
def test_split_paragraphs_on_lines(text: str, expected: list[str]) -> None:
    pieces = split_paragraphs(text, max_chars=1000)
    assert [p for _, p in pieces] == expected
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece


def test_long_paragraph_is_cut_at_sentence_boundaries() -> None:
    text = "The envoy met the minister. " * 40
    pieces = split_paragraphs(text.strip(), max_chars=200)
    assert len(pieces) > 1
    for offset, piece in pieces:
        assert len(piece) <= 200
        assert piece.endswith(".")
        assert text[offset : offset + len(piece)] == piece


def test_paragraph_without_boundary_is_cut_hard() -> None:
    text = "x" * 450
    pieces = split_paragraphs(text, max_chars=200)
    assert [len(p) for _, p in pieces] == [200, 200, 50]
    assert "".join(p for _, p in pieces) == text


def _write_actors(folder: Path) -> Path:
    folder.mkdir()
    (folder / "states.yaml").write_text(
        "- {code: FRA, name: France, demonyms: [French], metonyms: [Paris]}\n"
        "- {code: DEU, name: Germany, demonyms: [German]}\n"
    )
    (folder / "people.yaml").write_text(
        "- {name: Jean Dupont, surname: Dupont, gender: m,"
        " roles: [{code: FRA, sector: GOV, title: Minister, start: '2020'}]}\n"
    )
    (folder / "organizations.yaml").write_text("- {code: EU, name: European Union}\n")
    return folder


def test_actor_component_marks_dictionary_names(blank_nlp: Language, tmp_path: Path) -> None:
    nlp = Language(blank_nlp.vocab)
    nlp.add_pipe(COMPONENT, config={"data_dir": str(_write_actors(tmp_path / "actors"))})
    doc = nlp("The French envoy met Jean Dupont in Paris and the European Union.")
    found = {(span.text, span.label_, span.kb_id_) for span in doc.spans[SPAN_KEY]}
    assert found == {
        ("French", "NORP", "state:FRA"),
        ("Jean Dupont", "PERSON", "person:Jean Dupont"),
        ("Paris", "GPE", "state:FRA"),
        ("European Union", "ORG", "org:EU"),
    }
    assert [ent.text for ent in doc.ents] == [s.text for s in doc.spans[SPAN_KEY]]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "label", "key"),
    [
        ("Xi Jinping met Vladimir Putin in Moscow.", "Xi Jinping", "PERSON", "person:Xi Jinping"),
        ("Xi Jinping met Vladimir Putin in Moscow.", "Moscow", "GPE", "state:RUS"),
        ("The Kremlin said Vladamir Putin would travel.", "Vladamir Putin", "PERSON", None),
        ("Chinese officials welcomed the visit.", "Chinese", "NORP", "state:CHN"),
    ],
)
def test_model_entities_follow_the_dictionary(
    nlp: Language, text: str, name: str, label: str, key: str | None
) -> None:
    ents = {ent.text: ent for ent in nlp(text).ents}
    assert ents[name].label_ == label
    if key is not None:
        assert ents[name].kb_id_ == key
    else:  # a misspelt first name keeps the known surname's person
        assert ents[name].kb_id_.startswith("person:")


@pytest.mark.model
def test_place_names_keep_their_demonym_inside(nlp: Language) -> None:
    doc = nlp("The drone flew over the Philippine Sea before turning back.")
    assert all(ent.label_ != "NORP" for ent in doc.ents)


@pytest.mark.model
def test_hyphenated_dyads_are_split(nlp: Language) -> None:
    doc = nlp("Beijing backed the U.S.-Russia dialogue.")
    keys = {ent.kb_id_ for ent in doc.ents}
    assert {"state:USA", "state:RUS", "state:CHN"} <= keys


@pytest.mark.model
def test_parse_paragraphs_offsets(nlp: Language) -> None:
    text = "First paragraph here.\n\nSecond one, with more words.\nThird."
    document = Document(id=content_hash(text), text=text)
    paragraphs = parse_paragraphs(nlp, document, settings=Settings())
    assert [doc.text for _, doc in paragraphs] == [
        "First paragraph here.",
        "Second one, with more words.",
        "Third.",
    ]
    for offset, doc in paragraphs:
        assert text[offset : offset + len(doc.text)] == doc.text


@pytest.mark.model
def test_iter_parsed_keeps_documents_apart(nlp: Language) -> None:
    texts = ["One.\nTwo.", "", "Three."]
    documents = [Document(id=str(i), text=t) for i, t in enumerate(texts)]
    parsed = list(iter_parsed(nlp, documents, settings=Settings()))
    assert [d.id for d, _ in parsed] == ["0", "1", "2"]
    assert [[doc.text for _, doc in paragraphs] for _, paragraphs in parsed] == [
        ["One.", "Two."],
        [],
        ["Three."],
    ]
