"""A working group has its own meetings (meetings app) and documents (library): its room page
shows them, with links to plan and upload for those the meetings and the library let do so
(the secretariat plans; the secretariat and the group's own members upload)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from samskab.core.access import AccessLevel
from samskab.workspace import services
from tests import factories as f
from tests.library.files import docx_bytes, upload

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def group(world, room):
    return services.create_working_group(world.mayor_user, world.task, name="Skybrud")


def test_a_working_groups_room_shows_its_meetings_and_documents(world, room, group):
    from samskab.library import services as library
    from samskab.meetings import services as meetings

    start = timezone.now() + dt.timedelta(days=7)
    meetings.plan_meeting(
        world.secretariat_user,
        body=group,
        title="Arbejdsgruppemøde om skybrudsdata",
        start=start,
        end=start + dt.timedelta(hours=2),
        place="Gentofte Rådhus, mødelokale 3",
        access_level=AccessLevel.PUBLIC,
        invite=False,
    )
    # A member of the working group itself files its papers (the library's own rule).
    f.MembershipFactory(person=world.citizen, body=group, start_date=world.today)
    # A fresh account object: the one in ``world`` remembers her seats from before.
    citizen = type(world.citizen_user).objects.get(pk=world.citizen_user.pk)
    library.upload(
        citizen,
        body=group,
        file=upload("data.docx", docx_bytes("Regnmålinger")),
        title="Regnmålinger 2020–2025",
        access_level=AccessLevel.PUBLIC,
    )
    library.upload(
        world.secretariat_user,
        body=group,
        file=upload("notat.docx", docx_bytes("Internt")),
        title="Arbejdsgruppens interne notat",
        access_level=AccessLevel.BODY,
    )
    path = f"/rum/{group.slug}/"
    anonymous = _client().get(path).content.decode()
    assert "Arbejdsgruppemøde om skybrudsdata" in anonymous
    assert "Regnmålinger 2020–2025" in anonymous
    assert "Arbejdsgruppens interne notat" not in anonymous
    assert f"/moeder/ny/?organ={group.slug}" not in anonymous
    assert f"/dokumenter/ny/?organ={group.slug}" not in anonymous

    secretariat = _client(world.secretariat_user).get(path).content.decode()
    assert "Arbejdsgruppens interne notat" in secretariat
    assert f"/moeder/ny/?organ={group.slug}" in secretariat
    assert f"/dokumenter/ny/?organ={group.slug}" in secretariat

    member = _client(world.citizen_user).get(path).content.decode()
    assert "Arbejdsgruppens interne notat" in member  # she sits in the group
    assert f"/dokumenter/ny/?organ={group.slug}" in member
    assert f"/moeder/ny/?organ={group.slug}" not in member  # meetings: the secretariat's

    # The chair takes part in the room through the committee, but files nothing in the group.
    chair = _client(world.mayor_user).get(path).content.decode()
    assert f"/dokumenter/ny/?organ={group.slug}" not in chair
    # The planning and upload pages take the working group as their body.
    plan = _client(world.secretariat_user).get(f"/moeder/ny/?organ={group.slug}")
    assert plan.status_code == 200
    assert f'value="{group.pk}" selected' in plan.content.decode()


def test_a_committee_room_shows_no_library_of_its_own(world, room):
    page = _client(world.secretariat_user).get("/rum/klima/").content.decode()
    assert "/moeder/ny/?organ=klima" not in page
