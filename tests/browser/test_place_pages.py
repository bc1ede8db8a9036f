"""A place page pages through every event at the place and every document naming it (no silent cap), on
real FA-KES articles: Aleppo has more events than one page holds."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.test_pages import READY, _api, _open


def _listed(page: Any, selector: str) -> list[str]:
    return [str(link.get_attribute("href")) for link in page.locator(selector).all()]


def test_a_place_page_pages_through_all_its_events_and_documents(fakes_page: Any) -> None:
    aleppo = next(item for item in _api(fakes_page, "places?q=Aleppo")["items"] if item["name"] == "Aleppo")
    events = _api(fakes_page, f"events?place={aleppo['id']}&limit=500")
    documents = _api(fakes_page, f"places/{aleppo['id']}/documents?limit=500")
    assert events["total"] > 50  # more than a page
    _open(fakes_page, f"place/{aleppo['id']}")
    titles = fakes_page.locator("section.card h3").all_inner_texts()
    assert f"Events here ({events['total']})" in titles and f"Documents naming it ({documents['total']})" in titles
    seen_events: list[str] = []
    seen_documents: list[str] = []
    while True:
        # the page re-renders after the URL changes: wait for the pager of the page that starts here
        first = re.compile(rf"(^|\s){len(seen_events) + 1}\u2013")
        fakes_page.locator("nav.events-pager", has_text=first).wait_for()
        seen_events += _listed(fakes_page, "table.events tbody tr td:first-child a")
        seen_documents += _listed(fakes_page, ".place-documents li a")
        following = fakes_page.locator("nav.events-pager a.next")
        if not following.count():
            break
        following.click()
        fakes_page.wait_for_url("**events_offset=*")
        fakes_page.wait_for_function(READY)
    assert seen_events == [f"#/event/{item['id']}" for item in events["items"]]
    assert set(seen_documents) == {f"#/doc/{item['doc_id']}" for item in documents["items"]}
    assert "of " + str(events["total"]) in fakes_page.locator("nav.events-pager").inner_text()
    assert fakes_page.locator("nav.events-pager a.previous").count() == 1
