"""A departure from d'Hondt: the council decides each group's seats unanimously, recorded with
the decision, through the page and the API; the picks keep the caps."""

import json

import pytest
from auditlog.models import LogEntry

from samskab.appointment.models import Appointment, Method
from samskab.taskcommittees.models import AppointmentMethod

from .helpers import gentofte_council, recruited_task

pytestmark = pytest.mark.django_db

DECISION = "KB 1.3.2026, pkt. 4: vedtaget enstemmigt"


def post(client, path, data):
    return client.post(path, json.dumps(data), content_type="application/json")


def test_terms_that_say_unanimous_are_appointed_with_the_seats_the_council_decided(client, world):
    _groups, council = gentofte_council(world)
    task, _call, pool = recruited_task(world)
    terms = task.approved_version
    terms.appointment_method = AppointmentMethod.UNANIMOUS
    terms.save()
    client.force_login(world.secretariat_user)
    started = post(
        client,
        "/api/v1/appointments/",
        {
            "task_committee": "skybrud",
            "reference": "KB 1.3.2026, pkt. 4",
            "departure": {"C": 9, "A": 2, "B": 2, "V": 1, "F": 1, "Ø": 0},
            "departure_note": DECISION,
            "unanimous": True,
        },
    )
    assert started.status_code == 201, started.content
    record = started.json()
    assert (record["method"], record["departure_note"], record["lots"]) == (
        "unanimous",
        DECISION,
        [],
    )
    seats = {g["name"]: g["seats"] for g in record["groups"]}
    assert seats == {"C": 9, "A": 2, "B": 2, "V": 1, "F": 1, "Ø": 0}
    # The groups name in turn, the group with most seats first; no quotients.
    order = [s["group"] for s in record["order"]]
    assert order[:5] == ["C", "A", "B", "F", "V"]
    assert order[5:7] == ["C", "A"] and order[7] == "B" and order[8:] == ["C"] * 7
    assert {s["quotient"] for s in record["order"]} == {None}
    appointment = Appointment.objects.get()
    assert appointment.method == Method.UNANIMOUS
    [entry] = [
        e
        for e in LogEntry.objects.get_for_object(appointment)
        if (e.additional_data or {}).get("action") == "start_appointment"
    ]
    assert entry.actor == world.secretariat_user
    assert entry.additional_data["method"] == "unanimous"

    # The caps hold as they do under d'Hondt: once five council members are named, a sixth
    # is refused with the reason.
    version = record["version"]
    used = dict.fromkeys(council, 0)
    for number, group in enumerate(order[:5], start=1):
        answer = post(
            client,
            f"/api/v1/appointments/{appointment.pk}/picks/",
            {"number": number, "version": version, "person": council[group][used[group]].pk},
        )
        assert answer.status_code == 200, answer.content
        version = answer.json()["version"]
        used[group] += 1
    sixth = order[5]
    six = post(
        client,
        f"/api/v1/appointments/{appointment.pk}/picks/",
        {"number": 6, "version": version, "person": council[sixth][used[sixth]].pk},
    )
    assert six.status_code == 400
    assert "5" in six.json()["detail"]
    # The meeting's page says the seats were decided unanimously, with the decision.
    page = client.get(appointment.get_absolute_url()).content.decode()
    assert "Fravigelse af d&#x27;Hondt" in page or "Fravigelse af d'Hondt" in page
    assert DECISION in page
    assert pool  # the pool is there for the citizens' seats


def test_the_page_opens_a_departure_and_keeps_what_was_typed_when_refused(client, world):
    gentofte_council(world)
    recruited_task(world)
    client.force_login(world.secretariat_user)
    form = {
        "task": "skybrud",
        "reference": "KB 1.3.2026, pkt. 4",
        "require_pool": "on",
        "departure_C": "9",
        "departure_A": "2",
        "departure_B": "2",
        "departure_V": "1",
        "departure_F": "1",
        "departure_note": DECISION,
    }
    refused = client.post("/udpegning/ny/", form)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'id="id_unanimous_error"' in page
    assert "bekræft den" in page
    assert 'name="departure_C" value="9"' in page
    assert f'value="{DECISION}"' in page
    assert not Appointment.objects.exists()

    started = client.post("/udpegning/ny/", {**form, "unanimous": "on"})
    assert started.status_code == 302, started.content.decode()[:2000]
    appointment = Appointment.objects.get()
    assert appointment.method == Method.UNANIMOUS
    assert appointment.departure_note == DECISION
    assert [e["group"] for e in appointment.order][:5] == ["C", "A", "B", "F", "V"]
