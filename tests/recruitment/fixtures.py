"""Recruitment's fixtures, for its own tests and the API's (registered in tests/conftest.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from samskab.organisation.models import District
from samskab.recruitment import services
from samskab.recruitment.models import AgeGroup


@pytest.fixture
def districts(world):
    """Three districts of the world's municipality (population 10,000 in all)."""
    return {
        name: District.objects.create(municipality=world.municipality, name=name, population=n)
        for name, n in (("Hellerup", 5000), ("Vangede", 3000), ("Ordrup", 2000))
    }


@pytest.fixture
def age_groups(world):
    return [
        AgeGroup.objects.create(
            municipality=world.municipality, min_age=0, max_age=17, population=2000
        ),
        AgeGroup.objects.create(
            municipality=world.municipality, min_age=18, max_age=66, population=6000
        ),
        AgeGroup.objects.create(municipality=world.municipality, min_age=67, population=2000),
    ]


@pytest.fixture
def task(world):
    from .conftest import approved_task

    return approved_task(world)


@pytest.fixture
def call(world, task):
    return services.open_call(
        world.secretariat_user, task, deadline=timezone.now() + dt.timedelta(days=20)
    )
