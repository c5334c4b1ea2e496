"""A new council constitutes its standing committees "as one": the same engine shares all
their seats, and the groups choose a committee and a member in pick order."""

import json

import pytest

from samskab.organisation.models import BodyKind, Membership
from tests import factories as f

from .helpers import gentofte_council

pytestmark = pytest.mark.django_db


def post(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


def test_constitution_shares_all_standing_seats_as_one(client, world):
    groups, council = gentofte_council(world)
    other = f.BodyFactory(
        kind=BodyKind.STANDING_COMMITTEE, name="Kultur- og Fritidsudvalget", slug="kf", seats=4
    )
    client.force_login(world.secretariat_user)
    started = post(
        client,
        "/api/v1/appointments/",
        {"council": "kb", "reference": "KB 1.1.2026, konstituering", "seed": "konstituering"},
    )
    assert started.status_code == 201, started.content
    record = started.json()
    assert record["kind"] == "constitution"
    assert {g["name"]: g["seats"] for g in record["groups"] if g["seats"]} == {
        "C": 7,
        "A": 1,
        "B": 1,
    }
    pk, version = record["id"], record["version"]
    used = dict.fromkeys(council, 0)
    free = {"tm": 5, "kf": 4}
    on_kf = []

    def pick(number, **data):
        return post(
            client,
            f"/api/v1/appointments/{pk}/picks/",
            {"number": number, "version": version, **data},
        )

    # Without a committee, the pick is refused.
    refused = pick(1, person=council["C"][0].pk)
    assert (refused.status_code, refused.json()["field"]) == (400, "committee")
    for number, seat in enumerate(record["order"], start=1):
        group = seat["group"]
        committee = "tm" if free["tm"] else "kf"
        if number == 7:
            # The same member twice on one committee is refused.
            again = pick(number, person=on_kf[0].pk, committee="kf")
            assert (again.status_code, again.json()["field"]) == (400, "person")
        person = council[group][used[group]]
        answer = pick(number, person=person.pk, committee=committee)
        if committee == "kf":
            on_kf.append(person)
        assert answer.status_code == 200, (number, answer.content)
        used[group] += 1
        free[committee] -= 1
        version = answer.json()["version"]
        if not free["tm"] and number == 5:
            full = pick(number + 1, person=council["C"][5].pk, committee="tm")
            assert (full.status_code, full.json()["field"]) == (400, "committee")
    final = client.get(f"/api/v1/appointments/{pk}/").json()
    assert final["status"] == "completed"
    assert Membership.objects.filter(body=world.standing, start_date=world.today).count() == 5
    assert Membership.objects.filter(body=other).count() == 4
    named = Membership.objects.filter(body=other).select_related("group")
    assert {m.group.short_name for m in named} <= {"C", "A", "B"}
    # Constituted once.
    again = post(client, "/api/v1/appointments/", {"council": "kb", "reference": "KB"})
    assert again.status_code == 400


def test_constitution_runs_through_the_pages(client, world):
    groups, council = gentofte_council(world)
    client.force_login(world.secretariat_user)
    assert "Konstituér de stående udvalg" in client.get("/udpegning/").content.decode()
    started = client.post(
        "/udpegning/ny/", {"council": "kb", "reference": "KB 1.1.2026", "seed": "side"}
    )
    assert started.status_code == 302
    url = started["Location"]
    page = client.get(url).content.decode()
    assert 'name="committee"' in page
    first = council["C"][0]
    refused = client.post(f"{url}valg/", {"number": 1, "version": 1, "who": f"p{first.pk}"})
    assert refused.status_code == 400
    named = client.post(
        f"{url}valg/", {"number": 1, "version": 1, "who": f"p{first.pk}", "committee": "tm"}
    )
    assert named.status_code == 302
    page = client.get(url).content.decode()
    assert f"{first.name} – Teknik- og Miljøudvalget" in page


def test_a_physical_draw_entered_by_the_chair_decides_the_tied_seats(client, world):
    from .helpers import recruited_task

    gentofte_council(world)
    recruited_task(world)
    client.force_login(world.secretariat_user)
    wrong = post(
        client,
        "/api/v1/appointments/",
        {"task_committee": "skybrud", "reference": "KB", "physical_lot": ["F", "Ø"]},
    )
    assert (wrong.status_code, wrong.json()["field"]) == (400, "physical_lot")
    drawn = ["Ø", "F", "C", "A", "B", "V"]
    started = post(
        client,
        "/api/v1/appointments/",
        {"task_committee": "skybrud", "reference": "KB", "physical_lot": drawn},
    )
    assert started.status_code == 201, started.content
    record = started.json()
    seats = {g["name"]: g["seats"] for g in record["groups"]}
    assert seats == {"C": 11, "A": 1, "B": 1, "V": 0, "F": 1, "Ø": 1}
    lot = next(t for t in record["lots"] if t["at_boundary"])
    assert (lot["physical"], lot["winners"]) == (True, ["Ø", "F"])
    assert [s["group"] for s in record["order"][13:]] == ["Ø", "F"]
