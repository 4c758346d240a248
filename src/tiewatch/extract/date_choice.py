"""Which date an act takes: its clause's date mention, a continued date, or none.

Used by ``DateResolver`` (``extract/dates.py``). Rules follow shared/gold/DECISIONS.md (Dates,
F28, F29); each function documents the case it handles.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from tiewatch.extract.date_patterns import DateMention
from tiewatch.extract.headlines import headline_end
from tiewatch.models import PartialDate
from tiewatch.nlp.doc_cache import doc_text

logger = logging.getLogger(__name__)

_ANAPHORIC_DETS = frozenset({"the", "both", "this", "these", "that", "those"})
_CONTINUING_ADVERBS = frozenset({"also", "further", "furthermore", "additionally", "moreover"})
_AFTERWARDS = frozenset({"afterward", "afterwards"})
_OCCASION_NOUNS = frozenset(
    {"meeting", "talks", "call", "conversation", "visit", "summit", "session", "conference"}
)
# A statement's "I"/"we" is its speaker throughout, not a pointer back to the last act.
_NOT_ANAPHORIC = frozenset({"it", "there", "this", "that", "i", "we", "you", "one"})
_FIRST_PERSON = frozenset({"i", "we"})
_OTHER_EVENT = frozenset({"before", "ahead", "prior", "until", "pending"})
# "since" starts a state of affairs, it does not date the act; "until"/"through" a day give its
# month (F29); "by" is a deadline, the date of planned acts only.
_SINCE = frozenset({"since"})
_UNTIL = frozenset({"until", "till", "through", "thru"})
_BOUNDS = _UNTIL | {"by"}
_VAGUE_PAST = re.compile(
    r"\b(?:previously|in the past|early on|from the start|for years|ha(?:s|ve) long|"
    r"historically|in the last year|in recent years|over the years)\b",
    re.IGNORECASE,
)
# States, not events: with no date they take none ("the fund holds stakes", F29).
_STATIVE = frozenset(
    {"hold", "own", "have", "remain", "belong", "include", "contain", "consist", "possess"}
    | {"control", "involve"}
)
_MODALS = frozenset({"will", "would", "shall", "should", "could", "may", "might", "'ll", "wo"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

Rank = tuple[int, int, int, int]


def choose_mention(trigger: Token, mentions: Sequence[DateMention]) -> PartialDate | None:
    """The date of the mention in the trigger's clause, in a non-finite clause hanging on it
    ("Speaking on May 3, X said"), or in a clause governing it; a trigger in a run-in headline
    takes the date of the body's act."""
    headline = headline_end(doc_text(trigger.doc))
    if headline is not None and trigger.idx < headline:
        body = [m for m in mentions if m.start > headline and not _is_bound(trigger, m)]
        return body[0].value if body else None
    chain = _clause_chain(trigger)
    ranked = [(r, m) for m in mentions if (r := _rank(trigger, m, chain)) is not None]
    if not ranked:
        return None
    rank, mention = min(ranked, key=lambda pair: pair[0])
    value = mention.value
    head = mention_head(trigger, mention)
    through = head is not None and _preposition(head, mention) in _UNTIL
    if value.month is not None and (
        through or _through_other_event(trigger, mention) or (rank[0] > 0 and _ongoing(trigger))
    ):
        return replace(value, day=None)
    return value


def future_mention(mentions: Sequence[DateMention], after: PartialDate) -> PartialDate | None:
    """A scheduled date for a planned act: the first mention later than ``after``."""
    later = [m.value for m in mentions if m.value.isoformat() > after.isoformat()]
    return later[0] if later else None


def _is_bound(trigger: Token, mention: DateMention) -> bool:
    head = mention_head(trigger, mention)
    return head is None or _preposition(head, mention) in _BOUNDS | _SINCE


def _rank(trigger: Token, mention: DateMention, chain: dict[int, int]) -> Rank | None:
    """(clause level, hops through non-finite clauses, deadline?, distance); None when the
    mention belongs to another clause."""
    head = mention_head(trigger, mention)
    if head is None:
        return None
    preposition = _preposition(head, mention)
    if preposition in _SINCE or _buried_in_nouns(head):
        return None
    attached = _attach(clause_of(head), chain)
    if attached is None:
        return None
    level, hops = attached
    return (level, min(hops, 1), int(preposition in _BOUNDS), abs(head.i - trigger.i))


def _buried_in_nouns(head: Token) -> bool:
    """ "repeated its statements on the formation of ... the plan from last April": a date
    two noun phrases down anchors background, not the act (DECISIONS C2)."""
    nouns, node = 0, head.head
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        nouns += node.pos_ == "NOUN"
        node = node.head
    return nouns >= 2


def _attach(clause: Token, chain: dict[int, int]) -> tuple[int, int] | None:
    """Climb from a mention's clause through non-finite clauses to the trigger's chain."""
    node, hops = clause, 0
    while node.i not in chain:
        if is_finite(node) or node.dep_ in ("ccomp", "parataxis") or node.head.i == node.i:
            return None
        node, hops = clause_of(node.head), hops + 1
    return chain[node.i], hops


