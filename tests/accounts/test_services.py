"""Personal API tokens: made and revoked by their owners, stored only as a digest."""

import hashlib

import pytest
from django.utils import translation

from samskab.accounts import services
from samskab.accounts.models import ApiToken
from samskab.core.errors import DomainError
from samskab.organisation.models import Membership

pytestmark = pytest.mark.django_db


def test_create_token_shows_the_key_once_and_stores_only_its_digest(world):
    token, key = services.create_token(world.mayor_user, name="Rapport")
    assert key.startswith("smk_") and len(key) > 40
    assert token.prefix == key[:8]
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    stored = ApiToken.objects.values_list("name", "prefix", "digest").get()
    assert key not in "".join(stored)


def test_create_token_gives_each_person_several_named_tokens(world):
    services.create_token(world.mayor_user, name="Rapport")
    services.create_token(world.mayor_user, name="Testsystem")
    services.create_token(world.secretariat_user, name="Rapport")
    assert [t.name for t in services.tokens_of(world.mayor_user)] == ["Testsystem", "Rapport"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("  ", "Give the token a name, e.g. what it is for."),
        ("x" * 101, "The name is too long (at most 100 characters)."),
        ("Rapport", "You already have a token with this name."),
    ],
)
def test_create_token_refuses_a_bad_name_on_the_name_field(world, name, message):
    services.create_token(world.mayor_user, name="Rapport")
    with translation.override("en"), pytest.raises(DomainError) as refused:
        services.create_token(world.mayor_user, name=name)
    assert (refused.value.field, str(refused.value.message)) == ("name", message)


def test_create_token_stops_at_the_limit(world):
    for i in range(services.MAX_TOKENS):
        services.create_token(world.mayor_user, name=f"Nøgle {i}")
    with pytest.raises(DomainError) as refused:
        services.create_token(world.mayor_user, name="En for meget")
    assert str(refused.value.message) == (
        "Du har allerede 10 nøgler. Tilbagekald først en, du ikke længere bruger."
    )


@pytest.mark.parametrize("who", ["citizen_user", "plain_user", "other_citizen_user"])
def test_create_token_is_refused_without_api_access(world, who):
    with pytest.raises(DomainError) as refused:
        services.create_token(getattr(world, who), name="Rapport")
    assert refused.value.code == "forbidden"
    assert ApiToken.objects.count() == 0


def test_revoke_token_ends_it_and_is_the_owners_alone(world):
    token, key = services.create_token(world.mayor_user, name="Rapport")
    with pytest.raises(DomainError) as refused:
        services.revoke_token(world.secretariat_user, token)
    assert refused.value.code == "forbidden"
    assert services.user_for_key(key) == world.mayor_user
    services.revoke_token(world.mayor_user, token)
    assert services.user_for_key(key) is None
    assert ApiToken.objects.count() == 0


def test_user_for_key_refuses_unknown_keys_and_owners_who_lost_access(world):
    _token, key = services.create_token(world.mayor_user, name="Rapport")
    assert services.user_for_key(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert services.user_for_key("not-even-our-format") is None
    # The mayor's council seat ends: the token stops working (a new request, a new user).
    Membership.objects.filter(person=world.mayor).update(end_date=world.today.replace(year=2000))
    assert services.user_for_key(key) is None


def test_user_for_key_refuses_an_inactive_account(world):
    _token, key = services.create_token(world.secretariat_user, name="Rapport")
    world.secretariat_user.is_active = False
    world.secretariat_user.save()
    assert services.user_for_key(key) is None
