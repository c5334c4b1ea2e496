import pytest

pytestmark = pytest.mark.django_db

QUERY = "seats=5&name=C&size=12&name=A&size=5&seed=htmx"


def test_calculator_answers_htmx_with_the_calculator_only(client):
    response = client.get(f"/dhondt/?{QUERY}", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="dhondt-calculator">')
    assert "<html" not in page
    assert "Pladser pr. gruppe" in page
    assert 'hx-get="/dhondt/"' in page  # the swapped-in form keeps working
    assert "HX-Request" in response["Vary"]


def test_calculator_answers_without_htmx_with_the_whole_page(client):
    response = client.get(f"/dhondt/?{QUERY}")
    page = response.content.decode()
    assert page.startswith("<!DOCTYPE html>")
    assert '<div id="dhondt-calculator">' in page
    assert "HX-Request" in response["Vary"]


def test_calculator_restores_history_with_the_whole_page(client):
    response = client.get(
        f"/dhondt/?{QUERY}", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert response.content.decode().startswith("<!DOCTYPE html>")


def test_calculator_accepts_a_number_with_thousands_separators(client):
    response = client.get("/dhondt/?seats=3&name=C&size=1.200&name=A&size=600&seed=x")
    assert response.context["result"].seats == {"C": 2, "A": 1}
