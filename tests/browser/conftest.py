"""A live sitroom server over a small knowledge base, and a headless Debian chromium driving it.

Browser tests are skipped only when chromium is missing and CI is unset; under CI they must run.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from spacy.language import Language

from sitroom.corpus import read_documents
from sitroom.documents import Document
from sitroom.pipeline import analyze_one
from sitroom.record import Record
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from sitroom.web import create_app
from tests.conftest import SEED, fakes_documents
from tests.kb_fixtures import contested_reports, report_pair

CHROMIUM = Path("/usr/bin/chromium")
DOC_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SPELLING = "Nusra envoys met {} delegates in Turkey."  # one group spelled two ways: an identity link
MONTH_END = "Hezbollah units shelled Qusayr posts."  # on the 31st: a month's bar must include it
AREA_ONLY = "Army troops shelled Daraa."  # known only to the country: never a point on the map
SYRIA = ("Syria", 35.0, 38.5)
EARLY = "Nusra raiders attacked Kurds."  # dated decades early: outside the timeline's default window
NEXT_TO_MASKANAH = "Nusra raiders attacked Ahrar guards at the grain silos."
SILOS = ("Silo yard", 35.963, 38.043)  # a place of its own, some 400 m from Maskanah: one cluster at any zoom
HOSTILE = (
    "Rebels <script>window.__pwned = 1; alert('script')</script> shelled "
    '<img src=x onerror="window.__pwned = 2; alert(1)"> the town of Maskanah, '
    '<a href="javascript:alert(3)" onclick="alert(4)">witnesses</a> said.'
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


TRUCE_REPORT = (
    "The truce between ISIL and Ahrar al-Sham on the eastern front collapsed on 20 January 2014 "
    "after clashes near the Jarrah airfield."
)


def _analysed(nlp: Language, document: Document) -> tuple[Document, Record]:
    return document, analyze_one(nlp, document)


def _analysed_seed(nlp: Language) -> tuple[Document, Record]:
    """The seed article as the real pipeline analyses it."""
    (document,) = (item for item in read_documents(SEED) if isinstance(item, Document))
    return document, analyze_one(nlp, document)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[str]:
    path = tmp_path_factory.mktemp("browser") / "kb.sqlite"
    store_records(
        open_engine(path),
        [
            _analysed_seed(nlp),
            _analysed(nlp, Document(id="truce-report", text=TRUCE_REPORT, date="2014-01-21", outlet="Orient News")),
            *contested_reports(),
            report_pair("hostile", HOSTILE, outlet="Blog", date="2015-03-01"),
            report_pair("month-end", MONTH_END, outlet="AFP", date="2014-01-31"),
            report_pair("area", AREA_ONLY, outlet="AP", date="2015-02-01", place=SYRIA, place_feature="country"),
            report_pair("early", EARLY, outlet="AP", date="1950-06-01"),
            report_pair(
                "bakery",
                "Nusra shelled Ahrar at a bakery in Saraqib.",
                outlet="AFP",
                date="2014-02-02",
                place=("Saraqib bakery", 35.86, 36.8),
                located_by="parent",
            ),
            report_pair("silos", NEXT_TO_MASKANAH, outlet="AFP", date="2015-04-03", place=SILOS),
            report_pair(
                "v1", SPELLING.format("Jaysh"), outlet="AFP", date="2015-04-01", event_type="CONSULT", place=None
            ),
            report_pair(
                "v2", SPELLING.format("Jaish"), outlet="AP", date="2015-04-02", event_type="CONSULT", place=None
            ),
        ],
    )
    yield from _serve(path)


FAKES_ARTICLES = 40  # the first FA-KES articles: four outlets, towns with several events, actors in many spellings


@pytest.fixture(scope="session")
def fakes_server_url(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Iterator[str]:
    """A live server over a knowledge base of real FA-KES articles analysed by the full pipeline."""
    path = tmp_path_factory.mktemp("browser-fakes") / "kb.sqlite"
    store_records(open_engine(path), [_analysed(nlp, document) for document in fakes_documents(FAKES_ARTICLES)])
    yield from _serve(path)


def _serve(path: Path) -> Iterator[str]:
    """Serve the knowledge base at ``path`` on a free port until the session ends."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(path)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing under CI: run scripts/ensure_chromium.sh")
        pytest.skip("chromium is not installed (scripts/ensure_chromium.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _checked_page(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh page on ``base_url``; the test fails if the page logs a console error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, base_url=base_url, accept_downloads=True)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    opened.on("pageerror", lambda error: problems.append(str(error)))
    yield opened
    context.close()
    assert problems == [], problems


@pytest.fixture
def page(browser: Any, server_url: str) -> Iterator[Any]:
    """A fresh page on the test server; the test fails if the page logs a console error."""
    yield from _checked_page(browser, server_url)


@pytest.fixture
def fakes_page(browser: Any, fakes_server_url: str) -> Iterator[Any]:
    """A fresh page on the server of real FA-KES articles; the test fails on a console error."""
    yield from _checked_page(browser, fakes_server_url)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Where page screenshots go: a temporary folder, and docs/screenshots when SITROOM_DOC_SCREENSHOTS=1."""
    folders = [tmp_path_factory.mktemp("screenshots")]
    if os.environ.get("SITROOM_DOC_SCREENSHOTS") == "1":
        folders.append(DOC_SCREENSHOTS)
        DOC_SCREENSHOTS.mkdir(exist_ok=True)
    return folders
