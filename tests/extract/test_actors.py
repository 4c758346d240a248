"""extract/actors.py and mentions.py: the dictionary, time-bounded roles, surnames, pronouns,
demonym + body nouns, possessive roles and unknown people placed by a nationality."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from tiewatch.extract.actors import DocumentContext, resolve_actor
from tiewatch.extract.annotate import actor_dictionary
from tiewatch.extract.dictionary import ActorDictionary, load_actor_dictionary, parse_day
from tiewatch.extract.lexicon import load_event_lexicon
from tiewatch.extract.memory import remember_sentence
from tiewatch.extract.mentions import np_actors
from tiewatch.models import Actor

STATES = """
- {code: EST, name: Estonia, demonyms: [Estonian], metonyms: [Tallinn]}
- {code: NOR, name: Norway, aliases: [Kingdom of Norway], demonyms: [Norwegian], metonyms: [Oslo]}
"""
ORGANIZATIONS = """
- {code: EU, name: European Union, aliases: [EU], weak_aliases: [Europe], sector: GOV}
"""
PEOPLE = """
- name: Kaja Kallas
  surname: Kallas
  gender: f
  roles:
    - {code: EST, sector: GOV, title: Prime Minister, start: "2021-01-26", end: "2024-07-23"}
    - {code: EU, sector: GOV, title: High Representative, start: 2024-12-01, end: null}
- name: Ola Nordmann
  surname: Nordmann
  gender: m
  roles: [{code: NOR, sector: GOV, title: Minister, start: "2019", end: "2021-06"}]
- {name: Li Ming, surname: Li, gender: m, roles: [{code: NOR, sector: BUS, start: "2020"}]}
- {name: Li Hua, surname: Li, gender: f, roles: [{code: EST, sector: GOV, start: "2020"}]}
"""
ENTITIES = """
- {name: Norsk Kringkasting, aliases: [NRK], code: NOR, sector: MED, kind: media}
"""


@pytest.fixture
def actors(tmp_path: Path) -> ActorDictionary:
    folder = tmp_path / "actors"
    folder.mkdir()
    for name, text in [("states", STATES), ("organizations", ORGANIZATIONS),
                       ("people", PEOPLE), ("entities", ENTITIES)]:  # fmt: skip
        (folder / f"{name}.yaml").write_text(text)
    return load_actor_dictionary(folder)


@pytest.mark.parametrize(
    ("text", "on", "code", "sector"),
    [
        ("Kaja Kallas", date(2023, 5, 1), "EST", "GOV"),
        ("Kaja Kallas", date(2025, 2, 1), "EU", "GOV"),
        ("Kallas", date(2025, 2, 1), "EU", "GOV"),  # a surname nobody else has
        ("Kaja Kallas", date(2024, 9, 1), "EU", "GOV"),  # between roles: the latest
        ("Ola Nordmann", date(2030, 1, 1), "NOR", "GOV"),  # after the last role: the latest
        ("Oslo", None, "NOR", "GOV"),
        ("Norwegian", None, "NOR", "GOV"),
        ("kingdom of norway", None, "NOR", "GOV"),  # case-folded
        ("Europe", None, "EU", "GOV"),
        ("NRK", None, "NOR", "MED"),
    ],
)
def test_resolve_actor_by_text(
    actors: ActorDictionary, text: str, on: date | None, code: str, sector: str
) -> None:
    actor = resolve_actor(text, on=on, dictionary=actors)
    assert actor is not None
    assert (actor.code, actor.sector) == (code, sector)


def test_shared_surname_needs_a_first_mention(actors: ActorDictionary) -> None:
    assert resolve_actor("Li", dictionary=actors) is None
    ctx = DocumentContext(published=date(2024, 1, 1), dictionary=actors)
    ctx.remember(Actor(code="EST", name="Li Hua", sector="GOV"), kind="person")
    found = resolve_actor("Li", context=ctx)
    assert found is not None and found.name == "Li Hua"


def test_unknown_names_resolve_to_nothing(actors: ActorDictionary) -> None:
    assert resolve_actor("Atlantis", dictionary=actors) is None


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2021", False, date(2021, 1, 1)),
        ("2021", True, date(2021, 12, 31)),
        ("2024-02", True, date(2024, 2, 29)),
        ("2024-12", True, date(2024, 12, 31)),
        (date(2020, 3, 4), False, date(2020, 3, 4)),
        (None, False, None),
    ],
)
def test_partial_role_dates_widen_to_bounds(
    value: object, end: bool, expected: date | None
) -> None:
    assert parse_day(value, end=end) == expected


def test_last_person_follows_gender(actors: ActorDictionary) -> None:
    ctx = DocumentContext(dictionary=actors)
    ctx.genders.update({"Kaja Kallas": "f", "Ola Nordmann": "m"})
    ctx.remember(Actor(code="EU", name="Kaja Kallas"), kind="person")
    ctx.remember(Actor(code="NOR", name="Ola Nordmann"), kind="person")
    assert ctx.last_person("she") == Actor(code="EU", name="Kaja Kallas")
    assert ctx.last_person("he") == Actor(code="NOR", name="Ola Nordmann")


# The real model and the packaged dictionary: invented sentences about well-known actors.


def _read(nlp: Language, text: str) -> tuple[DocumentContext, list]:
    ctx = DocumentContext(
        published=date(2024, 6, 1),
        dictionary=actor_dictionary(nlp),
        speech_verbs=load_event_lexicon().speech_verbs,
    )
    sents = list(nlp(text).sents)
    for sent in sents[:-1]:
        remember_sentence(sent, ctx)
    return ctx, sents


def _subject_codes(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    ctx, sents = _read(nlp, text)
    subject = next(t for t in sents[-1] if t.dep_ in {"nsubj", "nsubjpass"})
    return [(a.code, a.sector) for a in np_actors(subject, ctx)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian forces shelled the village.", [("RUS", "MIL")]),
        ("The Chinese Foreign Ministry issued a statement.", [("CHN", "GOV")]),
        ("China's foreign minister arrived on Monday.", [("CHN", "GOV")]),
        ("Thirty Chinese banks joined the system.", [("CHN", "BUS")]),
        ("French and German leaders met in the capital.", [("FRA", "GOV"), ("DEU", "GOV")]),
        ("Russian lawmaker Ivan Petrovsky criticized the plan.", [("RUS", "GOV")]),
        ("Vladimir Putin arrived. He met the governor.", [("RUS", "GOV")]),
        ("Xi Jinping and Vladimir Putin met. Both countries signed deals.",
         [("CHN", "GOV"), ("RUS", "GOV")]),
        ("Oleh Kovalenko, a Ukrainian diplomat, spoke. Kovalenko left early.", [("UKR", "GOV")]),
    ],
)  # fmt: skip
def test_subject_phrases_resolve(
    nlp: Language, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _subject_codes(nlp, text) == expected


@pytest.mark.model
def test_it_points_to_the_state_just_named(nlp: Language) -> None:
    ctx, sents = _read(nlp, "India denied that it had bought the weapons.")
    pronoun = next(t for t in sents[-1] if t.lower_ == "it")
    assert [a.code for a in np_actors(pronoun, ctx)] == ["IND"]


@pytest.mark.model
def test_first_person_is_the_speaker(nlp: Language) -> None:
    ctx, sents = _read(nlp, "Vladimir Putin said, “We will never give in.”")
    pronoun = next(t for t in sents[-1] if t.lower_ == "we")
    assert [a.code for a in np_actors(pronoun, ctx)] == ["RUS"]
