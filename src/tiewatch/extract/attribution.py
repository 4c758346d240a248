"""``reported_by``: the outlet or channel a sentence credits ("Reuters reported", "according
to the Wall Street Journal", "a Russian press release shared", "in an interview with
Bloomberg", "in a post on X").

Data: ``data/lexicons/attribution.yaml`` (known outlets and channels, credit verbs and nouns)
plus outlets of the actor dictionary (entities with sector MED).
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from tiewatch.extract.dictionary import ActorDictionary
from tiewatch.extract.lexicon import DataDir, as_strings, data_root, read_yaml

logger = logging.getLogger(__name__)

_LEFT_DEPS = {"compound", "amod", "poss", "nmod", "nummod", "det", "case", "punct"}
_DROP_FIRST = {"the", "a", "an", "its", "their", "his", "her", "this", "that"}
_CREDIT_PREPS = {"in", "on", "to", "with", "from", "by", "via", "through"}


@dataclass(frozen=True)
class AttributionLexicon:
    outlets: dict[str, str]  # case-folded name -> name as written in the data
    channels: frozenset[str]
    credit_verbs: frozenset[str]
    credit_nouns: frozenset[str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=4)
def load_attribution(path: DataDir | None = None) -> AttributionLexicon:
    raw = read_yaml(path or data_root().joinpath("lexicons", "attribution.yaml")) or {}
    names = [*as_strings(raw.get("outlets")), *as_strings(raw.get("channels"))]
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")
    return AttributionLexicon(
        outlets={name.casefold(): name for name in as_strings(raw.get("outlets"))},
        channels=frozenset(as_strings(raw.get("channels"))),
        credit_verbs=frozenset(w.lower() for w in as_strings(raw.get("credit_verbs"))),
        credit_nouns=frozenset(w.lower() for w in as_strings(raw.get("credit_nouns"))),
        pattern=pattern,
    )


def is_outlet(text: str, dictionary: ActorDictionary | None = None) -> bool:
    """A known news outlet (from the lexicon, or a media entity of the actor dictionary)."""
    name = _strip_det(text)
    if name.casefold() in load_attribution().outlets:
        return True
    if dictionary is None:
        return False
    surface = dictionary.lookup(name)
    return surface is not None and surface.entry.sector == "MED"


def _strip_det(text: str) -> str:
    words = text.split()
    while words and words[0].lower() in _DROP_FIRST:
        words = words[1:]
    return " ".join(words)


def phrase_text(head: Token) -> str:
    """The name-like part of a noun phrase: left modifiers and the head (and the rest of a
    named entity), without a leading determiner ("a Russian press release" -> "Russian press
    release")."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _LEFT_DEPS:
            start = min(start, child.left_edge.i)
    end = head.i + 1
    doc = head.doc
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == head.ent_type_:
        end += 1
    text = doc[start:end].text
    return _strip_det(text.removesuffix("'s").removesuffix("’s"))


def find_reported_by(sent: Span, *, dictionary: ActorDictionary | None = None) -> str | None:
    """The outlet or channel the sentence credits, or ``None``."""
    lexicon = load_attribution()
    for finder in (_according_to, _credit_subject, _credited_mention):
        found = finder(sent, lexicon, dictionary)
        if found:
            return found
    return None


def _according_to(
    sent: Span, lexicon: AttributionLexicon, dictionary: ActorDictionary | None
) -> str | None:
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            to = token.doc[token.i + 1]
            pobjs = [c for c in (*to.children, *token.children) if c.dep_ == "pobj"]
            for pobj in pobjs:
                if pobj.pos_ in {"PROPN", "NOUN"}:
                    return phrase_text(pobj)
    return None


def _credit_subject(
    sent: Span, lexicon: AttributionLexicon, dictionary: ActorDictionary | None
) -> str | None:
    """Credited subjects: "Reuters reported", "says Reuters", "A Russian press release
    shared that"."""
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.credit_verbs:
            continue
        for subject in (c for c in token.children if c.dep_ == "nsubj"):
            text = phrase_text(subject)
            if is_outlet(text, dictionary):
                return _canonical(text, lexicon)
            if subject.lemma_.lower() in lexicon.credit_nouns and _credit_owner(subject):
                return text
    return None


def _credit_owner(noun: Token) -> bool:
    """A credited document names whose it is ("a Russian press release", "TASS's report")."""
    return any(c.dep_ in {"amod", "compound", "poss"} and c.ent_type_ for c in noun.lefts)


def _credited_mention(
    sent: Span, lexicon: AttributionLexicon, dictionary: ActorDictionary | None
) -> str | None:
    """A known outlet or channel inside a prepositional phrase ("in an interview with
    Bloomberg", "on a China Central Television broadcast", "in a post on X", "told TASS")."""
    for match in lexicon.pattern.finditer(sent.text):
        token = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if token is None:
            continue
        if _in_credit_phrase(token.root):
            return _canonical(match.group(), lexicon)
    return None


def _in_credit_phrase(token: Token) -> bool:
    node = token
    for _ in range(3):
        if node.dep_ in {"pobj", "dobj", "dative"} and node.head.lower_ in _CREDIT_PREPS | {"told"}:
            return True
        if node.dep_ == "dobj" and node.head.lemma_ == "tell":
            return True
        if node.dep_ not in {"compound", "nmod", "poss", "pobj", "amod"}:
            return False
        node = node.head
    return False


def _canonical(text: str, lexicon: AttributionLexicon) -> str:
    return lexicon.outlets.get(_strip_det(text).casefold(), _strip_det(text))
