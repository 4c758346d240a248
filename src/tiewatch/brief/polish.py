"""Optional prose polishing through an OpenAI-compatible chat-completions endpoint.

Each prose sentence of the brief (the lead and the items' sentences; lead phrases and the
"since last month" lines are phrases, not prose) goes to the model without its citation
markers, together with the source sentences it cites. The answer replaces the sentence only
when it is non-empty, not much longer, keeps the sentence's negation and every number, date
and name of the sentence, and passes the same faithfulness check as the brief (every number,
date and name stated by the cited sources); otherwise the original stays. The citations
are the original's in every case. A failed request (timeout, HTTP error, malformed JSON)
keeps the original and is counted, never raised; after ``max_consecutive_errors`` failures
in a row the rest is left as it is.

Docs: docs/briefs.md ("Polishing with a language model").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from tiewatch.brief.faithfulness import key_terms, unsupported_terms
from tiewatch.brief.model import Brief, BriefItem, BriefSentence
from tiewatch.errors import PolishError

logger = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You copy-edit one sentence of a news brief. Rewrite it to read clearly and concisely "
    "in plain English, keeping its meaning exactly. Use only what the sentence states; the "
    "source sentences are given so that you keep names, numbers and dates exactly as they "
    "write them. Do not add any fact, name, number, date or citation mark. Reply with the "
    "rewritten sentence only."
)
MAX_GROWTH = 1.5  # an answer longer than this many times the sentence's words is rejected
_CITATION = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|none|nothing|without)\b|n't\b", re.I)
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_MAX_PROBLEMS = 5


@dataclass(frozen=True)
class PolishReport:
    """What polishing did: each sentence sent is accepted, unchanged, rejected or an error."""

    sent: int = 0
    accepted: int = 0
    unchanged: int = 0
    rejected: int = 0
    errors: int = 0
    skipped: int = 0  # not sent after repeated errors
    problems: tuple[str, ...] = field(default=())  # the first few error messages

    def summary(self) -> str:
        return (
            f"{self.sent} sentence(s) sent: {self.accepted} polished, {self.unchanged} "
            f"unchanged, {self.rejected} rejected (kept), {self.errors} error(s) (kept)"
            + (f", {self.skipped} not sent after repeated errors" if self.skipped else "")
        )


def chat_url(url: str) -> str:
    """``{url}/v1/chat/completions``, or ``url`` as given when it names the endpoint."""
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    if url.endswith("/v1"):
        return f"{url}/chat/completions"
    return f"{url}/v1/chat/completions"


def polish_brief(
    brief: Brief,
    client: httpx.Client,
    *,
    url: str,
    model: str = "default",
    api_key: str | None = None,
    max_consecutive_errors: int = 3,
) -> tuple[Brief, PolishReport]:
    """The brief with its prose sentences polished where the answer passes the checks."""
    polisher = _Polisher(
        brief,
        lambda text, sources: complete_sentence(
            client, chat_url(url), text, sources, model=model, api_key=api_key
        ),
        max_consecutive_errors=max_consecutive_errors,
    )
    lead = tuple(polisher.polish(s) for s in brief.lead)
    sections = tuple(
        replace(section, items=tuple(_polish_item(item, polisher) for item in section.items))
        for section in brief.sections
    )
    return replace(brief, lead=lead, sections=sections), polisher.report()


def _polish_item(item: BriefItem, polisher: _Polisher) -> BriefItem:
    return replace(item, sentences=tuple(polisher.polish(s) for s in item.sentences))


Complete = Callable[[str, list[str]], str]


class _Polisher:
    """Sends each distinct sentence once and keeps the tallies."""

    def __init__(self, brief: Brief, complete: Complete, *, max_consecutive_errors: int) -> None:
        self._brief = brief
        self._complete = complete
        self._limit = max_consecutive_errors
        self._done: dict[tuple[str, tuple[int, ...]], str] = {}
        self._counts = dict.fromkeys(("sent", "accepted", "unchanged", "rejected", "errors"), 0)
        self._skipped = 0
        self._streak = 0
        self._problems: list[str] = []

    def polish(self, sentence: BriefSentence) -> BriefSentence:
        key = (sentence.text, sentence.citations)
        if key not in self._done:
            self._done[key] = self._polished_text(sentence)
        return replace(sentence, text=self._done[key])

    def _polished_text(self, sentence: BriefSentence) -> str:
        if self._streak >= self._limit:
            self._skipped += 1
            return sentence.text
        sources = [self._brief.source(n).text for n in sentence.citations]
        self._counts["sent"] += 1
        try:
            answer = self._complete(_CITATION.sub("", sentence.text).strip(), sources)
        except PolishError as exc:
            self._streak += 1
            self._counts["errors"] += 1
            if len(self._problems) < _MAX_PROBLEMS:
                self._problems.append(str(exc))
            logger.warning("polishing failed, sentence kept: %s", exc)
            return sentence.text
        self._streak = 0
        return self._judge(sentence, answer)

    def _judge(self, sentence: BriefSentence, answer: str) -> str:
        candidate = clean_answer(answer)
        if candidate == sentence.text:
            self._counts["unchanged"] += 1
            return sentence.text
        reason = rejection_reason(sentence, candidate, self._brief)
        if reason is not None:
            self._counts["rejected"] += 1
            logger.info("polished sentence rejected (%s): %r", reason, candidate)
            return sentence.text
        self._counts["accepted"] += 1
        return candidate

    def report(self) -> PolishReport:
        return PolishReport(**self._counts, skipped=self._skipped, problems=tuple(self._problems))


def rejection_reason(original: BriefSentence, candidate: str, brief: Brief) -> str | None:
    """Why ``candidate`` may not replace ``original`` (None: it may)."""
    if not candidate:
        return "empty"
    if "\n" in candidate or len(candidate.split()) > MAX_GROWTH * len(original.text.split()):
        return "longer than the sentence"
    if bool(_NEGATION.search(candidate)) != bool(_NEGATION.search(original.text)):
        return "negation added or dropped"
    dropped = [t for t in key_terms(original.text) if t.lower() not in candidate.lower()]
    if dropped:  # a dropped credit ("According to Plain Wire") turns a claim into a fact
        return "dropped: " + ", ".join(sorted(set(dropped)))
    missing = unsupported_terms(BriefSentence(candidate, original.citations), brief)
    if missing:
        return "not in the cited sources: " + ", ".join(missing)
    return None


def clean_answer(answer: str) -> str:
    """The answer without surrounding whitespace and quotes or any citation markers."""
    text = _CITATION.sub("", answer).strip()
    if len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        inner = text[1:-1]
        if not any(q in inner for q in _QUOTES):  # a quoted quote stays as it is
            text = inner.strip()
    return text


def complete_sentence(
    client: httpx.Client,
    endpoint: str,
    text: str,
    sources: list[str],
    *,
    model: str,
    api_key: str | None = None,
) -> str:
    """The model's rewrite of ``text``; PolishError on any failure."""
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        response = client.post(endpoint, json=_request(text, sources, model), headers=headers)
        response.raise_for_status()
        return _content(response.json())
    except httpx.HTTPError as exc:
        raise PolishError(f"{type(exc).__name__}: {exc}") from exc
    except ValueError as exc:  # the body is not JSON
        raise PolishError(f"malformed JSON from {endpoint}: {exc}") from exc


def _request(text: str, sources: list[str], model: str) -> dict[str, Any]:
    cited = "\n".join(f"- {source}" for source in sources)
    return {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": SYSTEM_PROMPT},
            {"role": "user", "content": f"Sentence: {text}\n\nCited source sentences:\n{cited}"},
        ],
    }


def _content(data: Any) -> str:
    try:
        content = data["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError) as exc:
        raise PolishError(f"no choices[0].message.content in the answer: {exc!r}") from exc
    if not isinstance(content, str):
        raise PolishError("the answer's content is not text")
    return content
