"""Refusals of the appointment services and pages: each bad request is answered with the
reason in the user's language, next to the field, and nothing is written."""

import datetime as dt
import json

import pytest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from samskab.appointment import queries, services
from samskab.appointment.models import Appointment, Status, Vacancy
from samskab.organisation.models import Membership
from samskab.taskcommittees.models import AppointmentMethod

from .helpers import gentofte_council, recruited_task

pytestmark = pytest.mark.django_db

C = {"name": "C", "size": 12}


def post(client, path, data, **extra):
    return client.post(path, json.dumps(data), content_type="application/json", **extra)


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({"seats": 1.5, "groups": [C]}, "Antallet af pladser skal være et helt tal."),
        (
            {"seats": 3, "groups": [C, {"name": "A", "size": "x"}]},
            "Størrelsen på gruppe 2 skal være et helt tal.",
        ),
        ([1, 2], "Forespørgslen skal være et JSON-objekt."),
        ({"groups": [C]}, "Feltet seats mangler."),
        ({"seats": 3, "groups": "C"}, "Grupperne skal være en liste."),
        ({"seats": 3, "groups": [C, 7]}, "Gruppe 2 skal være et objekt med navn og størrelse."),
        ({"seats": 3, "groups": []}, "Angiv mindst én gruppe."),
        (
            {"seats": 3, "groups": [{"name": f"G{n}", "size": 1} for n in range(1001)]},
            "Angiv højst 1000 grupper.",
        ),
        ({"seats": 0, "groups": [C]}, "Antallet af pladser skal være mindst 1."),
        ({"seats": 100001, "groups": [C]}, "Antallet af pladser må højst være 100000."),
        ({"seats": 3, "groups": [C], "seed": 42}, "Frøet (seed) skal være tekst."),
        ({"seats": 3, "groups": [{"name": 5, "size": 1}]}, "Navnet på gruppe 1 skal være tekst."),
        ({"seats": 3, "groups": [{"name": "  ", "size": 1}]}, "Gruppe 1 skal have et navn."),
        (
            {"seats": 3, "groups": [C, {"name": "C", "size": 2}]},
            "Gruppe 2 har samme navn som gruppe 1.",
        ),
        (
            {"seats": 3, "groups": [{"name": "C", "size": 0}]},
            "Størrelsen på gruppe 1 skal være mindst 1.",
        ),
    ],
)
def test_dhondt_api_refuses_bad_input_with_the_reason(client, body, detail):
    response = post(client, "/api/v1/dhondt", body)
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == detail


# --- Opening the appointment meeting ------------------------------------------------------


def start(client, world, **data):
    client.force_login(world.secretariat_user)
    body = {"task_committee": "skybrud", "reference": "KB 1.3.2026, pkt. 4", "seed": "t"}
    return post(client, "/api/v1/appointments/", {**body, **data})


def refused(response, field, detail):
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["field"] == field
    assert body["detail"] == detail
    assert not Appointment.objects.exists()


@pytest.fixture
def council(world):
    return gentofte_council(world)


