"""The dashboard in a real browser (#5): Debian's headless Chromium driven by Playwright over a
store built from the sample corpus with the real model, served by uvicorn on 127.0.0.1.

Opens every page, checks its content and that the browser reports no error (a CSP
violation or a script error is one), clicks through an Events filter and a correction, and
saves a full-page screenshot of each page under tests/artifacts/ (ignored by git).
Skips when /usr/bin/chromium is missing, unless TIEWATCH_REQUIRE_BROWSER=1 (CI), which
makes it fail instead.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, sync_playwright
from typer.testing import CliRunner

from tiewatch.cli import app as cli_app
from tiewatch.settings import Settings
from tiewatch.store import Store
from tiewatch.web.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "examples" / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "browser-test-token"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing: install Debian's chromium package to run browser tests"
    if os.environ.get("TIEWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (TIEWATCH_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of the sample corpus, ingested and processed as `make demo` does."""
    _require_chromium()
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'demo.db'}"
    runner = CliRunner()
    for args in (["ingest", str(CORPUS)], ["process"]):
        result = runner.invoke(cli_app, ["--db", url, *args])
        assert result.exit_code == 0, result.output
    return url


@pytest.fixture(scope="session")
def base_url(demo_url: str) -> Iterator[str]:
    """The dashboard served by uvicorn in a background thread, writes on."""
    with Store.open(demo_url) as store:
        application = create_app(Settings(), store=store, token=TOKEN)
        port = _free_port()
        config = uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    _require_chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        # A fresh --user-data-dir: Playwright takes it as the persistent context's folder.
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: BrowserContext) -> Iterator[Page]:
    """A tab that records every console error and uncaught exception; none may occur."""
    tab = browser.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # A refused form post (401) is logged as a failed load; the tests expect those.
        if message.type == "error" and "status of 401" not in message.text:
            errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "response",
        lambda r: (
            errors.append(f"{r.status} {r.url}") if r.status >= 400 and r.status != 401 else None
        ),
    )
    yield tab
    tab.close()
    assert errors == [], errors


def _open(page: Page, base_url: str, path: str) -> None:
    response = page.goto(base_url + path)
    assert response is not None
    assert response.status == 200, path
    assert response.headers["content-security-policy"].startswith("default-src 'self'")


def _shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _charts_drawn(page: Page) -> int:
    """How many canvases Chart.js has drawn (the vendored script loaded and ran)."""
    page.wait_for_load_state("load")
    drawn: int = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".filter(c => window.Chart && Chart.getChart(c)).length"
    )
    return drawn


def test_overview(page: Page, base_url: str) -> None:
    _open(page, base_url, "/")
    assert page.locator("h1").inner_text().strip()
    assert page.get_by_role("link", name="Events", exact=True).is_visible()
    assert _charts_drawn(page) == 2
    assert page.locator("h2:has-text('Storylines active in')").is_visible()
    assert page.locator("section table tbody tr").count() > 0
    _shoot(page, "overview")


def test_events_filter_sort_and_pages(page: Page, base_url: str) -> None:
    _open(page, base_url, "/events")
    total = _count(page)
    assert total > 20
    _shoot(page, "events")
    page.fill("input[name=actor]", "CHN")
    page.select_option("select[name=type]", "CONSULT")
    page.click("button:has-text('Filter')")
    page.wait_for_url(re.compile(r"type=CONSULT"))
    filtered = _count(page)
    assert 0 < filtered < total
    types = page.locator("table.events tbody tr td:nth-child(2)").all_inner_texts()
    assert {t.split()[0] for t in types} == {"CONSULT"}
    assert all("CHN" in row for row in page.locator("table.events tbody tr").all_inner_texts())
    page.click("th a.sort:has-text('Source')")
    page.wait_for_url(re.compile(r"sort=source"))
    assert _count(page) == filtered  # sorting keeps the filters
    assert "type=CONSULT" in page.get_attribute("a:has-text('CSV')", "href") or ""
    _shoot(page, "events-filtered")
    _open(page, base_url, "/events?per_page=10")
    page.click("a[rel=next]")
    page.wait_for_url(re.compile(r"page=2"))
    assert page.locator("text=Page 2 of").is_visible()


