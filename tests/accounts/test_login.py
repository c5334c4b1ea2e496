import pytest

pytestmark = pytest.mark.django_db


def test_login_with_email_reaches_my_page(client, world):
    response = client.post(
        "/accounts/login/", {"login": "mayor@example.org", "password": "password"}
    )
    assert response.status_code == 302
    page = client.get("/konto/").content.decode()
    assert "Klimatilpasning" in page


def test_wrong_password_keeps_email_and_says_why(client, world):
    response = client.post("/accounts/login/", {"login": "mayor@example.org", "password": "wrong"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="mayor@example.org"' in page
    assert "E-mailadressen eller adgangskoden er forkert." in page


def test_my_page_requires_login(client, db):
    response = client.get("/konto/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_login_says_so_in_plain_danish(client, world):
    response = client.post(
        "/accounts/login/", {"login": "mayor@example.org", "password": "password"}, follow=True
    )
    page = response.content.decode()
    assert "Du er logget ind som" in page
    assert "succesfuldt" not in page
