"""Personal API tokens through the API: the same services as Min side."""

import pytest

from samskab.accounts import services
from samskab.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_token_made_through_the_api_acts_as_its_owner(client, world):
    client.force_login(world.mayor_user)
    made = client.post("/api/v1/tokens/", {"name": "Skript"}, content_type="application/json")
    assert made.status_code == 201
    key = made.json()["key"]
    client.logout()
    listed = client.get("/api/v1/tokens/", HTTP_AUTHORIZATION=f"Token {key}")
    assert [(t["name"], t["prefix"]) for t in listed.json()] == [("Skript", key[:8])]
    assert "key" not in listed.json()[0]


def test_token_revoked_through_the_api_stops_working(client, world):
    token, key = services.create_token(world.mayor_user, name="Skript")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.delete(f"/api/v1/tokens/{token.pk}/", **auth).status_code == 204
    refused = client.get("/api/v1/tokens/", **auth)
    assert (refused.status_code, refused.json()) == (
        403,
        {
            "detail": "Nøglen er ukendt eller tilbagekaldt, eller dens ejer har ikke længere "
            "adgang til API'et.",
            "field": None,
        },
    )


def test_token_api_refuses_a_duplicate_name_on_its_field(client, world):
    services.create_token(world.secretariat_user, name="Skript")
    client.force_login(world.secretariat_user)
    response = client.post("/api/v1/tokens/", {"name": "Skript"}, content_type="application/json")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "Du har allerede en nøgle med dette navn.", "field": "name"},
    )


def test_token_api_refuses_citizens(client, world):
    client.force_login(world.citizen_user)
    response = client.post("/api/v1/tokens/", {"name": "Skript"}, content_type="application/json")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 0


def test_openapi_document_describes_both_ways_to_authenticate(client):
    schemes = client.get("/api/v1/schema/?format=json").json()["components"]["securitySchemes"]
    assert set(schemes) == {"cookieAuth", "tokenAuth"}
    assert schemes["tokenAuth"]["name"] == "Authorization"
    assert "/konto/api-noegler/" in schemes["tokenAuth"]["description"]
    assert "X-CSRFToken" in schemes["cookieAuth"]["description"]
