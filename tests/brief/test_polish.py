"""``--llm``: polishing through a FAKE OpenAI-compatible server on 127.0.0.1.

The server answers by the sentence it is sent: a faithful rewrite (accepted), a rewrite
that adds a number (rejected), an HTTP 500, malformed JSON or a slow answer (errors); any
other sentence comes back unchanged.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from brief_corpus import assert_sound
from tiewatch.brief.model import Brief, BriefSentence
from tiewatch.brief.polish import (
    chat_url,
    clean_answer,
    polish_brief,
    rejection_reason,
)
from tiewatch.cli import app
from tiewatch.models import Annotation

WANG = "Wang Yi met Sergey Lavrov"
WANG_REWRITE = (
    "According to Plain Wire, Wang Yi and Sergey Lavrov met in Beijing on April 9 to "
    "discuss the Eastern Route pipeline."
)
GAS = "Russia shipped 15 bcm"
GAS_WITH_NUMBER = "Russia shipped 15 bcm of pipeline gas to China by April, 20 percent more."
DENIAL = "China denied selling"
FAITHFUL = (
    "Wang Yi met Sergey Lavrov in Beijing on April 9 to discuss the Eastern Route pipeline, "
    "according to Plain Wire."
)


@dataclass
class FakeModel:
    """What the fake endpoint answers, and what it was sent."""

    answers: dict[str, tuple[int, str]] = field(default_factory=dict)  # substring -> reply
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)

    def reply(self, body: dict[str, Any]) -> tuple[int, str]:
        sentence = body["messages"][1]["content"].split("\n")[0].removeprefix("Sentence: ")
        for key, answer in self.answers.items():
            if key in sentence:
                return answer
        return 200, completion(sentence)


def completion(text: str) -> str:
    return json.dumps(
        {"choices": [{"index": 0, "message": {"role": "assistant", "content": text}}]}
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    model: FakeModel

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that timed out closed the socket: not a test failure."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        model = self.server.model
        model.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        time.sleep(model.delay)
        status, payload = model.reply(body)
        data = payload.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def fake_llm() -> Iterator[tuple[str, FakeModel]]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.model = FakeModel()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.model
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _sentences(brief: Brief) -> list[BriefSentence]:
    return [*brief.lead, *(s for sec in brief.sections for i in sec.items for s in i.sentences)]


def _polish(brief: Brief, url: str, **options: Any) -> Any:
    timeout = options.pop("timeout", 5.0)
    with httpx.Client(timeout=timeout) as client:
        return polish_brief(brief, client, url=url, **options)


def test_polish_accepts_faithful_rejects_added_number_keeps_on_error(
    april_brief: Brief, fake_llm: tuple[str, FakeModel]
) -> None:
    url, model = fake_llm
    model.answers = {
        WANG: (200, completion(WANG_REWRITE)),
        GAS: (200, completion(GAS_WITH_NUMBER)),
        DENIAL: (500, '{"error": "overloaded"}'),
    }
    polished, report = _polish(april_brief, url)
    texts = [s.text for s in _sentences(polished)]
    assert WANG_REWRITE in texts
    assert not any("20 percent" in t for t in texts)
    assert any(GAS in t for t in texts) and any(DENIAL in t for t in texts)
    assert report.accepted == 1 and report.rejected >= 1 and report.errors >= 1
    assert report.problems and "500" in report.problems[0]
    assert report.sent == report.accepted + report.unchanged + report.rejected + report.errors
    # Citations are kept sentence for sentence; the polished brief is as sound as the first.
    before = [s.citations for s in april_brief.iter_sentences()]
    assert [s.citations for s in polished.iter_sentences()] == before
    assert_sound(polished)


def test_polish_sends_the_sentence_without_markers_and_its_sources(
    april_brief: Brief, fake_llm: tuple[str, FakeModel]
) -> None:
    url, model = fake_llm
    _polish(april_brief, url, model="tiny-test", api_key="secret")
    request = model.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer secret"
    assert request["body"]["model"] == "tiny-test"
    user = request["body"]["messages"][1]["content"]
    first = april_brief.lead[0]
    assert first.text in user and "[" not in user.split("\n")[0]
    assert april_brief.source(first.citations[0]).text in user
    sent = {r["body"]["messages"][1]["content"] for r in model.requests}
    assert len(sent) == len(model.requests)  # each distinct sentence sent once


@pytest.mark.parametrize(
    ("answer", "delay"),
    [((200, "this is not json"), 0.0), ((200, '{"choices": []}'), 0.0), ((200, "{}"), 0.5)],
    ids=["bad-json", "no-choices", "timeout"],
)
def test_failures_keep_the_original_and_stop_after_a_streak(
    april_brief: Brief, fake_llm: tuple[str, FakeModel], answer: tuple[int, str], delay: float
) -> None:
    url, model = fake_llm
    model.answers = {"": answer}  # every sentence
    model.delay = delay
    polished, report = _polish(april_brief, url, timeout=0.2, max_consecutive_errors=2)
    assert [s.text for s in _sentences(polished)] == [s.text for s in _sentences(april_brief)]
    assert report.errors == 2 and report.accepted == 0 and report.skipped >= 1


def test_unreachable_endpoint_is_counted_not_raised(april_brief: Brief) -> None:
    polished, report = _polish(april_brief, "http://127.0.0.1:9", timeout=0.5)
    assert polished == april_brief
    assert report.errors >= 1 and report.sent == report.errors


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1/chat/completions"),
        ("http://h/api/chat/completions", "http://h/api/chat/completions"),
    ],
)
def test_chat_url(url: str, expected: str) -> None:
    assert chat_url(url) == expected


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        (FAITHFUL, None),
        ("", "empty"),
        (FAITHFUL.replace("Beijing", "Beijing with Olga Lind"), "not in"),
        (FAITHFUL.replace("April 9", "April 9 and 19"), "not in"),
        ("According to Plain Wire, Wang Yi met Sergey Lavrov in Beijing.", "dropped"),
        (FAITHFUL.replace("met", "did not meet"), "negation"),
        (f"{FAITHFUL} {FAITHFUL}", "long"),
    ],
)
def test_rejection_reason(april_brief: Brief, candidate: str, reason: str | None) -> None:
    original = next(s for s in _sentences(april_brief) if WANG in s.text)
    found = rejection_reason(original, candidate, april_brief)
    assert (found is None) if reason is None else (found is not None and reason in found)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("  Ports reopened. [2]\n", "Ports reopened."),
        ("\u201cPorts reopened.\u201d", "Ports reopened."),
        (
            "\u201cWe stay,\u201d she said, \u201cfor now.\u201d",
            "\u201cWe stay,\u201d she said, \u201cfor now.\u201d",
        ),
    ],
)
def test_clean_answer(answer: str, expected: str) -> None:
    assert clean_answer(answer) == expected


def test_cli_llm_reads_the_key_from_the_environment(
    tmp_path: Path, annotations: list[Annotation], fake_llm: tuple[str, FakeModel]
) -> None:
    from tiewatch.store import Store

    url, model = fake_llm
    model.answers = {WANG: (200, completion(WANG_REWRITE)), DENIAL: (500, "{}")}
    db = f"sqlite:///{tmp_path / 'b.db'}"
    with Store.open(db) as store:
        for annotation in annotations:
            store.add_document(annotation.document)
            store.save_annotation(annotation)
    result = CliRunner().invoke(
        app,
        [
            *("--db", db, "brief", "--month", "2025-04", "--format", "json"),
            *("--llm", url, "--llm-model", "tiny-test"),
        ],
        env={"TIEWATCH_LLM_KEY": "from-env"},
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    texts = [s["text"] for sec in data["sections"] for i in sec["items"] for s in i["sentences"]]
    assert WANG_REWRITE in texts
    assert {r["headers"]["Authorization"] for r in model.requests} == {"Bearer from-env"}
    assert "1 polished" in result.stderr and "error(s)" in result.stderr
