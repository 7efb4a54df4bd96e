"""End to end in a real headless Chromium (Debian's `chromium`, driven by Playwright): the app
under uvicorn in a subprocess on a fresh migrated SQLite database with the real NER pipeline.
Post the repository's example article (docs/examples/article.json, so it runs without ../shared),
search its minister by his Latin name from the home page, open his page and the article, add an
article through the form and a batch through the upload; no request may leave the app.
A screenshot of each page is kept under tests/artifacts/e2e/."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from app.api.articles import SEED_EXAMPLE
from app.db import make_engine
from tests.conftest import EXAMPLE_ARTICLE, REPO, migrate

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts" / "e2e"
# Guaranteed by tests/api/test_quotes_and_speakers.py for the bundled pipeline: the example
# article's 9 statements, 5 of them by its minister سامر الخطيب.
EXAMPLE_STATEMENTS, EXAMPLE_MINISTER = 9, 5


def _missing_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium)"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER") == "1":  # CI installs both: there a missing one is a failure
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app's base url: uvicorn in a subprocess, its log kept beside the database."""
    if reason := _missing_browser():
        _skip_or_fail(reason)
    folder = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{folder / 'e2e.db'}"
    engine = make_engine(database_url)
    migrate(engine)
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "OMP_NUM_THREADS": "1"}
    for name in ("API_KEYS", "PROTECT_READS", "BROKER_URL"):  # open pages; batches run in the app's own thread
        env.pop(name, None)
    log = (folder / "uvicorn.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app did not start; see {folder / 'uvicorn.log'}")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


def _shot(page, name: str) -> Path:  # noqa: ANN001
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


@pytest.mark.slow
def test_a_journalist_searches_reads_and_adds_in_chromium(server: str, browser, tmp_path: Path) -> None:  # noqa: ANN001
    example = json.loads(EXAMPLE_ARTICLE.read_text(encoding="utf-8"))
    posted = httpx.post(f"{server}/articles", json=example, timeout=120)
    assert posted.status_code == 201, posted.text
    article_id = posted.json()["id"]

    context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    app_host = urlsplit(server).netloc
    elsewhere: list[str] = []
    page.on("request", lambda request: elsewhere.append(request.url)
            if urlsplit(request.url).scheme not in ("data", "blob") and urlsplit(request.url).netloc != app_host
            else None)
    page.set_default_timeout(60_000)

    # Search from the home page.
    page.goto(f"{server}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("input[name=q]", "Samer al-Khatib")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=Samer*")
    cards = page.locator(".quote-card[data-quote-id]")
    assert cards.count() == EXAMPLE_MINISTER
    speaker_ids = set(page.locator(".quote-card a[data-speaker-id]").evaluate_all(
        "links => links.map(a => a.dataset.speakerId)"))
    assert len(speaker_ids) == 1
    _shot(page, "1-search-minister")

    # His page.
    page.locator(".quote-card a[data-speaker-id]").first.click()
    page.wait_for_url(f"**/speaker/{next(iter(speaker_ids))}")
    assert page.locator("dd.quote-count").inner_text() == str(EXAMPLE_MINISTER)
    assert page.locator(".quote-card[data-quote-id]").count() == EXAMPLE_MINISTER
    assert page.locator("svg g[data-month] rect").count() >= 1
    _shot(page, "2-speaker-minister")

    # The article, its statements marked.
    page.locator(f".quote-card a[data-article-id='{article_id}']").first.click()
    page.wait_for_url(f"**/article/{article_id}")
    marks = page.locator("mark[data-quote-id]")
    assert marks.count() == EXAMPLE_STATEMENTS
    assert page.locator(".article-speakers a[data-speaker-id]").count() >= 2
    assert page.locator("span[data-entity]").count() >= 1
    _shot(page, "3-article-example")

    # Add an article through the form.
    page.goto(f"{server}/add")
    page.fill("textarea[name=text]", SEED_EXAMPLE["text"])
    page.fill("input[name=title]", SEED_EXAMPLE["title"])
    page.click("form.add button[type=submit]")
    page.wait_for_url("**/article/*")
    assert page.locator("h1").inner_text() == SEED_EXAMPLE["title"]
    assert page.locator("mark[data-quote-id]").count() >= 1
    _shot(page, "4-added-article")

    # A batch through the upload, watched until done.
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps(entry, ensure_ascii=False) for entry in [
        {"text": "وقال وزير الخارجية سيرغي لافروف إن \"المفاوضات ستستأنف الأسبوع المقبل\".", "source": "e2e"},
        {"text": "وأكد المتحدث باسم الحكومة أن الانتخابات ستجري في موعدها.", "source": "e2e"},
    ]), encoding="utf-8")
    page.goto(f"{server}/add")
    page.set_input_files("form.batch input[type=file]", str(batch))
    page.click("form.batch button[type=submit]")
    page.wait_for_selector("#job-status[data-finished=true]", timeout=180_000)
    assert page.locator("#job-progress").evaluate("bar => [bar.value, bar.max]") == [2, 2]
    _shot(page, "5-batch-done")

    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary", timeout=60_000)  # the operations, drawn
    _shot(page, "6-docs")

    assert elsewhere == [], f"pages requested other hosts: {elsewhere}"
    context.close()
