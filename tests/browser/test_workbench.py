"""The analyst's workbench in a real browser: clustered map with area-only events apart, basemap labels,
place filter and place page; the timeline's default window, brush and precision bars shared with the map;
the network's filters and ego view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser.conftest import MONTH_END, SILOS
from tests.browser.test_pages import READY, _api, _open, _screenshot


def _open_map(page: Any, route: str = "map") -> None:
    _open(page, route)
    page.wait_for_selector("#map[data-markers]")


def test_the_map_clusters_points_and_keeps_area_only_events_apart(page: Any, screenshots: list[Path]) -> None:
    _open_map(page)
    points = _api(page, "map/points")["features"]
    assert int(page.locator("#map").get_attribute("data-markers")) == len(points)
    assert "Syria" not in {feature["properties"]["place"] for feature in points}
    areas = page.locator(".area-events-list li")
    assert "Syria" in areas.all_inner_texts()[-1] or any("Syria" in text for text in areas.all_inner_texts())
    assert int(page.locator("#map").get_attribute("data-shaded")) == 1  # the country's shape, not a point
    assert page.locator("path.area-events").count() >= 1
    page.wait_for_function("() => document.querySelectorAll('.map-label').length > 0")
    labels = page.locator(".map-label").all_inner_texts()
    assert "Aleppo" in labels  # a gazetteer name, served by the app itself
    _screenshot(page, screenshots, "map")
    # A cluster of several places zooms in; at the deepest zoom the cluster of Maskanah and the silo yard 400 m
    # away (two places no zoom splits) opens as a list of each place's events, whose place link leads to the
    # place page.
    popup = _cluster_popup(page)
    points = _api(page, "map/points")["features"]
    groups = popup.locator("section.cluster-place")
    assert [groups.nth(index).locator("a.place-link").inner_text() for index in range(groups.count())] == [
        "Maskanah",
        SILOS[0],
    ]
    at_maskanah = groups.first.locator("li").count()
    assert at_maskanah == sum(item["properties"]["place"] == "Maskanah" for item in points) >= 3
    assert groups.nth(1).locator("li").count() == 1
    popup = groups.first
    popup.locator("a.place-link").click()
    page.wait_for_url("**/#/place/*")
    page.wait_for_selector("table.place-actors")
    assert page.locator("h2").inner_text() == "Maskanah"
    assert page.locator("table.events tbody tr").count() == _events_at(page) == at_maskanah
    assert "Hezbollah" in page.locator("table.place-actors").inner_text()
    assert page.locator(".place-documents li").count() >= 3
    _screenshot(page, screenshots, "place")


def _cluster_popup(page: Any) -> Any:
    """Click the last cluster until it opens a list: while the map can zoom further to split it, it zooms."""
    popup = page.locator(".cluster-popup")
    for _ in range(6):
        page.locator(".marker-cluster").last.click()
        try:
            popup.wait_for(timeout=2000)
            break
        except Exception:  # it zoomed in instead
            continue
    return popup


def _events_at(page: Any) -> int:
    """How many events the API has at the place the page shows."""
    place = page.url.rsplit("/", 1)[1]
    return int(_api(page, f"events?place={place}")["total"])


def test_the_place_filter_narrows_the_map_to_one_place(page: Any) -> None:
    _open_map(page)
    everything = int(page.locator("#map").get_attribute("data-markers"))
    page.locator("form.place-filter input[name=place_name]").fill("Maskanah")
    page.locator("form.place-filter button[type=submit]").click()
    page.wait_for_url("**/#/map?place=*")
    page.wait_for_selector("a.place-page")
    page.wait_for_function(READY)
    place = page.url.split("place=")[1].split("&")[0]
    at_place = int(page.locator("#map").get_attribute("data-markers"))
    assert at_place == len(_api(page, f"map/points?place={place}")["features"]) < everything
    assert page.locator("h2").inner_text() == "Events map: Maskanah"
    page.locator("form.place-filter input[name=place_name]").fill("Atlantis")
    page.locator("form.place-filter button[type=submit]").click()
    page.wait_for_selector(".place-message:text('no place named')")


def _click_month(page: Any, month: str) -> None:
    box = page.locator(f"svg.timeline g.month[data-month='{month}'] rect.bar").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_timeline_opens_on_the_dense_period_and_a_month_lists_all_its_days(
    page: Any, screenshots: list[Path]
) -> None:
    _open(page, "timeline")
    months = [element.get_attribute("data-month") for element in page.locator("svg.timeline g.month").all()]
    window = _api(page, "timeline/bins")["window"]
    assert (months[0], months[-1]) == (window["from"], window["to"])
    assert window["to"] == "2015-04" and window["outside"] == 1
    assert "1950-06" not in months  # one early event does not stretch the axis
    assert "1 event(s) fall outside" in page.locator("a.show-all").inner_text()
    _click_month(page, "2014-01")
    page.wait_for_selector(".window-summary:text('2014-01-01 to 2014-01-31')")
    listed = page.locator(".window-events table.events").inner_text()
    assert "Hezbollah" in listed  # the event of the 31st: MONTH_END
    assert MONTH_END.split()[0] in listed
    expected = _api(page, "events?date_from=2014-01-01&date_to=2014-01-31")["total"]
    assert int(page.locator(".window-events").get_attribute("data-events")) == expected
    assert "date_from=2014-01-01" in page.url and "date_to=2014-01-31" in page.url
    _screenshot(page, screenshots, "timeline")
    # The map opened next shows the same window.
    page.locator(".topbar nav a[href='#/map']").click()
    page.wait_for_selector("#map[data-markers]")
    page.wait_for_function(READY)
    in_window = _api(page, "map/points?date_from=2014-01-01&date_to=2014-01-31")["features"]
    assert int(page.locator("#map").get_attribute("data-markers")) == len(in_window)
    assert float(page.locator(".map-time rect.brush").get_attribute("width")) > 0
    _open(page, "timeline?by=precision&all=1")
    legend = page.locator(".legend").inner_text()
    assert "dated to one day" in legend and "dated to a few days" in legend
    months = [element.get_attribute("data-month") for element in page.locator("svg.timeline g.month").all()]
    assert months[0] == "1950-06"
    _screenshot(page, screenshots, "timeline-precision")


def _graph(page: Any) -> dict[str, Any]:
    page.wait_for_selector("#network[data-nodes] canvas")
    result: dict[str, Any] = page.evaluate(
        """() => {
            const cy = document.getElementById('network')._cyreg.cy;
            return {
                kinds: cy.nodes().map((n) => n.data('kind')),
                actors: cy.nodes().map((n) => n.data('actor')),
                edges: cy.edges().map((e) => [e.source().data('actor'), e.target().data('actor')]),
                spread: cy.nodes().boundingBox().w,
            };
        }"""
    )
    return result


def test_the_network_shows_real_actors_filters_and_an_ego_view(page: Any, screenshots: list[Path]) -> None:
    _open(page, "network")
    whole = _graph(page)
    assert "other" not in whole["kinds"] and len(whole["actors"]) >= 4
    assert whole["spread"] > 100  # laid out, not piled up
    _screenshot(page, screenshots, "network")
    page.locator("table.central a.ego-link").first.click()
    page.wait_for_url("**/#/network?ego=*")
    page.wait_for_selector("h2:text('Network around')")
    ego = int(page.url.split("ego=")[1].split("&")[0])
    around = _graph(page)
    neighbours = {actor for edge in around["edges"] for actor in edge if ego in edge}
    assert set(around["actors"]) == neighbours | {ego}
    assert len(around["actors"]) < len(whole["actors"])
    _open(page, "network")
    page.locator("input[name=kind][value=person]").check()
    page.locator("form.network-filters button[type=submit]").click()
    page.wait_for_url("**/#/network?kind=person*")
    page.wait_for_function(READY)
    if page.locator("#network").count():
        assert set(_graph(page)["kinds"]) == {"person"}
    else:
        assert "No events between actors" in page.locator("main").inner_text()
    _open(page, "network?min_degree=2")
    hubs = _graph(page)
    degrees = {actor: sum(actor in edge for edge in hubs["edges"]) for actor in hubs["actors"]}
    assert len(hubs["actors"]) < len(whole["actors"]) and all(degrees.values())


def test_the_map_can_count_events_per_place_and_back(page: Any, screenshots: list[Path]) -> None:
    points = _api(page, "map/points")["features"]
    _open_map(page, "map?markers=places")
    assert int(page.locator("#map").get_attribute("data-markers")) == len(points)  # every event counted
    places = {feature["properties"]["place_id"] for feature in points}
    assert int(page.locator("#map").get_attribute("data-places")) == len(places)
    assert f"{len(points)} events at {len(places)} places" in page.locator("#app").inner_text()
    _screenshot(page, screenshots, "map-per-place")
    # Maskanah and the silo yard 400 m away stay one cluster at the deepest zoom: it lists both places.
    popup = _cluster_popup(page)
    assert popup.locator("section.cluster-place a.place-link").all_inner_texts() == ["Maskanah", SILOS[0]]
    assert popup.locator("a.place-events").count() == 2
    page.keyboard.press("Escape")
    page.locator("a.markers-each").click()
    page.wait_for_function("() => document.querySelector('#map[data-places=\"0\"]') !== null")
    assert int(page.locator("#map").get_attribute("data-markers")) == len(points)


def test_the_network_says_how_many_actors_and_links_it_shows_of_all(page: Any) -> None:
    whole = _api(page, "network/graph?limit=150")
    _open(page, "network?actors=40")
    drawn = _graph(page)
    shown = page.locator("p.network-shown").inner_text()
    total = whole["total_actors"]
    assert f"Showing {len(drawn['actors'])} of {total} actors and {len(drawn['edges'])} of " in shown
    assert len(drawn["actors"]) <= 40 and page.locator("select[name=actors]").input_value() == "40"
    if total > 40:
        assert "choose more actors shown" in shown


def test_the_network_is_drawn_at_once_and_then_laid_out_by_fcose_in_a_worker(page: Any) -> None:
    _open(page, "network")
    first = _graph(page)
    page.wait_for_selector("#network[data-layout=fcose]", state="attached")
    page.wait_for_timeout(600)
    refined = _graph(page)
    assert refined["actors"] == first["actors"] and refined["spread"] > 100
    moved = page.evaluate(
        "() => document.getElementById('network')._cyreg.cy.nodes().map((n) => [n.position('x'), n.position('y')])"
    )
    assert len({(round(x), round(y)) for x, y in moved}) == len(moved)  # no two actors piled on one point