def test_start_refuses_a_date_in_the_future(client, world, council):
    recruited_task(world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = start(client, world, date=tomorrow.isoformat())
    refused(response, "date", _("The date cannot be in the future."))


def test_start_refuses_a_date_before_the_committees_last_step(client, world, council):
    task, _call, _pool = recruited_task(world)
    before = task.state_changed_on - dt.timedelta(days=1)
    response = start(client, world, date=before.isoformat())
    assert response.status_code == 400
    assert response.json()["field"] == "date"
    assert task.state_changed_on.strftime("%d.%m.%Y") in response.json()["detail"]
    assert not Appointment.objects.exists()


def test_start_refuses_when_the_terms_say_unanimous_and_no_seats_are_given(client, world, council):
    task, _call, _pool = recruited_task(world)
    terms = task.approved_version
    terms.appointment_method = AppointmentMethod.UNANIMOUS
    terms.save()
    refused(
        start(client, world),
        "departure",
        "Kommissoriet siger, at kommunalbestyrelsen udpeger medlemmerne enstemmigt: angiv "
        "hver gruppes pladser, og registrér den enstemmige beslutning.",
    )


DEPARTURE = {"C": 9, "A": 2, "B": 2, "V": 1, "F": 1}


@pytest.mark.parametrize(
    ("data", "field", "detail"),
    [
        (
            {"departure": {**DEPARTURE, "C": 8}},
            "departure",
            "Gruppernes pladser giver 14 i alt; udvalget har 15.",
        ),
        (
            {"departure": {**DEPARTURE, "X": 1}},
            "departure",
            "X er ikke en af grupperne i denne udpegning.",
        ),
        (
            {"departure": {**DEPARTURE, "C": 16}},
            "departure",
            "Gruppe C's pladser skal være et helt tal fra 0 til 15.",
        ),
        (
            {"departure_note": ""},
            "departure_note",
            "En fravigelse af d'Hondt kræver kommunalbestyrelsens beslutning: angiv møde og punkt.",
        ),
        (
            {"unanimous": False},
            "unanimous",
            "En fravigelse af d'Hondt kræver en enstemmig beslutning i kommunalbestyrelsen: "
            "bekræft den.",
        ),
        (
            {"physical_lot": ["C", "A"]},
            "physical_lot",
            "Pladser fordelt enstemmigt kræver ingen lodtrækning: lad den fysiske lodtrækning "
            "stå tom.",
        ),
    ],
)
def test_start_refuses_a_departure_from_dhondt_without_its_unanimous_decision(
    client, world, council, data, field, detail
):
    recruited_task(world)
    body = {
        "departure": DEPARTURE,
        "departure_note": "KB 1.3.2026, pkt. 4: vedtaget enstemmigt",
        "unanimous": True,
        **data,
    }
    refused(start(client, world, **body), field, detail)


def test_start_refuses_a_second_appointment(client, world, council):
    recruited_task(world)
    assert start(client, world).status_code == 201
    again = start(client, world)
    assert again.status_code == 400
    assert Appointment.objects.count() == 1


def test_start_refuses_a_date_no_term_covers(client, world, council):
    task, _call, _pool = recruited_task(world)
    task.state_changed_on = world.term.start_date - dt.timedelta(days=400)
    task.save()
    before = world.term.start_date - dt.timedelta(days=1)
    response = start(client, world, date=before.isoformat())
    refused(response, "date", _("No council term of office covers that date."))


def test_start_refuses_a_pool_without_a_call(client, world, council):
    _task, call, _pool = recruited_task(world)
    call.applications.all().delete()
    call.delete()
    response = start(client, world)
    refused(
        response,
        "require_pool",
        _("The citizens are to come from the applicant list, but there was no call."),
    )


def test_start_refuses_while_the_call_is_open(client, world, council):
    _task, call, _pool = recruited_task(world)
    call.deadline = timezone.now() + dt.timedelta(days=3)
    call.save()
    response = start(client, world)
    assert response.status_code == 400
    assert response.json()["detail"] == _(
        "The call is still open: the pool is complete once the deadline has passed."
    )
    assert not Appointment.objects.exists()


def test_start_refuses_an_unknown_group(client, world, council):
    recruited_task(world)
    response = start(client, world, sizes={"Q": 3}, sizes_note="Ny liste")
    refused(response, "sizes", _("%(name)s is not one of the council's groups.") % {"name": "Q"})


def test_start_refuses_a_size_out_of_range(client, world, council):
    recruited_task(world)
    response = start(client, world, sizes={"C": 101}, sizes_note="Fejl")
    refused(
        response,
        "sizes",
        _("The size of group %(name)s must be a whole number from 0 to 100.") % {"name": "C"},
    )


def test_start_refuses_other_sizes_without_a_reason(client, world, council):
    recruited_task(world)
    response = start(client, world, sizes={"C": 11})
    refused(
        response, "sizes_note", _("The groups' sizes differ from the council's: give the reason.")
    )


def test_start_refuses_when_no_group_is_left(client, world, council):
    recruited_task(world)
    zero = dict.fromkeys(["C", "A", "B", "V", "F", "Ø"], 0)
    response = start(client, world, sizes=zero, sizes_note="Alle udtrådt")
    refused(response, "sizes", _("The council has no groups on that date."))


# --- The pages ----------------------------------------------------------------------------


def test_calculator_asks_for_a_group_when_none_is_given(client, db):
    # No council term exists: "use the council's groups" gives no rows either.
    response = client.get("/dhondt/?council=1&seats=3")
    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context["errors"]["groups"] == _("Enter at least one group.")
    assert _("Enter at least one group.") in response.content.decode()


def test_start_page_shows_a_bad_date_and_a_bad_size_next_to_the_fields(client, world, council):
    recruited_task(world)
    client.force_login(world.secretariat_user)
    response = client.post(
        "/udpegning/ny/",
        {"task": "skybrud", "date": "31.02.2026", "size_C": "tolv", "reference": "KB"},
    )
    assert response.status_code == 400
    errors = response.context["errors"]
    assert set(errors) >= {"date", "sizes"}
    assert errors["sizes"] == _("The size of group %(name)s must be a whole number.") % {
        "name": "C"
    }
    page = response.content.decode()
    assert escape(errors["date"]) in page
    assert escape(errors["sizes"]) in page
    assert not Appointment.objects.exists()


def test_start_page_shows_the_refusal_of_a_constitution(client, world, council):
    client.force_login(world.secretariat_user)
    response = client.post("/udpegning/ny/", {"council": world.council.slug, "reference": " "})
    assert response.status_code == 400
    errors = response.context["errors"]
    assert errors
    for message in errors.values():
        assert escape(message) in response.content.decode()
    assert not Appointment.objects.exists()


def test_start_refuses_a_date_nobody_means(client, world, council):
    recruited_task(world)
    response = start(client, world, date="1800-01-01")
    assert response.status_code == 400
    assert response.json()["field"] == "date"
    assert "1800" not in response.json()["detail"]
    assert not Appointment.objects.exists()


# --- The constitution ---------------------------------------------------------------------


def constitute(client, world, **data):
    client.force_login(world.secretariat_user)
    body = {"council": world.council.slug, "reference": "KB 1.1.2026", "seed": "k", **data}
    return post(client, "/api/v1/appointments/", body)


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        ({"date": "1800-01-01"}, None),
        ({"reference": "  "}, "This is a council decision: give the council meeting."),
    ],
)
def test_constitution_start_refuses_a_bad_date_or_no_reference(
    client, world, council, data, detail
):
    response = constitute(client, world, **data)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["field"] in {"date", "reference"}
    if detail:
        assert body["detail"] == _(detail)
    assert not Appointment.objects.exists()


