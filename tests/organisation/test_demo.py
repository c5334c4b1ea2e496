import pytest
from django.core.management import call_command

from samskab.organisation.models import Body, BodyKind, Group, Membership, Person

pytestmark = pytest.mark.django_db

SEED_TASK_COMMITTEES = [
    "Innovation",
    "Integration",
    "Anbringelse",
    "Specialundervisning",
    "Arkitektur",
    "Udskoling",
    "Digitalisering",
    "Ungepolitik",
    "Boligsocial indsats",
    "Sundhedspolitik",
    "Borgerrettet behandling",
    "Forældre i Gentofte",
    "Idræts- og bevægelsespolitik",
    "Erhvervspolitik",
    "Bæredygtig Gentofte",
    "Trafik – Sikker i byen",
    "Værdighedspolitik",
    "Børn og unge i fællesskaber",
    "Detailhandel",
    "Kulturpolitik",
    "Skolereform",
    "Børn – kvalitet og struktur",
]


def _counts():
    return (
        Person.objects.count(),
        Body.objects.count(),
        Membership.objects.count(),
        Group.objects.count(),
    )


def test_demo_is_idempotent():
    call_command("demo")
    first = _counts()
    call_command("demo")
    assert _counts() == first


def test_demo_tells_gentofte_story(client):
    call_command("demo")
    old = Body.objects.filter(
        kind=BodyKind.TASK_COMMITTEE, start_date__gte="2015-09-01", end_date__lte="2018-08-31"
    )
    assert old.count() == 23
    names = set(old.values_list("name", flat=True))
    for name in SEED_TASK_COMMITTEES:
        assert name in names
    for body in old:
        members = body.memberships.exclude(role="secretary")
        assert members.filter(is_council_member=True).count() == 5
        assert members.filter(is_council_member=False).count() == 10
        assert body.parent.kind in (BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE)
    assert Body.objects.filter(kind=BodyKind.FINANCE_COMMITTEE).count() == 1
    assert Body.objects.filter(kind=BodyKind.STANDING_COMMITTEE).count() == 6
    response = client.get("/kommunalbestyrelsen/")
    sizes = {g.short_name: g.size for g in response.context["groups"]}
    assert sizes == {"C": 12, "A": 2, "B": 2, "V": 1, "F": 1, "Ø": 1}
    page = client.get("/").content.decode()
    for name in ("Innovation", "Skolereform", "Klimatilpasning og byens vand"):
        assert name in page
    for kind in BodyKind.values:
        assert Body.objects.filter(kind=kind).exists(), kind


def test_demo_shows_gentofte_2021_fifteen_seats_as_one_with_a_lot(client):
    call_command("demo")
    response = client.get("/opgaveudvalg/klimatilpasning/kommissorium/")
    part = response.context["seats"]["parts"][0]
    result = part["result"]
    assert part["seats"] == 15
    assert result.seats["C"] >= 11 and result.seats["A"] >= 1 and result.seats["B"] >= 1
    boundary = [t for t in result.ties if t.at_boundary]
    assert len(boundary) == 1
    assert sorted(boundary[0].groups) == sorted(["C", "A", "B", "V", "F", "Ø"])
    assert len(boundary[0].winners) == 2


def test_demo_has_task_committees_in_every_state(client):
    from samskab.taskcommittees.lifecycle import State
    from samskab.taskcommittees.models import FollowUpItem, Input, TaskCommittee

    call_command("demo")
    states = set(TaskCommittee.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Input.objects.exists()
    assert FollowUpItem.objects.filter(status="in_progress").exists()
    assert TaskCommittee.objects.filter(approved_version__isnull=False).count() >= 25
