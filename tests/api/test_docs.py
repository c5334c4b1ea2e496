"""The API documentation: our page around Swagger UI, with a language, a heading, no inline
style or script (the site's CSP refuses them)."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["da", "en"])
def test_api_docs_page_has_language_and_heading(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/api/v1/docs/").content.decode()
    assert f'<html lang="{language}">' in page
    assert re.search(r"<h1>[^<]+</h1>", page)


def test_api_docs_page_has_no_inline_style_or_script(client):
    response = client.get("/api/v1/docs/")
    page = response.content.decode()
    assert "<style" not in page
    assert " style=" not in page
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
    script = client.get(re.search(r'<script src="(/api/v1/docs/\?[^"]+)"', page)[1])
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
