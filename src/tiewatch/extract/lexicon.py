"""Read the versioned YAML data files under ``tiewatch/data`` (lexicons, actor dictionary).

Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from tiewatch.errors import ExtractionError

logger = logging.getLogger(__name__)

DataDir = Path | Traversable


def data_root() -> Traversable:
    """The packaged ``tiewatch/data`` folder."""
    return resources.files("tiewatch").joinpath("data")


try:  # libyaml's parser: 7x faster, and every worker parses the actor dictionary (#6)
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """YAML 1.2 booleans: only true/false, so "on", "off", "no" stay words ("call on")."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_yaml(path: DataDir) -> Any:
    """Parse one YAML file; a missing file reads as ``None``."""
    if not path.is_file():
        return None
    try:
        return yaml.load(path.read_text("utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ExtractionError(f"malformed data file {path}: {exc}") from exc


def read_yaml_list(path: DataDir) -> list[Mapping[str, Any]]:
    """A YAML file holding a list of mappings (an empty list when the file is absent)."""
    value = read_yaml(path)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise ExtractionError(f"data file {path} must hold a list of mappings")
    return value


def as_strings(value: Any) -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of non-empty strings."""
    if value is None:
        return ()
    items = value if isinstance(value, list | tuple) else [value]
    return tuple(str(item) for item in items if item is not None and str(item).strip())


@dataclass(frozen=True)
class Trigger:
    """One sense of a trigger word in ``data/lexicons/events.yaml``."""

    lemma: str
    type: str
    pos: str = "verb"  # verb, noun or adj
    mode: str | None = None
    particle: str | None = None  # a prt/prep child the sense needs ("call on")
    objects: tuple[str, ...] = ()  # object lemmas the sense needs ("hold talks")
    target: tuple[str, ...] = ("dobj",)  # where the recipient is: dobj, dative, prep lemmas
    joint: bool = False  # only an interaction when two or more parties act together
    needs_target: bool = False  # only coded when a recipient actor is found
    vehicle: bool = False  # only coded when the subject is a ship, aircraft or drone
    embeds: str | None = None  # what it does to an act below it: absorb, alleged, denied
    person_target: bool = False  # the recipient must be a named person or state ("called Xi")
    future: bool = False  # only coded as a future or conditional act ("would respond")


@dataclass(frozen=True)
class EventLexicon:
    """Triggers by lemma plus the word lists that steer roles and status."""

    triggers: Mapping[str, tuple[Trigger, ...]]
    light_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    planned_intent_verbs: frozenset[str]
    speculative_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    accusing_speech_verbs: frozenset[str]
    hedges: frozenset[str]
    document_nouns: frozenset[str]
    vehicle_nouns: frozenset[str]
    concern_words: frozenset[str]
    meeting_preps: frozenset[str]
    topic_verbs: frozenset[str]

    def senses(self, lemma: str, pos: str) -> Iterator[Trigger]:
        for trigger in self.triggers.get(lemma.lower(), ()):
            if trigger.pos == pos:
                yield trigger


def _trigger(lemma: str, pos: str, raw: Mapping[str, Any]) -> Trigger:
    default = ("dobj",) if pos == "verb" else ()
    target = as_strings(raw["target"]) if "target" in raw else default
    return Trigger(
        lemma=lemma,
        type=str(raw["type"]),
        pos=pos,
        mode=raw.get("mode"),
        particle=raw.get("particle"),
        objects=as_strings(raw.get("objects")),
        target=target,
        joint=bool(raw.get("joint", False)),
        needs_target=bool(raw.get("needs_target", False)),
        vehicle=bool(raw.get("vehicle", False)),
        embeds=raw.get("embeds"),
        person_target=bool(raw.get("person_target", False)),
        future=bool(raw.get("future", False)),
    )


def _parse_triggers(raw: Mapping[str, Any]) -> dict[str, tuple[Trigger, ...]]:
    triggers: dict[str, list[Trigger]] = {}
    for pos in ("verb", "noun", "adj"):
        for entry in raw.get(pos + "s") or []:
            senses = entry.get("senses") or [entry]
            for lemma in as_strings(entry.get("lemma")):
                for sense in senses:
                    merged = {**entry, **sense}
                    triggers.setdefault(lemma.lower(), []).append(_trigger(lemma, pos, merged))
    return {lemma: tuple(items) for lemma, items in triggers.items()}


def _words(raw: Mapping[str, Any], key: str) -> frozenset[str]:
    return frozenset(word.lower() for word in as_strings(raw.get(key)))


@lru_cache(maxsize=4)
def load_event_lexicon(path: DataDir | None = None) -> EventLexicon:
    """The trigger lexicon (``data/lexicons/events.yaml`` unless ``path`` is given)."""
    raw = read_yaml(path or data_root().joinpath("lexicons", "events.yaml"))
    if not isinstance(raw, Mapping):
        raise ExtractionError("events.yaml must hold a mapping")
    lexicon = EventLexicon(
        triggers=_parse_triggers(raw),
        light_verbs=_words(raw, "light_verbs"),
        intent_verbs=_words(raw, "intent_verbs"),
        planned_intent_verbs=_words(raw, "planned_intent_verbs"),
        speculative_verbs=_words(raw, "speculative_verbs"),
        speech_verbs=_words(raw, "speech_verbs"),
        accusing_speech_verbs=_words(raw, "accusing_speech_verbs"),
        hedges=_words(raw, "hedges"),
        document_nouns=_words(raw, "document_nouns"),
        vehicle_nouns=_words(raw, "vehicle_nouns"),
        concern_words=_words(raw, "concern_words"),
        meeting_preps=_words(raw, "meeting_preps"),
        topic_verbs=_words(raw, "topic_verbs"),
    )
    logger.debug("loaded %d trigger lemmas", len(lexicon.triggers))
    return lexicon


@lru_cache(maxsize=1)
def _word_lists() -> Mapping[str, Any]:
    """The ``words`` section of ``events.yaml``, parsed once for all lists."""
    raw = read_yaml(data_root().joinpath("lexicons", "events.yaml")) or {}
    return raw.get("words") or {}


@lru_cache(maxsize=128)
def word_list(name: str) -> frozenset[str]:
    """A named word list of ``events.yaml`` (``words``), lower case."""
    words = _word_lists().get(name)
    if words is None:
        raise ExtractionError(f"events.yaml has no word list {name!r}")
    return frozenset(word.lower() for word in as_strings(words))


@lru_cache(maxsize=4)
def load_contexts(path: DataDir | None = None) -> Mapping[str, frozenset[str]]:
    """Lower-case cue lemma -> PLOVER contexts (``data/lexicons/contexts.yaml``)."""
    raw = read_yaml(path or data_root().joinpath("lexicons", "contexts.yaml")) or {}
    cues: dict[str, set[str]] = {}
    for context, words in (raw.get("cues") or {}).items():
        for word in as_strings(words):
            cues.setdefault(word.lower(), set()).add(str(context))
    return {word: frozenset(contexts) for word, contexts in cues.items()}


@lru_cache(maxsize=4)
def load_type_contexts(path: DataDir | None = None) -> Mapping[str, tuple[str, ...]]:
    """Default contexts per event type (``contexts.yaml``, ``by_type``)."""
    raw = read_yaml(path or data_root().joinpath("lexicons", "contexts.yaml")) or {}
    return {str(k): as_strings(v) for k, v in (raw.get("by_type") or {}).items()}
