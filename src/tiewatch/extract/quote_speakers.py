"""Attribution of quotes: is there a speech verb or noun, and whose words are they.

The speaker is the subject of the attribution verb ("X said", "said X", "X added, “...”"),
the owner of a speech noun ("X's remarks", "a statement by X"), the object of "according to",
or, for a quote standing alone, the speaker or subject of the sentence before. Pronouns are
resolved to a named antecedent in the preceding sentences when one is found.
Cues live in ``data/lexicons/attribution_verbs.yaml``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from tiewatch.extract.numbers import read_lexicon

logger = logging.getLogger(__name__)

_SPEAKER_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "acl", "relcl", "pcomp", "prep"})
_NP_LEFT_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "case", "nummod"})


@dataclass(frozen=True)
class AttributionLexicon:
    verbs: frozenset[str]
    weak_verbs: frozenset[str]
    nouns: frozenset[str]
    label_words: frozenset[str]
    label_participles: frozenset[str]
    idiom_markers: tuple[str, ...]
    hypothetical_subjects: frozenset[str]
    title_function_words: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]


@lru_cache(maxsize=1)
def load_attribution_lexicon() -> AttributionLexicon:
    data = read_lexicon("attribution_verbs.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return AttributionLexicon(
        verbs=words("verbs") | words("weak_verbs"),
        weak_verbs=words("weak_verbs"),
        nouns=words("nouns"),
        label_words=words("label_words"),
        label_participles=words("label_participles"),
        idiom_markers=tuple(str(m).lower() for m in data["idiom_markers"]),
        hypothetical_subjects=words("hypothetical_subjects"),
        title_function_words=words("title_function_words"),
        person_pronouns=words("person_pronouns"),
        group_pronouns=words("group_pronouns"),
    )


def is_speech_verb(token: Token) -> bool:
    return (
        token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in load_attribution_lexicon().verbs
    )


def is_speech_noun(token: Token) -> bool:
    return (
        token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in load_attribution_lexicon().nouns
    )


def is_attribution(token: Token) -> bool:
    """A speech verb, a speech noun, or "according" of "according to"."""
    if token.lower_ == "according":
        return any(child.lower_ == "to" for child in token.children) or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
        )
    return is_speech_verb(token) or is_speech_noun(token)


def attribution_cues(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if is_attribution(t)]


def governing_cue(quoted: Sequence[Token], cues: Sequence[Token]) -> Token | None:
    """The cue that is the closest ancestor of the quoted words, verbs before nouns
    ("Wang emphasized China's support of “...”" is Wang's)."""
    cue_ids = {c.i for c in cues}
    best: tuple[int, int, Token] | None = None
    for token in quoted:
        for depth, ancestor in enumerate(token.ancestors):
            if ancestor.i not in cue_ids:
                continue
            rank = (_cue_rank(ancestor), depth)
            if best is None or rank < best[:2]:
                best = (*rank, ancestor)
    return None if best is None else best[2]


def _cue_rank(cue: Token) -> int:
    """Reporting verbs first, then stance verbs ("discussed"), then speech nouns."""
    if not is_speech_verb(cue):
        return 2
    return 1 if cue.lemma_.lower() in load_attribution_lexicon().weak_verbs else 0


def nearest_cue(quoted: Sequence[Token], cues: Sequence[Token]) -> Token | None:
    """The cue nearest the quote, verbs before nouns."""
    if not cues or not quoted:
        return None
    first, last = quoted[0].i, quoted[-1].i

    def rank(cue: Token) -> tuple[int, int]:
        distance = first - cue.i if cue.i < first else cue.i - last
        return (_cue_rank(cue), distance)

    return min(cues, key=rank)


def speaker_token(cue: Token) -> Token | None:
    """The head of the speaker's noun phrase for an attribution cue."""
    if cue.lower_ == "according":
        return _according_to(cue)
    if is_speech_verb(cue):
        return _verb_subject(cue)
    return _noun_owner(cue)


def _according_to(cue: Token) -> Token | None:
    nodes = [*cue.children, *(cue.doc[cue.i + 1].children if cue.i + 1 < len(cue.doc) else [])]
    for node in nodes:
        for child in [node, *node.children]:
            if child.dep_ == "pobj":
                return child
    return None


def _verb_subject(verb: Token) -> Token | None:
    """The subject, the agent of a passive, or the governing verb's subject for participles
    and infinitives ("..., saying", "..., adding", "went on to say")."""
    node = verb
    for _ in range(8):
        if _parsed_into_complement(node):
            node = node.head.head
            continue
        found = _own_subject(node)
        if found is not None:
            return found
        if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("dobj", "attr", "pobj"):
            node = node.head if node.dep_ != "pobj" else node.head.head  # "used language
            continue  # condemning ...": the user of the language speaks
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        node = node.head
    return None


def _parsed_into_complement(verb: Token) -> bool:
    """ "X stated that A is B and called on C": the parser often joins "called" to "is" inside
    the reported clause; a speech verb conjoined to a complement of a speech verb shares that
    higher verb's subject."""
    head = verb.head
    return (
        verb.dep_ == "conj"
        and is_speech_verb(verb)
        and not is_speech_verb(head)
        and head.dep_ == "ccomp"
        and is_speech_verb(head.head)
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def _own_subject(verb: Token) -> Token | None:
    """nsubj, else the agent of a passive, else the patient of "was quoted/cited as"."""
    children = list(verb.children)
    # a footnote mark parsed as the subject ("...,”* said the minister") names no one
    subjects = [c for c in children if c.dep_ == "nsubj" and not c.is_punct]
    if subjects:  # a headline glued to the sentence can add a far subject
        return _relative_head(min(subjects, key=lambda c: abs(c.i - verb.i)))
    for child in children:
        objects = [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "agent" and objects:
            return objects[0]
    if verb.lemma_.lower() in ("quote", "cite"):
        return next((c for c in children if c.dep_ == "nsubjpass"), None)
    return None


def _relative_head(subject: Token) -> Token:
    """ "the minister, who said ..." -> minister."""
    if subject.tag_ in ("WP", "WDT") and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _noun_owner(noun: Token) -> Token | None:
    """ "X's remarks", "a statement by X", or whoever issued the statement."""
    owner = noun_author(noun)
    if owner is not None:
        return owner
    node = noun.head
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX"):
            return _verb_subject(node)
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def noun_author(noun: Token) -> Token | None:
    """The author named inside a speech noun's phrase: "X's remarks", "a statement by X",
    "the statement given by X"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].ent_type_ in _SPEAKER_ENTS:
                return objects[0]
        if child.dep_ == "acl":
            agents = [a for a in child.children if a.dep_ == "agent"]
            objects = [c for a in agents for c in a.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def sentence_subject(sent: Span) -> Token | None:
    """The subject of the sentence's root verb."""
    for child in sent.root.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    return None


def speaker_span(token: Token) -> Span:
    """The entity naming the speaker: the entity around the subject head, else a PERSON inside
    the subject's noun phrase ("spokesperson Mao Ning"), else the noun phrase itself ("the
    spokesperson", "China's Foreign Ministry"). Coordinated subjects give one span over all
    conjuncts ("Xi and Putin"): joint speakers, which the actor resolver splits."""
    first = _single_speaker_span(token)
    conjuncts = [c for c in token.conjuncts if c.i > token.i and c.pos_ in ("PROPN", "NOUN")]
    if not conjuncts:
        return first
    last = _single_speaker_span(conjuncts[-1])
    return token.doc[min(first.start, last.start) : max(first.end, last.end)]


def _single_speaker_span(token: Token) -> Span:
    if token.ent_type_ in _SPEAKER_ENTS:
        return _entity_at(token)
    people = [t for t in _np_tokens(token) if t.ent_type_ == "PERSON"]
    if people:
        return _entity_at(people[-1])
    phrase = sorted(_np_tokens(token), key=lambda t: t.i) or [token]  # a lone mark: itself
    return token.doc[phrase[0].i : phrase[-1].i + 1]


def nearest_person(cue: Token, outside: Sequence[Token]) -> Span | None:
    """Fallback when the parse gives the verb no subject: the PERSON nearest the verb,
    before it first ("In an interview, Oleh Ivashchenko, the agency's head, said")."""
    people = [t for t in outside if t.ent_type_ == "PERSON"]
    if not people:
        return None
    before = [t for t in people if t.i < cue.i]
    chosen = before[-1] if before else min(people, key=lambda t: t.i)
    return _entity_at(chosen)


def _entity_at(token: Token) -> Span:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return token.doc[token.i : token.i + 1]


def _np_tokens(head: Token) -> list[Token]:
    """The head with its left modifiers and appositions (no relative clauses)."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in _NP_LEFT_DEPS and child.i < head.i:
            tokens.extend(child.subtree)
        elif child.dep_ == "appos":
            tokens.extend(_np_tokens(child))
    return [t for t in tokens if not t.is_punct]


def _governing_subject(pronoun: Token) -> Token | None:
    """A named subject of a clause above the pronoun's, to its left."""
    for ancestor in pronoun.ancestors:
        for child in ancestor.children:
            if child.dep_ == "nsubj" and child.i < pronoun.i and child.pos_ == "PROPN":
                return child
    return None


def _unlabelled_name(span: Span, wanted: tuple[str, ...]) -> bool:
    """A proper-noun subject the NER left unlabelled ("Zelenskyy charged ...")."""
    return "PERSON" in wanted and all(t.pos_ == "PROPN" and not t.ent_type_ for t in span)


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.tag_ in ("PRP", "PRP$")


def resolve_pronoun(pronoun: Token, history: Sequence[Span]) -> Span | None:
    """A named antecedent for "he"/"she"/"they" in the sentences before (nearest first):
    a PERSON subject for he/she, else a named subject for they/it."""
    lex = load_attribution_lexicon()
    word = pronoun.lower_
    wanted: tuple[str, ...]
    if word in lex.person_pronouns:
        wanted = ("PERSON",)
    elif word in lex.group_pronouns:
        wanted = ("ORG", "GPE", "NORP", "PERSON")
    else:
        return None
    governing = _governing_subject(pronoun)
    if governing is not None:  # "Milei rejected what he called “meddling”"
        return speaker_span(governing)
    earlier = [e for e in pronoun.sent.ents if e.end <= pronoun.i and e.label_ in wanted]
    if earlier:
        return earlier[-1]
    for sent in reversed(history):
        subject = sentence_subject(sent)
        if subject is not None and not is_pronoun(subject):
            span = speaker_span(subject)
            if any(t.ent_type_ in wanted for t in span) or _unlabelled_name(span, wanted):
                return span
        people = [e for e in sent.ents if e.label_ in wanted]
        if people:
            return people[0]
    return None
