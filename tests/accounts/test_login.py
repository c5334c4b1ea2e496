import pytest
from django.db import connection

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


def test_login_throttling_counts_in_the_shared_cache(client, world, settings):
    # Every app server must see the same count: it lives in the shared cache (a table of the
    # database by default), never in one worker's memory.
    def attempt(password):
        return client.post(
            "/accounts/login/", {"login": "mayor@example.org", "password": password}
        ).content.decode()

    for _ in range(5):
        assert "adgangskoden er forkert" in attempt("wrong")
    assert "for mange mislykkede" in attempt("password")
    table = settings.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {table}")  # noqa: S608 - our own setting
        keys = [key for (key,) in cursor.fetchall()]
    assert any("login_failed" in key for key in keys)


@pytest.mark.parametrize("how", ["login form", "force_login"])
def test_a_signed_in_request_loads_the_user_with_their_person_in_one_query(client, world, how):
    from django.test.utils import CaptureQueriesContext

    if how == "login form":
        client.post("/accounts/login/", {"login": "mayor@example.org", "password": "password"})
    else:
        client.force_login(world.mayor_user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/opgaveudvalg/").status_code == 200
    person_alone = [
        q["sql"] for q in queries if q["sql"].lstrip().startswith('SELECT "organisation_person"')
    ]
    assert person_alone == []
