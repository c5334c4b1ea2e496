import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from samskab.organisation.models import (
    Body,
    BodyKind,
    District,
    Group,
    Membership,
    Municipality,
    Party,
    Person,
    TermOfOffice,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 27)


def _generate(**options):
    stderr = io.StringIO()
    call_command(
        "generate", scale=0.02, today=TODAY, stdout=io.StringIO(), stderr=stderr, **options
    )
    return stderr.getvalue()


def test_generate_builds_twenty_years_of_councils_and_committees():
    progress = _generate()
    terms = list(TermOfOffice.objects.order_by("start_date"))
    assert [t.name for t in terms] == [
        "2010–2013",
        "2014–2017",
        "2018–2021",
        "2022–2025",
        "2026–2029",
    ]
    councils = Body.objects.filter(kind=BodyKind.COUNCIL)
    assert councils.count() == 5
    current = councils.get(term=terms[-1])
    assert Membership.objects.current(TODAY).filter(body=current).count() == 19
    assert Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).count() == 8
    assert Body.objects.filter(kind=BodyKind.TASK_COMMITTEE).active(TODAY).exists()
    assert Person.objects.count() == 400
    assert "100% task committee memberships" in progress


def test_generate_is_deterministic_for_a_seed():
    _generate(seed=7)
    first = list(
        Membership.objects.order_by("id").values_list("person__name", "body__slug", "role")
    )
    assert len(first) > 100
    Membership.objects.all().delete()
    Body.objects.all().update(parent=None)
    Body.objects.all().delete()
    Person.objects.all().delete()
    for model in (Group, TermOfOffice, Party, District, Municipality, get_user_model()):
        model.objects.all().delete()
    _generate(seed=7)
    again = list(
        Membership.objects.order_by("id").values_list("person__name", "body__slug", "role")
    )
    assert again == first


def test_generate_refuses_a_database_that_has_data(world):
    with pytest.raises(CommandError) as error:
        _generate()
    assert "fresh database" in str(error.value)
