"""The API documentation renders in a real browser from the server's own assets: no CDN, no blocked script."""

from __future__ import annotations

from typing import Any


def _outside_requests(page: Any, server_url: str) -> list[str]:
    """Every request the page makes to another origin (each is refused, and recorded)."""
    outside: list[str] = []

    def route(handled: Any) -> None:
        if handled.request.url.startswith(server_url):
            handled.continue_()
        else:
            outside.append(handled.request.url)
            handled.abort()

    page.route("**/*", route)
    return outside


def test_swagger_ui_renders_every_operation(page: Any, server_url: str) -> None:
    outside = _outside_requests(page, server_url)
    page.goto("/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/events", "/api/analyze", "/api/documents"} <= {path.strip() for path in paths}
    assert outside == []


REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def test_redoc_renders_the_api_and_searches(browser: Any, server_url: str) -> None:
    context = browser.new_context(base_url=server_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    outside = _outside_requests(page, server_url)
    page.goto("/redoc")
    page.wait_for_selector("h1", timeout=30_000)
    assert "sitroom" in page.locator("h1").first.inner_text()
    page.get_by_placeholder("Search...").fill("analyse")
    page.wait_for_selector("[data-role='search:results'] li, .search-results li", timeout=10_000)
    context.close()
    # ReDoc always shows its maker's logo from a CDN: the content security policy blocks it (offline).
    assert all(REDOCLY_LOGO in error for error in errors), errors
    assert outside == []