def test_constitution_start_refuses_a_future_date(client, world, council):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = constitute(client, world, date=tomorrow.isoformat())
    refused(response, "date", _("The date cannot be in the future."))


@pytest.fixture
def constitution(client, world, council):
    response = constitute(client, world)
    assert response.status_code == 201, response.content
    return response.json()


def pick_seat(client, record, **data):
    body = {"number": 1, "version": record["version"], "committee": "tm", **data}
    return post(client, f"/api/v1/appointments/{record['id']}/picks/", body)


def test_constitution_refuses_a_pick_out_of_turn(client, world, council, constitution):
    _groups, people = council
    response = pick_seat(client, constitution, number=2, person=people["C"][0].pk)
    assert (response.status_code, response.json()["field"]) == (400, "number")
    assert not Appointment.objects.get().picks.exists()


def test_constitution_refuses_an_unknown_naming_group(client, world, council, constitution):
    _groups, people = council
    response = pick_seat(client, constitution, person=people["C"][0].pk, named_by="Q")
    assert (response.status_code, response.json()["field"]) == (400, "named_by")
    assert not Appointment.objects.get().picks.exists()


def test_constitution_refuses_a_seat_given_away_without_a_note(
    client, world, council, constitution
):
    _groups, people = council
    first = constitution["order"][0]["group"]
    other = "A" if first != "A" else "C"
    response = pick_seat(client, constitution, person=people[other][0].pk, named_by=other)
    assert (response.status_code, response.json()["field"]) == (400, "note")
    assert not Appointment.objects.get().picks.exists()


