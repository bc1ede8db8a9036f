"""Search with its language and facets, exports of what a list shows, why an event's reports were joined,
outlet comparison and paged actor documents, in a real browser (screenshots in docs/screenshots)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from tests.browser.test_pages import READY, _api, _open, _screenshot


def _download(page: Any, href: str) -> str:
    response = page.request.get(href)
    assert response.ok, href
    assert "attachment" in response.headers["content-disposition"]
    return str(response.text())


def test_search_language_facets_sort_and_export(page: Any, screenshots: list[Path]) -> None:
    _open(page, "?q=Nusra%20OR%20Ahrar")
    page.wait_for_selector(".facets li[data-facet='outlet'] a")
    total = _api(page, "documents?q=Nusra%20OR%20Ahrar")["total"]
    assert f"({total})" in page.locator("section h3").first.inner_text()
    _screenshot(page, screenshots, "search-facets")
    page.locator(".facets li[data-facet='outlet'] a", has_text="SANA").click()
    page.wait_for_url("**outlet=SANA*")
    page.wait_for_function(READY)
    assert page.locator(".hit").count() == 1 and "SANA" in page.locator(".hit").inner_text()
    export = page.locator(".export-bar a[data-format='csv']").get_attribute("href")
    assert "outlet=SANA" in export and "q=Nusra+OR+Ahrar" in export
    rows = list(csv.DictReader(io.StringIO(_download(page, export))))
    assert [row["outlet"] for row in rows] == ["SANA"]
    page.locator("select[name='sort']").select_option("oldest")
    page.wait_for_url("**sort=oldest*")


def test_bad_search_syntax_says_what_is_wrong(browser: Any, server_url: str) -> None:
    # Its own page: the refused request (400) is logged by the browser, which the page fixture forbids.
    context = browser.new_context(base_url=server_url)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    _open(opened, "?q=%28Aleppo%20OR")
    error = opened.locator(".search-error")
    assert error.count() == 1 and "OR at character 9 needs a term after it" in error.inner_text()
    assert errors == []
    context.close()


def test_the_events_export_is_what_the_filters_show(page: Any, screenshots: list[Path]) -> None:
    _open(page, "events?type=ASSAULT&date_from=2014-01-01&date_to=2014-12-31")
    shown = page.locator("table.events tbody tr").count()
    links = {
        link.get_attribute("data-format"): link.get_attribute("href")
        for link in page.locator("a.export[data-format]").all()
    }
    assert set(links) == {"csv", "json", "geojson"} and all("type=ASSAULT" in href for href in links.values())
    rows = list(csv.DictReader(io.StringIO(_download(page, links["csv"]))))
    assert len(rows) == shown and {row["type"] for row in rows} == {"ASSAULT"}
    acled = page.locator("a.export", has_text="ACLED CSV").get_attribute("href")
    assert "date_from=2014-01-01" in acled
    _screenshot(page, screenshots, "events-export")


def test_an_event_says_why_its_reports_are_one_and_where_they_disagree(page: Any, screenshots: list[Path]) -> None:
    event = _api(page, "events?min_sources=2")["items"][0]["id"]
    _open(page, f"event/{event}")
    reasons = page.locator("table.join-reasons tbody tr")
    assert reasons.count() == 6 and "within 1 day(s)" in reasons.nth(3).inner_text()
    status = page.locator("table.side-by-side tr[data-field='status']")
    assert "differs" in (status.get_attribute("class") or "")
    assert {"occurred", "denied"} <= set(status.locator("td").all_inner_texts())
    assert "differs" not in (
        page.locator("table.side-by-side tr[data-field='place_as_written']").get_attribute("class") or ""
    )
    _screenshot(page, screenshots, "event-why-joined")


def test_three_outlets_compared_on_one_screen(page: Any, screenshots: list[Path]) -> None:
    _open(page, "outlets")
    for name in ("Reuters", "SANA", "TASS"):
        page.get_by_label(f"compare {name}").check()
    page.locator("button.compare-button").click()
    page.wait_for_selector("table.compare.sources")
    header = page.locator("table.compare.sources thead").text_content() or ""
    assert all(name in header for name in ("Reuters", "SANA", "TASS"))
    assert "unnamed" in page.locator("table.compare.sources").inner_text()
    _screenshot(page, screenshots, "outlets-compare")


def test_an_actor_page_counts_every_document_and_event(page: Any, screenshots: list[Path]) -> None:
    nusra = _api(page, "actors?q=Nusra")["items"][0]["id"]
    documents = _api(page, f"actors/{nusra}/documents")["total"]
    _open(page, f"actor/{nusra}")
    titles = page.locator("section.card h3").all_inner_texts()
    assert f"Documents ({documents})" in titles
    assert any(title.startswith("Events (") for title in titles)
    _screenshot(page, screenshots, "actor")