def _count(page: Page) -> int:
    text = page.locator(".actions span").first.inner_text()
    return int(text.split()[0])


def test_document_highlights_and_coding_panel(page: Page, base_url: str) -> None:
    _open(page, base_url, "/events?sort=confidence")
    page.locator("table.events tbody tr td.sentence a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    marks = page.locator(".doc-text mark.hl-event")
    assert marks.count() > 0
    assert page.locator(".doc-text mark.hl-quote, .doc-text mark.hl-quantity").count() > 0
    marks.first.hover()
    panel = page.locator("#coding-list").inner_text()
    assert "type" in panel
    assert marks.first.get_attribute("data-type") in panel
    assert marks.first.get_attribute("title")
    _shoot(page, "document")


def test_storylines_and_timeline(page: Page, base_url: str) -> None:
    _open(page, base_url, "/storylines")
    assert page.locator("tbody tr").count() > 0
    _shoot(page, "storylines")
    page.locator("tbody tr td a").first.click()
    page.wait_for_url(re.compile(r"/storylines/s-"))
    assert page.locator("ol.timeline > li").count() >= 1
    _shoot(page, "storyline")


def test_claims(page: Page, base_url: str) -> None:
    _open(page, base_url, "/claims")
    assert page.locator("h1").inner_text() == "Claims ledger"
    assert page.locator("tbody tr").count() > 0
    _shoot(page, "claims")


def test_indicators(page: Page, base_url: str) -> None:
    _open(page, base_url, "/indicators")
    assert page.locator("section.card").count() > 0
    assert page.locator("h2:has-text('Figures seen once')").is_visible()
    assert _charts_drawn(page) >= 1
    _shoot(page, "indicators")


def test_briefs(page: Page, base_url: str) -> None:
    _open(page, base_url, "/briefs")
    assert page.locator("article.brief h2").inner_text().endswith("2025")
    assert page.locator("ol.sources li").count() > 0
    assert page.locator("a:has-text('PDF')").get_attribute("href", timeout=1000)
    _shoot(page, "briefs")


def test_api_docs_render_offline(page: Page, base_url: str) -> None:
    response = page.goto(base_url + "/api/v1/docs")
    assert response is not None
    assert response.status == 200
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)  # drawn from openapi.json
    assert page.locator(".swagger-ui .opblock").count() > 10
    _shoot(page, "api-docs")


def test_correction_from_the_browser(page: Page, base_url: str) -> None:
    """Last in the module: it changes the session's store."""
    _open(page, base_url, "/events?type=CONSULT&sort=confidence")
    before = _count(page)
    page.locator("table.events tbody tr td.sentence a").first.click()
    page.wait_for_url(re.compile(r"/documents/"))
    form = page.locator("details.correct").first
    form.locator("summary").click()
    form.locator("select[name=event_type]").select_option("AGREE")
    form.locator("input[name=author]").fill("Browser Analyst")
    form.locator("input[name=note]").fill("a meeting, not a call")
    form.locator("input[name=token]").fill("wrong")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".notice.error").is_visible()  # 401: the wrong token is refused
    form = page.locator("details.correct").first
    form.locator("summary").click()
    form.locator("select[name=event_type]").select_option("AGREE")
    form.locator("input[name=author]").fill("Browser Analyst")
    form.locator("input[name=token]").fill(TOKEN)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"corrected=1"))
    assert page.locator("text=Correction saved.").is_visible()
    assert page.locator(".badge.corrected").count() >= 1
    _shoot(page, "document-corrected")
    _open(page, base_url, "/corrections")
    assert "Browser Analyst" in page.locator("table").inner_text()
    _shoot(page, "corrections")
    _open(page, base_url, "/events?type=CONSULT&sort=confidence")
    assert _count(page) == before - 1