def test_constitution_refuses_someone_not_on_the_council(
    client, world, council, constitution, plain_person
):
    response = pick_seat(client, constitution, person=plain_person.pk)
    assert (response.status_code, response.json()["field"]) == (400, "person")
    assert not Appointment.objects.get().picks.exists()


def test_constitution_refuses_another_groups_member_without_a_note(
    client, world, council, constitution
):
    _groups, people = council
    first = constitution["order"][0]["group"]
    other = "A" if first != "A" else "C"
    response = pick_seat(client, constitution, person=people[other][0].pk)
    assert (response.status_code, response.json()["field"]) == (400, "note")
    assert not Appointment.objects.get().picks.exists()


# --- Picks in a task committee's appointment ----------------------------------------------


@pytest.fixture
def meeting(client, world, council):
    task, call, pool = recruited_task(world)
    response = start(client, world)
    assert response.status_code == 201, response.content
    return response.json(), pool


def pick_task_seat(client, record, **data):
    body = {"number": 1, "version": record["version"], **data}
    return post(client, f"/api/v1/appointments/{record['id']}/picks/", body)


def no_picks():
    return not Appointment.objects.get().picks.exists()


def test_pick_refuses_an_unknown_naming_group(client, world, council, meeting):
    record, pool = meeting
    response = pick_task_seat(client, record, application=pool[0].pk, named_by="Q")
    refused_pick = response.json()
    assert (response.status_code, refused_pick["field"]) == (400, "named_by")
    assert refused_pick["detail"] == _("%(name)s is not one of the groups in this appointment.") % {
        "name": "Q"
    }
    assert no_picks()


def test_pick_refuses_a_seat_given_away_without_a_note(client, world, council, meeting):
    record, pool = meeting
    first = record["order"][0]["group"]
    other = "A" if first != "A" else "C"
    response = pick_task_seat(client, record, application=pool[0].pk, named_by=other)
    assert (response.status_code, response.json()["field"]) == (400, "note")
    assert no_picks()


def test_pick_refuses_both_a_member_and_an_applicant(client, world, council, meeting):
    record, pool = meeting
    _groups, people = council
    response = pick_task_seat(client, record, application=pool[0].pk, person=people["C"][0].pk)
    assert response.status_code == 400
    assert response.json()["detail"] == _(
        "Name either a council member or an applicant from the pool."
    )
    assert no_picks()


def test_pick_refuses_a_citizen_outside_the_pool_when_the_pool_is_required(
    client, world, council, meeting, plain_person
):
    record, _pool = meeting
    response = pick_task_seat(client, record, person=plain_person.pk)
    assert (response.status_code, response.json()["field"]) == (400, "person")
    assert plain_person.name in response.json()["detail"]
    assert no_picks()


def test_pick_refuses_an_applicant_of_another_call(client, world, council, meeting):
    record, _pool = meeting
    _task, _call, other_pool = recruited_task(world, slug="andet")
    response = pick_task_seat(client, record, application=other_pool[0].pk)
    refused_pick = response.json()
    assert (response.status_code, refused_pick["field"]) == (400, "application")
    assert no_picks()


