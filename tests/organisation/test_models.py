import pytest
from django.db import IntegrityError, transaction

from samskab.organisation.models import Person

from .. import factories as f

pytestmark = pytest.mark.django_db


def test_person_without_account_is_written_to_at_their_own_email(world):
    person = f.PersonFactory(email="ane@example.org")
    assert person.contact_email == "ane@example.org"


def test_linking_an_account_makes_its_email_the_persons_only_one(world):
    person = f.PersonFactory(email="gammel@example.org")
    person.user = world.plain_user
    person.save(update_fields=["user"])
    person.refresh_from_db()
    assert (person.email, person.contact_email) == ("", "plain@example.org")


def test_database_refuses_a_second_email_beside_an_account(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=world.mayor.pk).update(email="anden@example.org")
