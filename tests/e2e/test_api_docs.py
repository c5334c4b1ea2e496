"""The API documentation in a real browser: Swagger UI renders the operations under the site's
strict Content-Security-Policy without a single refusal."""

import pytest

from .conftest import choose_language

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_under_the_csp_with_language_and_heading(page, live_server):
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    choose_language(page.context, live_server.url, "en")
    response = page.goto("/api/v1/docs/")
    assert response.status == 200
    page.locator(".opblock").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == "Samskab API"
    # Swagger UI draws only the operations in view (a virtual list), so counting them says
    # nothing: scroll to the end, where the last tag's operations must be drawn too.
    page.keyboard.press("End")
    page.locator(".opblock-tag", has_text="vacancies").wait_for()
    page.locator(".opblock", has_text="/api/v1/vacancies/").first.wait_for()
    assert problems == []