def test_pick_refuses_the_same_direct_citizen_twice(client, world, council, plain_person):
    recruited_task(world)
    started = start(client, world, require_pool=False)
    assert started.status_code == 201, started.content
    record = started.json()
    first = pick_task_seat(client, record, person=plain_person.pk)
    assert first.status_code == 200, first.content
    again = pick_task_seat(client, first.json(), number=2, person=plain_person.pk)
    assert (again.status_code, again.json()["field"]) == (400, "person")
    assert again.json()["detail"] == _("%(name)s is already named.") % {"name": plain_person.name}
    assert Appointment.objects.get().picks.count() == 1


# --- Chair and vice-chair -----------------------------------------------------------------


def every_seat_named(world, task):
    """The meeting with every seat named (as helpers.appoint does), chairs not yet chosen."""
    actor = world.secretariat_user
    appointment = services.start(
        actor, task, date=timezone.localdate(), reference="KB", seed="test"
    )
    while (due := services.next_number(appointment)) is not None:
        entry = appointment.order[due - 1]
        state = queries.state(appointment)
        candidates = [
            m.person
            for m in queries.council_candidates(appointment)
            if m.group.short_name == entry["group"]
        ]
        if state["council_named"] < appointment.council_seats and candidates:
            chosen = {"person": candidates[0]}
        else:
            chosen = {"application": queries.pool(appointment)[0]}
        services.pick(actor, appointment, number=due, version=appointment.version, **chosen)
        appointment.refresh_from_db()
    return appointment


def test_chairs_must_be_two_different_council_members_named(client, world, council):
    task, _call, _pool = recruited_task(world)
    appointment = every_seat_named(world, task)
    members = [p.person for p in appointment.picks.filter(is_council_member=True)]
    client.force_login(world.secretariat_user)
    path = f"/api/v1/appointments/{appointment.pk}/chairs/"
    body = {"chair": world.citizen.pk, "vice_chair": members[0].pk, "version": appointment.version}
    outsider = post(client, path, body)
    assert outsider.status_code == 400, outsider.content
    assert outsider.json()["errors"]["chair"] == [
        _("The chair must be one of the council members named.")
    ]
    same = post(client, path, {**body, "chair": members[0].pk})
    assert same.status_code == 400
    assert same.json()["errors"]["vice_chair"] == [_("The chair cannot also be the vice-chair.")]
    appointment.refresh_from_db()
    assert appointment.status != Status.COMPLETED
    assert appointment.chair is None


# --- Vacancies ----------------------------------------------------------------------------


def fill(client, world, membership, **data):
    client.force_login(world.secretariat_user)
    body = {
        "membership": membership.pk,
        "date": timezone.localdate().isoformat(),
        "reference": "KB 1.4.2026, pkt. 7",
        **data,
    }
    return post(client, "/api/v1/vacancies/", body)


def nothing_filled(membership):
    membership.refresh_from_db()
    return not Vacancy.objects.exists() and membership.end_date is None


@pytest.fixture
def seat(world):
    return Membership.objects.get(person=world.citizen, body=world.task)


def test_vacancy_refuses_a_future_date_and_no_reference(client, world, seat):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = fill(client, world, seat, date=tomorrow.isoformat(), reference=" ")
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == {
        "date": [_("The date cannot be in the future.")],
        "reference": [_("This is a council decision: give the council meeting.")],
    }
    assert nothing_filled(seat)


def test_vacancy_refuses_a_date_nobody_means(client, world, seat, plain_person):
    response = fill(client, world, seat, date="1800-01-01", person=plain_person.pk)
    assert (response.status_code, response.json()["field"]) == (400, "date")
    assert nothing_filled(seat)


def test_vacancy_refuses_a_seat_no_group_named(client, world, plain_person):
    seat = Membership.objects.get(person=world.other_citizen, body=world.other_task)
    response = fill(client, world, seat, person=plain_person.pk)
    assert (response.status_code, response.json()["field"]) == (400, "membership")
    assert nothing_filled(seat)


def test_vacancy_refuses_neither_a_person_nor_an_applicant(client, world, seat):
    response = fill(client, world, seat)
    assert response.status_code == 400
    assert response.json()["detail"] == _(
        "Name either a council member or an applicant from the pool."
    )
    assert nothing_filled(seat)


