"""PLOVER events from one parsed sentence: triggers from ``data/lexicons/events.yaml`` over
the dependency parse, their source and recipient actors, mode and status.

Only events whose source resolves to an actor are coded (shared/gold/DECISIONS.md).
Docs: ``docs/architecture.md`` ("nlp and extract").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from tiewatch.extract.actors import DocumentContext
from tiewatch.extract.coded import (
    EventMention,
    dedupe,
    fill_targets,
    meeting_partners,
    remember_coded,
)
from tiewatch.extract.conditions import conditional_threats, in_condition
from tiewatch.extract.copular import characterisations
from tiewatch.extract.frames import Findings, attribute_speech, demands, speech_findings
from tiewatch.extract.lexicon import EventLexicon, load_event_lexicon, word_list
from tiewatch.extract.mentions import np_actors, points_back
from tiewatch.extract.parties import (
    by_sector,
    domestic,
    orders_own_side,
    own_people,
    universal_addressee,
)
from tiewatch.extract.roles import noun_source_heads, source_heads, target_actors
from tiewatch.extract.status import Modality, modality_of, resolve_status
from tiewatch.extract.triggers import Fired, fire_triggers
from tiewatch.models import Actor

logger = logging.getLogger(__name__)

# PLOVER: these three need a recipient; a meeting with nobody named is not worth a row.
NEEDS_RECIPIENT = frozenset({"COOPERATE", "AID", "SANCTION"})
JOINT_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT", "CONCEDE"})
MATERIAL_TYPES = frozenset({"AID", "COOPERATE", "ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})
_CONFLICT = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
_REQUEST_MODES = {
    "RETREAT": "yield",
    "CONCEDE": "yield",
    "CONSULT": "meet",
    "AGREE": "meet",
    "AID": "assist",
    "SUPPORT": "assist",
    "COOPERATE": "assist",
}
_TOGETHER = {"jointly", "together", "mutually"}


@dataclass
class _Roles:
    sources: list[Actor]
    targets: list[Actor]
    inherited: bool
    anaphoric: bool  # the subject only points back ("they", "both sides")
    explicit_group: bool  # several sources named in the clause ("China and Russia")


def extract_events(
    sent: Span,
    ctx: DocumentContext,
    *,
    lexicon: EventLexicon | None = None,
    credited: bool = False,
    headline: bool = False,
) -> list[EventMention]:
    """Every PLOVER event the sentence asserts. ``credited``: the sentence is credited to an
    outlet, so a reported possibility is coded as a plan (DECISIONS, "could include");
    ``headline``: the sentence is a title line (its event nouns name the acts, F5)."""
    if sent.text.rstrip(" \"'”’").endswith("?"):
        return []  # reporters' questions are not coded (DECISIONS F12)
    lexicon = lexicon or load_event_lexicon()
    fired = [
        item
        for item in fire_triggers(sent, lexicon, headline=headline)
        if not in_condition(item.token)
    ]
    mentions, covered = conditional_threats(sent, ctx)
    for item in fired:
        if orders_own_side(item.governor, ctx) and item.relation == "absorb":
            item.relation = None  # "instructed the government to work with X": a commitment
        if item.relation != "absorb" and item.token.i not in covered:
            mentions.extend(_code(item, fired, ctx, lexicon, credited=credited))
    mentions.extend(demands(sent, ctx, lexicon))
    mentions.extend(characterisations(sent, ctx, lexicon))
    mentions = dedupe(meeting_partners(fill_targets(mentions), ctx))
    remember_coded(mentions, ctx)
    return mentions


def _code(
    item: Fired, fired: list[Fired], ctx: DocumentContext, lexicon: EventLexicon, *, credited: bool
) -> list[EventMention]:
    if item.sense.type == "THREATEN" and _voices_concern(item.token, lexicon):
        item.sense = replace(item.sense, type="ACCUSE", mode="disapprove", target=("clause",))
    roles = _roles(item, fired, ctx, lexicon)
    if roles is None:
        return []
    event_type, mode = _absorbed_type(item, fired)
    findings = speech_findings(item.carrier, ctx, lexicon)
    if item.relation is None and _continues(item, roles, event_type, ctx, lexicon, findings):
        return []
    modality = modality_of(item.token, item.carrier, lexicon)
    if item.sense.future and not (modality.future or modality.hedged or modality.committed):
        return []  # "would respond resolutely", not "responded to the letter"
    if item.relation in {"alleged", "denied"}:
        outcome: tuple[str, str] | None = (event_type, item.relation)
    elif modality.negated and event_type in MATERIAL_TYPES:
        return _denial(item, roles, findings.speaker_codes, ctx)
    else:
        outcome = resolve_status(event_type, modality, credited=credited or findings.credited)
    absorbed = any(f.governor is item for f in fired)
    if outcome is None or not _coded_without_target(item, outcome[0], roles, absorbed=absorbed):
        return []
    if outcome[0] == "CONSULT" and all(s.sector == "MIL" for s in roles.sources):
        return []  # troops arriving somewhere do not consult anyone
    if outcome[0] != item.sense.type == event_type and not (
        roles.targets or len(roles.sources) > 1
    ):
        return []  # a plan to act with nobody named is only an aspiration (DECISIONS F9)
    event_type, status = outcome
    if event_type == "MOBILIZE" and _joint(item, roles):
        event_type, mode = "COOPERATE", None  # joint patrols and drills (DECISIONS, Types)
    if event_type == "REJECT" and not roles.targets and item.sense.embeds == "denied":
        roles.targets = _accusers(roles.sources, ctx)  # a denial answers the accuser
    confidence = _confidence(item, roles, modality)
    joint = len(roles.sources) >= 2 and not roles.targets
    mentions = [
        EventMention(event_type, source, target, item.token, status, mode, confidence, joint=joint)
        for source, target in _pairs(roles, event_type, item)
    ]
    return attribute_speech(by_sector(mentions), findings, accusable=MATERIAL_TYPES)


def _roles(
    item: Fired, fired: list[Fired], ctx: DocumentContext, lexicon: EventLexicon
) -> _Roles | None:
    if item.token.pos_ in {"NOUN", "PROPN"}:
        heads, inherited = noun_source_heads(item.token, item.carrier, lexicon)
    else:
        heads, inherited = source_heads(
            item.token, lexicon, names=lambda head: bool(np_actors(head, ctx))
        )
    if item.sense.vehicle and not any(_is_vehicle(h, lexicon) for h in heads):
        return None
    sources = _unique([a for head in heads for a in np_actors(head, ctx)])
    if not sources:
        return None
    own = {t.i for head in heads for t in head.subtree}
    targets = _targets(item, fired, ctx, own, own | _nested_acts(item, fired))
    codes = {s.code for s in sources}
    if item.sense.type == "REQUEST" and targets and all(t.code in codes for t in targets):
        return None  # "instructed the government to ...": an order to one's own side
    targets = [t for t in targets if t.code not in codes or domestic(sources, t)]
    anaphoric = all(points_back(h, ctx) for h in heads)
    group = any(h.conjuncts for h in heads) or any(
        c.dep_ in {"compound", "amod"} and c.conjuncts for h in heads for c in h.children
    )
    return _Roles(sources, targets, inherited, anaphoric, group)


def _nested_acts(item: Fired, fired: list[Fired]) -> set[int]:
    """Tokens of other acts below this trigger (their parties are not its recipients)."""
    # One walk down from the trigger instead of one walk up per act, and no subtree walked
    # twice: a run-on "sentence" of 10,000 tokens fires hundreds of acts (#7).
    below = {t.i for t in item.token.subtree} - {item.token.i}
    nested: set[int] = set()
    for other in fired:
        if other is item or other.governor is item:
            continue
        for root in {other.token, other.carrier}:
            if root.i in below and root.i not in nested:
                nested.update(t.i for t in root.subtree)
    return nested


def _targets(
    item: Fired, fired: list[Fired], ctx: DocumentContext, own: set[int], exclude: set[int]
) -> list[Actor]:
    if item.sense.type in _CONFLICT | {"ASSAULT"}:  # "attacked Kharkiv with Iranian drones"
        exclude = exclude | _instruments(item.token)
    targets = target_actors(item.token, item.sense, ctx, exclude=exclude)
    if not targets and item.carrier.i != item.token.i and item.carrier.pos_ == "VERB":
        targets = target_actors(item.carrier, item.sense, ctx, exclude=exclude)
    if not targets:
        for child in (f for f in fired if f.governor is item and f.relation == "absorb"):
            targets = target_actors(child.token, child.sense, ctx, exclude=own)
            if targets:
                break
    return targets


def _instruments(token: Token) -> set[int]:
    """Tokens of "with ..."/"using ..." phrases ("attacked Kharkiv with drones", "in
    coordination with the G7"): the means or partners of a hostile act, not its target."""
    return {
        t.i
        for c in token.children
        if c.lemma_ == "use"
        or (c.dep_ == "prep" and any(p.lower_ in {"with", "using"} for p in c.subtree))
        for t in c.subtree
    }


def _is_vehicle(head: Token, lexicon: EventLexicon) -> bool:
    words = {head.lemma_.lower(), *(c.lemma_.lower() for c in head.children)}
    return bool(words & lexicon.vehicle_nouns)


def _absorbed_type(item: Fired, fired: list[Fired]) -> tuple[str, str | None]:
    """The type of a trigger that took in the act below it ("agreed to a ceasefire")."""
    sense = item.sense
    children = [f.sense.type for f in fired if f.governor is item]
    if not children:
        return sense.type, sense.mode
    child = children[0]
    if sense.type == "AGREE" and child in {"RETREAT", "CONCEDE"}:
        return "CONCEDE", None  # DECISIONS F17: agreeing to a ceasefire is CONCEDE
    if sense.type == "AGREE" and child in _CONFLICT and item.token.lemma_ in {"vow", "pledge"}:
        return "THREATEN", None
    if sense.type in {"REQUEST", "REJECT"} and sense.mode is None:
        return sense.type, _REQUEST_MODES.get(child, "change")
    return sense.type, sense.mode


def _voices_concern(token: Token, lexicon: EventLexicon) -> bool:
    """A warning that is criticism, not a threat (DECISIONS): "warned of ...", "warned that
    the world should be worried about ..."."""
    if any(c.dep_ == "prep" and c.lower_ in {"of", "about"} for c in token.children):
        return not any(c.dep_ == "dobj" for c in token.children)
    clauses = [c for c in token.children if c.dep_ in {"ccomp", "xcomp"}]
    return any(t.lemma_.lower() in lexicon.concern_words for c in clauses for t in c.subtree)


def _continues(
    item: Fired,
    roles: _Roles,
    event_type: str,
    ctx: DocumentContext,
    lexicon: EventLexicon,
    findings: Findings,
) -> bool:
    """DECISIONS C4, F1, F2: a sentence that carries on an act already coded is not coded
    ("They also ...", "During the meeting, they discussed ...", "Moreover, the agency found
    that ...")."""
    pairs = [frozenset({s.code, t.code}) for s in roles.sources for t in roles.targets]
    if not pairs and len(roles.sources) >= 2:
        pairs = [frozenset(s.code for s in roles.sources)]
    if not pairs or event_type in {"ACCUSE", "REQUEST", "THREATEN", "REJECT"}:
        return False  # F4: each new accusation, demand, warning or refusal is a new act
    topic = (
        event_type == "CONSULT"
        and item.token.pos_ == "VERB"
        and item.sense.particle is None  # "spoke with X" is the call, "spoke about" its topic
        and item.token.lemma_.lower() in lexicon.topic_verbs
    )
    if not (topic or roles.anaphoric or findings.anaphoric):
        return False
    joint = len(roles.sources) >= 2 and not roles.targets and not topic  # F1 over F3
    return all(ctx.coded_recently(event_type, pair, joint=joint) for pair in pairs)


def _coded_without_target(item: Fired, event_type: str, roles: _Roles, *, absorbed: bool) -> bool:
    if roles.targets:
        return True
    if item.sense.pos == "adj" and item.sense.embeds == "absorb" and not absorbed:
        return False  # "determined to cut it off": resolve to act alone, no willingness
    if event_type in {"REQUEST", "SUPPORT", "AGREE"} and own_people(item.token):
        return False  # "asked its nationals to stay away": a government and its own people
    group = len(roles.sources) >= 2 and event_type in JOINT_TYPES
    if item.sense.joint:
        return group and (roles.explicit_group or _together(item.token))
    if item.sense.needs_target or event_type in NEEDS_RECIPIENT or event_type == "CONSULT":
        return group
    if event_type == "REQUEST":  # "called for a ceasefire", "urged all sides to ..."
        if item.token.lemma_.lower() in word_list("content_demands"):
            return _has_clause(item.token) or any(c.dep_ == "dobj" for c in item.token.children)
        return _has_clause(item.token) and universal_addressee(item.token)
    return True


def _has_clause(token: Token) -> bool:
    return any(
        c.dep_ in {"xcomp", "ccomp"} or (c.dep_ == "prep" and c.lower_ == "for")
        for c in token.children
    )


def _pairs(roles: _Roles, event_type: str, item: Fired) -> list[tuple[Actor, Actor | None]]:
    """One event per (source, recipient) pair; joint acts of several sources pair them up
    (DECISIONS, "Compound actors are split")."""
    sources, targets = roles.sources, roles.targets
    if targets:
        return [(s, t) for s in sources for t in targets]
    if len(sources) >= 2 and event_type == "RETREAT" and item.sense.mode == "release":
        return [(s, t) for s in sources for t in sources if s is not t]  # F18: an exchange
    if len(sources) >= 2 and event_type in JOINT_TYPES:  # every pair of a joint act
        return [(s, other) for n, s in enumerate(sources) for other in sources[n + 1 :]]
    return [(s, None) for s in sources]


def _joint(item: Fired, roles: _Roles) -> bool:
    """Drills, patrols or exercises held with a partner or by several parties."""
    if item.sense.mode != "weapons" and item.sense.mode != "troops":
        return False
    if item.token.lemma_.lower() not in word_list("drills"):
        return False
    joint = any(c.lower_ == "joint" for c in item.token.children) or _together(item.token)
    return (
        joint
        or len(roles.sources) >= 2
        or any(c.dep_ == "prep" and c.lower_ == "with" for c in item.token.children)
    )


def _together(token: Token) -> bool:
    return any(c.lower_ in _TOGETHER for c in token.children)


def _accusers(sources: list[Actor], ctx: DocumentContext) -> list[Actor]:
    found = [ctx.accusers[s.code] for s in sources if s.code in ctx.accusers]
    return [a for a in found if a.code not in {s.code for s in sources}][:1]


def _denial(
    item: Fired, roles: _Roles, speaker_codes: set[str], ctx: DocumentContext
) -> list[EventMention]:
    """A denial ("China has never supplied weapons", said by China): REJECT to the accuser."""
    mentions = []
    for source in roles.sources:
        accusers = _accusers([source], ctx)
        if source.code in speaker_codes and accusers:  # only an answer to an accusation
            mentions.append(EventMention("REJECT", source, accusers[0], item.token, confidence=0.5))
    return mentions


def _confidence(item: Fired, roles: _Roles, modality: Modality) -> float:
    score = 0.55
    score += 0.15 if not roles.inherited else 0.0
    score += 0.1 if roles.targets else 0.0
    score -= 0.15 if item.token.pos_ in {"NOUN", "PROPN"} else 0.0
    score -= 0.1 if modality.hedged or roles.anaphoric else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for actor in actors:
        seen.setdefault(actor.code, actor)
    return list(seen.values())
