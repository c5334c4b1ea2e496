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
    # Swagger UI draws the operations a tag at a time: wait for them all rather than count
    # whatever a busy machine has drawn so far (it once counted 9).
    page.locator(".opblock").nth(20).wait_for(state="attached")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text() == "Samskab API"
    assert problems == []