def test_vacancy_refuses_a_council_member_for_a_citizens_seat(client, world, seat):
    response = fill(client, world, seat, person=world.mayor.pk)
    assert response.status_code == 400
    assert response.json()["detail"] == _("A citizen's seat is filled by a citizen.")
    assert nothing_filled(seat)


def test_vacancy_refuses_an_applicant_outside_the_pool(client, world, seat):
    _task, _call, pool = recruited_task(world, slug="andet")
    response = fill(client, world, seat, application=pool[0].pk)
    assert response.status_code == 400
    assert response.json()["detail"] == _("The citizen is not in the applicant pool.")
    assert nothing_filled(seat)


def test_vacancy_refuses_someone_already_on_the_committee(client, world, seat):
    response = fill(client, world, seat, person=world.citizen.pk)
    assert response.status_code == 400
    assert response.json()["detail"] == _("%(name)s already sits on the committee.") % {
        "name": world.citizen.name
    }
    assert nothing_filled(seat)


# --- The pages of the meeting and of vacancies --------------------------------------------


def vacancy_page(client, world, **data):
    client.force_login(world.secretariat_user)
    body = {"date": timezone.localdate().strftime("%d.%m.%Y"), "reference": "KB", **data}
    return client.post(f"/udpegning/udvalg/{world.task.slug}/ledige-pladser/besaet/", body)


def test_vacancy_page_shows_the_refusal_next_to_the_field(client, world, seat):
    response = vacancy_page(client, world, membership=seat.pk, who=f"p{world.mayor.pk}")
    assert response.status_code == 400
    assert response.context["errors"] == {"person": _("A citizen's seat is filled by a citizen.")}
    assert escape(_("A citizen's seat is filled by a citizen.")) in response.content.decode()
    assert nothing_filled(seat)


def test_vacancy_page_refuses_an_applicant_outside_the_pool(client, world, seat):
    _task, _call, pool = recruited_task(world, slug="andet")
    response = vacancy_page(client, world, membership=seat.pk, who=f"a{pool[0].pk}")
    assert response.status_code == 400
    assert response.context["errors"] == {
        "application": _("The citizen is not in the applicant pool.")
    }
    assert nothing_filled(seat)


