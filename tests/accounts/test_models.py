import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_create_user_records_the_login_address_for_allauth():
    """So that allauth's email page finds it and never has to write on a GET."""
    user = get_user_model().objects.create_user("Ny@Example.org", "x")
    assert list(EmailAddress.objects.values_list("user", "email", "primary")) == [
        (user.pk, "ny@example.org", True)
    ]


def test_ensure_email_address_adds_a_changed_address_once(world):
    user = world.plain_user
    user.email = "ny@example.org"
    user.save()
    user.ensure_email_address()
    user.ensure_email_address()
    assert sorted(EmailAddress.objects.filter(user=user).values_list("email", "primary")) == [
        ("ny@example.org", False),
        ("plain@example.org", True),
    ]