def is_finite(verb: Token) -> bool:
    """A tensed verb or one with a tensed auxiliary; a bare form with a subject counts too
    (the tagger reads "the funds hold" as VB). "companies cooperating" is not finite."""
    if verb.tag_ in _FINITE_TAGS:
        return True
    children = list(verb.children)
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in _FINITE_TAGS for a in auxes):
        return True
    bare = verb.tag_ == "VB" and not any(a.lower_ == "to" for a in auxes)
    return bare and any(c.dep_ in ("nsubj", "nsubjpass") for c in children)


def _clause_chain(trigger: Token) -> dict[int, int]:
    """Verb index -> level: the trigger's clause (0), its conjuncts, the governing clauses."""
    chain: dict[int, int] = {}
    node: Token | None = clause_of(trigger)
    level = 0
    while node is not None and level < 6:
        for verb in (node, *node.conjuncts):
            chain.setdefault(verb.i, level)
        parent = node.head
        node = None if parent.i == node.i else clause_of(parent)
        level += 1
    return chain


def clause_of(token: Token) -> Token:
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def mention_head(trigger: Token, mention: DateMention) -> Token | None:
    span = trigger.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def _preposition(head: Token, mention: DateMention) -> str:
    """The preposition introducing a date: its first word ("by 2035") or the head's head."""
    first = mention.text.split()[0].lower()
    if first in _BOUNDS | _SINCE:
        return first
    parent = head.head
    return parent.lower_ if parent.pos_ == "ADP" and parent.i != head.i else ""


def _through_other_event(trigger: Token, mention: DateMention) -> bool:
    """ "In a press conference before the talks in Riyadh on February 18, Guo expressed":
    the date hangs on another event, so only its month is safe (DECISIONS, Dates)."""
    clause = clause_of(trigger)
    node = mention_head(trigger, mention)
    while node is not None and node.i != clause.i and node.head.i != node.i:
        if node.lower_ in _OTHER_EVENT:
            return True
        node = node.head
    return False


def _ongoing(trigger: Token) -> bool:
    """A present or progressive act ("China is facilitating ...")."""
    verb = clause_of(trigger)
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBG" and bool(auxes & {"is", "are"}))


def finite_verb(trigger: Token) -> Token:
    """The first finite verb at or above the trigger ("reported" for "... on companies
    cooperating")."""
    node = clause_of(trigger)
    for _ in range(6):
        if is_finite(node) or node.head.i == node.i:
            return node
        node = clause_of(node.head)
    return node


def is_future(trigger: Token) -> bool:
    """A modal or "will" on the act's finite verb: a plan, not a present intention."""
    verb = finite_verb(trigger)
    return verb.tag_ == "MD" or any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


def undated_state(sent: Span, trigger: Token) -> bool:
    """No date applies: vague past ("previously"), a bare present perfect of a third party,
    or a present state ("hold stakes") (DECISIONS F29)."""
    if _VAGUE_PAST.search(sent.text):
        return True
    verb = finite_verb(trigger)
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    subjects = {c.lower_ for c in verb.children if c.dep_ == "nsubj"}
    if verb.tag_ == "VBN" and auxes & {"has", "have"} and not subjects & _FIRST_PERSON:
        return True
    bare = verb.tag_ == "VB" and not auxes
    present = verb.tag_ in ("VBZ", "VBP") or bare or bool(auxes & {"is", "are"})
    return present and verb.lemma_.lower() in _STATIVE


def continues(sent: Span, previous: Span | None) -> bool:
    """Whether ``sent`` carries on the act of the sentence before: a pronoun or definite
    subject ("He", "The two", "The spokesperson"), "added", "afterward", a definite occasion
    ("During the meeting"), or "also" with a subject named in the sentence before."""
    root = sent.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if root.lemma_.lower() == "add" or _opens_with_occasion(sent):
        return True
    if any(t.lower_ in _AFTERWARDS for t in sent):
        return True
    if subject is None:
        return False
    if subject.pos_ == "PRON" and subject.lower_ not in _NOT_ANAPHORIC:
        return True
    if _definite_common(subject):
        return True
    also = any(c.lower_ in _CONTINUING_ADVERBS for c in root.children)
    return also and previous is not None and subject.text in previous.text


def _definite_common(subject: Token) -> bool:
    """ "the two", "both sides", "the spokesperson": no name, a definite determiner."""
    words = list(subject.subtree)
    if any(t.pos_ == "PROPN" for t in words):
        return False
    return words[0].lower_ in _ANAPHORIC_DETS or subject.lower_ == "both"


def _opens_with_occasion(sent: Span) -> bool:
    words = [t.lower_ for t in sent[:5]]
    return (
        len(words) >= 3
        and words[0] in ("during", "at", "in", "after")
        and words[1] == "the"
        and words[2] in _OCCASION_NOUNS
    )
