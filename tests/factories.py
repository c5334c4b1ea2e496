import datetime as dt

import factory
from django.contrib.auth import get_user_model

from samskab.organisation import models as org


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            obj.ensure_email_address()  # as the accounts' manager does


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Municipality

    name = "Testkommune"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.TermOfOffice

    name = factory.Sequence(lambda n: f"Term {n}")
    start_date = dt.date(2026, 1, 1)
    end_date = dt.date(2029, 12, 31)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Group

    term = factory.SubFactory(TermFactory)
    short_name = factory.Sequence(lambda n: f"G{n}")
    name = factory.LazyAttribute(lambda o: f"Gruppe {o.short_name}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Person

    name = factory.Sequence(lambda n: f"Person {n}")
    # A person with an account is written to at the account's email (Person.contact_email).
    email = factory.LazyAttributeSequence(
        lambda o, n: "" if o.user is not None else f"person{n}@private.example.org"
    )
    user = None
    phone = "+45 12 34 56 78"
    birth_year = 1970


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Body

    kind = org.BodyKind.TASK_COMMITTEE
    name = factory.Sequence(lambda n: f"Udvalg {n}")
    slug = factory.Sequence(lambda n: f"udvalg-{n}")
    start_date = dt.date(2026, 1, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = org.Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    start_date = dt.date(2026, 1, 1)
