import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.meetings import services
from samskab.meetings.models import MeetingKind

CPH = ZoneInfo("Europe/Copenhagen")


def at(day, hour, minute=0):
    """A local (Copenhagen) time as an aware datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CPH)


def soon(days=7, hour=17):
    return at(timezone.localdate() + dt.timedelta(days=days), hour)


def ago(days=7, hour=17):
    return at(timezone.localdate() - dt.timedelta(days=days), hour)


@pytest.fixture
def plan(world):
    """plan(body=..., start=..., **kwargs): a meeting planned by the secretariat."""

    def make(body=None, start=None, hours=2, **kwargs):
        start = start or soon()
        kwargs.setdefault("title", "Møde")
        return services.plan_meeting(
            world.secretariat_user,
            body=body or world.task,
            start=start,
            end=start + dt.timedelta(hours=hours),
            **kwargs,
        )

    return make


@pytest.fixture
def meetings(world, plan):
    """world.klima_meeting (task committee, body level, with a closed item), world.public_meeting
    (the standing committee, public) and world.council_meeting (council level)."""
    world.klima_meeting = plan(title="Klimamøde", place="Mødelokale 1")
    services.add_item(world.secretariat_user, world.klima_meeting, title="Velkomst")
    services.add_item(
        world.secretariat_user,
        world.klima_meeting,
        title="Lukket punkt om grundkøb",
        is_closed=True,
    )
    world.public_meeting = plan(
        body=world.standing, title="Teknik- og Miljøudvalgets møde", start=soon(days=10)
    )
    services.add_item(world.secretariat_user, world.public_meeting, title="Budgetopfølgning")
    world.council_meeting = plan(
        body=world.council,
        title="Fællesmøde",
        kind=MeetingKind.JOINT,
        access_level=AccessLevel.COUNCIL,
        start=soon(days=12),
        propose_agenda=False,
    )
    return world
