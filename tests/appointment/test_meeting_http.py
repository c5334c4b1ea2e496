"""One appointment meeting end to end over HTTP (the API), with the Gentofte council of 2021:
a lot, refused picks, a seat given to another group, the chair and vice-chair, the decision
record and the memberships made from it, and a vacancy filled by the same group."""

import json

import pytest
from django.core import mail

from samskab.appointment.models import Appointment, Vacancy
from samskab.organisation.models import Membership, Role
from samskab.recruitment.models import Application, Outcome
from samskab.taskcommittees.lifecycle import State

from .helpers import gentofte_council, recruited_task

pytestmark = pytest.mark.django_db


def post(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


def test_appointment_meeting_end_to_end(client, world):
    groups, council = gentofte_council(world)
    task, call, pool = recruited_task(world)
    client.force_login(world.secretariat_user)

    started = post(
        client,
        "/api/v1/appointments/",
        {"task_committee": "skybrud", "reference": "KB 1.3.2026, pkt. 4", "seed": "Gentofte"},
    )
    assert started.status_code == 201, started.content
    record = started.json()
    pk = record["id"]
    # C11, A1, B1 determined; the last two seats a six-way tie at quotient 1, by lot.
    seats = {g["name"]: g["seats"] for g in record["groups"]}
    assert sum(seats.values()) == 15
    assert (seats["C"], seats["A"] >= 1, seats["B"] >= 1) == (11, True, True)
    boundary = [lot for lot in record["lots"] if lot["at_boundary"]]
    assert len(boundary) == 1
    assert boundary[0]["quotient"] == "1"
    assert sorted(boundary[0]["groups"]) == sorted(["C", "A", "B", "V", "F", "Ø"])
    assert len(boundary[0]["winners"]) == 2
    assert boundary[0]["places"] == [14, 15]
    assert record["seed"] == "Gentofte"
    assert [s["by_lot"] for s in record["order"][13:]] == [True, True]

    # A council member follows it; a citizen cannot see the meeting in progress.
    client.force_login(world.mayor_user)
    assert client.get(f"/api/v1/appointments/{pk}/").status_code == 200
    assert post(client, f"/api/v1/appointments/{pk}/picks/", {}).status_code == 403
    client.force_login(world.citizen_user)
    assert client.get(f"/api/v1/appointments/{pk}/").status_code == 404
    client.force_login(world.secretariat_user)

    order = [s["group"] for s in record["order"]]
    version = record["version"]

    def pick(number, **data):
        return post(
            client,
            f"/api/v1/appointments/{pk}/picks/",
            {"number": number, "version": version, **data},
        )

    # Out of turn.
    refused = pick(2, person=council["C"][0].pk)
    assert refused.status_code == 400
    assert refused.json()["field"] == "number"
    # A citizen not in the pool (an applicant of no call here).
    stranger = Application.objects.create(
        call=call,
        email="ikke.bekraeftet@example.net",
        name="Ubekræftet",
        birth_year=1990,
        background="other",
        motivation="-",
        consent_at=pool[0].consent_at,
    )
    refused = pick(1, application=stranger.pk)
    assert (refused.status_code, refused.json()["field"]) == (400, "application")
    # A council member of another group without a note.
    refused = pick(1, person=council["A"][0].pk)
    assert (refused.status_code, refused.json()["field"]) == (400, "note")

    used = dict.fromkeys(council, 0)
    applicants = iter(pool)
    council_named = 0
    named = []
    for number, group in enumerate(order, start=1):
        if number == 6:
            # The group whose seat it is gives it to group A, which accepts it.
            application = next(applicants)
            answer = pick(
                number, application=application.pk, named_by="A", note="A tager imod pladsen."
            )
        elif council_named < 5 and used[group] < len(council[group]):
            person = council[group][used[group]]
            if number == 2:
                # The same person named twice is refused.
                twice = pick(number, person=named[0].pk)
                assert (twice.status_code, twice.json()["field"]) == (400, "person")
                # Two screens pick at once: the second, on the old version, is told.
                first = pick(number, person=person.pk)
                assert first.status_code == 200, first.content
                late = pick(number, person=council[group][used[group] + 1].pk)
                assert late.status_code == 409
                assert "En anden skærm nåede først" in late.json()["detail"]
                version = first.json()["version"]
                used[group] += 1
                council_named += 1
                named.append(person)
                continue
            answer = pick(number, person=person.pk)
            used[group] += 1
            council_named += 1
            named.append(person)
        else:
            if council_named == 5 and number == 7:
                # A pick that breaks a cap is refused with the reason.
                over = pick(number, person=council["C"][10].pk)
                assert over.status_code == 400
                assert "5" in over.json()["detail"]
            answer = pick(number, application=next(applicants).pk)
        assert answer.status_code == 200, (number, answer.content)
        version = answer.json()["version"]
    state = client.get(f"/api/v1/appointments/{pk}/").json()
    assert state["status"] == "chairs"
    assert state["next_pick"] is None
    assert state["order"][5]["pick"]["named_by"] == "A"
    assert state["order"][5]["pick"]["seat_group"] == order[5] != "A"

    # The chair must be a council member named; then chair and vice-chair.
    citizen_pick = next(s["pick"] for s in state["order"] if not s["pick"]["council_member"])
    bad = post(
        client,
        f"/api/v1/appointments/{pk}/chairs/",
        {"chair": named[0].pk, "vice_chair": citizen_pick["person"] or 0, "version": version},
    )
    assert (bad.status_code, bad.json()["field"]) == (400, "vice_chair")
    done = post(
        client,
        f"/api/v1/appointments/{pk}/chairs/",
        {"chair": named[0].pk, "vice_chair": named[1].pk, "version": version},
    )
    assert done.status_code == 200, done.content
    record = done.json()
    assert record["status"] == "completed"
    assert (record["chair"]["id"], record["vice_chair"]["id"]) == (named[0].pk, named[1].pk)

    # The memberships are made from the record, each with the group that named the member.
    task.refresh_from_db()
    assert task.state == State.APPOINTED
    members = Membership.objects.filter(body=task.body).select_related("group", "person")
    assert members.count() == 15
    assert members.filter(is_council_member=True).count() == 5
    assert members.get(role=Role.CHAIR).person == named[0]
    assert members.get(role=Role.VICE_CHAIR).person == named[1]
    by_pick = {
        p.number: p for p in Appointment.objects.get(pk=pk).picks.select_related("membership")
    }
    for number, seat in enumerate(record["order"], start=1):
        assert by_pick[number].membership.group.short_name == seat["pick"]["named_by"]
    # The applicants are told: the appointed welcomed, the others thanked.
    appointed = Application.objects.filter(call=call, outcome=Outcome.APPOINTED)
    assert appointed.count() == 10
    assert Application.objects.filter(call=call, outcome=Outcome.NOT_APPOINTED).count() == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert sum("udpeget" in s for s in subjects) == 10
    assert sum(s.startswith("Tak for din ansøgning") for s in subjects) == 2

    # The record is public once completed.
    client.logout()
    assert client.get(f"/api/v1/appointments/{pk}/").status_code == 200
    # A second appointment of the same committee is refused.
    client.force_login(world.secretariat_user)
    again = post(client, "/api/v1/appointments/", {"task_committee": "skybrud", "reference": "KB"})
    assert again.status_code == 400

    # A vacancy: a citizen named by group A leaves; the same group names the replacement.
    leaving = by_pick[6].membership
    spare = Application.objects.filter(call=call, outcome=Outcome.NOT_APPOINTED).first()
    filled = post(
        client,
        "/api/v1/vacancies/",
        {
            "membership": leaving.pk,
            "application": spare.pk,
            "date": str(record["date"]),
            "reference": "KB 1.4.2026, pkt. 2",
        },
    )
    assert filled.status_code == 201, filled.content
    assert filled.json()["group"] == "A"
    vacancy = Vacancy.objects.get()
    assert vacancy.replacement.group.short_name == "A"
    assert vacancy.replacement.person.name == spare.name
    # A council member's seat is not filled by a citizen.
    council_seat = by_pick[1].membership
    refused = post(
        client,
        "/api/v1/vacancies/",
        {
            "membership": council_seat.pk,
            "application": Application.objects.filter(outcome=Outcome.NOT_APPOINTED).first().pk,
            "date": str(record["date"]),
            "reference": "KB",
        },
    )
    assert refused.status_code == 400