def test_vacancy_page_fills_the_seat_with_a_citizen(client, world, seat, plain_person):
    response = vacancy_page(client, world, membership=seat.pk, who=f"p{plain_person.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/udpegning/udvalg/{world.task.slug}/ledige-pladser/"
    vacancy = Vacancy.objects.get()
    assert vacancy.replacement.person == plain_person
    seat.refresh_from_db()
    assert seat.end_date is not None


def test_chairs_page_completes_the_decision_record(client, world, council):
    task, _call, _pool = recruited_task(world)
    appointment = every_seat_named(world, task)
    members = [p.person for p in appointment.picks.filter(is_council_member=True)]
    client.force_login(world.secretariat_user)
    response = client.post(
        f"/udpegning/{appointment.pk}/formand/",
        {"chair": members[0].pk, "vice_chair": members[1].pk, "version": appointment.version},
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == Status.COMPLETED
    assert (appointment.chair, appointment.vice_chair) == (members[0], members[1])


def test_meeting_page_names_an_applicant_from_the_pool(client, world, council, meeting):
    record, pool = meeting
    appointment = Appointment.objects.get()
    first = record["order"][0]
    assert first["kind"] != "council"
    response = client.post(
        f"/udpegning/{appointment.pk}/valg/",
        {"who": f"a{pool[0].pk}", "number": 1, "version": appointment.version},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/udpegning/{appointment.pk}/"
    assert appointment.picks.get().application == pool[0]


def test_vacancy_refuses_a_seat_that_already_ended(client, world, seat, plain_person):
    seat.end_date = timezone.localdate() - dt.timedelta(days=10)
    seat.save()
    response = fill(client, world, seat, person=plain_person.pk)
    assert response.status_code == 400
    assert response.json()["detail"] == _("Only a current member's seat can be filled.")
    assert not Vacancy.objects.exists()


def separately_without_citizens(world):
    task, _call, _pool = recruited_task(world, citizens=0)
    terms = task.approved_version
    terms.appointment_method = AppointmentMethod.DHONDT_SEPARATELY
    terms.save()
    return task


def test_separately_with_no_citizen_seats_allocates_council_seats_only(client, world, council):
    separately_without_citizens(world)
    response = start(client, world)
    assert response.status_code == 201, response.content
    order = response.json()["order"]
    assert len(order) == 5
    assert {seat["group"] for seat in order} == {"C"}


def test_start_refuses_a_physical_draw_when_no_lot_decides_a_seat(client, world, council):
    separately_without_citizens(world)
    response = start(client, world, physical_lot=["C", "A"])
    refused(
        response,
        "physical_lot",
        _("No lot decides a seat here: there is no physical draw to enter."),
    )


def test_meetings_page_offers_no_second_constitution(client, world, council, constitution):
    response = client.get("/udpegning/")
    assert response.status_code == 200
    assert response.context["council"] is None


def separately(client, world, **data):
    task, _call, pool = recruited_task(world)
    terms = task.approved_version
    terms.appointment_method = AppointmentMethod.DHONDT_SEPARATELY
    terms.save()
    response = start(client, world, **data)
    assert response.status_code == 201, response.content
    record = response.json()
    assert record["order"][0]["kind"] == "council"
    return record, pool


def test_pick_refuses_an_applicant_on_a_council_seat(client, world, council):
    record, pool = separately(client, world)
    response = pick_task_seat(client, record, application=pool[0].pk)
    assert response.status_code == 400
    assert response.json()["detail"] == _("This seat is a council member's seat.")
    assert no_picks()


def test_pick_refuses_a_direct_citizen_on_a_council_seat(client, world, council, plain_person):
    record, _pool = separately(client, world, require_pool=False)
    response = pick_task_seat(client, record, person=plain_person.pk)
    assert response.status_code == 400
    assert response.json()["detail"] == _("This seat is a council member's seat.")
    assert no_picks()


def test_no_pick_once_every_seat_is_named(client, world, council):
    task, _call, pool = recruited_task(world)
    appointment = every_seat_named(world, task)
    client.force_login(world.secretariat_user)
    response = post(
        client,
        f"/api/v1/appointments/{appointment.pk}/picks/",
        {"number": 16, "version": appointment.version, "application": pool[-1].pk},
    )
    assert response.status_code == 400
    assert response.json()["detail"] == _("Every seat is named: the chair and vice-chair are next.")
    assert appointment.picks.count() == 15


def test_vice_chair_must_be_a_council_member_named(client, world, council):
    task, _call, _pool = recruited_task(world)
    appointment = every_seat_named(world, task)
    members = [p.person for p in appointment.picks.filter(is_council_member=True)]
    client.force_login(world.secretariat_user)
    response = post(
        client,
        f"/api/v1/appointments/{appointment.pk}/chairs/",
        {"chair": members[0].pk, "vice_chair": world.citizen.pk, "version": appointment.version},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "vice_chair": [_("The vice-chair must be one of the council members named.")]
    }
    appointment.refresh_from_db()
    assert appointment.chair is None


def test_calculator_fills_in_the_councils_groups(client, world, council):
    response = client.get("/dhondt/?council=1&seats=15&seed=gentofte")
    assert response.status_code == 200
    assert response.context["errors"] == {}
    seats = response.context["result"].seats
    assert set(seats) == {"C", "A", "B", "V", "F", "Ø"}
    assert sum(seats.values()) == 15
    # Thirteen seats without a lot (C11, A1, B1); the last two by lot at quotient 1.
    assert seats["C"] >= 11 and seats["A"] >= 1 and seats["B"] >= 1
