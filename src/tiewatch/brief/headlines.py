"""Event headlines for brief items: "{source} {verb} {target}" from one extracted event.

The verb comes from ``data/brief_phrases.yaml`` (PLOVER type and trigger word -> a short
verb); the names are written as the cited sentence writes them (``names.written_name``), so
the headline names nobody the sentence does not name.

Docs: docs/briefs.md ("Lead phrases").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from tiewatch.brief.names import names_in, written_name
from tiewatch.errors import PhraseDataError
from tiewatch.models import Event

logger = logging.getLogger(__name__)

_ES_ENDINGS = ("s", "sh", "ch", "x", "z", "o")


@dataclass(frozen=True)
class VerbForms:
    """A headline verb for the triggers that start with one of ``stems``."""

    stems: tuple[str, ...]
    with_target: str | None
    alone: str | None = None

    def fits(self, trigger: str) -> bool:
        return trigger.lower().startswith(self.stems)


@dataclass(frozen=True)
class SubjectWords:
    """Word lists that delimit the subject of a clause (``subject`` in the data file)."""

    clause_break: re.Pattern[str]
    auxiliaries: frozenset[str]
    phrase_starts: frozenset[str]
    pronouns: frozenset[str]


@dataclass(frozen=True)
class OwnVoice:
    """A sentence's opening words that mark a speaker's own voice (``own_voice``)."""

    pronouns: frozenset[str]
    openers: frozenset[str]

    def opens(self, text: str) -> bool:
        """True when ``text``'s first word, after any openers, is a first/second-person pronoun."""
        if not text.lstrip()[:1].isalpha():  # quoted speech, a list mark, a number
            return False
        for word in re.findall(r"[^\W\d_]+(?:['\u2019][a-z]+)?", text[:80]):
            bare = re.sub(r"['\u2019][a-z]+$", "", word.lower())
            if bare not in self.openers:
                return bare in self.pronouns
        return False


@dataclass(frozen=True)
class PhraseTable:
    types: Mapping[str, tuple[VerbForms, ...]]
    min_confidence: float
    statuses: frozenset[str]
    subject: SubjectWords
    own_voice: OwnVoice

    def forms_for(self, event: Event) -> VerbForms | None:
        """The verb for ``event``'s type and trigger; None when no stem fits."""
        if not event.trigger:
            return None
        verbs = self.types.get(event.type, ())
        return next((forms for forms in verbs if forms.fits(event.trigger)), None)


@lru_cache(maxsize=1)
def phrase_table() -> PhraseTable:
    """The headline verbs of ``data/brief_phrases.yaml``."""
    path = resources.files("tiewatch").joinpath("data", "brief_phrases.yaml")
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
        return PhraseTable(
            types={name: tuple(map(_forms, specs)) for name, specs in raw["types"].items()},
            min_confidence=float(raw.get("min_confidence", 0.0)),
            statuses=frozenset(raw.get("statuses", ["occurred"])),
            subject=_subject_words(raw["subject"]),
            own_voice=OwnVoice(
                pronouns=frozenset(map(str, raw["own_voice"]["pronouns"])),
                openers=frozenset(map(str, raw["own_voice"]["openers"])),
            ),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise PhraseDataError(f"malformed {path}: {exc!r}") from exc


def _subject_words(spec: Mapping[str, Any]) -> SubjectWords:
    words = "|".join(re.escape(str(w)) for w in spec["clause_words"])
    return SubjectWords(
        clause_break=re.compile(
            r"[,;:()\u2014\u2013\u201c\u201d\"]|\b(?:" + words + r")\b", re.IGNORECASE
        ),
        auxiliaries=frozenset(map(str, spec["auxiliaries"])),
        phrase_starts=frozenset(map(str, spec["phrase_starts"])),
        pronouns=frozenset(map(str, spec["pronouns"])),
    )


def _forms(spec: Mapping[str, Any]) -> VerbForms:
    return VerbForms(
        stems=tuple(str(stem).lower() for stem in spec["triggers"]),
        with_target=spec.get("with"),
        alone=spec.get("alone"),
    )


def event_headline(
    event: Event,
    text: str,
    *,
    names: Mapping[str, str],
    subject: str | None = None,
    plural: bool = False,
) -> str | None:
    """``"Wang Yi holds talks with Sergey Lavrov"`` for an event of ``text``; None when the
    event is not firm enough (alleged, denied, low confidence), no verb of its type fits its
    trigger, or the sentence does not name its source.

    ``subject``: the words of ``text`` that act (its clause subject), instead of the source's
    name; ``plural``: whether they take a plural verb ("negotiators hold talks").
    """
    table = phrase_table()
    forms = table.forms_for(event)
    if forms is None or event.status not in table.statuses:
        return None
    if event.confidence < table.min_confidence:
        return None
    source = subject or written_name(event.source, event.source_name, text, names=names)
    if source is None:
        return None
    target = written_name(event.target, event.target_name, text, names=names)
    if target and forms.with_target and not names_in(target, source):
        verb, tail = forms.with_target, f" {target}"
    elif forms.alone:
        verb, tail = forms.alone, ""
    else:
        return None
    if event.status == "planned":  # only when the data file lets planned events in
        verb = f"to {verb}"
    elif not plural:
        verb = inflect_third_person(verb)
    phrase = f"{source} {verb}{tail}"
    return phrase[:1].upper() + phrase[1:]


def inflect_third_person(verb: str) -> str:
    """``"hold talks with"`` -> ``"holds talks with"``: the first word in the third person."""
    first, _, rest = verb.partition(" ")
    if first == "have":
        first = "has"
    elif first.endswith(_ES_ENDINGS):
        first += "es"
    elif len(first) > 1 and first.endswith("y") and first[-2] not in "aeiou":
        first = first[:-1] + "ies"
    else:
        first += "s"
    return f"{first} {rest}" if rest else first
