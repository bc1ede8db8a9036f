"""The web UI in a real browser: search → document layers → actor → map → network → agreement,
and hostile article markup rendering inert."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

README_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"
SEED_ID = "000_1c0d675042cec979"


def test_search_leads_to_a_document_with_toggleable_layers(page: Any, screenshots: list[Path]) -> None:
    page.goto("/#/?q=truce%20Aleppo")
    page.locator(".hit h4 a").first.click()
    page.wait_for_selector(".doc-text .hl-actors")
    text = page.locator(".doc-text")
    for layer in ("actors", "places", "events", "quotes", "claims", "provisions", "framing"):
        assert page.locator(f".doc-text .hl-{layer}").count() >= 1, layer
    assert "show-actors" in (text.get_attribute("class") or "")
    page.locator("input[data-layer=actors]").uncheck()
    assert "show-actors" not in (text.get_attribute("class") or "")
    page.locator("input[data-layer=actors]").check()
    for folder in screenshots:
        page.screenshot(path=str(folder / "document.png"))
    if os.environ.get("SITROOM_DOC_SCREENSHOTS") == "1":
        page.screenshot(path=str(README_SCREENSHOT))


def test_an_actor_mention_opens_the_actor_page(page: Any) -> None:
    page.goto(f"/#/doc/{SEED_ID}")
    page.locator(".doc-text a.hl-actors", has_text="Lavrov").first.click()
    page.wait_for_selector(".aliases .chip")
    assert page.locator("h2").inner_text() == "Sergey Lavrov"
    assert "Name_Calling,Labeling" in page.locator("main").inner_text()


def test_the_map_draws_event_markers_over_the_offline_basemap(page: Any) -> None:
    page.goto("/#/map")
    page.wait_for_selector("#map[data-markers]")
    assert int(page.locator("#map").get_attribute("data-markers")) >= 3
    assert page.locator("path.event-marker").count() + page.locator(".marker-cluster").count() >= 1
    features = page.request.get("/api/map/points").json()["features"]
    at_parent = sum(1 for feature in features if feature["properties"]["located_by"] == "parent")
    approximate = page.locator("path.event-marker.approximate")
    assert at_parent >= 1  # the bakery, at Saraqib's point
    assert 1 <= approximate.count() <= at_parent < len(features)  # the others may sit in clusters
    approximate.first.dispatch_event("click")
    assert "approximate" in page.locator(".leaflet-popup-content").inner_text()
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # country shapes


def test_the_network_renders_actors_and_typed_edges(page: Any) -> None:
    page.goto("/#/network")
    page.wait_for_selector("#network[data-nodes]")
    assert int(page.locator("#network").get_attribute("data-nodes")) >= 4
    assert int(page.locator("#network").get_attribute("data-edges")) >= 3
    assert page.locator("#network canvas").count() >= 1


def test_the_agreement_view_lists_the_provisions(page: Any) -> None:
    page.goto("/#/agreements")
    page.locator("main table a", has_text="Truce").first.click()
    page.wait_for_selector("table.provisions")
    assert page.locator("table.provisions tbody tr").count() == 5
    assert "prisoner release" in page.locator("table.provisions").inner_text().lower()


def test_an_agreement_shows_its_timeline_across_documents(page: Any, screenshots: list[Path]) -> None:
    page.goto("/#/agreements")
    page.locator("main table a", has_text="Truce").first.click()
    page.wait_for_selector("ol.agreement-timeline li")
    stages = page.locator("ol.agreement-timeline li")
    assert stages.count() >= 2
    assert "agreed" in stages.first.inner_text() and "collapsed" in stages.last.inner_text()
    assert "2014-01-20" in stages.last.inner_text() and "Orient News" in stages.last.inner_text()
    assert page.locator("table.reports tbody tr").count() == 2
    page.locator("table.reports a").first.click()  # one document's report of it: the same timeline
    page.wait_for_selector("ol.agreement-timeline li")
    assert page.locator("ol.agreement-timeline li").count() == stages.count()
    for folder in screenshots:
        page.screenshot(path=str(folder / "agreement-timeline.png"))
    page.locator("ol.agreement-timeline li a").last.click()
    page.wait_for_selector(".doc-text")
    assert "truce-report" in page.url


def test_a_corroborated_event_lists_its_contradicting_reports(page: Any) -> None:
    page.goto("/#/events?min_sources=2")
    page.locator("table.events a").first.click()
    page.wait_for_selector("table.reports")
    assert page.locator("table.reports tbody tr").count() == 3
    assert page.locator(".status.contested").count() == 1


def test_hostile_markup_in_an_article_renders_inert(page: Any) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto("/#/doc/hostile")
    page.wait_for_selector(".doc-text")
    page.wait_for_timeout(300)
    text = page.locator(".doc-text")
    assert "<script>window.__pwned = 1" in text.inner_text()
    assert 'onerror="window.__pwned = 2' in text.inner_text()
    assert text.locator("script, img, [onerror], [onclick]").count() == 0
    page.locator(".doc-text").get_by_text("witnesses", exact=False).first.click()
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []


def test_claim_chains_show_every_hop_and_outlets_their_voices(page: Any) -> None:
    page.goto(f"/#/doc/{SEED_ID}")
    page.wait_for_selector(".doc-side .chain")
    chain = page.locator(".doc-side li", has_text="exactly these two organizations").locator(".chain")
    assert chain.inner_text().split(" → ")[1:] == ["DEBKAfile", "Intelligence agencies of the US and Iran"]
    assert chain.locator(".hop.unnamed").count() == 1
    page.goto("/#/outlet/Al-Ikhwah%20Al-Mujahidun")
    page.wait_for_selector("table.voice")
    voice = page.locator("table.voice").inner_text()
    assert "Framing inside quoted sources" in voice and "Claims from unnamed sources" in voice
