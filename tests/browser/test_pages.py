"""Every page of the web UI in a real browser, with a screenshot each; map filtering, network → actor,
and event → document with the evidence highlighted."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

SEED_ID = "000_1c0d675042cec979"
READY = "() => { const app = document.getElementById('app'); return app && app.children.length > 0 "
READY += "&& !app.classList.contains('loading'); }"


def _api(page: Any, path: str) -> Any:
    response = page.request.get(f"/api/{path}")
    assert response.ok, path
    return response.json()


def _open(page: Any, route: str) -> None:
    """Open a route of the single-page app and wait until its view has rendered."""
    page.goto(f"/#/{route}")
    page.wait_for_function(READY)
    assert page.locator("#app .error").count() == 0, page.locator("#app .error").all_inner_texts()


def _screenshot(page: Any, folders: list[Path], name: str) -> None:
    for folder in folders:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path))
        assert path.stat().st_size > 5_000  # a rendered page, not a blank one


def _routes(page: Any) -> dict[str, tuple[str, str]]:
    """Each page of the UI: name → (route, a selector its content must show)."""
    lavrov = _api(page, "actors?q=Lavrov")["items"][0]["id"]
    event = _api(page, "events?min_sources=2")["items"][0]["id"]
    agreement = next(item["id"] for item in _api(page, "agreements")["items"] if item["kind"] == "truce")
    identity = _api(page, "agreement-identities")["items"][0]["id"]
    return {
        "search": ("?q=truce%20Aleppo", ".hit h4 a"),
        "document": (f"doc/{SEED_ID}", ".doc-text .hl-actors"),
        "actor": (f"actor/{lavrov}", ".aliases .chip"),
        "events": ("events", "table.events tbody tr"),
        "event": (f"event/{event}", "table.reports tbody tr"),
        "map": ("map", "#map[data-markers] .marker-cluster, #map[data-markers] path.event-marker"),
        "timeline": ("timeline", "svg.timeline rect.bar"),
        "network": ("network", "#network[data-nodes] canvas"),
        "agreements": ("agreements", "main table a"),
        "agreement": (f"agreement/{agreement}", "table.provisions tbody tr"),
        "agreement-identity": (f"agreement-identity/{identity}", "table.reports tbody tr"),
        "outlets": ("outlets", "main table a[href^='#/outlet/']"),
        "outlet": (f"outlet/{quote('Reuters')}", "main table"),
        "analyze": ("analyze", "form.analyze textarea"),
        "identities": ("identities", "table button.decide-same"),
    }


def test_every_page_loads_without_errors(page: Any, screenshots: list[Path]) -> None:
    for name, (route, content) in _routes(page).items():
        _open(page, route)
        assert page.locator(content).count() >= 1, name
        _screenshot(page, screenshots, name)


def _marker_count(page: Any) -> int:
    """Events drawn on the map: single markers plus the counts on cluster icons."""
    page.wait_for_selector("#map[data-markers]")
    count = int(page.locator("#map").get_attribute("data-markers"))
    clustered = sum(int(text) for text in page.locator(".marker-cluster").all_inner_texts())
    assert page.locator("path.event-marker").count() + clustered == count
    return count


def test_a_map_filter_changes_the_markers(page: Any, screenshots: list[Path]) -> None:
    _open(page, "map")
    everything = _marker_count(page)
    unfiltered_map = page.locator("#map").element_handle()
    page.locator("form.filters select[name=type]").select_option("ASSAULT")
    page.locator("form.filters input[name=date_from]").fill("2014-01-01")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**/#/map?type=ASSAULT&date_from=2014-01-01*")
    # The hash change re-renders the view asynchronously: wait until the unfiltered map is gone.
    page.wait_for_function("(map) => !map.isConnected", arg=unfiltered_map)
    page.wait_for_function(READY)
    filtered = _marker_count(page)
    expected = _api(page, "map/points?type=ASSAULT&date_from=2014-01-01")["features"]
    assert 1 <= filtered == len(expected) < everything
    assert all(feature["properties"]["type"] == "ASSAULT" for feature in expected)
    _screenshot(page, screenshots, "map-filtered")


def test_clicking_an_actor_in_the_network_opens_its_page(page: Any) -> None:
    _open(page, "network")
    page.wait_for_selector("#network[data-nodes] canvas")
    page.wait_for_selector("#network[data-layout=fcose]", state="attached")  # the refined layout has arrived
    page.wait_for_timeout(600)  # and its 400 ms move has ended
    node = page.evaluate(
        """() => {
            const container = document.getElementById('network');
            const cy = container._cyreg.cy;
            const node = cy.nodes().filter((n) => n.degree() > 0)[0];
            const at = node.renderedPosition();
            const box = container.getBoundingClientRect();
            return {actor: node.data('actor'), name: node.data('label'), x: box.left + at.x, y: box.top + at.y};
        }"""
    )
    page.mouse.click(node["x"], node["y"])
    page.wait_for_url(f"**/#/actor/{node['actor']}")
    page.wait_for_function(READY)
    assert page.locator("h2").first.inner_text() == node["name"]


def test_a_document_opened_from_an_event_highlights_the_evidence(page: Any) -> None:
    _open(page, "events?min_sources=2")
    page.locator("table.events a[href^='#/event/']").first.click()
    page.wait_for_selector("table.reports tbody tr")
    report = page.locator("table.reports tbody tr").first
    evidence = report.locator("q").inner_text()
    report.locator("a[href^='#/doc/']").click()
    page.wait_for_url("**/#/doc/*?at=*")
    # The previous view still counts as rendered until the router swaps it: wait for the document itself.
    page.wait_for_selector(".doc-text [data-start]")
    page.wait_for_function(READY)
    focused = page.locator(".doc-text .hl-events.focus")
    assert focused.count() == 1
    assert evidence.startswith(focused.inner_text())
    assert focused.evaluate("(element) => getComputedStyle(element).outlineStyle") == "solid"
    assert focused.is_visible()


def test_identities_to_review_show_both_spellings_and_a_read_only_server_says_so(page: Any) -> None:
    _open(page, "identities")
    row = page.locator("table tbody tr").filter(has_text="Jaish")
    assert row.count() == 1 and "Jaysh" in row.inner_text()
    assert row.locator("button.decide-different").is_disabled()
    assert "read-only" in page.locator("p.read-only").inner_text()
